"""``ragqa eval``: run a question set against configurations, in process or over HTTP, and write the
report (heavy imports happen inside the command)."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

from service.config import Settings


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from tqdm import tqdm

    from service.evaluation.floors import check_floors
    from service.evaluation.report import write_report
    from service.evaluation.runner import Config, HttpTarget, InProcessTarget, Target, load_dataset, run_all

    try:
        items = load_dataset(Path(args.dataset))
    except (OSError, ValueError) as exc:
        print(f"ragqa: {exc}", file=sys.stderr)
        return 2
    try:
        configs = [Config.parse(c) for c in (args.config or ["hybrid-extractive"])]
        if len({c.name for c in configs}) < len(configs):
            raise ValueError("a config is given twice; its results would overwrite each other")
        # HttpTarget refuses configs the HTTP contract cannot run: check them all before any question
        http = (
            {c.name: HttpTarget(args.url, c, args.top_k, api_key=args.api_key) for c in configs}
            if args.url
            else {}
        )
    except ValueError as exc:
        print(f"ragqa: --config: {exc}", file=sys.stderr)
        return 2
    runs = {}
    runtimes: dict[str, object] = {}  # one per config (its own memo of vectors), sharing embedder and index
    for config in configs:
        target: Target
        if args.url:
            target = http[config.name]
        else:
            target = InProcessTarget(_runtime_for(settings, config, runtimes), config, args.top_k)
        quiet = not args.progress and not sys.stderr.isatty()
        with tqdm(total=len(items), desc=config.name, disable=quiet) as bar:
            runs[config.name] = run_all(target, items, bar.update)
    command = _eval_command(args)
    summaries = write_report(Path(args.out), runs, args.dataset, command)
    for name, summary in summaries.items():
        print(name, json.dumps(summary, ensure_ascii=False))
    print(f"report: {Path(args.out) / 'report.md'}")
    if args.floors:
        failures = check_floors(summaries[configs[0].name], Path(args.floors))
        for failure in failures:
            print(f"FLOOR {failure}", file=sys.stderr)
        return 1 if failures else 0
    return 0


def _eval_command(args: argparse.Namespace) -> str:
    """The command for the report, rebuilt from the arguments (sys.argv is not ours when main() is
    called with argv) and never showing the API key."""
    argv = [
        "ragqa",
        "eval",
        args.dataset,
        *(["--url", args.url] if args.url else []),
        *(["--index", args.index] if args.index else []),
        *(["--api-key", "***"] if args.api_key else []),
    ]
    for config in args.config or []:
        argv += ["--config", config]
    argv += ["--top-k", str(args.top_k), "--out", args.out]
    return shlex.join(argv + (["--floors", args.floors] if args.floors else []))


def _runtime_for(settings: Settings, config: object, runtimes: dict[str, object]) -> object:
    from service.runtime import Runtime, freeze_loaded_objects

    name = getattr(config, "name", "hybrid")
    if name not in runtimes:
        s = settings.model_copy(deep=True)
        s.llm.backend = getattr(config, "generator", "extractive")
        shared = next(iter(runtimes.values()), None)
        runtime = Runtime.build(
            s, embedder=getattr(shared, "embedder", None), index=getattr(shared, "index", None)
        )
        runtime.warm_up()  # as `ragqa serve` does before it reports ready
        freeze_loaded_objects()
        runtimes[name] = runtime
    return runtimes[name]
