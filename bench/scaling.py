"""Part 1 — dense search latency at scale (SYNTHETIC 384-d unit vectors): our FAISS flat and HNSW
(``FaissVectorIndex``) against brute-force numpy (``matrix @ query`` + ``argpartition``), one query at
a time as the service issues them. Also HNSW recall@10 against flat, and flat/numpy agreement.

    python -m bench.scaling --sizes 10000,100000,1000000
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from bench.common import (
    apply_quick,
    base_parser,
    envelope,
    latency_runs,
    load_average,
    md_table,
    projected_too_slow,
    rss_bytes,
    threads,
    write_outputs,
)
from bench.synthetic import clustered_unit_vectors
from embeddings.vector_index import FaissVectorIndex

DIM = 384
K = 10


def numpy_search(matrix: np.ndarray, query: np.ndarray, k: int) -> np.ndarray:
    """The baseline: exact top-k by inner product with no index at all."""
    scores = matrix @ query
    top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    return top[np.argsort(-scores[top], kind="stable")]


def build(kind: str, vectors: np.ndarray) -> tuple[FaissVectorIndex, float, int]:
    """(index, build seconds, RSS growth in bytes)."""
    gc.collect()
    before = rss_bytes()
    t0 = time.perf_counter()
    index = FaissVectorIndex(DIM, kind)  # type: ignore[arg-type]
    index.add(np.arange(len(vectors), dtype=np.int64), vectors)
    return index, time.perf_counter() - t0, rss_bytes() - before


def recall_at_k(approx: Sequence[np.ndarray], exact: Sequence[np.ndarray]) -> float:
    hits = sum(len(set(a.tolist()) & set(e.tolist())) for a, e in zip(approx, exact, strict=True))
    return hits / sum(len(e) for e in exact)


def time_index(
    kind: str, vectors: np.ndarray, queries: np.ndarray, args: argparse.Namespace
) -> tuple[list[np.ndarray], dict[str, Any]]:
    """Build one index, time single-query searches; the index is freed on return (1M vectors = 1.5 GB)."""
    index, seconds, grown = build(kind, vectors)
    found = [index.search(q, K)[1][0] for q in queries]
    with threads(args.threads):
        timings = latency_runs(lambda i: index.search(queries[i], K), args.queries, args.repeats)
    return found, {"build_s": round(seconds, 3), "rss_growth_bytes": grown, **timings}


def measure_size(n: int, args: argparse.Namespace, hnsw_history: list[tuple[int, float]]) -> dict[str, Any]:
    vectors = clustered_unit_vectors(n, DIM, seed=0)
    queries = clustered_unit_vectors(args.queries, DIM, seed=1)
    row: dict[str, Any] = {"chunks": n, "vectors": "synthetic clustered unit vectors, 384-d"}
    exact = [numpy_search(vectors, q, K) for q in queries]
    with threads(args.threads):
        timings = latency_runs(lambda i: numpy_search(vectors, queries[i], K), args.queries, args.repeats)
    row["numpy"] = {"build_s": 0.0, **timings}
    flat_ids, row["flat"] = time_index("flat", vectors, queries, args)
    agree = [f[0] == e[0] for f, e in zip(flat_ids, exact, strict=True)]
    row["flat_vs_numpy_top1_agreement"] = float(np.mean(agree))
    row["flat_vs_numpy_recall_at_10"] = recall_at_k(flat_ids, exact)
    gc.collect()
    if projected_too_slow(hnsw_history, n, args.budget):
        row["hnsw"] = {"skipped": f"projected build over the {args.budget:.0f} s budget"}
        return row
    approx, row["hnsw"] = time_index("hnsw", vectors, queries, args)
    hnsw_history.append((n, row["hnsw"]["build_s"]))
    row["hnsw_recall_at_10_vs_flat"] = round(recall_at_k(approx, flat_ids), 4)
    return row


def to_markdown(result: dict[str, Any]) -> str:
    rows = []
    for r in result["sizes"]:
        for name in ("numpy", "flat", "hnsw"):
            m = r[name]
            if "skipped" in m:
                rows.append([r["chunks"], name, "—", "—", "—", m["skipped"]])
                continue
            note = {
                "numpy": f"flat = numpy top-1 in {r['flat_vs_numpy_top1_agreement']:.0%} of queries",
                "flat": f"recall@10 vs numpy {r['flat_vs_numpy_recall_at_10']:.3f}",
                "hnsw": f"recall@10 vs flat {r.get('hnsw_recall_at_10_vs_flat', float('nan')):.3f}",
            }[name]
            rows.append([r["chunks"], name, m["build_s"], m["p50_ms"], m["p99_ms"], note])
    threads_used = result["options"]["threads"] or "default"
    head = (
        f"Dense top-{K} search, one query at a time, SYNTHETIC clustered 384-d unit vectors, "
        f"{threads_used} thread(s) while timing queries "
        f"(load average {result['load_average_before']} → {result['load_average_after']})."
    )
    return head + "\n\n" + md_table(["chunks", "search", "build s", "p50 ms", "p99 ms", "agreement"], rows)


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = apply_quick(base_parser(__doc__ or "", [10_000, 100_000, 1_000_000]).parse_args(argv))
    started, load_before = time.perf_counter(), load_average()
    history: list[tuple[int, float]] = []
    sizes = []
    for n in args.sizes:
        sizes.append(measure_size(n, args, history))
        gc.collect()
        print(f"scaling: {n} chunks done", file=sys.stderr, flush=True)
    result = {**envelope("scaling", args, started, load_before), "k": K, "sizes": sizes}
    write_outputs("scaling", result, to_markdown(result), args.out)
    return result


if __name__ == "__main__":
    main()
