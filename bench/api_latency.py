"""Part 3 — ``/v1/ask`` and ``/v1/search`` latency through real HTTP on 127.0.0.1 (one client,
sequential) over a copy of the real corpus index (real e5 model, extractive generator), using the
questions of ``eval/dev.jsonl``; then the same after growing the copy to larger chunk counts with
SYNTHETIC chunks written through ``NewsIndex.write`` (Chinese text recombined from real sentences,
vectors = real chunk vectors plus noise, so they compete with the real ones).

    python -m bench.api_latency --base data/index --sizes 10000,100000
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from bench.common import (
    apply_quick,
    base_parser,
    dir_bytes,
    envelope,
    latency_runs,
    load_average,
    md_table,
    rss_bytes,
    write_outputs,
)
from bench.serving import BENCH_SERVER_ENV, ragqa_server
from bench.synthetic import REPO, Passages, chinese_sentences, synthetic_passages
from embeddings.chunking import passage_text
from embeddings.index import NewsIndex, PreparedDocument
from embeddings.ingest import content_hash
from embeddings.types import Article, Chunk, SourceText

CHUNKS_PER_DOC = 10
WRITE_BATCH = 10_000


def synthetic_document(number: int, passages: Passages, first: int, count: int) -> PreparedDocument:
    """One synthetic source holding one article of ``count`` consecutive passages."""
    texts = [passages.text(first + j) for j in range(count)]
    source, doc_id = f"synthetic/{number:07d}.txt", f"synthetic-{number:07d}"
    title = texts[0][:14]
    chunks, start = [], 0
    for ordinal, text in enumerate(texts):
        chunks.append(Chunk(doc_id, source, ordinal, start, start + len(text), text))
        start += len(text)
    full = "".join(texts)
    article = Article(doc_id, source, title, 0, len(full), full, [])
    hashes = [content_hash(passage_text(title, c.text)) for c in chunks]
    return PreparedDocument(
        SourceText(source, full, title=title), source, content_hash(full), [(article, chunks)], [hashes]
    )


def grow(
    index_dir: Path, target: int, sentences: list[str], seed: int = 5, seed_vectors: np.ndarray | None = None
) -> dict[str, float]:
    """Add synthetic chunks until the index holds ``target`` chunks; returns what it took.

    Each new vector is a random one of ``seed_vectors`` (default: the index's own) plus a little noise.
    """
    index = NewsIndex.open(index_dir, None, create=False)
    have = index.store.counts()["chunks"]
    base_vectors = index.store.chunk_vectors()[1] if seed_vectors is None else seed_vectors
    rng = np.random.default_rng(seed + have)
    passages = synthetic_passages(max(target - have, 0), sentences, seed=seed + have)
    t0, written, number = time.perf_counter(), 0, have
    while written < len(passages):
        docs: list[PreparedDocument] = []
        vectors: dict[str, np.ndarray] = {}
        batch_end = min(written + WRITE_BATCH, len(passages))
        while written < batch_end:
            count = min(CHUNKS_PER_DOC, len(passages) - written)
            doc = synthetic_document(number, passages, written, count)
            for h in doc.chunk_hashes[0]:
                noise = rng.standard_normal(base_vectors.shape[1], dtype=np.float32) * 0.03
                v = base_vectors[rng.integers(len(base_vectors))] + noise
                vectors[h] = (v / np.linalg.norm(v)).astype(np.float32)
            docs.append(doc)
            written += count
            number += 1
        index.write(docs, vectors)
    index.close()
    seconds = time.perf_counter() - t0
    return {
        "added_chunks": written,
        "write_s": round(seconds, 1),
        "write_chunks_per_s": round(written / seconds, 1) if written else 0.0,
    }


@contextmanager
def serve(
    index_dir: Path, threads: int | None = None, timeout: float = 300.0
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``ragqa serve`` in a child process (``threads``: torch/BLAS threads); always stopped on exit."""
    # Every pass repeats the same questions, which the memo of vectors would answer from memory.
    env = {**BENCH_SERVER_ENV, "RAGQA_EMBEDDING__MEMO_TEXTS": "0"}
    if threads is not None:
        env.update(
            {name: str(threads) for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")}
        )
    with (
        tempfile.TemporaryDirectory(prefix="ragqa-serve-") as tmp,
        ragqa_server(index_dir, Path(tmp) / "serve.log", env, timeout) as served,
    ):
        yield served


def measure_server(url: str, questions: list[str], repeats: int) -> dict[str, Any]:
    errors = {"ask": 0, "search": 0}
    with httpx.Client(base_url=url, timeout=120) as client:

        def call(endpoint: str, body: dict[str, Any]) -> None:
            status = client.post(f"/v1/{endpoint}", json=body).status_code
            if status != 200:
                errors[endpoint] += 1
                if errors[endpoint] == 1:
                    print(
                        f"api_latency: /v1/{endpoint} answered {status}; timings include errors",
                        file=sys.stderr,
                    )

        for q in questions[:3]:  # warm-up: first-request costs are not steady state
            call("ask", {"question": q})
            call("search", {"query": q, "top_k": 10})
        search = latency_runs(
            lambda i: call("search", {"query": questions[i], "top_k": 10}), len(questions), repeats
        )
        ask = latency_runs(lambda i: call("ask", {"question": questions[i]}), len(questions), repeats)
    return {"ask": ask, "search": search, "errors": errors}


def measure_index(index_dir: Path, questions: list[str], repeats: int, threads: int | None) -> dict[str, Any]:
    index = NewsIndex.open(index_dir, None, create=False)
    chunks = index.store.counts()["chunks"]
    index.close()
    with serve(index_dir, threads) as (url, proc):
        row = {
            "chunks": chunks,
            **measure_server(url, questions, repeats),
            "server_rss_bytes": rss_bytes(proc.pid),
        }
    row["disk_bytes"] = dir_bytes(index_dir)
    return row


def load_questions(path: Path, limit: int) -> list[str]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [d["question"] for d in lines][:limit]


def to_markdown(result: dict[str, Any]) -> str:
    rows = []
    for r in result["sizes"]:
        if "skipped" in r:
            rows.append([r["chunks"], "—", "—", "—", "—", r["skipped"]])
            continue
        label = "real corpus" if r["chunks"] == result["base_chunks"] else "corpus + SYNTHETIC chunks"
        rows.append(
            [
                r["chunks"],
                r["search"]["p50_ms"],
                r["search"]["p99_ms"],
                r["ask"]["p50_ms"],
                r["ask"]["p99_ms"],
                f"{label}; errors {r['errors']['ask'] + r['errors']['search']}; "
                f"server RSS {r['server_rss_bytes'] / 2**20:.0f} MiB",
            ]
        )
    head = (
        f"One sequential client over HTTP on 127.0.0.1, {result['questions']} questions of eval/dev.jsonl "
        f"per pass "
        f"(`/v1/search` top_k 10 hybrid; `/v1/ask` extractive, e5 query embedding included; server with "
        f"{result['options']['threads'] or 'default'} torch/BLAS thread(s)) "
        f"(load average {result['load_average_before']} → {result['load_average_after']})."
    )
    return (
        head
        + "\n\n"
        + md_table(["chunks", "search p50 ms", "search p99 ms", "ask p50 ms", "ask p99 ms", "notes"], rows)
    )


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = base_parser(__doc__ or "", [10_000, 100_000])
    parser.add_argument(
        "--base", type=Path, default=REPO / "data" / "index", help="index to copy (left untouched)"
    )
    parser.add_argument("--dataset", type=Path, default=REPO / "eval" / "dev.jsonl")
    # --threads here sets the server's torch/BLAS threads (OMP_NUM_THREADS); 'default' leaves them.
    parser.set_defaults(queries=112, budget=600.0)
    args = apply_quick(parser.parse_args(argv))
    started, load_before = time.perf_counter(), load_average()
    # A plain SIGTERM would skip the `finally` that stops the server child; make it an exit.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if not args.base.exists():
        print(
            f"api_latency: no index at {args.base} (build one with `ragqa ingest PATH --index DIR`); skipped"
        )
        return {}
    questions = load_questions(args.dataset, args.queries)
    _, sentences = chinese_sentences(limit=2000 if args.quick else 30_000)
    sizes: list[dict[str, Any]] = []

    def save(final: bool = False) -> dict[str, Any]:  # after every size: a stopped run keeps what it measured
        result = {
            **envelope("api_latency", args, started, load_before),
            "questions": len(questions),
            "base_chunks": sizes[0]["chunks"],
            "sizes": sizes,
        }
        write_outputs("api_latency", result, to_markdown(result), args.out, echo=final)
        return result

    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        index_dir = Path(tmp) / "index"
        shutil.copytree(args.base, index_dir)
        sizes.append(measure_index(index_dir, questions, args.repeats, args.threads))
        save()
        rate = None
        for n in sorted(s for s in args.sizes if s > sizes[0]["chunks"]):
            if rate and (n - sizes[-1]["chunks"]) / rate > args.budget:
                sizes.append({"chunks": n, "skipped": f"projected write over the {args.budget:.0f} s budget"})
                continue
            growth = grow(index_dir, n, sentences)
            rate = growth["write_chunks_per_s"] or None
            sizes.append({**measure_index(index_dir, questions, args.repeats, args.threads), **growth})
            save()
            print(f"api_latency: {n} chunks done", file=sys.stderr, flush=True)
    return save(final=True)


if __name__ == "__main__":
    main()
