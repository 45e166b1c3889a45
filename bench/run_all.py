"""Run every benchmark part, each in its own process (so memory from one size or part is returned
before the next), and collect their Markdown into ``artifacts/bench/summary.md``.

Parts written by other engineers (ingest throughput, inews retrieval, HTTP load) run too when their
scripts are present. ``ragqa bench`` and ``make bench`` call this.

    python -m bench.run_all [--quick] [--sizes 10000,100000] [--parts scaling,memory]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench.common import OUT_DIR, QUICK_SIZES, REPO, load_average, machine

# name -> takes --sizes (ours) or not (the others' scripts take their own options)
OURS = ("scaling", "keyword_scaling", "api_latency", "memory")
OTHERS = ("ingest_speed", "inews", "load")


def part_command(name: str, args: argparse.Namespace) -> list[str] | None:
    script = REPO / "bench" / f"{name}.py"
    if not script.exists():
        return None
    cmd = [sys.executable, "-m", f"bench.{name}"]
    if name in OURS:
        cmd += ["--out", str(args.out)]
        if args.sizes:
            cmd += ["--sizes", args.sizes]
    if name == "api_latency":
        cmd += ["--base", str(args.index)]
    text = script.read_text(encoding="utf-8")
    # Only pass options the other engineers' scripts understand (their interfaces are their own).
    if args.quick and (name in OURS or "--quick" in text):
        cmd.append("--quick")
    if name == "load":
        for option, value in (("--index", args.index), ("--out", args.out)):
            cmd += [option, str(value)] if option in text else []
    if name == "ingest_speed" and "--json" in text:
        cmd += ["--json", str(args.out / "ingest_speed.json")]
        if args.quick:
            cmd += ["tests/fixtures/articles", "--runs", "1"]
    return cmd


def run_part(name: str, cmd: list[str], timeout: float) -> dict[str, object]:
    started, load_before = time.perf_counter(), load_average()
    print(f"== {name}: {' '.join(cmd[1:])}", flush=True)
    try:
        code = subprocess.run(cmd, cwd=REPO, timeout=timeout, check=False).returncode
        status = "ok" if code == 0 else f"exit {code}"
    except subprocess.TimeoutExpired:
        status = f"stopped after {timeout:.0f} s"
    return {
        "part": name,
        "status": status,
        "seconds": round(time.perf_counter() - started, 1),
        "load_before": load_before,
        "load_after": load_average(),
    }


def summary(results: list[dict[str, object]], out: Path, command: str) -> str:
    m = machine()
    lines = [
        f"# ragqa bench — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        f"Command: `{command}`",
        "",
        f"Machine: {m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB RAM, Python {m['python']}.",
        "",
        "| part | status | seconds | load average before → after |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {r['part']} | {r['status']} | {r['seconds']} | {r['load_before']} → {r['load_after']} |"
        for r in results
    ]
    for r in results:
        md = out / f"{r['part']}.md"
        if md.exists():
            lines += ["", f"## {r['part']}", "", md.read_text(encoding="utf-8").strip()]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--quick", action="store_true", help=f"tiny sizes ({QUICK_SIZES}), few queries")
    p.add_argument(
        "--sizes", help="comma-separated chunk counts for the scaling parts (default: each part's own)"
    )
    p.add_argument(
        "--parts",
        type=lambda s: s.split(","),
        default=[*OURS, *OTHERS],
        help=f"which parts, comma-separated (default all: {','.join((*OURS, *OTHERS))})",
    )
    p.add_argument("--timeout", type=float, default=3600.0, help="seconds any one part may run")
    p.add_argument("--out", type=Path, default=OUT_DIR)
    p.add_argument(
        "--index",
        type=Path,
        default=REPO / "data" / "index",
        help="built index the HTTP latency part copies (never modified)",
    )
    args = p.parse_args(argv)
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    results = []
    for name in args.parts:
        cmd = part_command(name, args)
        if cmd is None:
            print(f"== {name}: bench/{name}.py not present, skipped", flush=True)
            continue
        results.append(run_part(name, cmd, args.timeout))
    command = "ragqa bench " + " ".join(argv if argv is not None else sys.argv[1:])
    (args.out / "summary.md").write_text(summary(results, args.out, command.strip()), encoding="utf-8")
    print(f"summary: {args.out / 'summary.md'}")
    return 0 if all(r["status"] == "ok" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
