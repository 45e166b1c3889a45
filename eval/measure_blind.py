"""Measure a held-out refusal set without reading it: totals and per-category counts only.

A refusal set is only useful while nobody has read which of its questions fail (eval/README.md).
``ragqa eval`` writes every miss into its report; this prints nothing per question:

    python eval/measure_blind.py eval/heldout_refusal9.jsonl --index /tmp/idx
    python eval/measure_blind.py eval/dev.jsonl eval/heldout*.jsonl --lang en --index /tmp/idx
    python eval/measure_blind.py eval/heldout_refusal1[89].jsonl --each --index /tmp/idx
    python eval/measure_blind.py eval/heldout_refusal3*.jsonl --by-source --index /tmp/idx

Several sets are measured together as one (their questions pooled; the per-category counts then
mean something only for refusal sets), or with ``--each`` one line per set, named by its file;
``--lang`` keeps the questions of one language; ``--by-source`` adds how many answerable questions
were answered right per source page (an OCR'd page with interleaved columns fares worse).
The refusal sets number their 24 unanswerable questions by category (ids 17-24: a detail the
article does not give, 25-32: a nearby place or body, 33-40: a swapped figure or noun), so the
refused ones are also counted per category. Figures equal ``ragqa eval``'s for the offline defaults.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: this checkout's code, not the installed one
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CATEGORIES = {"detail": range(17, 25), "nearby": range(25, 33), "swapped": range(33, 41)}


def by_category(refused_ids: Iterable[str]) -> dict[str, int]:
    """How many of the refused unanswerable questions fall in each category, by their ids' number."""
    numbers = [int(m.group()) for i in refused_ids if (m := re.search(r"\d+$", i))]
    return {name: sum(n in span for n in numbers) for name, span in CATEGORIES.items()}


def right_by_source(cases: Iterable[Any]) -> dict[str, list[int]]:
    """Per source file of the answerable cases: [answered right, answerable]."""
    from fit_answering import outcome

    from service.answering.candidates import Weights
    from service.answering.extractive import ExtractiveGenerator
    from service.answering.gate import AnswerabilityGate

    generator, gate = ExtractiveGenerator(weights=Weights()), AnswerabilityGate()
    counts: dict[str, list[int]] = {}
    for case in cases:
        if case.item.answerable:
            tally = counts.setdefault(case.item.source or "", [0, 0])
            tally[0] += outcome(case, generator, gate).correct
            tally[1] += 1
    return dict(sorted(counts.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("datasets", type=Path, nargs="+")
    ap.add_argument("--lang", choices=("zh", "en"), help="only the questions in this language")
    ap.add_argument("--each", action="store_true", help="one line per set instead of the sets pooled")
    ap.add_argument("--by-source", action="store_true", help="answerable questions right per source page")
    from fit_answering import add_run_arguments, collect, evaluate, runtime_over

    add_run_arguments(ap)
    args = ap.parse_args()

    from service.answering.candidates import Weights
    from service.answering.gate import AnswerabilityGate
    from service.evaluation.runner import load_dataset

    runtime = runtime_over(args.index)
    groups = [[path] for path in args.datasets] if args.each else [args.datasets]
    for paths in groups:
        items = [i for path in paths for i in load_dataset(path) if args.lang in (None, i.lang)]
        cases = collect(runtime, items, args.top_k)
        refused: list[str] = []
        metrics = evaluate(cases, Weights(), AnswerabilityGate(), refused)
        answerable = sum(c.item.answerable for c in cases)
        named = {"set": paths[0].name} if args.each else {}
        sources = {"right_by_source": right_by_source(cases)} if args.by_source else {}
        print(
            json.dumps(
                {
                    **named,
                    **{k: round(v, 4) for k, v in metrics.items()},
                    "answerable": answerable,
                    "unanswerable": len(cases) - answerable,
                    "refused_by_category": by_category(refused),
                    **sources,
                }
            )
        )


if __name__ == "__main__":
    main()
