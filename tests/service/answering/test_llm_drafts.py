"""Which of an LLM's verified sentences make the answer, and when they are shown: each joins once
the gate accepts the answer so far with it, so what was shown is what the answer keeps."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, cast

from service.answering.base import AnswerPart, Draft
from service.answering.extractive import ExtractiveGenerator
from service.answering.gate import AnswerabilityGate, GateDecision
from service.answering.llm_drafts import LastDecision, llm_draft
from service.retrieval import Passage
from tests.service.answering.helpers import passage, question

TEXT = "至9月底,鹤壁市共受理医疗纠纷案件106件,已化解82件。全市共有调解员45名。"
FIRST = AnswerPart("鹤壁市共受理医疗纠纷案件106件。", 0, 0, 26)
SECOND = AnswerPart("已化解82件。", 0, 0, 26)
THIRD = AnswerPart("全市共有调解员45名。", 0, 26, len(TEXT))


class Written:
    """An LLM answer generator that yields the verified ``parts``, then ``final``."""

    name = "written"

    def __init__(self, parts: list[AnswerPart], final: Draft) -> None:
        self.parts, self.final = parts, final

    def generate(self, question: str, passages: Sequence[Passage]) -> Draft:
        return self.final

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[AnswerPart | Draft]:
        yield from self.parts
        yield self.final


class Accepting:
    """A gate that accepts an answer holding ``needs`` sentences or more, none of them ``refused``."""

    def __init__(self, needs: int = 1, refused: AnswerPart | None = None) -> None:
        self.needs, self.refused = needs, refused

    def decide(self, q: Any, passages: Any, draft: Draft) -> GateDecision:
        ok = len(draft.parts) >= self.needs and self.refused not in draft.parts
        return GateDecision(ok, "accepted" if ok else "not yet")


def run(llm: Written, gate: Any) -> tuple[list[list[AnswerPart]], Draft]:
    shown: list[list[AnswerPart]] = []
    drafting = llm_draft(
        llm, ExtractiveGenerator(), gate, question("鹤壁市共受理多少件医疗纠纷案件？"), [passage(TEXT)]
    )
    while True:
        try:
            shown.append(next(drafting))
        except StopIteration as done:
            return shown, done.value


def test_each_accepted_sentence_is_shown_as_it_comes() -> None:
    llm = Written([FIRST, THIRD], Draft([FIRST, THIRD], True, "openai:m", flagged=["火星[1]。"]))
    shown, draft = run(llm, Accepting())
    assert shown == [[FIRST], [FIRST, THIRD]]
    assert draft.parts == [FIRST, THIRD] and draft.generator == "openai:m" and draft.flagged == ["火星[1]。"]
    assert draft.support > 0 and draft.kind_found is True, "weighed by the extractive answer's evidence"


def test_a_sentence_the_gate_turns_down_alone_waits_for_the_next() -> None:
    llm = Written([FIRST, SECOND], Draft([FIRST, SECOND], True, "openai:m"))
    shown, draft = run(llm, Accepting(needs=2))
    assert shown == [[FIRST, SECOND]] and draft.parts == [FIRST, SECOND]


def test_a_sentence_never_accepted_is_not_shown_and_is_flagged() -> None:
    llm = Written([FIRST, THIRD], Draft([FIRST, THIRD], True, "openai:m"))
    shown, draft = run(llm, Accepting(refused=THIRD))
    assert shown == [[FIRST]]
    assert draft.parts == [FIRST] and draft.flagged == [THIRD.text]


def test_a_failure_after_a_shown_sentence_keeps_it_and_says_so() -> None:
    llm = Written([FIRST], Draft([FIRST], True, "openai:m", stopped="read timed out"))
    shown, draft = run(llm, Accepting())
    assert shown == [[FIRST]] and draft.parts == [FIRST]
    assert draft.generator == "openai:m (cut short: read timed out)"


def test_a_failure_before_any_accepted_sentence_falls_back_to_extractive() -> None:
    llm = Written([FIRST], Draft([FIRST], True, "openai:m", stopped="read timed out"))
    shown, draft = run(llm, Accepting(needs=2))
    assert shown == [] and draft.generator == "extractive (fallback: openai:m failed: read timed out)"
    assert "106件" in draft.parts[0].text and draft.flagged == [FIRST.text]


def test_nothing_verified_falls_back_and_verified_but_turned_down_is_left_to_the_gate() -> None:
    shown, draft = run(Written([], Draft([], True, "openai:m", flagged=["火星[1]。"])), Accepting())
    assert (
        shown == [] and draft.generator == "extractive (fallback: openai:m answer had no verifiable citation)"
    )
    assert draft.flagged == ["火星[1]。"]
    shown, draft = run(Written([FIRST], Draft([FIRST], True, "openai:m")), Accepting(needs=2))
    assert shown == [] and draft.parts == [FIRST] and draft.generator == "openai:m"


def test_the_models_refusal_is_passed_on() -> None:
    refusal = Draft([], False, "openai:m", refusal="文章中没有找到这个问题的答案。")
    shown, draft = run(Written([], refusal), Accepting())
    assert shown == [] and draft is refusal


def test_the_real_gate_accepts_a_supported_answer() -> None:
    llm = Written([FIRST], Draft([FIRST], True, "openai:m"))
    shown, draft = run(llm, AnswerabilityGate())
    assert shown == [[FIRST]] and draft.parts == [FIRST]


class Counting(Accepting):
    def __init__(self, needs: int = 1) -> None:
        super().__init__(needs)
        self.drafts: list[list[AnswerPart]] = []

    def decide(self, q: Any, passages: Any, draft: Draft) -> GateDecision:
        self.drafts.append(list(draft.parts))
        return super().decide(q, passages, draft)


def test_the_gate_weighs_the_final_draft_once_when_it_weighed_it_streaming() -> None:
    q, passages = question("鹤壁市共受理多少件医疗纠纷案件？"), [passage(TEXT)]
    for needs, decided in ((1, True), (3, False)):  # accepted as it streamed, or turned down
        counting = Counting(needs)
        gate = LastDecision(counting)
        drafting = llm_draft(
            Written([FIRST, THIRD], Draft([FIRST, THIRD], True, "m")),
            ExtractiveGenerator(),
            gate,
            q,
            passages,
        )
        draft = _final(drafting)
        assert gate.decide(q, passages, draft).answerable is decided
        assert counting.drafts == [[FIRST], [FIRST, THIRD]], "each answer so far once, the last not again"
        # another draft, or the same parts for other passages, is weighed anew
        gate.decide(q, passages, Draft([THIRD], True, "m"))
        gate.decide(q, list(passages), Draft([THIRD], True, "m"))
        assert counting.drafts[2:] == [[THIRD], [THIRD]]


def _final(drafting: Any) -> Draft:
    while True:
        try:
            next(drafting)
        except StopIteration as done:
            return cast(Draft, done.value)
