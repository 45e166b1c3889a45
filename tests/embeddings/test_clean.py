from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest

from embeddings.clean import clean_text, fold_width, looks_like_heading


def squash(s: str) -> str:
    return re.sub(r"\s", "", s)


def cleaned(text: str) -> str:
    return clean_text(text).text


def assert_maps_back(original: str) -> None:
    c = clean_text(original)
    assert len(c.offsets) == len(c.text) + 1
    assert all(a < b for a, b in zip(c.offsets, c.offsets[1:], strict=False)), "strictly increasing"
    for i, ch in enumerate(c.text):
        if ch.isspace():
            assert original[c.offsets[i]].isspace()
        else:
            assert original[c.offsets[i]] == ch
    assert squash(c.text) == squash(original), "only whitespace is ever removed"
    if c.text:
        assert c.original_span(0, len(c.text)) == (c.offsets[0], c.offsets[-1])


# -- whitespace inside lines ------------------------------------------------------------------


def test_ocr_spaces_between_chinese_characters_are_removed() -> None:
    assert cleaned("本报记者 王 平 通讯员 王 雁 张 蕊") == "本报记者王平通讯员王雁张蕊"
    assert cleaned("推进六 个 统 一 ，实 现 三 方 面") == "推进六个统一，实现三方面"


def test_spaces_between_chinese_and_digits_or_punctuation_are_removed() -> None:
    assert cleaned("总投资 5420 万元") == "总投资5420万元"
    assert cleaned("12 月 18 日~22 日 （如 上图）") == "12月18日~22日（如上图）"


def test_latin_words_keep_one_space() -> None:
    assert cleaned("the   PCCM\nproject was 2 years") == "the PCCM project was 2 years"
    assert cleaned("以 multidisciplinary team 联合义诊") == "以 multidisciplinary team 联合义诊"


def test_space_after_a_leading_markdown_marker_is_kept() -> None:
    assert cleaned("##   卷袖献热血") == "## 卷袖献热血"
    assert cleaned("- 坚持政府主导\n- 优化资源配置") == "- 坚持政府主导\n- 优化资源配置"


def test_characters_other_than_whitespace_are_untouched() -> None:
    text = "全市１０６件（含ＡＢＣ），“好”**加粗**<script>alert(1)</script>"
    assert cleaned(text) == text


# -- single line breaks -----------------------------------------------------------------------


def test_wrapped_line_inside_chinese_is_joined_without_space() -> None:
    text = "“我由于脑血管病，需要经常\n住院。之前卫生院没有CT（计算\n机层析成像）设备"
    assert cleaned(text) == "“我由于脑血管病，需要经常住院。之前卫生院没有CT（计算机层析成像）设备"


def test_line_break_after_a_full_sentence_is_kept() -> None:
    assert cleaned("诱发因素。\n70%的患者合并高血压病。") == "诱发因素。\n70%的患者合并高血压病。"


def test_line_break_before_a_lead_or_after_a_byline_is_kept() -> None:
    lead = "救治A型主动脉夹层患者\n本报讯（记者杨 须）近日"
    assert cleaned(lead) == "救治A型主动脉夹层患者\n本报讯（记者杨须）近日"
    assert cleaned("本报记者 王 平\n正文从这里开始") == "本报记者王平\n正文从这里开始"


def test_first_half_of_a_bracketed_byline_is_joined() -> None:
    text = "本报讯 （记者陈述明\n通讯员张明濮 徐 晶）12\n月 20 日"
    assert cleaned(text) == "本报讯（记者陈述明通讯员张明濮徐晶）12月20日"


def test_markdown_hard_break_is_kept() -> None:
    assert cleaned("湖北省中医院  \n组建社区医联体") == "湖北省中医院\n组建社区医联体"


def test_markdown_heading_line_is_kept_apart() -> None:
    assert cleaned("## 卷袖献热血\n暑假是意外伤害高发期") == "## 卷袖献热血\n暑假是意外伤害高发期"


# -- blank lines ------------------------------------------------------------------------------


def test_blank_lines_are_one_paragraph_break() -> None:
    assert cleaned("第一段结束。\n\n\n  \n第二段开始。") == "第一段结束。\n第二段开始。"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "居民在家门口就可享受到优质医疗服务。这得益于恒口示范区推进的县域\n\n医共体建设。",
            "居民在家门口就可享受到优质医疗服务。这得益于恒口示范区推进的县域医共体建设。",
        ),
        (
            "实现三方面。\n\n为加强乡村医疗卫生人才队伍建\n\n设,医共体坚持",
            "实现三方面。\n为加强乡村医疗卫生人才队伍建设,医共体坚持",
        ),
        (
            "医院党委坚持党管干部、党管人\n\n才原则,坚持人才是第一资源",
            "医院党委坚持党管干部、党管人才原则,坚持人才是第一资源",
        ),
        ("本报讯 （记 者 刘 岩\n\n通讯员王红岩）12 月 18 日", "本报讯（记者刘岩通讯员王红岩）12月18日"),
        (
            "以高质量高水平学科发展为统领,全面提升医疗救治能力\n\n及水平。",
            "以高质量高水平学科发展为统领,全面提升医疗救治能力及水平。",
        ),
        (
            "促进提升。\n\n评审组听取医院关于健\n\n康促进工作开展情况的汇\n报，结合评审细则，分组查看",
            "促进提升。\n评审组听取医院关于健康促进工作开展情况的汇报，结合评审细则，分组查看",
        ),
    ],
)
def test_blank_line_mid_sentence_is_joined(text: str, expected: str) -> None:
    assert cleaned(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "均得到妥善处理。\n\n守牢主线 强化责任担当\n\n鹤壁市卫生健康委将党建引领",
            ["均得到妥善处理。", "守牢主线强化责任担当", "鹤壁市卫生健康委将党建引领"],
        ),
        # prose cut off at the end of one article, then the next headline and its lead
        (
            "定期通报县\n\n北京天坛医院开展\n肿瘤防治多学科联合义诊\n\n本报讯 (记者赵星月)4月15日",
            ["定期通报县", "北京天坛医院开展肿瘤防治多学科联合义诊", "本报讯(记者赵星月)4月15日"],
        ),
        # a caption dropped into a sentence: the text after it does not continue the caption
        (
            "该中心作为国家儿童医学中心,拥有多个具有影响力的优势特色学\n\n为重症肝外伤患者实施急诊手术\n\n科,在国际国内享有声誉。",
            [
                "该中心作为国家儿童医学中心,拥有多个具有影响力的优势特色学",
                "为重症肝外伤患者实施急诊手术",
                "科,在国际国内享有声誉。",
            ],
        ),
        (
            "## 贵州省兴义市人民医院：\n\n## 坚持党建引领\n\n组织荣誉称号。",
            ["## 贵州省兴义市人民医院：", "## 坚持党建引领", "组织荣誉称号。"],
        ),
        ("美编 周真真\n\n鹤壁市工作模式", ["美编周真真", "鹤壁市工作模式"]),
        (
            "党建引领强政治  \n坚守党员初心\n\n医院党委坚持党对医院工作的全面领导,突出政治功能",
            ["党建引领强政治", "坚守党员初心", "医院党委坚持党对医院工作的全面领导,突出政治功能"],
        ),
    ],
)
def test_blank_line_after_heading_or_complete_paragraph_stays(text: str, expected: list[str]) -> None:
    assert cleaned(text).split("\n") == expected


# -- offsets ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\n ",
        "甲",
        "  甲乙  ",
        "a\r\nb",
        "甲\r\n\r\n乙",
        "甲\u3000乙 A\u00a0B",
        "段落\u2028下一行",
        "\t##\t标题\n正文。",
        "本报讯 （记 者 刘 岩\n\n通讯员）",
        "x\n\n\n\ny",
        "。\n\n\n",
        "\n\n——\n\n",
    ],
)
def test_offsets_on_tricky_inputs(text: str) -> None:
    assert_maps_back(text)


def test_offsets_point_at_original_characters() -> None:
    text = " 总投资 5420\n万元 "
    c = clean_text(text)
    assert c.text == "总投资5420万元"
    assert [text[o] for o in c.offsets[:-1]] == list(c.text)
    assert c.offsets[-1] == len(text) - 1, "the sentinel ends the last kept character"


def test_offsets_property_on_random_noise() -> None:
    rng = random.Random(20240518)
    alphabet = [
        "医",
        "院",
        "患",
        "者",
        "，",
        "。",
        "！",
        "（",
        "）",
        "A",
        "b",
        "1",
        "#",
        "-",
        "□",
        "本报讯",
        "通讯员",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\u3000",
        "\t",
        "## ",
        "/摄",
    ]
    for _ in range(2000):
        assert_maps_back("".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60))))


def test_cleaning_is_linear_time() -> None:
    line = "济源示范区进一步打造互联互通平台，总投资 5420 万元\n实施紧密型医共体信息化平台建设，\n\n"
    text = line * 2000  # about 100 KB
    started = time.perf_counter()
    c = clean_text(text)
    assert time.perf_counter() - started < 0.5
    assert squash(c.text) == squash(text)


# -- fold_width -------------------------------------------------------------------------------


def test_fold_width_maps_full_width_letters_digits_and_space() -> None:
    assert fold_width("１０６件ＡＢｃ\u3000好，（）") == "106件ABc 好，（）"


def test_fold_width_is_length_preserving() -> None:
    text = "".join(chr(c) for c in range(0xFF00, 0xFF70)) + "\u3000汉字abc"
    assert len(fold_width(text)) == len(text)


# -- the real pages ---------------------------------------------------------------------------


@pytest.mark.corpus
def test_corpus_offsets_and_speed(corpus_dir: Path) -> None:
    pages = [p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt"))]
    for page in pages:
        assert_maps_back(page)
    best = min(_time_all(pages) for _ in range(3))
    assert best < 0.1


def _time_all(pages: list[str]) -> float:
    started = time.perf_counter()
    for page in pages:
        clean_text(page)
    return time.perf_counter() - started


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("001_993314f26d1d3f19.txt", "这得益于恒口示范区推进的县域医共体建设。"),
        ("001_993314f26d1d3f19.txt", "为加强乡村医疗卫生人才队伍建设,医共体坚持"),
        ("001_993314f26d1d3f19.txt", "\n湖北省中医院\n组建社区医联体\n本报讯(特约记者胡梦通讯员黎婉婷)近日,"),
        ("002_6e683bfafbe606da.txt", "推进六个统一，实现三方面效果”的“11363”模式。"),
        ("002_6e683bfafbe606da.txt", "总投资5420万元实施紧密型医共体信息化平台建设"),
        ("002_6e683bfafbe606da.txt", "评审组听取医院关于健康促进工作开展情况的汇报"),
        ("002_6e683bfafbe606da.txt", "\n三门峡\n检查托育机构安全生产和消防工作\n本报讯（记者刘岩"),
        ("003_98ad872fe14c9fdb.txt", "定期通报县\n北京天坛医院开展肿瘤防治多学科联合义诊\n本报讯"),
        ("000_0e2247000a011efc.txt", '美编周真真\n鹤壁市"1+3+4+N"工作模式构建和谐医患关系\n本报记者王平'),
    ],
)
def test_corpus_repairs(corpus_dir: Path, page: str, expected: str) -> None:
    assert expected in clean_text((corpus_dir / page).read_text(encoding="utf-8")).text


# -- a headline over a paragraph on one line -------------------------------------------------------
BODY = (
    "封面新闻记者代睿2月13日晚，封面新闻从北京交通大学获悉，去年年底发生于该校的爆炸事故，目前调查报告已完成。"
    "当晚，该校在官网刊发了《情况通报》。通报称，2018年12月26日，该校市政与环境工程实验室发生爆炸燃烧。"
)


def test_a_headline_over_a_one_line_paragraph_stays_its_own_line() -> None:
    original = "北交大实验室爆炸致3学生死亡事故 校长等12人被问责\n" + BODY
    assert cleaned(original).startswith("北交大实验室爆炸致3学生死亡事故校长等12人被问责\n封面新闻")
    assert_maps_back(original)


def test_a_short_line_over_a_line_as_short_is_still_a_wrap() -> None:
    # an OCR'd column: every line about as wide, a heading-like first one included
    assert (
        cleaned("今年以来全市共受理医疗纠\n纷案件106件，已化解82件。")
        == "今年以来全市共受理医疗纠纷案件106件，已化解82件。"
    )
    assert "\n" not in cleaned("聚焦乡村医疗能力提升\n" + BODY[:30])  # a next line too short for a paragraph


def test_a_short_news_lead_cut_by_a_blank_line_is_prose_not_a_heading() -> None:
    # a PDF column's first box ends mid-word; 本报讯 opens a story, never a headline
    text = "本报讯 （通讯员 孙丽）河西县\n投资4800万元新建的三所乡镇卫生\n\n院日前同时投入使用，新增床位150\n张。"
    assert (
        clean_text(text).text
        == "本报讯（通讯员孙丽）河西县投资4800万元新建的三所乡镇卫生院日前同时投入使用，新增床位150张。"
    )
    assert not looks_like_heading("本报讯 河西县新建三所卫生院") and looks_like_heading(
        "河西县新建三所卫生院"
    )
