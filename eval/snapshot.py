"""Per-question decisions on the sets already read, to compare two commits question by question.

A rule is kept when it costs no right answer and no refusal on the sets already read
(docs/BENCHMARKS.md). ``measure_blind.py`` gives totals; this writes one line per question, so that
two runs can be compared:

    python eval/snapshot.py eval/dev.jsonl eval/heldout.jsonl ... --index /tmp/idx --out /tmp/before.tsv
    (change the code)
    python eval/snapshot.py <the same sets> --index /tmp/idx --out /tmp/after.tsv
    python eval/snapshot.py --compare /tmp/before.tsv /tmp/after.tsv

Each line holds the set's file name, the question's id, whether it is answerable, answered and
answered right (1 or 0), and the answer's first characters. The comparison prints the questions
whose decision changed, then each side's totals. Because it shows every question's result, it
refuses a set whose section in eval/README.md still says it is unread: measure those with
``measure_blind.py``, which prints totals only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: this checkout's code, not the installed one
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

README = Path(__file__).with_name("README.md")
ANSWER_CHARS = 120
_SECTION = re.compile(r"^## (\S+\.jsonl)\s*$", re.M)


def unread_sets(readme: str) -> set[str]:
    """The set files whose section in ``readme`` opens with "**Status: unread"."""
    sections = list(_SECTION.finditer(readme))
    ends = [m.start() for m in sections[1:]] + [len(readme)]
    return {
        m.group(1)
        for m, end in zip(sections, ends, strict=True)
        if readme[m.end() : end].lstrip().startswith("**Status: unread")
    }


def refuse_unread(paths: Iterable[Path], readme: str) -> None:
    """Exit with a message naming the unread sets among ``paths``, if any."""
    unread = sorted(p.name for p in paths if p.name in unread_sets(readme))
    if unread:
        sys.exit(
            f"refusing unread sets {', '.join(unread)}: measure them with eval/measure_blind.py "
            "(totals only), or mark them read in eval/README.md once their failures are read"
        )


def snapshot_lines(paths: Sequence[Path], index: Path, top_k: int) -> list[str]:
    """One tab-separated line per question of ``paths``, answered from ``index``."""
    from fit_answering import collect, outcome, runtime_over

    from service.answering.candidates import Weights
    from service.answering.extractive import ExtractiveGenerator
    from service.answering.gate import AnswerabilityGate
    from service.evaluation.runner import load_dataset

    runtime, lines = runtime_over(index), []
    generator, gate = ExtractiveGenerator(weights=Weights()), AnswerabilityGate()
    for path in paths:
        for case in collect(runtime, load_dataset(path), top_k):
            result = outcome(case, generator, gate)
            text = " ".join(result.answer.split())[:ANSWER_CHARS] if result.answered else "-"
            flags = (int(result.answerable), int(result.answered), int(result.correct))
            lines.append("\t".join((path.name, case.item.id, *map(str, flags), text)))
    return lines


def totals(lines: Iterable[str]) -> dict[str, float]:
    """Accuracy, refusal and wrongly refused over snapshot ``lines``."""
    rows = [line.split("\t") for line in lines if line.strip()]
    answerable = [r for r in rows if r[2] == "1"]
    unanswerable = [r for r in rows if r[2] == "0"]
    return {
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "accuracy": round(sum(r[4] == "1" for r in answerable) / max(len(answerable), 1), 4),
        "refusal_recall": round(sum(r[3] == "0" for r in unanswerable) / max(len(unanswerable), 1), 4),
        "wrongly_refused": round(sum(r[3] == "0" for r in answerable) / max(len(answerable), 1), 4),
    }


def changed(before: Iterable[str], after: Iterable[str]) -> list[dict[str, str]]:
    """The questions whose decision (answered, right) differs between two snapshots."""

    def decisions(lines: Iterable[str]) -> dict[tuple[str, str], list[str]]:
        return {(r[0], r[1]): r for r in (line.split("\t") for line in lines if line.strip())}

    old, new = decisions(before), decisions(after)
    return [
        {"set": key[0], "id": key[1], "before": "".join(old[key][2:5]), "after": "".join(new[key][2:5])}
        for key in old
        if key in new and old[key][2:5] != new[key][2:5]
    ]


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("datasets", type=Path, nargs="*")
    ap.add_argument("--index", type=Path)
    ap.add_argument("--top-k", type=int, default=5)
    ap.add_argument("--out", type=Path, help="where to write the snapshot (default: standard output)")
    ap.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args(argv)
    if args.compare:
        before, after = (p.read_text(encoding="utf-8").splitlines() for p in args.compare)
        for change in changed(before, after):
            print(json.dumps(change))
        print(json.dumps({"before": totals(before), "after": totals(after)}))
        return
    if not args.datasets or args.index is None:
        ap.error("give the sets and --index, or --compare BEFORE AFTER")
    refuse_unread(args.datasets, README.read_text(encoding="utf-8"))
    text = "".join(line + "\n" for line in snapshot_lines(args.datasets, args.index, args.top_k))
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
