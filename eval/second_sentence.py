"""What quoting a second sentence costs: accuracy against citation precision, per margin.

The extractive answerer quotes the runner-up sentence too when it scores within
``Weights.second_margin`` of the best (0 by default: only a tie). General questions (怎样, 哪些, 什么,
为什么) often have their answer spread over two sentences, so a margin answers more of them, and
cites more sentences that hold no evidence. For each margin this prints one line of totals, for every
question and for the untyped ones alone, with the margin applied to every question (``all``) or to
untyped questions only (``untyped_only``):

    python eval/second_sentence.py eval/dev.jsonl --index /tmp/idx --margins 0 0.02 0.05 0.1
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if __package__ in (None, ""):  # run as a script: this checkout's code, not the installed one
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

if TYPE_CHECKING:
    from fit_answering import Outcome


def totals(rows: Iterable[Outcome]) -> dict[str, float | int | None]:
    """Each question's outcome -> the guard's accuracy, refusal recall, wrongly-refused share and
    citation precision (None for a share of no questions)."""
    rows = list(rows)
    answerable = [r for r in rows if r.answerable]
    unanswerable = [r for r in rows if not r.answerable]
    cited = sum(r.cited for r in answerable)
    return {
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "accuracy": _share(sum(r.correct for r in answerable), len(answerable)),
        "refusal_recall": _share(sum(not r.answered for r in unanswerable), len(unanswerable)),
        "wrongly_refused": _share(sum(not r.answered for r in answerable), len(answerable)),
        "citation_precision": _share(sum(r.cited_ok for r in answerable), cited),
        "citations": cited,
    }


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("datasets", type=Path, nargs="+")
    ap.add_argument("--margins", type=float, nargs="+", default=[0.0, 0.02, 0.05, 0.1])
    from fit_answering import add_run_arguments, collect, outcome, runtime_over

    add_run_arguments(ap)
    args = ap.parse_args()

    from service.answering.candidates import Weights
    from service.answering.extractive import ExtractiveGenerator
    from service.answering.gate import AnswerabilityGate
    from service.answering.question import UNTYPED
    from service.evaluation.runner import load_dataset

    items = [i for path in args.datasets for i in load_dataset(path)]
    cases = collect(runtime_over(args.index), items, args.top_k)
    gate, shipped = AnswerabilityGate(), ExtractiveGenerator()
    for margin in args.margins:
        wide = ExtractiveGenerator(weights=Weights(second_margin=margin))
        for scope in ("all", "untyped_only"):
            rows: dict[str, list[Outcome]] = {"every": [], "untyped": []}
            for case in cases:
                untyped = case.question.answer_type in UNTYPED
                row = outcome(case, wide if scope == "all" or untyped else shipped, gate)
                rows["every"].append(row)
                if untyped:
                    rows["untyped"].append(row)
            report: dict[str, Any] = {
                "margin": margin,
                "applied_to": scope,
                **{k: totals(v) for k, v in rows.items()},
            }
            print(json.dumps(report))


if __name__ == "__main__":
    main()
