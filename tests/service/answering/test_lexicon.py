from __future__ import annotations

import pytest

from service.answering.lexicon import english_terms, translated_count, translated_share, translations


@pytest.mark.parametrize(
    ("word", "chinese"),
    [
        ("silver", "银奖"),
        ("outpatient", "门诊"),
        ("awards", "奖项"),  # a plural
        ("trained", "培训"),  # a past tense
        ("training", "培训"),
        ("studies", "研究"),
        ("clinics", "卫生室"),  # not in CC-CEDICT: a village clinic of Chinese health news
        ("clinic", "卫生院"),
    ],
)
def test_english_words_find_their_chinese_translations(word: str, chinese: str) -> None:
    assert chinese in translations(word)


def test_unknown_and_common_words_translate_to_nothing() -> None:
    assert translations("xqzt") == frozenset()
    assert english_terms("How many of them were there?") == []  # stopwords only
    # an evaluative word glosses dozens of Chinese words (改善, 更好…): it says nothing of the topic
    assert english_terms("Which is better, or best?") == []


def test_pinyin_names_are_no_terms_to_translate() -> None:
    terms = english_terms("How many outpatients did Hebi receive?")
    assert not any("鹤壁" in t for t in terms)
    assert any("门诊" in t for t in terms)


def test_translated_share_counts_words_and_bigrams_of_the_sentence() -> None:
    terms = english_terms("How many entries won silver awards?")
    assert translated_share(terms, "6件作品获得银奖。") > translated_share(terms, "3件作品获得金奖。")
    assert translated_share([], "6件作品获得银奖。") == 0.0
    held = translated_count(terms, "6件作品获得银奖。")
    assert held >= 1 and translated_share(terms, "6件作品获得银奖。") == held / len(terms)
