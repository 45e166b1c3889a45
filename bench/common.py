"""Shared by the benchmark parts: timing summaries, machine and load description, RSS, output files."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "artifacts" / "bench"
QUICK_SIZES = [500, 2000]


def percentiles(samples_ms: Sequence[float]) -> dict[str, float]:
    """p50/p99 of one pass (nearest-rank on the sorted samples, which is exact enough at n >= 50)."""
    ordered = sorted(samples_ms)
    if not ordered:
        return {"p50": float("nan"), "p99": float("nan"), "n": 0}

    def rank(q: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]

    return {"p50": round(rank(0.50), 4), "p99": round(rank(0.99), 4), "n": len(ordered)}


def latency_runs(fn: Callable[[int], object], count: int, repeats: int) -> dict[str, float]:
    """Call ``fn(i)`` for i in range(count), ``repeats`` passes; the median over passes of p50 and p99.

    Other engineers share the cores, so one pass can be unlucky; the median pass is what we quote.
    """
    passes = []
    for _ in range(repeats):
        samples = []
        for i in range(count):
            t0 = time.perf_counter()
            fn(i)
            samples.append((time.perf_counter() - t0) * 1000)
        passes.append(percentiles(samples))
    return {
        "p50_ms": round(statistics.median(p["p50"] for p in passes), 4),
        "p99_ms": round(statistics.median(p["p99"] for p in passes), 4),
        "queries": count,
        "passes": repeats,
    }


@contextlib.contextmanager
def threads(count: int | None) -> Iterator[None]:
    """Limit BLAS and OpenMP (FAISS) threads to ``count`` inside the block; ``None`` leaves the defaults.

    On a shared 2-core box an OpenMP region waits for a core a neighbour holds, so multi-threaded
    single-query timings measure the neighbours; one thread gives the stable per-query cost.
    """
    if count is None:
        yield
        return
    import faiss
    from threadpoolctl import threadpool_limits

    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(count)
    try:
        with threadpool_limits(limits=count):
            yield
    finally:
        faiss.omp_set_num_threads(before)


def rss_bytes(pid: int | str = "self") -> int:
    """Resident set size from /proc (VmRSS), in bytes; 0 where /proc is missing."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> dict[str, Any]:
    mem_gib = 0.0
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            mem_gib = int(fh.readline().split()[1]) / 2**20
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(mem_gib, 1),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
    }


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def md_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    def cell(v: object) -> str:
        if isinstance(v, float):
            return f"{v:.3g}" if abs(v) < 100 else f"{v:,.0f}"
        if isinstance(v, int):
            return f"{v:,}"
        return str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def write_outputs(
    name: str, result: dict[str, Any], markdown: str, out_dir: Path = OUT_DIR, echo: bool = True
) -> None:
    """Write ``<name>.json`` and ``<name>.md`` and print the Markdown."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{name}.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )
    (out_dir / f"{name}.md").write_text(markdown + "\n", encoding="utf-8")
    if echo:
        print(markdown, flush=True)


def envelope(part: str, args: argparse.Namespace, started: float, load_before: list[float]) -> dict[str, Any]:
    """What every result file starts with: the part, its options, the machine and the load."""
    return {
        "part": part,
        "options": {k: v for k, v in vars(args).items() if k != "out"},
        "machine": machine(),
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "seconds": round(time.perf_counter() - started, 1),
    }


def base_parser(description: str, default_sizes: Sequence[int]) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument(
        "--sizes",
        type=lambda s: [int(float(x)) for x in s.split(",")],
        default=list(default_sizes),
        help="comma-separated chunk counts, e.g. 10000,100000,1e6",
    )
    p.add_argument(
        "--quick", action="store_true", help=f"tiny sizes ({QUICK_SIZES}) and few queries, for tests"
    )
    p.add_argument("--queries", type=int, default=100, help="queries per pass")
    p.add_argument("--repeats", type=int, default=3, help="passes; medians over passes are reported")
    p.add_argument(
        "--budget",
        type=float,
        default=300.0,
        help="seconds one index build may take; larger sizes whose projected build exceeds it are skipped",
    )
    p.add_argument(
        "--threads",
        type=lambda s: None if s == "default" else int(s),
        default=1,
        help="BLAS/OpenMP threads while timing queries ('default' = library defaults)",
    )
    p.add_argument("--out", type=Path, default=OUT_DIR)
    return p


def apply_quick(args: argparse.Namespace) -> argparse.Namespace:
    if args.quick:
        args.sizes = [s for s in args.sizes if s <= QUICK_SIZES[-1]] or list(QUICK_SIZES)
        args.queries, args.repeats = min(args.queries, 20), 1
    return args


def projected_too_slow(history: list[tuple[int, float]], size: int, budget: float) -> bool:
    """Whether building ``size`` would exceed ``budget`` seconds, extrapolating linearly from the last."""
    if not history:
        return False
    last_size, last_seconds = history[-1]
    return last_seconds * size / last_size > budget


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
