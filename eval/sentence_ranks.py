"""Where a set's answerable questions are lost, without reading it: retrieval or sentence choice.

For each answerable question: are its gold evidence strings in the retrieved passages (hit@k, as
``ragqa eval`` counts it), and at which rank does the extractive answerer put the first sentence
holding a gold answer (first, second or third, lower, or none)? Only totals are printed, also per
answer type and whether the top sentence holds the answer, so a set that must stay unread
(eval/README.md) can be measured:

    python eval/sentence_ranks.py eval/heldout_refusal17.jsonl --index /tmp/idx
    python eval/sentence_ranks.py eval/dev.jsonl eval/heldout*.jsonl --lang en --index /tmp/idx

``hit@1`` counts the questions whose top passage alone holds all their evidence. ``--lang`` keeps
the questions of one language.

The gate is not applied: this is about choosing the sentence, before any refusal.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: this checkout's code, not the installed one
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def rank_band(position: int | None) -> str:
    """The band of the first right sentence's 0-based ``position`` among the ranked candidates."""
    if position is None:
        return "none"
    return "1" if position == 0 else "2-3" if position < 3 else ">3"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("datasets", type=Path, nargs="+")
    ap.add_argument("--lang", choices=("zh", "en"), help="only the questions in this language")
    from fit_answering import add_run_arguments, collect, runtime_over

    add_run_arguments(ap)
    args = ap.parse_args()

    from service.answering.candidates import Weights
    from service.answering.extractive import ExtractiveGenerator
    from service.evaluation.metrics import answer_correct, hit_rank
    from service.evaluation.runner import load_dataset

    items = [
        i
        for path in args.datasets
        for i in load_dataset(path)
        if i.answerable and args.lang in (None, i.lang)
    ]
    answerer = ExtractiveGenerator(weights=Weights())
    totals: Counter[str] = Counter()
    by_type: Counter[str] = Counter()
    for case in collect(runtime_over(args.index), items, args.top_k):
        found_at = hit_rank(case.item.evidence, [p.chunk.text for p in case.passages])
        totals["hit"] += found_at is not None
        totals["hit@1"] += found_at == 1
        ranked = answerer.rank(case.candidates)
        first = next((k for k, c in enumerate(ranked) if answer_correct(case.item, c.text)), None)
        totals["rank " + rank_band(first)] += 1
        by_type[f"{case.question.lang} {case.question.answer_type} {'first' if first == 0 else 'lower'}"] += 1
    report: dict[str, Any] = {
        "answerable": len(items),
        "hit@1": totals.pop("hit@1", 0),
        f"hit@{args.top_k}": totals.pop("hit", 0),
        **dict(sorted(totals.items())),
        "by_type": dict(sorted(by_type.items())),
    }
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
