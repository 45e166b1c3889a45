from __future__ import annotations

import random
import re

from embeddings.clean import clean_text, fold_width


def squash(s: str) -> str:
    return re.sub(r"\s", "", s)


def assert_maps_back(original: str) -> None:
    c = clean_text(original)
    assert len(c.offsets) == len(c.text) + 1
    assert c.offsets == sorted(c.offsets)
    for i, ch in enumerate(c.text):
        if not ch.isspace():
            assert original[c.offsets[i]] == ch
    assert squash(c.text) == squash(original)


def test_line_break_inside_chinese_word_is_joined() -> None:
    assert clean_text("“我由于脑血管病，需要经常\n住院。之前卫生院没有CT").text == "“我由于脑血管病，需要经常住院。之前卫生院没有CT"


def test_ocr_spaces_between_characters_are_removed() -> None:
    assert clean_text("本报记者 王 平 通讯员 王 雁").text == "本报记者王平通讯员王雁"
    assert clean_text("推进六 个 统 一 ，实 现三方面").text == "推进六个统一，实现三方面"
    assert clean_text("总投资 5420 万元").text == "总投资5420万元"


def test_latin_words_keep_one_space() -> None:
    assert clean_text("the PCCM\nproject  was 2 years").text == "the PCCM project was 2 years"


def test_blank_line_is_a_paragraph_break() -> None:
    assert clean_text("第一段结束。\n\n第二段开始。").text == "第一段结束。\n第二段开始。"


def test_blank_line_mid_sentence_is_joined() -> None:
    text = "恒口示范区的居民在家门口就可享受到优质医疗服务。这得益于恒口示范区推进的县域\n\n医共体建设。"
    assert clean_text(text).text.endswith("推进的县域医共体建设。")
    assert "\n" not in clean_text("为加强乡村医疗卫生人才队伍建\n\n设,医共体坚持").text


def test_headings_stay_their_own_paragraph() -> None:
    text = "均得到妥善处理。\n\n守牢主线 强化责任担当\n\n鹤壁市卫生健康委将党建引领"
    assert clean_text(text).text.split("\n") == ["均得到妥善处理。", "守牢主线强化责任担当", "鹤壁市卫生健康委将党建引领"]


def test_markdown_heading_before_single_newline_is_kept_apart() -> None:
    assert clean_text("## 卷袖献热血\n暑假是意外伤害高发期。").text == "##卷袖献热血\n暑假是意外伤害高发期。"


def test_characters_other_than_whitespace_are_untouched() -> None:
    text = "全市１０６件（含ＡＢＣ），“好”"
    assert clean_text(text).text == text


def test_fold_width_is_length_preserving() -> None:
    assert fold_width("１０６件ＡＢｃ\u3000好") == "106件ABc 好"


def test_offsets_on_random_noise() -> None:
    rng = random.Random(3)
    alphabet = "医院患者救助，。！Ab1 \n\n  \t"
    for _ in range(300):
        assert_maps_back("".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 80))))


def test_empty_and_whitespace_only() -> None:
    assert clean_text("").text == ""
    assert clean_text(" \n\n ").text == ""
