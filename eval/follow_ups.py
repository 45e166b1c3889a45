"""Does a conversation's history change questions that stand on their own? A count, no question
printed.

Each question of the given sets is asked after one question in its language about another page (a
fixed random pick), as a chat reader would when changing the subject, and read with ``service.conversation``:
the script counts the questions the history rewrites and, answering both forms, those whose
outcome (answered or refused, and the answer) changes:

    python eval/follow_ups.py eval/dev.jsonl eval/heldout.jsonl ... --index /tmp/idx

With ``--pointing-back`` it measures the follow-ups that need the history instead: each answerable
question naming a hospital or a city once is asked with 该院 / 该市 (in English "the hospital", "the
city") in place of that name, after another question in its language on the same page that names
it, and the script counts the right answers of the follow-up alone, read with that question, and of
the question as written.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: this checkout's code, not the installed one
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def count(items: list[Any], answer: Any, seed: int = 7) -> dict[str, int]:
    """Totals over ``items`` (``service.evaluation.metrics.Item``); ``answer(question)`` gives an
    ``AskResponse``."""
    from service.conversation import standalone

    rng = random.Random(seed)
    totals = {"questions": 0, "rewritten": 0, "outcome changed": 0}
    for item in items:
        others = [o.question for o in items if o.source != item.source and o.lang == item.lang]
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


def pointing_back(items: list[Any], answer: Any, seed: int = 3) -> dict[str, dict[str, int]]:
    """Totals, by language, over the follow-ups made from ``items`` by pointing back at a hospital
    or city."""
    from service.conversation import standalone
    from service.evaluation.metrics import answer_correct

    def right(item: Any, question: str) -> bool:
        response = answer(question)
        return bool(response.answerable and answer_correct(item, response.answer))

    totals: dict[str, dict[str, int]] = {}
    rngs: dict[str, random.Random] = {}
    for item in items:
        if not item.answers:
            continue
        pointed = _pointed_zh(item.question) if item.lang == "zh" else _pointed_en(item.question)
        if pointed is None:
            continue
        name, pointer = pointed
        earlier = [
            o.question
            for o in items
            if o.source == item.source and o.lang == item.lang and name in o.question and o is not item
        ]
        if not earlier:
            continue
        follow_up = item.question.replace(name, pointer).replace(f"the {pointer}", pointer)  # the Shanxi team
        read = standalone(follow_up, [rngs.setdefault(item.lang, random.Random(seed)).choice(earlier)])
        counts = totals.setdefault(item.lang, dict.fromkeys(_POINTING_BACK_COUNTS, 0))
        # each distinct question answered once: a follow-up not read is asked as it is, and one read
        # back as the question was written is that question
        alone = right(item, follow_up)
        after = alone if read == follow_up else right(item, read)
        written = after if read == item.question else right(item, item.question)
        counts["follow-ups"] += 1
        counts["read with the history"] += read != follow_up
        counts["right alone"] += alone
        counts["right after"] += after
        counts["right as written"] += written
        counts["read, and wrong where as written right"] += read != follow_up and written and not after
    return totals


_POINTING_BACK_COUNTS = (
    "follow-ups",
    "read with the history",
    "right alone",
    "right after",
    "right as written",
    "read, and wrong where as written right",
)
_POINTED = ("医院", "卫生院", "市")  # the names a follow-up points back at with 该院 / 该市


def _pointed_zh(question: str) -> tuple[str, str] | None:
    """The longest hospital or city ``question`` names once, and the word pointing back at it."""
    from service.answering.specifics import specifics

    names = [n for n in specifics(question) if n.endswith(_POINTED) and question.count(n) == 1]
    if not names:
        return None
    name = max(names, key=len)
    return name, "该院" if name.endswith("院") else "该市"


def _pointed_en(question: str) -> tuple[str, str] | None:
    """The first hospital (… Hospital) or else city (in pinyin) ``question`` names once, and "the
    hospital" or "the city" to put in its place."""
    from service.conversation import english_institutions, english_places

    for names, pointer in (
        (english_institutions(question, "Hospital"), "the hospital"),
        (english_places(question), "the city"),
    ):
        names = [n for n in names if question.count(n) == 1]
        if names:
            return names[0], pointer
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("datasets", type=Path, nargs="+")
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument(
        "--pointing-back",
        action="store_true",
        help="measure 该院 / 该市 / the hospital / the city follow-ups",
    )
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
    measure: Any = pointing_back if args.pointing_back else count
    print(json.dumps(measure(items, lambda q: runtime.answer(q, 5)), ensure_ascii=False))


if __name__ == "__main__":
    main()
