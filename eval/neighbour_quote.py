"""What quoting the best sentence together with its neighbour costs and gains, per margin.

For a question asking no kind of item (怎样, 哪些, 什么), the extractive answerer quotes the best
sentence and the runner-up as one span when the runner-up is the sentence right before or after it
and scores within ``Weights.neighbour_margin`` of it (news often restates the question in one
sentence and answers it in the next). A margin below 0 turns it off. For each margin this prints one
line: the guard's totals (``second_sentence.totals``), how many answers joined two sentences, and the
mean and median length in characters of the answers given:

    python eval/neighbour_quote.py eval/dev.jsonl --index /tmp/idx --margins -1 0.1 0.2 0.5
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if __package__ in (None, ""):  # run as a script: this checkout's code, not the installed one
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

if TYPE_CHECKING:
    from service.answering.base import Draft


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("datasets", type=Path, nargs="+")
    ap.add_argument("--margins", type=float, nargs="+", default=[-1.0, 0.1, 0.2, 0.5])
    from fit_answering import add_run_arguments, collect, outcome, replay, runtime_over
    from second_sentence import totals

    add_run_arguments(ap)
    args = ap.parse_args()

    from service.answering.candidates import Weights
    from service.answering.extractive import ExtractiveGenerator
    from service.answering.gate import AnswerabilityGate
    from service.evaluation.runner import load_dataset

    items = [i for path in args.datasets for i in load_dataset(path)]
    cases = collect(runtime_over(args.index), items, args.top_k)
    gate, off = AnswerabilityGate(), ExtractiveGenerator(weights=Weights(neighbour_margin=-1.0))
    unjoined = [_text(replay(case, off, gate)[1]) for case in cases]  # the same for every margin
    for margin in args.margins:
        gen = ExtractiveGenerator(weights=Weights(neighbour_margin=margin))
        lengths, joined = [], 0
        for case, alone in zip(cases, unjoined, strict=True):
            answered, draft = replay(case, gen, gate)
            if answered:
                text = _text(draft)
                lengths.append(len(text))
                joined += text != alone
        report = {
            "margin": margin,
            **totals(outcome(case, gen, gate) for case in cases),
            "joined": joined,
            "mean_chars": round(statistics.fmean(lengths), 1) if lengths else None,
            "median_chars": statistics.median(lengths) if lengths else None,
        }
        print(json.dumps(report))


def _text(draft: Draft) -> str:
    return "".join(p.text for p in draft.parts)


if __name__ == "__main__":
    main()
