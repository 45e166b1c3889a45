"""Evaluation metrics. Strings are compared after NFKC and whitespace removal.

- passage hit@k / MRR: the top-k passages together hold every evidence string (for one evidence
  string: some passage in the top k contains it); MRR uses the rank where that first happens;
- answer accuracy: the answer (markers removed) contains a gold answer (all of them when the
  question says ``"match": "all"``); character-level F1 against the best gold answer;
- citation precision: share of citations whose text contains an evidence string; citation
  recall: answerable questions with at least one such citation;
- refusal precision/recall on unanswerable questions, and the share of answerable ones refused.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

_MARKER = re.compile(r"\[\d+\]")


def normalize(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Item:
    id: str
    question: str
    answers: list[str]
    evidence: list[str]
    source: str | None
    lang: str = "zh"
    kind: str = ""
    match: str = "any"

    @property
    def answerable(self) -> bool:
        return self.source is not None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Item:
        # a string where a list belongs would be read as its characters, matching almost anything
        for key in ("answers", "evidence"):
            if not isinstance(d.get(key, []), list) or not all(isinstance(s, str) for s in d.get(key, [])):
                raise TypeError(f"{key!r} must be a list of strings")
        if d.get("match", "any") not in ("any", "all"):
            raise ValueError(f"'match' must be 'any' or 'all', not {d['match']!r}")
        # "source" is required: null marks an unanswerable question, a missing key is a mistake
        return cls(
            d["id"],
            d["question"],
            list(d.get("answers", [])),
            list(d.get("evidence", [])),
            d["source"],
            d.get("lang", "zh"),
            d.get("kind", ""),
            d.get("match", "any"),
        )


@dataclass
class Outcome:
    """What the system did for one question."""

    item: Item
    passages: list[str]  # retrieved passage texts, best first
    answer: str
    answerable: bool
    citations: list[str]
    latency_ms: float
    generator: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def hit_rank(evidence: Sequence[str], passages: Sequence[str]) -> int | None:
    """1-based rank at which the passages so far hold every evidence string, or None."""
    wanted = {normalize(e) for e in evidence}
    if not wanted:
        return None
    for rank, passage in enumerate(passages, start=1):
        p = normalize(passage)
        wanted = {e for e in wanted if e not in p}
        if not wanted:
            return rank
    return None


def answer_correct(item: Item, answer: str) -> bool:
    text = normalize(_MARKER.sub("", answer))
    found = [normalize(a) in text for a in item.answers]
    # all([]) is True: an item without gold answers must not count as answered correctly
    return bool(found) and (all(found) if item.match == "all" else any(found))


def char_f1(prediction: str, gold: str) -> float:
    pred, ref = Counter(normalize(_MARKER.sub("", prediction))), Counter(normalize(gold))
    common = sum((pred & ref).values())
    if common == 0:
        return 0.0
    precision, recall = common / sum(pred.values()), common / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def citation_supports(item: Item, citation: str) -> bool:
    text = normalize(citation)
    return any(normalize(e) in text for e in item.evidence)


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


def summarize(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    answerable = [o for o in outcomes if o.item.answerable]
    unanswerable = [o for o in outcomes if not o.item.answerable]
    ranks = [hit_rank(o.item.evidence, o.passages) for o in answerable]
    cites = [(o, c) for o in answerable if o.answerable for c in o.citations]
    refused = [o for o in outcomes if not o.answerable]
    latencies = [o.latency_ms for o in outcomes]
    return {
        "questions": len(outcomes),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        **{
            f"hit@{k}": _ratio(sum(1 for r in ranks if r is not None and r <= k), len(ranks))
            for k in (1, 5, 10)
        },
        "mrr": round(sum(1 / r for r in ranks if r) / len(ranks), 4) if ranks else 0.0,
        "answer_accuracy": _ratio(sum(answer_correct(o.item, o.answer) for o in answerable), len(answerable)),
        "char_f1": round(
            statistics.fmean(
                [max((char_f1(o.answer, g) for g in o.item.answers), default=0.0) for o in answerable]
            ),
            4,
        )
        if answerable
        else 0.0,
        "citation_precision": _ratio(sum(citation_supports(o.item, c) for o, c in cites), len(cites)),
        "citation_recall": _ratio(
            sum(any(citation_supports(o.item, c) for c in o.citations) for o in answerable), len(answerable)
        ),
        "refusal_recall": _ratio(sum(not o.answerable for o in unanswerable), len(unanswerable)),
        "refusal_precision": _ratio(sum(not o.item.answerable for o in refused), len(refused)),
        "wrongly_refused": _ratio(sum(not o.answerable for o in answerable), len(answerable)),
        "latency_p50_ms": round(percentile(latencies, 50), 2),
        "latency_p95_ms": round(percentile(latencies, 95), 2),
        "latency_p99_ms": round(percentile(latencies, 99), 2),
    }
