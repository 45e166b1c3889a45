"""Does a conversation's history change questions that stand on their own? A count, no question
printed.

Each question of the given sets is asked after one question about another page (a fixed random
pick), as a chat reader would when changing the subject, and read with ``service.conversation``:
the script counts the questions the history rewrites and, answering both forms, those whose
outcome (answered or refused, and the answer) changes:

    python eval/follow_ups.py eval/dev.jsonl eval/heldout.jsonl ... --index /tmp/idx
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any


def count(items: list[Any], answer: Any, seed: int = 7) -> dict[str, int]:
    """Totals over ``items`` (``service.evaluation.metrics.Item``); ``answer(question)`` gives an
    ``AskResponse``."""
    from service.conversation import standalone

    rng = random.Random(seed)
    totals = {"questions": 0, "rewritten": 0, "outcome changed": 0}
    for item in items:
        others = [o.question for o in items if o.source != item.source]
        if not others:
            continue
        totals["questions"] += 1
        read = standalone(item.question, [rng.choice(others)])
        if read == item.question:
            continue
        totals["rewritten"] += 1
        alone, after = answer(item.question), answer(read)
        totals["outcome changed"] += (alone.answerable, alone.answer) != (after.answerable, after.answer)
    return totals


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("datasets", type=Path, nargs="+")
    ap.add_argument("--index", type=Path, required=True)
    args = ap.parse_args()
    from service.config import Settings
    from service.evaluation.runner import load_dataset
    from service.runtime import Runtime

    settings = Settings()
    settings.index.dir = args.index
    runtime = Runtime.build(settings)
    first: dict[str, Any] = {}  # each question once
    for item in (i for p in args.datasets for i in load_dataset(p)):
        first.setdefault(item.question, item)
    items = list(first.values())
    print(json.dumps(count(items, lambda q: runtime.answer(q, 5)), ensure_ascii=False))


if __name__ == "__main__":
    main()
