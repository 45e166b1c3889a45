"""An LLM's answer as its reader receives it: shown a sentence at a time, and never a sentence the
final answer drops.

``LLMGenerator`` yields each sentence once it is verified against the passage it cites. A sentence
joins the answer, and is shown, once the answerability gate accepts the answer so far with it; one
the gate turns down waits for the next (a question for each of several, 分别是哪几个, wants them all).
So the answer is the longest run of verified sentences, from the first, that the gate accepted, and
a streamed answer adds up to the final one. Verified sentences never accepted are reported in
``flagged`` with the failed ones. When no sentence is accepted the runtime refuses (for the gate's
reason, or the model's own refusal) or, when the model failed or cited nothing verifiable, answers
extractively and says so in ``generator``.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from typing import Any, Protocol

from service.answering.base import AnswerGenerator, AnswerPart, Draft
from service.answering.extractive import ExtractiveGenerator
from service.answering.gate import GateDecision
from service.answering.question import Question
from service.answering.support import cited_kind
from service.answering.typed import as_meant
from service.retrieval import Passage, read_in_simplified


class Gate(Protocol):
    def decide(self, question: Question, passages: Sequence[Passage], draft: Draft) -> GateDecision: ...


class LastDecision:
    """``gate``, remembering its last decision. The draft an LLM's answer comes to holds the
    sentences the gate last accepted (or, verified but never accepted, last turned down) as they
    streamed in, with the same evidence: asked again of it, the gate need not weigh it again."""

    def __init__(self, gate: Gate) -> None:
        self.gate = gate
        self._last: tuple[Question, Sequence[Passage], tuple[Any, ...], GateDecision] | None = None

    def decide(self, question: Question, passages: Sequence[Passage], draft: Draft) -> GateDecision:
        weighed = (list(draft.parts), draft.support, draft.kind_found)
        last = self._last
        # the same question and passages (objects: a question holds its vector) and the same draft
        if last is None or last[0] is not question or last[1] is not passages or last[2] != weighed:
            last = self._last = (question, passages, weighed, self.gate.decide(question, passages, draft))
        return last[3]


def llm_draft(
    llm: AnswerGenerator,
    extractive: ExtractiveGenerator,
    gate: Gate,
    q: Question,
    passages: list[Passage],
) -> Generator[list[AnswerPart], None, Draft]:
    """Yield the answer so far each time it grows; return the final draft."""
    evidence = _Evidence(extractive, q, passages)
    accepted: list[AnswerPart] = []
    waiting: list[AnswerPart] = []
    result: Draft | None = None
    # as the reader meant it: courtesies off, places respelled, a threshold as written
    for item in llm.stream(as_meant(q.asked) if q.asked else q.text, passages):
        if isinstance(item, Draft):
            result = item
            continue
        waiting.append(item)
        if gate.decide(q, passages, evidence.judged(Draft(accepted + waiting, True, ""))).answerable:
            accepted += waiting
            waiting = []
            yield list(accepted)
    if result is None:
        result = Draft([], True, llm.name, stopped="the answer backend ended without a draft")
    if accepted:
        label = f"{result.generator} (cut short: {result.stopped})" if result.stopped else result.generator
        unshown = [part.text for part in waiting]
        return evidence.judged(Draft(accepted, True, label, flagged=result.flagged + unshown))
    if not result.answerable:
        return result  # the model said the articles do not say
    if result.parts and not result.stopped:
        return evidence.judged(result)  # verified, but the gate turns it down: a refusal
    reason = f"failed: {result.stopped}" if result.stopped else "answer had no verifiable citation"
    fallback = extractive.generate_for(q, passages)
    fallback.generator = f"extractive (fallback: {result.generator} {reason})"
    fallback.flagged = result.flagged + [part.text for part in result.parts]
    return fallback


class _Evidence:
    """What the gate weighs an LLM answer by: the support and asked kind of the extractive answer
    over the same passages (found once, when the first sentence arrives)."""

    def __init__(self, extractive: ExtractiveGenerator, q: Question, passages: Sequence[Passage]) -> None:
        self.extractive, self.q, self.passages = extractive, q, passages
        self._found: tuple[Draft, list[Passage]] | None = None

    def judged(self, draft: Draft) -> Draft:
        """``draft`` with the support and kind the gate reads. The kind is also found when a
        sentence the LLM cites holds it (该尾矿坝建于1976年, cited for 哪一年建成, where the
        extractive answer quotes another sentence)."""
        if self._found is None:
            self._found = (
                self.extractive.generate_for(self.q, self.passages),
                read_in_simplified(self.passages),
            )
        extractive, readable = self._found
        kind = extractive.kind_found
        if kind is False and cited_kind(self.q, readable, draft.parts):
            kind = True
        draft.support, draft.kind_found = extractive.support, kind
        return draft
