"""Which check of the refusal gate refuses which questions: a tally per kind, no question printed.

For each question the gate's first failing check (service/answering/gate.py) is counted, apart for
answerable questions (a wrong refusal) and unanswerable ones (a right one). Under ``refused although
right`` each check also counts the answerable questions it refused whose drafted answer held a gold
answer: the right answers it costs (the others it refused would have been wrong anyway):

    python eval/gate_reasons.py eval/heldout_refusal5.jsonl --index /tmp/idx

Run against the commit that was current before a set was read, it tells how each check fares on
questions nobody had fitted it to (its out-of-sample precision). The script needs only the
answering API every commit since the gate has had, so an older checkout can run it:

    git worktree add /tmp/old <commit> && cd /tmp/old
    PYTHONPATH=. python ~/ragqa/eval/gate_reasons.py ~/ragqa/eval/heldout_refusal5.jsonl --index /tmp/idx
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: this checkout's code, not the installed one
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def check_of(reason: str) -> str:
    """The check a gate reason names, without its figures or items ("support 0.06 < 0.08" ->
    "support", "not in the cited article: 住宅" -> "not in the cited article")."""
    return re.sub(r"\s*(?:[:<]|\d).*$", "", reason).strip() or reason


Decision = tuple[bool, bool, str, bool]  # answerable, answered, reason, the drafted answer was right


def tally(decisions: list[Decision]) -> dict[str, dict[str, int]]:
    """Counts per kind of question and check, and per check the answerable questions it refused
    whose drafted answer held a gold answer: what that check costs in right answers."""
    out: dict[str, Counter[str]] = {
        "answerable": Counter(),
        "unanswerable": Counter(),
        "refused although right": Counter(),
    }
    for answerable, answered, reason, right in decisions:
        kind = "answerable" if answerable else "unanswerable"
        out[kind]["answered" if answered else check_of(reason)] += 1
        if answerable and right and not answered:
            out["refused although right"][check_of(reason)] += 1
    return {kind: dict(counts.most_common()) for kind, counts in out.items()}


def decisions(datasets: list[Path], index: Path, top_k: int) -> list[Decision]:
    from service.config import Settings
    from service.evaluation.runner import load_dataset
    from service.runtime import Runtime

    settings = Settings()
    settings.index.dir = index
    return decide(Runtime.build(settings), [i for path in datasets for i in load_dataset(path)], top_k)


def decide(rt: Any, items: list[Any], top_k: int) -> list[Decision]:
    """Each item's decision by the offline defaults over ``rt`` (a ``service.runtime.Runtime``)."""
    from service.answering.extractive import ExtractiveGenerator
    from service.answering.gate import AnswerabilityGate
    from service.evaluation.metrics import answer_correct

    gen, gate, out = ExtractiveGenerator(), AnswerabilityGate(), []
    for item in items:
        question = rt.question(item.question)
        passages = rt.retrieve(item.question, top_k).passages
        draft = gen.draft_from(item.question, gen.rank(rt.extractive.features(question, passages)))
        if not draft.answerable or not draft.parts:
            out.append((item.answerable, False, "the answerer found nothing", False))
            continue
        decision = gate.decide(question, passages, draft)
        right = item.answerable and answer_correct(item, "".join(p.text for p in draft.parts))
        out.append((item.answerable, decision.answerable, decision.reason, right))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("datasets", type=Path, nargs="+")
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--top-k", type=int, default=5)
    args = ap.parse_args()
    report: dict[str, Any] = tally(decisions(args.datasets, args.index, args.top_k))
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
