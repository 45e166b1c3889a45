"""Fit the extractive answerer's weights and the refusal gate's thresholds on a dev set.

Retrieval and sentence features are computed once per question; every weight / threshold
combination is then replayed on the cached features, so a grid of thousands of settings takes
seconds. The objective mirrors the CI guard: answer accuracy on answerable questions, refusal
recall on unanswerable ones, and a penalty for each answerable question wrongly refused.

    python eval/fit_answering.py eval/dev.jsonl --index /tmp/idx [--show-failures]

The fitted values are then written by hand into ``Weights`` (service/answering/extractive.py) and
``AnswerabilityGate`` (service/answering/gate.py), so that the shipped defaults are reviewable.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: this checkout's code, not the installed one
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.answering.base import Draft
from service.answering.candidates import Candidate, Weights
from service.answering.extractive import ExtractiveGenerator
from service.answering.gate import AnswerabilityGate
from service.answering.question import Question
from service.config import Settings
from service.evaluation.metrics import Item, answer_correct, citation_supports
from service.evaluation.runner import load_dataset
from service.retrieval import Passage
from service.runtime import Runtime


@dataclass
class Case:
    item: Item
    question: Question
    passages: list[Passage]
    candidates: list[Candidate]


def collect(rt: Runtime, items: list[Item], top_k: int) -> list[Case]:
    cases = []
    for item in items:
        q = rt.question(item.question)
        passages = rt.retrieve(item.question, top_k).passages
        cases.append(Case(item, q, passages, rt.extractive.features(q, passages)))
    return cases


def replay(case: Case, gen: ExtractiveGenerator, gate: AnswerabilityGate) -> tuple[bool, Draft]:
    draft = gen.draft_from(case.question.text, gen.rank(case.candidates))
    answered = draft.answerable and gate.decide(case.question, case.passages, draft).answerable
    return answered, draft


@dataclass(frozen=True)
class Outcome:
    """How one question fared: answered or refused, answered right, and its citations."""

    answerable: bool
    answered: bool
    correct: bool
    cited: int
    cited_ok: int  # citations holding the gold evidence
    answer: str = ""  # the quoted text, when answered


def outcome(case: Case, gen: ExtractiveGenerator, gate: AnswerabilityGate) -> Outcome:
    answered, draft = replay(case, gen, gate)
    texts = [p.text for p in draft.parts] if answered else []
    correct = answered and case.item.answerable and answer_correct(case.item, "".join(texts))
    return Outcome(
        case.item.answerable,
        answered,
        correct,
        len(texts),
        sum(citation_supports(case.item, t) for t in texts),
        "".join(texts),
    )


def evaluate(
    cases: list[Case], weights: Weights, gate: AnswerabilityGate, refused: list[str] | None = None
) -> dict[str, float]:
    """The guard's metrics; the ids of the unanswerable questions refused go into ``refused``."""
    gen = ExtractiveGenerator(weights=weights)
    correct = refused_ok = wrongly_refused = cited = cited_ok = 0
    answerable = [c for c in cases if c.item.answerable]
    for case in cases:
        o = outcome(case, gen, gate)
        if not o.answerable:
            refused_ok += not o.answered
            if refused is not None and not o.answered:
                refused.append(case.item.id)
            continue
        wrongly_refused += not o.answered
        correct += o.correct
        cited += o.cited
        cited_ok += o.cited_ok
    n_ans, n_unans = len(answerable), len(cases) - len(answerable)
    return {
        "accuracy": correct / max(n_ans, 1),
        "refusal_recall": refused_ok / max(n_unans, 1),
        "wrongly_refused": wrongly_refused / max(n_ans, 1),
        "citation_precision": cited_ok / max(cited, 1),
    }


def objective(m: dict[str, float]) -> float:
    return m["accuracy"] + 0.6 * m["refusal_recall"] - 1.0 * max(0.0, m["wrongly_refused"] - 0.05)


WEIGHT_GRID: dict[str, list[float]] = {
    "sentence": [0.3, 0.5, 0.8],
    "window": [0.2, 0.5],
    "entity": [0.1, 0.3, 0.5],
    "no_entity": [-0.2, -0.1, 0.0],
    "passage": [0.5, 1.0, 2.0],
    "second_margin": [0.0, 0.05, 0.1],
    "second_article_margin": [0.1, 0.3, 0.6],
}
GATE_GRID: dict[str, list[float]] = {
    "min_support": [0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3],
    "min_dense_cross_lingual": [0.74, 0.76, 0.78, 0.8],
}


def grid(space: dict[str, list[float]]) -> list[dict[str, float]]:
    keys = list(space)
    return [dict(zip(keys, values, strict=True)) for values in itertools.product(*space.values())]


def fit(cases: list[Case]) -> tuple[Weights, AnswerabilityGate, dict[str, float]]:
    open_gate = AnswerabilityGate(
        min_support=0.0,
        min_dense_cross_lingual=0.0,
        min_dense_cited=0.0,
        check_specifics=False,
        check_kind=False,
    )
    answerable = [c for c in cases if c.item.answerable]
    # Weights first, on raw answer accuracy with the gate open; then the gate on those weights.
    best_w = max(
        (Weights(**{**_defaults(Weights), **g}) for g in grid(WEIGHT_GRID)),
        key=lambda w: _answer_quality(evaluate(answerable, w, open_gate)),
    )
    best_g = max(
        (replace(AnswerabilityGate(), **g) for g in grid(GATE_GRID)),  # type: ignore[arg-type]
        key=lambda g: objective(evaluate(cases, best_w, g)),
    )
    return best_w, best_g, evaluate(cases, best_w, best_g)


def _answer_quality(m: dict[str, float]) -> float:
    return m["accuracy"] + 0.5 * m["citation_precision"]


def _defaults(cls: Any) -> dict[str, Any]:
    return {f.name: f.default for f in fields(cls)}


def failures(cases: list[Case], weights: Weights, gate: AnswerabilityGate) -> list[dict[str, Any]]:
    gen, out = ExtractiveGenerator(weights=weights), []
    for case in cases:
        answered, draft = replay(case, gen, gate)
        text = "".join(p.text for p in draft.parts)
        ok = (answered and answer_correct(case.item, text)) if case.item.answerable else not answered
        if not ok:
            reason = gate.decide(case.question, case.passages, draft).reason if draft.parts else "no draft"
            out.append(
                {
                    "id": case.item.id,
                    "question": case.item.question,
                    "answers": case.item.answers,
                    "answered": answered,
                    "gate": reason,
                    "answer": text[:160],
                }
            )
    return out


def add_run_arguments(ap: argparse.ArgumentParser) -> None:
    """The index to answer from and how many passages to retrieve, as every eval script takes them."""
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--top-k", type=int, default=5)


def runtime_over(index: Path) -> Runtime:
    """The offline defaults, answering from the index in ``index``."""
    settings = Settings()
    settings.index.dir = index
    return Runtime.build(settings)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", type=Path)
    add_run_arguments(ap)
    ap.add_argument("--show-failures", action="store_true")
    args = ap.parse_args()
    cases = collect(runtime_over(args.index), load_dataset(args.dataset), args.top_k)
    print("shipped:", json.dumps(evaluate(cases, Weights(), AnswerabilityGate())))
    weights, gate, metrics = fit(cases)
    print("fitted weights:", weights)
    print("fitted gate:", gate)
    print("fitted:", json.dumps(metrics))
    if args.show_failures:
        for f in failures(cases, Weights(), AnswerabilityGate()):
            print(json.dumps(f, ensure_ascii=False))


if __name__ == "__main__":
    main()
