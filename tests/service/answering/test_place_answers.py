"""place_answers.py: where-questions, answered by a place of the asked kind (a province, a county the
gazetteer knows, a venue, where a meeting was held or something was done), through new_answer_entity."""

from __future__ import annotations

import pytest

from service.answering.features import new_answer_entity
from tests.service.answering.helpers import question


@pytest.mark.parametrize(
    ("asked", "sentence", "expected"),
    [
        (
            "求药的那位老人住在哪个小区？",
            "北京市房山区韩村河镇中心卫生院收到一封匿名信。",
            False,
        ),  # a city is no 小区
        ("求药的那位老人住在哪个小区？", "在周边小区群内发布信息,找到了这位老人。", False),  # no name
        ("求药的那位老人住在哪个小区？", "老人住在阳光花园小区。", True),
        ("李女士家住哪个镇？", "家住登封市告成镇的李女士突然感觉胸痛。", True),
    ],
)
def test_a_place_of_the_asked_kind(asked: str, sentence: str, expected: bool) -> None:
    assert question(asked).answer_type == "place"
    assert new_answer_entity(question(asked), sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("近日,江西省景德镇市妇幼保健院新生儿科接到求助电话。", True),
        ("气胸宝宝命悬一线景德镇市妇幼保健院紧急施救", False),  # the city the question names is no province
        ("江西景德镇市妇幼保健院紧急施救", True),
        ("患儿从乐平市转来。", False),  # a city, not a province
    ],
)
def test_which_province_wants_a_province(sentence: str, expected: bool) -> None:
    asked = question("救治气胸宝宝的景德镇妇幼保健院在哪个省？")
    assert asked.answer_type == "place"
    assert new_answer_entity(asked, sentence) is expected


def test_which_county_takes_a_tagged_county_the_gazetteer_lacks() -> None:
    asked = question("嫌疑人事发第二天在哪个县投案自首？")
    assert new_answer_entity(
        asked, "第二天的中午,从星子县传来一个消息,周某姣自己在派出所自首了。"
    )  # renamed in 2016
    assert not new_answer_entity(asked, "第二天的中午,周某姣自己在派出所自首了。")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "去年首批位于万丹省的两座综合卫生设施已经交付使用。",
            True,
        ),  # a province abroad: no gazetteer has it
        ("去年首批两座综合卫生设施已经交付使用,改善了村民生活。", False),
    ],
)
def test_which_province_abroad_wants_a_name_before_sheng(sentence: str, expected: bool) -> None:
    asked = question("中国驻印尼使馆援建的第一批卫生设施在印尼哪个省？")
    assert new_answer_entity(asked, sentence) is expected


@pytest.mark.parametrize(
    ("asked", "sentence", "expected"),
    [
        # the place between 到 and the question's verb, which names no place the tagger knows
        ("老人只能跑到哪里去买那种滴眼液？", "卫生院已不再销售此药,只能奔波到市里购买。", True),
        ("老人只能跑到哪里去买那种滴眼液？", "卫生院已不再销售此药,老人很着急。", False),
        ("医院带党员干部去参观了什么地方？", "组织党员干部实地参观红色基地;", True),
        # the direction after 向, with the question's verb or, when it gives none, one of going onward
        ("党支部引导优秀人才往哪里靠拢？", "培养优秀人才向党组织靠拢。", True),
        ("党支部引导优秀人才往哪里靠拢？", "培养优秀人才,向党组织汇报。", False),
        ("医院要把廉政建设推向哪里？", "推动党风廉政建设向纵深发展。", True),
        ("医院要把廉政建设推向哪里？", "推动党风廉政建设,面向全体职工。", False),
    ],
)
def test_where_something_was_done_is_where_the_sentence_does_it(
    asked: str, sentence: str, expected: bool
) -> None:
    assert question(asked).answer_type == "place"
    assert new_answer_entity(question(asked), sentence) is expected


@pytest.mark.parametrize(
    ("asked", "sentence", "expected"),
    [
        # the city the question names and the tagger's 普及 (a "place" in its dictionary) are no district
        ("平顶山市疾控中心在平顶山哪个区？", "平顶山市疾控中心承办大赛，普及健康知识。", False),
        ("平顶山市疾控中心在平顶山哪个区？", "平顶山市疾控中心位于平顶山市新华区。", True),
        ("那名患者是从哪个县的医院转来的？", "患者由洛阳市中心医院收治，全县医生参与会诊。", False),
        ("那名患者是从哪个县的医院转来的？", "患者从洛阳市宜阳县人民医院转来。", True),
    ],
)
def test_which_county_or_district_wants_one_the_gazetteer_knows(
    asked: str, sentence: str, expected: bool
) -> None:
    assert question(asked).answer_type == "place"
    assert new_answer_entity(question(asked), sentence) is expected


@pytest.mark.parametrize(
    ("asked", "sentence", "expected"),
    [
        ("义诊现场设在医院什么地方？", "活动现场设置在医院门诊一部大厅。", True),
        ("灵宝市在哪里提供婚检咨询？", "在婚姻登记大厅设立婚前医学检查咨询服务点。", True),
        ("健康教育基地设在了什么地方？", "在市科学技术馆建立儿童健康教育基地。", True),
        ("义诊现场设在医院什么地方？", "专家们耐心地为患者解答疑问。", False),
    ],
)
def test_places_include_venues(asked: str, sentence: str, expected: bool) -> None:
    assert question(asked).answer_type == "place"
    assert new_answer_entity(question(asked), sentence) is expected


@pytest.mark.parametrize(
    ("asked", "sentence", "expected"),
    [
        # where a meeting was held: the place it is held at, not the cities of those who met
        (
            "社区医联体的成立大会是在哪里召开的？",
            "湖北省中医院与武汉市洪山区、武昌区的61家社区卫生服务中心签订医联体协议。",
            False,
        ),
        ("社区医联体的成立大会是在哪里召开的？", "社区医联体成立大会在湖北省中医院光谷院区隆重召开。", True),
        ("宣传活动在哪里举行？", "主题宣传活动在贵阳市筑城广场举行。", True),
    ],
)
def test_where_a_meeting_was_held(asked: str, sentence: str, expected: bool) -> None:
    assert new_answer_entity(question(asked), sentence) is expected


def test_where_relative_to_the_asker_and_which_place_in_a_rank() -> None:
    where = question("济源示范区把医疗帮扶当成重中之重，最终是想把病人留在哪儿看病？")
    assert new_answer_entity(where, "强化牵头医院对基层的帮扶,切实将患者留在基层。")
    assert not new_answer_entity(where, "强化牵头医院对医疗人才的帮扶。")
    rank = question("她是这支医疗队在当地救治的第几位眼疾患者？")
    assert new_answer_entity(rank, "这位母亲是医疗队在吉布提救治的首位眼疾患者。")
    assert not new_answer_entity(rank, "医疗队共有6位眼科专家。")
