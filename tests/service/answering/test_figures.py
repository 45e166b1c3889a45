from __future__ import annotations

import pytest

from service.answering.figures import (
    cn_numeral,
    english_figures,
    hospital_ordinals,
    months,
    numeral_value,
    states,
    swapped_amounts,
    swapped_figures,
)


@pytest.mark.parametrize(("n", "text"), [(6, "六"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五")])
def test_chinese_numerals_both_ways(n: int, text: str) -> None:
    assert cn_numeral(n) == text
    assert numeral_value(text) == n


def test_numeral_value_of_digits_two_and_nonsense() -> None:
    assert numeral_value("6") == 6
    assert numeral_value("两") == 2
    assert numeral_value("二三") is None


def test_states_in_digits_or_numerals_with_ocr_spaces() -> None:
    assert states(6, "月", "今年六月底")
    assert states(6, "月", "截至6 月底")
    assert states(15, "个", "名医工作室 15 个")
    assert not states(6, "月", "截至16月")
    assert not states(35, "", "第36个爱国卫生月")


def test_months_of_a_chinese_question() -> None:
    assert months("截至今年6月底，十二月和十月") == [6, 12, 10]
    assert months("2023年全年") == []


def test_english_months_and_ordinals() -> None:
    assert english_figures("Where was the 35th Patriotic Health Month event held in June?") == [
        (6, "月"),
        (35, ""),
    ]
    assert english_figures("Who may attend the event?") == []  # "may" the verb
    assert english_figures("What happened in May 2021?") == [(5, "月")]
    assert english_figures("the First Affiliated Hospital of Zhengzhou University") == [(1, "附")]
    assert english_figures("Luoyang's Second People's Hospital") == [(2, "人民")]
    assert english_figures("the second batch of the 6S rollout") == [(2, "批")]
    assert english_figures("Shanxi's second medical team") == [(2, "批|届|支|期")]
    assert states(5, "批|届|支|期", "焦作市第五届家庭医生团队技能竞赛")  # "the fifth … team competition"


@pytest.mark.parametrize(
    ("asked", "context", "swapped"),
    [
        (
            "杭州市生育一孩的家庭能领多少育儿补助？",
            "生育二孩的给予补助5000元，生育三孩的给予补助2万元",
            ["一孩"],
        ),
        ("杭州市生育三孩的家庭能领多少育儿补助？", "生育二孩的给予补助5000元，生育三孩的给予补助2万元", []),
        ("一等奖被哪个团队拿走了？", "获得二等奖的团队", ["一等"]),
        ("有几个镇卫生院达到三级标准？", "3个镇卫生院达到二级标准", ["三级"]),
        ("计划5年内招收培养多少名医学生？", "计划3年内招收并培养40余名医学生", ["5年"]),
        (
            "市（地）一级多久做一次评价？",
            "省级每年、市(地)每半年开展一次评价,二级医院",
            [],
        ),  # "at city level"
        ("有几个州一级的特色学科？", "州级特色学科2个,三级甲等医院", []),  # 州一级 too
        # 哪三类 states three, as the article's 两类 does two; 哪一年 states no one
        ("补助类型分为哪三类？", "补助类型分为孕产补助和育儿补助两类", ["三类"]),
        ("补助类型分为哪两类？", "补助类型分为孕产补助和育儿补助两类", []),
        ("哪一年建成的？", "两年建成", []),
        (
            "是哪个五年规划时期的？",
            "制定实施“十四五”发展规划纲要,力争3年内建成",
            [],
        ),  # a plan, no span of years
        # no other figure of that kind: left to the other checks
        ("一等奖被哪个团队拿走了？", "竞赛圆满结束", []),
        # durations, "a patient", ordinals and everyday words are no figures
        ("一年能做多少例手术？", "2023年做了3000例", []),
        ("一名患者住院多久？", "两名患者康复出院", []),
        ("第36个爱国卫生月在哪里举行？", "第36个爱国卫生月活动", []),
        ("医生们一起做了什么？", "两起事故", []),
        # the article states 三个 elsewhere, but gives what the question counts only another figure
        (
            "向三个医疗健康集团派驻了多少名专员？",
            "实行“三个统一”,向两个医疗健康集团派驻18名专员",
            ["三个医疗健"],
        ),
        ("向两个医疗健康集团派驻了多少名专员？", "实行“三个统一”,向两个医疗健康集团派驻18名专员", []),
        (
            "向三个集团派驻了多少名专员？",
            "实行“三个统一”,向两个医疗健康集团派驻18名专员",
            [],
        ),  # 个集团派: not the article's
    ],
)
def test_swapped_figures(asked: str, context: str, swapped: list[str]) -> None:
    assert swapped_figures(asked, context) == swapped


@pytest.mark.parametrize(
    ("asked", "context", "swapped"),
    [
        ("为多少名80岁以上的失能老人提供了服务？", "为1500余名65岁以上失能老年人提供健康服务", ["80岁"]),
        ("为多少名65岁以上的失能老人提供了服务？", "为1500余名65岁以上失能老年人提供健康服务", []),
        ("2021年共接诊多少人？", "2020年共接诊3000人", []),  # years are left to the year checks
        (
            "是在哪个五年规划时期上了新台阶？",
            "2020年上半年排名第七,“十三五”期间实力再上新台阶",
            [],
        ),  # a year is no count of years
    ],
)
def test_swapped_figures_of_several_digits(asked: str, context: str, swapped: list[str]) -> None:
    assert swapped_figures(asked, context) == swapped


def test_hospital_ordinals_of_a_chinese_question() -> None:
    assert hospital_ordinals("与西安交通大学第一附属医院合作") == [(1, "附")]
    assert hospital_ordinals("洛阳市第二人民医院的院长是谁？") == [(2, "人民")]
    assert hospital_ordinals("第五届大赛") == []
    assert states(1, "附", "西安交大一附院") and not states(1, "附", "西安交通大学第二附属医院")


def test_which_two_items_need_not_be_counted_by_the_article() -> None:
    context = "始终坚持“人民至上、生命至上”,增强“四个意识”、坚定“四个自信”"
    assert swapped_figures("始终坚持的是哪两个“至上”？", context) == []
    # a measure word that is itself the counted thing still must agree
    assert swapped_figures("补助类型分为哪三类？", "补助分为两类") == ["三类"]


def test_the_level_above_is_no_rank() -> None:
    assert swapped_figures("无法处理的问题应该多快往上一级网格报告？", "二级以上医疗机构,及时上报") == []


def test_level_by_level_is_no_figure_and_de_does_not_hide_a_swapped_count() -> None:
    assert swapped_figures("网格化管理时，一级一级形成了什么样的布局？", "形成二级网格和三级网格") == []
    context = "髋部骨折的100岁老太太术后3天即可下地,90岁以上患者超过50例"
    assert swapped_figures("骨科每年为100岁以上的患者做多少例手术？", context) == ["100岁以上患"]
    assert swapped_figures("骨科每年为90岁以上的患者做多少例手术？", context) == []


def test_which_three_in_quotes_need_not_be_counted_either() -> None:
    context = "实行“一窗受理、一站服务、一章管理”,提升患者满意度;推行“10个一”行动"
    assert swapped_figures("推行的是哪“三个一”做法？", context) == []


def test_an_amount_paired_with_what_the_article_pays_another_amount_for() -> None:
    article = "搭建互通平台,总投资 5420 万元实施。投资530万元建设智慧医养中心,构建管理网络。"
    assert swapped_amounts("总投资5420万元建起的智慧医养中心提供什么服务？", article) == ["5420万元"]
    assert swapped_amounts("投资530万元建起的智慧医养中心提供什么服务？", article) == []
    assert swapped_amounts("总投资5420万元实施的是什么项目？", article) == []  # what it paid for is not named


def test_a_count_whose_classifier_the_article_drops_is_no_swap() -> None:
    asked = "哪个省份对59个国家的入境游客实行免签？"
    assert swapped_figures(asked, "海南省对59国入境游客实施免签政策，各地共接待12个旅游团。") == []
    assert swapped_figures(asked, "海南省对60国入境游客实施免签政策，各地共接待12个旅游团。") == ["59个"]
