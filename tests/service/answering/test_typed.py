from __future__ import annotations

import pytest

from service.answering.extractive import ExtractiveGenerator
from service.answering.gate import AnswerabilityGate
from service.answering.typed import as_meant, respelled, without_courtesy
from tests.service.answering.helpers import TEXT, passage, question


@pytest.mark.parametrize(
    ("asked", "bare"),
    [
        ("鹤壁市共受理多少件医疗纠纷？谢谢", "鹤壁市共受理多少件医疗纠纷？"),
        ("您好，鹤壁市共受理多少件医疗纠纷？谢谢您！", "鹤壁市共受理多少件医疗纠纷？"),
        ("谢谢，鹤壁市共受理多少件医疗纠纷？", "鹤壁市共受理多少件医疗纠纷？"),
        ("Hi, how many disputes did Hebi accept? Thanks!", "how many disputes did Hebi accept?"),
    ],
)
def test_greetings_and_thanks_are_taken_off(asked: str, bare: str) -> None:
    assert without_courtesy(asked) == bare


@pytest.mark.parametrize(
    "asked",
    [
        "谢谢",  # nothing but thanks: left for the gate to refuse
        "谢军是哪家医院的医生？",  # 谢 is a surname
        "医生感谢了谁？",
        "Thank you for what?",
        "hello kitty是什么？",
    ],
)
def test_a_question_that_only_looks_courteous_is_left_as_it_is(asked: str) -> None:
    assert without_courtesy(asked) == asked


def test_thanks_after_a_question_is_no_name_the_article_must_hold() -> None:
    asked = question("鹤壁市共受理多少件医疗纠纷？谢谢！")
    assert "谢谢" not in asked.text and asked.asked == "鹤壁市共受理多少件医疗纠纷？谢谢！"
    found = ExtractiveGenerator().generate_for(asked, [passage(TEXT)])
    decision = AnswerabilityGate().decide(asked, [passage(TEXT)], found)
    assert decision.answerable, decision.reason


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("鹤璧市受理了多少件医疗纠纷？", "鹤壁市受理了多少件医疗纠纷？"),  # 璧 for 壁: both read bi
        ("郑洲市和安羊市各有几家医院？", "郑州市和安阳市各有几家医院？"),
        ("您好，郑洲市有几家三甲医院？谢谢", "郑州市有几家三甲医院？"),
        ("鶴璧市受理了多少件醫療糾紛？", "鶴壁市受理了多少件醫療糾紛？"),  # in the question's script
    ],
)
def test_a_place_typed_with_a_character_of_the_same_sound_is_put_right(typed: str, meant: str) -> None:
    assert as_meant(typed) == meant


@pytest.mark.parametrize(
    "asked",
    [
        "青山市人民医院有多少张床位？",  # sounds like no place: left for the gate
        "安阳市受理了多少件医疗纠纷？",  # a real place, however near another
        "全市共有多少家医院？",
        "靈寶市有幾家醫院？",  # a place, in traditional characters
        "老城区有几家社区卫生服务中心？",  # a real district (洛阳), not a slip
        "全面推开紧密型城市医疗集团建设的期限是什么时候？",  # 型城市 sounds like 兴城市, but is no word
    ],
)
def test_other_place_names_are_left_as_typed(asked: str) -> None:
    assert respelled(asked) == asked


def test_a_mistyped_place_is_answered_as_the_place_it_sounds_like() -> None:
    text = "至9月底,鹤壁市共受理医疗纠纷案件106件,已化解82件。"
    asked = question("鹤璧市共受理多少件医疗纠纷？")
    found = ExtractiveGenerator().generate_for(asked, [passage(text)])
    decision = AnswerabilityGate().decide(asked, [passage(text)], found)
    assert decision.answerable and "106件" in found.parts[0].text, decision.reason
