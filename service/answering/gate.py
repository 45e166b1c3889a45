"""Decides whether the retrieved articles answer the question, or we must say they do not.

Two checks, calibrated on the unanswerable questions of ``eval/dev.jsonl``:
- support: the best answer sentence must carry enough of the question's information
  (lexical coverage for Chinese questions, dense similarity for cross-lingual ones);
- specifics: names, places, organisations, numbers and years the question names must appear in
  the passages we would cite. Plausible unanswerable questions usually swap exactly one of
  these (a nearby city, another year), which similarity alone cannot see.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from embeddings.keyword import search_form
from service.answering.base import Draft
from service.answering.question import Question
from service.retrieval import Passage

_SPECIFIC_POS = ("ns", "nr", "nt", "nz", "m", "t")
_GENERIC = frozenset("中国 全国 全省 全市 我国 国家 省 市 县 区 今年 去年 目前 近日 近年 一 二 三 两 几 多少".split())
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@lru_cache(maxsize=1)
def _tagger():  # type: ignore[no-untyped-def]
    import rjieba

    return rjieba.tag


def specifics(question_text: str) -> list[str]:
    """Proper names, places, organisations, numbers and years named by a Chinese question."""
    found: list[str] = []
    for word, pos in _tagger()(search_form(question_text)):
        if any(pos.startswith(p) for p in _SPECIFIC_POS) and len(word) >= 2 and word not in _GENERIC:
            found.append(word)
    found += [n for n in _NUMBER.findall(search_form(question_text)) if len(n) >= 2]
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class GateDecision:
    answerable: bool
    reason: str


@dataclass
class AnswerabilityGate:
    min_support: float = 0.35
    min_dense: float = 0.80
    min_dense_cross_lingual: float = 0.82

    def decide(self, question: Question, passages: Sequence[Passage], draft: Draft) -> GateDecision:
        if not passages or not draft.parts:
            return GateDecision(False, "nothing retrieved")
        top_dense = passages[0].dense or 0.0
        if question.lang == "en" or question.weight <= 0:
            ok = top_dense >= self.min_dense_cross_lingual
            return GateDecision(ok, f"dense {top_dense:.3f}")
        if draft.support < self.min_support:
            return GateDecision(False, f"support {draft.support:.2f} < {self.min_support}")
        cited = {draft.parts[0].passage}
        context = search_form("".join(passages[i].chunk.title + passages[i].chunk.text for i in cited))
        missing = [s for s in specifics(question.text) if s not in context]
        if missing:
            return GateDecision(False, "not in the passage: " + ", ".join(missing))
        return GateDecision(True, f"support {draft.support:.2f}")
