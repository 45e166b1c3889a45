from __future__ import annotations

from service.answering.honours import honours_missing


def test_an_honour_the_article_never_names_is_missing() -> None:
    article = "2008年,他带着缝纫机到了成都,找了一个能够走动的环卫工作。"
    assert honours_missing("环卫工邓贤国是哪一年获评全国道德模范的？", article) == ["全国道德模范"]
    assert honours_missing("环卫工邓贤国是哪一年获评全国道德模范的？", "他2015年获评全国道德模范。") == []


def test_an_honour_is_matched_loosely_and_an_asked_one_names_nothing() -> None:
    # the words before 的 are a modifier news words otherwise (省里的: 省级)
    assert honours_missing("哪个专业被评为省里的重点中医专科？", "中医康复被评为省级重点中医专科") == []
    assert honours_missing("有几个党支部被评为学习型的党组织？", "两个党支部被评为学习型党组织") == []
    assert honours_missing("康复科被评为哪一级的重点专科？", "康复科是重点专科") == []
