from __future__ import annotations

import pytest

from service.answering.pinyin_names import (
    english_names,
    foreign_names,
    is_pinyin,
    names_found,
    short_and_naming,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Mengjin", True),
        ("Haidong", True),
        ("Pingdingshan", True),
        ("hospital", False),
        ("Shi", False),
        ("procedure", False),
    ],
)
def test_is_pinyin_needs_two_or_more_syllables(word: str, expected: bool) -> None:
    assert is_pinyin(word) is expected


def test_english_names_are_the_capitalised_pinyin_words() -> None:
    assert english_names("How much money did Wuxi invest in its medical assistance to Haidong?") == [
        "wuxi",
        "haidong",
    ]
    assert english_names("Mengjin District TCM Hospital ranked seventh") == ["mengjin"]
    assert english_names("What was the theme of the 30th National Cancer Week?") == []


def test_names_are_matched_against_the_readings_of_chinese_characters() -> None:
    assert names_found(["mengjin", "luoyang"], "孟津区中医院") == ["mengjin"]
    # any reading of a character counts: 长 alone reads zhang, in 长沙 chang
    assert names_found(["changsha", "zhangsha"], "长沙市") == ["changsha", "zhangsha"]
    # OCR puts spaces between characters; one of them does not hide a name
    assert names_found(["puyang"], "濮 阳市卫生健康委") == ["puyang"]
    # several syllable splits: xi'an or xian
    assert names_found(["xian"], "西安市") == ["xian"] == names_found(["xian"], "孟津县")
    text = "无锡市已派出270余名医疗领域专家到海东市进行帮扶"
    assert names_found(["wuxi", "haidong", "changsha"], text) == ["wuxi", "haidong"]


def test_english_words_that_spell_pinyin_are_no_names() -> None:
    asked = "Which department is a key specialty of the Administration of Traditional Chinese Medicine since June?"
    assert english_names(asked) == []


def test_an_apostrophe_parts_syllables_and_a_possessive_is_no_name() -> None:
    assert english_names("Where is Wan'anshan Hospital of Luoyang?") == ["wananshan", "luoyang"]
    assert english_names("Who runs Mengjin's People's Hospital?") == ["mengjin"]


def test_a_capitalised_english_word_that_spells_pinyin_is_no_name() -> None:
    # a + long spells pinyin, but the dictionary writes "along" in lower case: an English word
    assert english_names("Along with screening, what does the Tianjin centre give its patients?") == [
        "tianjin"
    ]


def test_foreign_names_come_with_their_chinese_spellings() -> None:
    assert foreign_names("How many eye doctors are there in Djibouti?") == [
        ("Djibouti", frozenset({"吉布提", "吉布地"}))
    ]
    assert [n for n, _ in foreign_names("Which hospitals in Israel trained Xingyi's doctors?")] == ["Israel"]
    assert foreign_names("What did Wuxi's doctors do in Haidong?") == []  # pinyin names are matched apart


def test_a_short_english_question_naming_a_place_in_pinyin() -> None:
    assert short_and_naming("How many experts has Wuxi sent to Haidong?")
    assert not short_and_naming("How many experts have been sent?")  # no name
    # twelve words or more: long enough for its cosines to rank its passages
    assert not short_and_naming("How many medical experts has Wuxi sent to Haidong over the past five years?")
