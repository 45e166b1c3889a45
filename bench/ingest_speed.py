"""Ingest throughput per embedding backend: chunks/s of a full ingest into a fresh index, the share of
that time spent embedding, and the embedding rate alone. Medians over ``--runs`` runs; the runs of
the backends are interleaved so that load from other processes spreads over all of them.

    python bench/ingest_speed.py ../shared/corpus --backend torch --backend torch-bf16 --runs 3

An ingest runs as settings ask (``make_ingestor``): by default it also embeds every chunk's
sentences for the answerer (``index.sentence_vectors``), timed apart as "sentence share";
``--no-sentences`` measures the chunk path alone. Model loading (and the one-off ONNX export,
cached beside the model folder) is timed separately and not counted in the throughput.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from embeddings.embedder import Embedder
from service.components import load_embedder, make_ingestor, open_index
from service.config import Settings

# label -> (RAGQA_EMBEDDING__ST_BACKEND, RAGQA_EMBEDDING__TORCH_PRECISION)
BACKENDS = {
    "torch": ("torch", "fp32"),
    "torch-bf16": ("torch", "bf16"),
    "onnx": ("onnx", "fp32"),
    "onnx-int8": ("onnx-int8", "fp32"),
}


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def ingest_once(paths: Sequence[Path], settings: Settings, embedder: Embedder) -> dict[str, float]:
    """One full ingest into a fresh temporary index; returns chunks, seconds and embedding seconds."""
    with tempfile.TemporaryDirectory(prefix="ragqa-bench-") as tmp:
        index = open_index(settings, embedder, create=True, index_dir=Path(tmp))
        cpu = time.process_time()
        try:
            summary = make_ingestor(settings, index, embedder).ingest_paths(list(paths))
        finally:
            cpu = time.process_time() - cpu
            index.close()
    return {
        "chunks": summary.chunks,
        "embedded": summary.embedded,
        "cpu_seconds": cpu,
        "seconds": summary.seconds,
        "embed_seconds": summary.embed_seconds,
        "sentence_seconds": summary.sentence_seconds,
    }


def summarise(runs: list[dict[str, float]]) -> dict[str, float]:
    med = statistics.median
    return {
        "chunks": runs[0]["chunks"],
        "runs": len(runs),
        "seconds": med(r["seconds"] for r in runs),
        "chunks_per_s": med(r["chunks"] / r["seconds"] for r in runs),
        "embed_chunks_per_s": med(r["embedded"] / r["embed_seconds"] for r in runs if r["embed_seconds"]),
        "embed_share": med(r["embed_seconds"] / r["seconds"] for r in runs),
        "sentence_share": med(r["sentence_seconds"] / r["seconds"] for r in runs),
        # CPU seconds of all the process's threads per chunk: far less sensitive than wall time
        # to other processes sharing the cores.
        "cpu_ms_per_chunk": med(1000 * r["cpu_seconds"] / r["chunks"] for r in runs),
    }


def run(
    paths: Sequence[Path],
    embedders: dict[str, Callable[[], Embedder]],
    runs: int,
    settings: Settings | None = None,
) -> dict[str, dict[str, float]]:
    """Load each embedder, then ingest ``paths`` ``runs`` times per embedder, round-robin."""
    settings = settings or Settings()
    loaded: dict[str, Embedder] = {}
    load_seconds: dict[str, float] = {}
    for name, factory in embedders.items():
        t0 = time.perf_counter()
        loaded[name] = factory()
        load_seconds[name] = time.perf_counter() - t0
        loaded[name].embed_passages(["预热 warm-up"] * 4)  # first-call allocations, lazy imports
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in loaded}
    for _ in range(runs):
        for name, embedder in loaded.items():
            samples[name].append(ingest_once(paths, settings, embedder))
    return {name: summarise(s) | {"load_seconds": load_seconds[name]} for name, s in samples.items()}


def markdown(results: dict[str, dict[str, float]]) -> str:
    base = next(iter(results.values()))["chunks_per_s"]
    lines = [
        "| backend | chunks | ingest s (median) | chunks/s | embedding share | embedding chunks/s "
        "| sentence share | speed-up | CPU ms/chunk | load s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['chunks']:.0f} | {r['seconds']:.1f} | {r['chunks_per_s']:.1f} | "
            f"{r['embed_share']:.0%} | {r['embed_chunks_per_s']:.1f} | {r['sentence_share']:.0%} | "
            f"{r['chunks_per_s'] / base:.2f}× | "
            f"{r['cpu_ms_per_chunk']:.0f} | {r['load_seconds']:.1f} |"
        )
    return "\n".join(lines)


def backend_factory(backend: str, batch_size: int | None) -> Callable[[], Embedder]:
    def factory() -> Embedder:
        settings = Settings()
        st_backend, precision = BACKENDS[backend]
        settings.embedding.st_backend = st_backend  # type: ignore[assignment]
        settings.embedding.torch_precision = precision  # type: ignore[assignment]
        if batch_size:
            settings.embedding.batch_size = batch_size
        return load_embedder(settings)

    return factory


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", default=["../shared/corpus"], help="files or folders to ingest")
    parser.add_argument("--backend", action="append", choices=list(BACKENDS), help="repeatable; default: all")
    parser.add_argument("--runs", type=int, default=3, help="runs per backend (median reported)")
    parser.add_argument("--batch-size", type=int, help="override RAGQA_EMBEDDING__BATCH_SIZE")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--no-sentences", action="store_true", help="embed chunks only, no sentences")
    args = parser.parse_args(argv)
    settings = Settings()
    settings.index.sentence_vectors = not args.no_sentences
    paths = [Path(p) for p in args.paths]
    factories = {b: backend_factory(b, args.batch_size) for b in args.backend or BACKENDS}
    print(f"load average before: {load_average()}", file=sys.stderr)
    results = run(paths, factories, args.runs, settings)
    print(f"load average after: {load_average()}", file=sys.stderr)
    print(markdown(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
