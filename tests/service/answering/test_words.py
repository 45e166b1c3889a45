"""words.py: the segmenter's words and characters-in-order abbreviations."""

from __future__ import annotations

from service.answering.words import chinese_only, in_order, numbered_slogan, tagged


def test_a_name_is_abbreviated_by_its_characters_in_order() -> None:
    assert in_order("心内科", "该院心血管内科主任")
    assert not in_order("心内科", "该院心胸外科主任")
    assert in_order("质控", "医疗质量控制中心", ".")  # exactly one character between
    assert not in_order("质控", "医疗质量与控制中心", ".")


def test_tagged_keeps_words_of_two_characters_or_more_with_the_given_tags() -> None:
    assert "鹤壁市" in tagged("鹤壁市卫健委召开会议", ("ns",))
    assert all(len(w) >= 2 for w in tagged("鹤壁市卫健委召开会议", ("n", "v", "ns")))


def test_chinese_only_is_chinese_characters_and_nothing_else() -> None:
    assert chinese_only("医疗健康集团")
    assert chinese_only("个医疗健")  # a classifier is a character too
    assert not any(chinese_only(t) for t in ("", "5g网络", "医院,", "医 院", "mdt联盟"))


def test_a_numbered_slogan_takes_any_figure_for_ji() -> None:
    slogan = numbered_slogan("领导班子成员落实的是“一岗几责”？")
    assert slogan is not None and slogan.search('班子成员严格落实"一岗双责"')
    assert not slogan.search("严格落实岗位责任")
    assert numbered_slogan("落实的是几项责任？") is None  # no quoted slogan


def test_ji_before_a_quoted_word_counts_it() -> None:
    slogan = numbered_slogan("在组织建设方面，提出要做实几个“强”？")
    assert slogan is not None and slogan.search('推进治理体系在组织建设上,做实"四强"。')
    assert not slogan.search("强化党支部建设")
