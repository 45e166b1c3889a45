"""Traditional and simplified Chinese folded to one script (OpenCC hk2s), and back for replies."""

from __future__ import annotations

import re

import pytest

from embeddings.script import (
    either_script,
    to_simplified,
    to_simplified_aligned,
    to_traditional,
)


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("鶴壁市截至9月底共受理多少件醫療糾紛案件？", "鹤壁市截至9月底共受理多少件医疗纠纷案件？"),
        ("為什麼", "为什么"),
        ("乾燥的頭髮", "干燥的头发"),  # phrase by phrase: 乾 is 干 here ...
        ("乾坤", "乾坤"),  # ... and stays in a word simplified Chinese still writes with it
    ],
)
def test_traditional_folds_to_simplified(traditional: str, simplified: str) -> None:
    assert to_simplified(traditional) == simplified


@pytest.mark.parametrize("text", ["鹤壁市受理医疗纠纷106件", "How many cases? 123", "", "🙂 MRI"])
def test_simplified_and_other_text_is_left_alone(text: str) -> None:
    assert to_simplified(text) == text  # nothing in it is written differently in traditional Chinese


def test_replies_convert_to_traditional() -> None:
    assert to_traditional("文章中没有找到这个问题的答案。") == "文章中沒有找到這個問題的答案。"
    assert to_simplified("這個問題") == "这个问题", "and read back"


@pytest.mark.parametrize(
    ("pattern", "matches", "rejects"),
    [
        ("本报讯", ["本报讯", "本報訊", "本报訊"], ["本报道"]),
        (r"(?:[□■]|通讯员|记者)", ["通訊員", "記者", "□"], ["作者"]),
        (r"[^报]", ["讯"], ["报", "報"]),  # a class takes both forms, negated too
        (r"[（(][^（()）]{0,4}[)）]", ["（記者）"], ["（記者記者記者）"]),
        (r"\d{1,2}(?=[\u4e00-\u9fff])", ["12月"], ["ab"]),  # escapes are left as they are
    ],
)
def test_either_script_patterns(pattern: str, matches: list[str], rejects: list[str]) -> None:
    either = re.compile(either_script(pattern))
    for text in matches:
        assert either.match(text), text
    for text in rejects:
        assert not either.fullmatch(text), text


def test_either_script_leaves_class_ranges_alone() -> None:
    assert either_script("[一-龥]") == "[一-龥]"


def test_aligned_folding_keeps_every_offset() -> None:
    text = "本報訊 臺東市醫院\n乾燥的頭髮"
    folded = to_simplified_aligned(text)
    assert folded == "本报讯 台东市医院\n干燥的头发" and len(folded) == len(text)


def test_a_phrase_converted_to_another_length_is_folded_character_by_character() -> None:
    def taiwan_to_mainland(text: str) -> str:  # as OpenCC's tw2sp converts phrases: 部落格 -> 博客
        return to_simplified(text.replace("部落格", "博客"))

    text = "我的部落格寫醫療"
    folded = to_simplified_aligned(text, convert=taiwan_to_mainland)
    assert folded == "我的部落格写医疗" and len(folded) == len(text)
    assert to_simplified_aligned("醫療", convert=taiwan_to_mainland) == "医疗"  # same length: as converted


def test_radicals_copied_out_of_a_pdf_fold_with_their_offsets_kept() -> None:
    text = "⻘⼭县⼈⺠医院 醫⽣"  # radicals for 青山人民, a traditional 醫 after a Kangxi 生
    assert to_simplified(text) == "青山县人民医院 医生"
    assert to_simplified_aligned(text) == "青山县人民医院 医生"


def test_either_script_takes_the_taiwan_and_hong_kong_forms_too() -> None:
    assert either_script("为说") == "[为爲為][说說説]"


@pytest.mark.parametrize(
    ("regional", "simplified"),
    [("香港衞生署", "香港卫生署"), ("醫院裡面", "医院里面"), ("為什麼", "为什么"), ("他説", "他说")],
)
def test_hong_kong_and_taiwan_forms_fold_too(regional: str, simplified: str) -> None:
    assert to_simplified(regional) == simplified


@pytest.mark.parametrize("text", ["怎么样", "成绩显著", "为什么"])
def test_simplified_words_that_regional_tables_would_change_are_kept(text: str) -> None:
    assert to_simplified(text) == text
