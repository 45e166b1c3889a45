"""Articles printed in traditional characters are read as their simplified twins by the extractive
answerer and the gate, and quoted as printed."""

from __future__ import annotations

import pytest

from embeddings.script import to_traditional
from service.answering.extractive import ExtractiveGenerator
from service.answering.gate import AnswerabilityGate
from tests.service.answering.helpers import TEXT, draft, passage, question

PAGE = (
    "鹤壁市卫生健康委召开会议。至9月底,全市共受理医疗纠纷案件106件,已化解82件,化解率达77.3%。"
    "会议要求各单位加强管理。"
)
QUOTE = "“我们将继续努力。”院长王建国说道。医院共有医生200名。"  # 说道 / 說道: the quote before answers


@pytest.mark.parametrize(
    ("page", "asked"),
    [
        (PAGE, "鹤壁市共受理多少件医疗纠纷案件？"),
        (PAGE, "鹤壁市医疗纠纷的化解率是多少？"),
        (PAGE, "How many disputes did Hebi resolve?"),
        (QUOTE, "院长说了什么？"),
    ],
)
def test_the_answerer_picks_the_same_span_and_quotes_it_as_printed(page: str, asked: str) -> None:
    printed = to_traditional(page)
    twin = ExtractiveGenerator().generate_for(question(asked), [passage(page, "鹤壁市卫生健康委")])
    found = ExtractiveGenerator().generate_for(question(asked), [passage(printed, "鶴壁市衛生健康委")])
    assert [(p.start, p.end) for p in found.parts] == [(p.start, p.end) for p in twin.parts]
    assert (found.support, found.kind_found, found.answerable) == (
        twin.support,
        twin.kind_found,
        twin.answerable,
    )
    for part in found.parts:
        assert part.text == printed[part.start : part.end] != page[part.start : part.end]


@pytest.mark.parametrize(
    "asked",
    [
        "鹤壁市共受理多少件医疗纠纷案件？",
        "安阳市共受理多少件医疗纠纷案件？",
        "How many disputes did Hebi handle?",
    ],
)
def test_the_gate_decides_a_traditional_article_as_its_twin(asked: str) -> None:
    gate = AnswerabilityGate()
    printed = to_traditional(TEXT)
    twin = gate.decide(question(asked), [passage(TEXT)], draft())
    decision = gate.decide(question(asked), [passage(printed, dense=0.9)], draft(text=printed))
    assert decision == twin
