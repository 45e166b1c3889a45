"""Part 4 — memory and disk per chunk: FAISS flat and HNSW (SYNTHETIC 384-d vectors), the SQLite
FTS5 keyword index alone (synthetic Chinese passages), and the whole store (``NewsIndex``: SQLite rows,
stored vectors, FTS5, FAISS flat) written through its real write path and then opened.

Each measurement runs in a fresh child process, so RSS growth (VmRSS after minus before, from
/proc/self/status) belongs to that structure alone; disk is the size of what it writes.

    python -m bench.memory --sizes 10000,100000
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.common import (
    apply_quick,
    base_parser,
    dir_bytes,
    envelope,
    load_average,
    md_table,
    rss_bytes,
    write_outputs,
)
from bench.synthetic import REPO

KINDS = ("faiss-flat", "faiss-hnsw", "fts5", "store")


def build_faiss(kind: str, n: int, out: Path) -> dict[str, Any]:
    import numpy as np

    from bench.synthetic import clustered_unit_vectors
    from embeddings.vector_index import FaissVectorIndex

    index = FaissVectorIndex(384, kind.removeprefix("faiss-"))  # type: ignore[arg-type]
    index.add(np.arange(n, dtype=np.int64), clustered_unit_vectors(n))
    index.save(out / "vectors.faiss")
    return {"disk_bytes": dir_bytes(out)}


def open_faiss(kind: str, out: Path) -> dict[str, Any]:
    import faiss  # noqa: F401  (imported before the baseline: the library is not per-chunk memory)

    from bench.synthetic import clustered_unit_vectors
    from embeddings.vector_index import FaissVectorIndex

    queries = clustered_unit_vectors(20, seed=1)
    before = rss_bytes()
    index = FaissVectorIndex.load(out / "vectors.faiss", 384, kind.removeprefix("faiss-"))  # type: ignore[arg-type]
    for q in queries:
        index.search(q, 10)
    return {"rss_growth_bytes": rss_bytes() - before}


def build_fts5(n: int, out: Path) -> dict[str, Any]:
    from bench.keyword_scaling import SentenceTokens, build_fts
    from bench.synthetic import chinese_sentences, synthetic_passages
    from embeddings.sqlite_db import connect

    _, sentences = chinese_sentences()
    passages = synthetic_passages(n, sentences)
    tokens = SentenceTokens(sentences)
    tokens.ensure(passages.order)
    conn = connect(out)
    build_fts(conn, passages, tokens)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"disk_bytes": dir_bytes(out)}


def open_fts5(out: Path) -> dict[str, Any]:
    from bench.synthetic import chinese_sentences, query_fragments
    from embeddings.keyword import Fts5KeywordIndex, word_tokens
    from embeddings.sqlite_db import connect

    queries = query_fragments(chinese_sentences(limit=2000)[1], 20)
    word_tokens("预热分词器")  # the segmenter's dictionary is not per-chunk memory
    before = rss_bytes()
    index = Fts5KeywordIndex(connect(out))
    for q in queries:
        index.search(q, 10)
    return {"rss_growth_bytes": rss_bytes() - before}


def build_store(n: int, out: Path) -> dict[str, Any]:
    """An empty index grown to ``n`` synthetic chunks through ``NewsIndex.write`` (tokenising everything)."""
    from bench.api_latency import grow
    from bench.synthetic import chinese_sentences, clustered_unit_vectors
    from embeddings.index import NewsIndex
    from embeddings.manifest import Manifest

    chunking = {"max_chars": 500, "overlap_sentences": 1, "target_chars": 300}
    NewsIndex.open(out, Manifest("synthetic/unit-vectors", 384, "query: ", "passage: ", chunking)).close()
    _, sentences = chinese_sentences()
    return grow(out, n, sentences, seed_vectors=clustered_unit_vectors(1000, seed=7))


def measure_store_open(out: Path) -> dict[str, Any]:
    import faiss  # noqa: F401  (libraries are not per-chunk memory)

    from embeddings.index import NewsIndex
    from embeddings.keyword import word_tokens

    word_tokens("预热分词器")
    gc.collect()
    before = rss_bytes()
    index = NewsIndex.open(out, None, create=False)
    index.keyword_search("经济发展", 10)
    grown = rss_bytes() - before
    index.close()
    return {"rss_growth_bytes": grown, "disk_bytes": dir_bytes(out)}


def child(kind: str, n: int, out: Path) -> dict[str, Any]:
    """One step in this fresh process: ``build-<kind>`` writes to ``out``, ``open-<kind>`` reads it."""
    step, _, structure = kind.partition("-")
    if step == "build":
        if structure.startswith("faiss-"):
            return build_faiss(structure, n, out)
        return build_fts5(n, out) if structure == "fts5" else build_store(n, out)
    if structure.startswith("faiss-"):
        return open_faiss(structure, out)
    return open_fts5(out) if structure == "fts5" else measure_store_open(out)


def run_child(kind: str, n: int, out: Path, timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "bench.memory", "--child", kind, "--sizes", str(n), "--dir", str(out)]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        return {
            "error": proc.stderr.strip().splitlines()[-1]
            if proc.stderr.strip()
            else f"exit {proc.returncode}"
        }
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure(kind: str, n: int, args: argparse.Namespace) -> dict[str, Any]:
    """Build in one child process, then open and query in another: the RSS growth is what serving costs."""
    with tempfile.TemporaryDirectory(prefix="bench-mem-") as tmp:
        try:
            built = run_child(f"build-{kind}", n, Path(tmp), args.budget)
            return (
                built
                if "error" in built
                else {**built, **run_child(f"open-{kind}", n, Path(tmp), args.budget)}
            )
        except subprocess.TimeoutExpired:
            return {"error": f"over the {args.budget:.0f} s budget"}


def to_markdown(result: dict[str, Any]) -> str:
    rows = []
    for r in result["rows"]:
        if "error" in r:
            rows.append([r["kind"], r["chunks"], "—", "—", r["error"]])
            continue
        rows.append(
            [
                r["kind"],
                r["chunks"],
                round(r["rss_growth_bytes"] / r["chunks"]),
                round(r["disk_bytes"] / r["chunks"]),
                f"written through NewsIndex.write at {r['write_chunks_per_s']} chunks/s"
                if "write_chunks_per_s" in r
                else "",
            ]
        )
    head = (
        "Memory (VmRSS growth of a fresh process opening the structure and running 20 queries) and disk "
        "per chunk; FAISS rows use SYNTHETIC 384-d "
        "vectors, "
        "FTS5 and store rows synthetic Chinese passages (store = SQLite rows + stored vectors + FTS5 + FAISS "
        f"flat) (load average {result['load_average_before']} → "
        f"{result['load_average_after']})."
    )
    return head + "\n\n" + md_table(["structure", "chunks", "RSS B/chunk", "disk B/chunk", "notes"], rows)


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = base_parser(__doc__ or "", [10_000, 100_000])
    parser.add_argument("--kinds", type=lambda s: s.split(","), default=list(KINDS))
    parser.add_argument("--store-max", type=int, default=20_000, help="largest size for the (slow) store row")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.sizes[0], args.dir)))
        return {}
    args = apply_quick(args)
    started, load_before = time.perf_counter(), load_average()
    rows = []
    for n in args.sizes:
        for kind in args.kinds:
            if kind == "store" and n > args.store_max:
                continue
            rows.append({"kind": kind, "chunks": n, **measure(kind, n, args)})
            print(f"memory: {kind} {n} done", file=sys.stderr, flush=True)
    result = {**envelope("memory", args, started, load_before), "rows": rows}
    write_outputs("memory", result, to_markdown(result), args.out)
    return result


if __name__ == "__main__":
    main()
