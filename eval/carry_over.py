"""Would answerer weights chosen on the read sets carry over to the unread ones?

Every setting of a grid over ``Weights`` and the gate's thresholds (``gate.min_support``) is
replayed on cached candidates of the read sets, and the one that does best on them alone (answerable
questions answered right plus unanswerable ones refused; a tie keeps the shipped defaults) is
chosen. Only then are the unread sets measured, as totals, for the chosen setting and for the
defaults; nothing per question of an unread set is printed.

    python eval/carry_over.py --index /tmp/idx --grid window=0.5,0.7 --grid entity=0.2,0.3 \\
        --inews health:/tmp/idx_inews:a,c,e --inews general:/tmp/idx_general:a,b

The user's pages: every ``eval/*.jsonl`` is read but those whose section in eval/README.md says
unread. ``--inews POOL:INDEX:SETS`` adds a ``bench/inews_qa.py`` pool answered from INDEX (built
by that script), its sets SETS read and its other sets unread.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: this checkout's code, not the installed one
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

EVAL_DIR = Path(__file__).resolve().parent
_GATE = "gate."
if __package__ in (None, ""):  # run as a script: bench/ is imported from the repository
    sys.path.insert(0, str(EVAL_DIR.parent))


@dataclass(frozen=True)
class Group:
    name: str
    read: bool
    cases: list[Any]  # fit_answering.Case


def parse_grid(specs: Sequence[str]) -> dict[str, list[float]]:
    """``window=0.5,0.7`` -> {"window": [0.5, 0.7]}; the names must be fields of ``Weights`` or
    ``gate.`` and a threshold of ``AnswerabilityGate``."""
    from service.answering.candidates import Weights
    from service.answering.gate import AnswerabilityGate

    thresholds = {f"{_GATE}{f.name}" for f in fields(AnswerabilityGate) if f.type in (float, "float")}
    known = {f.name for f in fields(Weights)} | thresholds
    space: dict[str, list[float]] = {}
    for spec in specs:
        name, _, values = spec.partition("=")
        if name not in known or not values:
            raise SystemExit(f"--grid {spec!r}: expected NAME=V1,V2 with NAME one of {sorted(known)}")
        space[name] = [float(v) for v in values.split(",")]
    return space


def parse_inews(spec: str) -> tuple[str, Path, set[str]]:
    """``health:/tmp/idx:a,c,e`` -> ("health", Path("/tmp/idx"), {"a", "c", "e"})."""
    pool, index, sets = spec.split(":")
    return pool, Path(index), set(sets.split(","))


def answerer(setting: dict[str, float]) -> tuple[Any, Any]:
    """The ``Weights`` and ``AnswerabilityGate`` of ``setting``, the shipped values elsewhere."""
    from service.answering.candidates import Weights
    from service.answering.gate import AnswerabilityGate

    gate = {k.removeprefix(_GATE): v for k, v in setting.items() if k.startswith(_GATE)}
    weights = {k: v for k, v in setting.items() if not k.startswith(_GATE)}
    # parse_grid lets only the gate's float thresholds through, never its bool switches
    return replace(Weights(), **weights), replace(AnswerabilityGate(), **gate)  # type: ignore[arg-type]


def tally(cases: Sequence[Any], setting: dict[str, float]) -> list[int]:
    """[answered right, answerable, refused, unanswerable] with the answerer of ``setting``."""
    from fit_answering import outcome

    from service.answering.extractive import ExtractiveGenerator

    weights, gate = answerer(setting)
    generator = ExtractiveGenerator(weights=weights)
    counts = [0, 0, 0, 0]
    for case in cases:
        result = outcome(case, generator, gate)
        if result.answerable:
            counts[0] += result.correct
            counts[1] += 1
        else:
            counts[2] += not result.answered
            counts[3] += 1
    return counts


def read_score(totals: dict[str, list[int]]) -> int:
    return sum(t[0] + t[2] for t in totals.values())


def choose(scored: Sequence[tuple[dict[str, float], int]], defaults: dict[str, float]) -> dict[str, float]:
    """The setting with the best read score; the defaults when they tie with it."""
    best = max(score for _, score in scored)
    tied = [setting for setting, score in scored if score == best]
    return next((s for s in tied if all(defaults[k] == v for k, v in s.items())), tied[0])


def groups(index: Path, eval_dir: Path, inews: Sequence[str], top_k: int) -> list[Group]:
    from fit_answering import collect, runtime_over
    from snapshot import unread_sets

    from bench.inews_qa import POOLS, load_set
    from service.evaluation.runner import load_dataset

    unread = unread_sets((eval_dir / "README.md").read_text(encoding="utf-8"))
    runtime, out = runtime_over(index), []
    pages = sorted(eval_dir.glob("*.jsonl"))
    read_items = [item for p in pages if p.name not in unread for item in load_dataset(p)]
    out.append(Group("pages read", True, collect(runtime, read_items, top_k)))
    for p in pages:
        if p.name in unread:
            out.append(Group(p.name, False, collect(runtime, load_dataset(p), top_k)))
    for spec in inews:
        name, pool_index, read = parse_inews(spec)
        pool, runtime = POOLS[name], runtime_over(pool_index)
        articles = pool.articles()
        for is_read in (True, False):
            paths = [p for p in pool.default_sets() if (p.stem.removeprefix("set_") in read) == is_read]
            items = [item for p in paths for item in load_set(p, articles)]
            label = f"inews {name} {'read' if is_read else 'unread'} ({', '.join(p.stem for p in paths)})"
            out.append(Group(label, is_read, collect(runtime, items, top_k)))
    return out


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, required=True, help="the index of the user's pages")
    ap.add_argument("--grid", action="append", default=[], help="NAME=V1,V2,... (window, gate.min_support)")
    ap.add_argument(
        "--inews", action="append", default=[], help="POOL:INDEX:READ_SETS, e.g. health:/tmp/i:a,c"
    )
    ap.add_argument("--top-k", type=int, default=5)
    ap.add_argument("--eval-dir", type=Path, default=EVAL_DIR, help="the page sets and their README")
    args = ap.parse_args(argv)
    from fit_answering import grid

    space = parse_grid(args.grid)
    defaults = {name: _shipped(name) for name in space}
    data = groups(args.index, args.eval_dir, args.inews, args.top_k)
    scored = []
    for setting in grid(space):
        totals = {g.name: tally(g.cases, setting) for g in data if g.read}
        scored.append((setting, read_score(totals)))
        print(json.dumps({"setting": setting, "read": totals}, ensure_ascii=False), flush=True)
    chosen = choose(scored, defaults)
    unread = {
        g.name: {"defaults": tally(g.cases, {}), "chosen": tally(g.cases, chosen)} for g in data if not g.read
    }
    print(json.dumps({"defaults": defaults, "chosen": chosen, "unread": unread}, ensure_ascii=False))


def _shipped(name: str) -> float:
    weights, gate = answerer({})
    value = getattr(gate, name.removeprefix(_GATE)) if name.startswith(_GATE) else getattr(weights, name)
    return float(value)


if __name__ == "__main__":
    main()
