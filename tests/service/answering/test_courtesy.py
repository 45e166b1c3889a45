from __future__ import annotations

import pytest

from service.answering.courtesy import without_courtesy
from service.answering.extractive import ExtractiveGenerator
from service.answering.gate import AnswerabilityGate
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
