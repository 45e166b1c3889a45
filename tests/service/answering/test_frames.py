"""frames.py: a noun the question puts between the article's words where the article has another."""

from __future__ import annotations

import pytest

from service.answering.frames import swapped_in_frame

CHANGSHA = "6年间,全市累计为439308名新生儿完成遗传性耳聋基因检测。"
LINGBAO = "11月成立灵宝市婴幼儿照护服务指导中心及实训基地。"
ZHOUKOU = "2023年伊始,五大临床服务中心创建被列入全省卫生健康系统10件惠民实事清单。"


@pytest.mark.parametrize(
    ("asked", "context", "swapped"),
    [
        ("长沙市累计为多少名新生儿完成了遗传性眼病基因检测？", CHANGSHA, ["眼病"]),
        ("灵宝市的老年人照护服务指导中心是几月成立的？", LINGBAO, ["老年人"]),  # 的 between is skipped
        ("五大临床服务中心创建被列入周口市卫生健康系统的哪份清单？", ZHOUKOU, ["周口市"]),
        # the question's own noun in that frame, or the article's phrases joined
        ("长沙市累计为多少名新生儿完成了遗传性耳聋基因检测？", CHANGSHA, []),
        ("灵宝市婴幼儿照护服务指导中心是几月成立的？", LINGBAO, []),
        ("在公共场所建设中要增设什么？", "在城市规划、公共场所及公共设施建设中增设母婴室。", []),
    ],
)
def test_a_noun_swapped_between_the_articles_words(asked: str, context: str, swapped: list[str]) -> None:
    assert swapped_in_frame(asked, context) == swapped


@pytest.mark.parametrize(
    ("asked", "context"),
    [
        (
            "灵宝市指定哪家医院负责危重症新生儿的救治？",
            "指定灵宝市第一人民医院承担危重症新生儿救治任务。",
        ),  # a verb for a verb
        (
            "平顶山第五届健康科普能力大赛是哪天办的？",
            "平顶山市第五届健康科普能力大赛在该市举行。",
        ),  # an edition
        ("济源示范区建设紧密型医共体信息化平台投了多少钱？", "济源示范区以推进紧密型医共体建设为抓手。"),
        ("医院眼科医生有几位？", "医院骨科医生3位。"),  # 医院…医生: a frame shorter than five characters
    ],
)
def test_paraphrases_and_short_frames_are_no_swap(asked: str, context: str) -> None:
    assert swapped_in_frame(asked, context) == []


def test_a_noun_saying_when_is_no_swap() -> None:
    context = "该市深入推进新型婚育观念宣传,重点倡导适龄婚嫁"
    assert swapped_in_frame("灵宝宣传新型婚育观念的时候，重点围绕哪些方面？", context) == []


def test_a_synonym_is_no_swap() -> None:
    context = "基层医疗卫生机构是守护群众健康的“第一道防线”。"
    assert swapped_in_frame("基层医疗单位是守护老百姓健康的第几道防线？", context) == []
    assert (
        swapped_in_frame(
            "基层医疗单位是守护老百姓钱包的第几道防线？", "基层医疗卫生机构是守护老百姓健康的防线"
        )
        == []
    )
    staff = "促使全院员工的业务能力和服务意识也得到有效提升。"  # 水平 and 能力: a worker's competence
    assert swapped_in_frame("有多少员工的业务水平和服务意识得到了提升？", staff) == []


def test_a_noun_the_dictionary_glosses_as_the_articles_is_no_swap() -> None:
    context = "医院聚焦学科建设短板,传统学科的基础越来越坚实。"
    assert swapped_in_frame("医院哪一类学科的底子越来越坚实？", context) == []  # both "base", "foundation"
    assert swapped_in_frame("医院哪一类学科的声誉越来越坚实？", context) == ["声誉"]  # "reputation"


def test_a_noun_for_people_in_general_is_no_swap() -> None:
    context = "无锡市已派出270余名医疗领域专家到海东市进行帮扶"
    assert swapped_in_frame("无锡的医疗人员到海东市帮扶了哪些方面？", context) == []
    assert swapped_in_frame("无锡的医疗器械到海东市帮扶了哪些方面？", context) == ["器械"]


def test_a_name_the_article_gives_as_the_same_thing_is_no_swap() -> None:
    road = "项城李庄段改建工程即西环路建设项目是2014年的惠民工程。"
    assert swapped_in_frame("项城西环路改建工程全长多少？", road) == []
    # 立即 ("at once") says no two names are one
    rushed = "项城李庄段改建工程立即西环路建设项目开工。"
    assert swapped_in_frame("项城西环路改建工程全长多少？", rushed) == ["西环路"]
