"""Where a set's answerable questions are lost, without reading it: retrieval or sentence choice.

For each answerable question: is a gold evidence string in the retrieved passages (hit@k), and at
which rank does the extractive answerer put the first sentence holding a gold answer (first, second
or third, lower, or none)? Only totals are printed, also per answer type and whether the top
sentence holds the answer, so a set that must stay unread (eval/README.md) can be measured:

    python eval/sentence_ranks.py eval/heldout_refusal17.jsonl --index /tmp/idx

The gate is not applied: this is about choosing the sentence, before any refusal.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any


def rank_band(position: int | None) -> str:
    """The band of the first right sentence's 0-based ``position`` among the ranked candidates."""
    if position is None:
        return "none"
    return "1" if position == 0 else "2-3" if position < 3 else ">3"


def _compact(text: str) -> str:
    """As the sets compare text (eval/README.md): NFKC, no whitespace."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("datasets", type=Path, nargs="+")
    from fit_answering import add_run_arguments, collect, runtime_over

    add_run_arguments(ap)
    args = ap.parse_args()

    from service.answering.extractive import ExtractiveGenerator, Weights
    from service.evaluation.metrics import answer_correct
    from service.evaluation.runner import load_dataset

    items = [i for path in args.datasets for i in load_dataset(path) if i.answerable]
    answerer = ExtractiveGenerator(weights=Weights())
    totals: Counter[str] = Counter()
    by_type: Counter[str] = Counter()
    for case in collect(runtime_over(args.index), items, args.top_k):
        passages = [_compact(p.chunk.text) for p in case.passages]
        totals["hit"] += any(_compact(e) in p for e in case.item.evidence for p in passages)
        ranked = answerer.rank(case.candidates)
        first = next((k for k, c in enumerate(ranked) if answer_correct(case.item, c.text)), None)
        totals["rank " + rank_band(first)] += 1
        by_type[f"{case.question.lang} {case.question.answer_type} {'first' if first == 0 else 'lower'}"] += 1
    report: dict[str, Any] = {"answerable": len(items), f"hit@{args.top_k}": totals.pop("hit", 0),
                              **dict(sorted(totals.items())), "by_type": dict(sorted(by_type.items()))}
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
