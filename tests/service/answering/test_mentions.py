"""mentions.py: a term the question names, as the article may write it."""

from __future__ import annotations

from service.answering.mentions import mentioned


def test_abbreviations_match_their_long_form() -> None:
    assert mentioned("卫健委", "辽宁省卫生健康委机关建设年")
    assert not mentioned("卫健委", "辽宁省人民政府")


def test_an_aside_inside_a_name_is_skipped() -> None:
    assert mentioned("临床医学研究中心", "为洛阳市临床医学(诊疗)研究中心。")
    assert not mentioned("临床医学研究中心", "为洛阳市临床医学(诊疗)中心。")


def test_shortened_names_match_their_long_form() -> None:
    assert mentioned("西安交大", "市中心医院与西安交通大学第二附属医院开展深度合作")
    assert mentioned("郑大二附院", "郑州大学第二附属医院骨科")
    assert not mentioned("西安交大", "西安市人民医院开展合作")


def test_a_level_may_be_said_by_a_place_of_that_level() -> None:
    assert mentioned("省级重点", "5个河南省重点学科,2个河南省重点培育学科")
    assert not mentioned("省级重点", "5个洛阳市重点学科")


def test_first_is_also_said_with_shou() -> None:
    assert mentioned("第一位", "始终把政治建设摆在首位")  # 第一位 is 首位, 第一届 首届
    assert mentioned("第一届", "首届健康科普大赛")
    assert not mentioned("第二届", "首届健康科普大赛")


def test_a_rank_may_be_said_without_its_measure_word() -> None:
    context = "孟津区中医院在全国609家基层胸痛中心中排名全国第七、河南省第三。"
    assert mentioned("第七名", context)
    assert mentioned("第三位", context)
    assert not mentioned("第八名", context)
    assert not mentioned("第七名", "第七届健康科普大赛")
    assert not mentioned("第七名", "排名第七十")


def test_two_character_abbreviations_skip_exactly_one_character() -> None:
    assert mentioned("质控", "14个医疗质量控制中心")
    assert not mentioned("医生", "基层医疗卫生机构")  # two characters further apart are no abbreviation


def test_numbers_are_matched_whole() -> None:
    assert mentioned("80", "80岁以上老人")
    assert not mentioned("80", "为1800名老人服务")
    assert not mentioned("80", "完成率80.5%")


def test_a_rate_is_the_same_rate_even_split_by_a_column() -> None:
    assert mentioned("化解率", "已化解82件,化 织活动“党味浓起来、形式活起 解率达77.3%")  # OCR'd columns
    # another rate of the same article is no answer, its 首诊 a sentence away
    article = "形成基层首诊、双向转诊、急慢分治、上下联动的分级诊疗模式。基层医疗卫生机构就诊率达到67%"
    assert not mentioned("首诊率", article)
    assert mentioned("就诊率", "基层医疗卫生机构就诊率达到67%")


def test_a_numbered_group_is_shortened_to_its_head() -> None:
    text = "西华县人民医院五大临床服务中心创建工作全部通过省级验收"
    assert mentioned("五大中心", text) and mentioned("人民医院五大中心", text)
    assert not mentioned("六大中心", text)  # another count
    assert not mentioned("五大医院", text)  # another head
    assert not mentioned("五大中心", "五大临床服务与质量控制管理中心")  # too much left out


def test_a_role_is_mentioned_in_any_of_its_forms() -> None:
    assert mentioned("法定代表人", "银川景博学校法人代表张君说")
    assert not mentioned("法定代表人", "银川景博学校校长张君说")
