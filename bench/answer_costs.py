"""Where an answer's time goes besides its own work, in-process on the dev questions:

- ``queries``: one question's forward pass, median ms over the questions, per thread count (and
  per backend with ``--backend``, e.g. ``--backend onnx --backend torch``), with the least cosine
  of each backend's vectors against the first one's; under ``taskset -c 0`` (one CPU, as a small
  container) it shows what ONNX Runtime's own choice of threads saves;
- ``first``: the first answer after ``Runtime.warm_up``, profiled: how many regular expressions it
  compiles and the ms they take, and the same for rjieba's part-of-speech tagger;
- ``every question once``: the same over all the questions, answered once each after the first
  (the patterns built from each question's words, and those pushed out of ``re``'s cache of 512);
- ``gc``: every question answered once, timing each garbage collection (``gc.callbacks``): how
  many objects start-up left to the collector, the collections over 2 ms and the longest, and
  then one full collection, as a request pays when it triggers one; without and then with
  ``freeze_loaded_objects``.

    python bench/answer_costs.py --index /tmp/idx [--backend torch --backend onnx]
    taskset -c 0 python bench/answer_costs.py --index /tmp/idx --onnx-threads 0 1 2 8 16
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from service.config import Settings
from service.runtime import Runtime, freeze_loaded_objects


def questions(dataset: Path) -> list[str]:
    return [json.loads(line)["question"] for line in dataset.read_text(encoding="utf-8").splitlines() if line]


def query_costs(
    settings: Settings, texts: Sequence[str], backends: Sequence[str], onnx_threads: Sequence[int] = (0, 1, 2)
) -> dict[str, Any]:
    """Median ms of ``embed_queries([q])`` per backend and thread count: torch's 1 and 2, ONNX
    Runtime's ``onnx_threads`` (0: ragqa's default, one per core, or the CPUs the process may use
    when fewer, as under ``taskset``)."""
    out: dict[str, Any] = {}
    vectors: dict[str, np.ndarray] = {}
    for backend in backends:
        s = settings.model_copy(deep=True)
        s.embedding.st_backend = backend  # type: ignore[assignment]
        embedder = None
        for threads in (1, 2) if backend == "torch" else onnx_threads:
            embedder = _embedder(s, backend, threads, embedder)
            samples = []
            for text in texts:
                t0 = time.perf_counter()
                embedder.embed_queries([text])
                samples.append((time.perf_counter() - t0) * 1000)
            label = f"{backend} {threads} thread(s) ms" if threads else f"{backend} default threads ms"
            out[label] = round(statistics.median(samples), 1)
        assert embedder is not None
        vectors[backend] = embedder.embed_queries(list(texts))
    first = vectors[backends[0]]
    for backend in backends[1:]:
        out[f"least cosine {backend} vs {backends[0]}"] = float(
            np.min(np.sum(first * vectors[backend], axis=1))
        )
    return out


def _embedder(settings: Settings, backend: str, threads: int, loaded: Any = None) -> Any:
    """The backend's embedder, warmed up, on ``threads`` threads (0: the setting's default). torch's
    count is the process's, so its ``loaded`` embedder serves every count; an ONNX Runtime session
    fixes its own at load."""
    from service.components import load_embedder

    if backend == "torch":
        import torch

        torch.set_num_threads(threads)
        if loaded is not None:
            return loaded
    else:
        settings.embedding.onnx_threads = threads
    embedder = load_embedder(settings)
    embedder.embed_queries(["预热"])
    return embedder


def first_answer(runtime: Runtime, text: str) -> dict[str, float]:
    """What the first answer after the warm-up pays for the first time: regular expressions it
    compiles, and part-of-speech tagging."""
    runtime.warm_up()
    return profile_costs(runtime.answer, text)


_TAGGER = "<method 'tag' of 'builtins.Jieba' objects>"  # rjieba's part-of-speech tagger


def profile_costs(fn: Callable[..., object], *args: object) -> dict[str, float]:
    """How many regular expressions ``fn(*args)`` compiles (``re``'s cache misses) and their ms, and
    its calls to rjieba's tagger and their ms."""
    profile = cProfile.Profile()
    profile.runcall(fn, *args)
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    compiled = [
        (calls, cumulative)
        for (file, _, name), (calls, _, _, cumulative, _) in stats.items()
        if name == "compile" and file.endswith(("re/_compiler.py", "sre_compile.py"))
    ]
    tagged = [
        (calls, cumulative) for (_, _, name), (calls, _, _, cumulative, _) in stats.items() if name == _TAGGER
    ]
    return {
        "patterns compiled": sum(c for c, _ in compiled),
        "compiling ms": round(1000 * sum(t for _, t in compiled), 1),
        "tagger calls": sum(c for c, _ in tagged),
        "tagging ms": round(1000 * sum(t for _, t in tagged), 1),
    }


@contextmanager
def collections_timed() -> Iterator[list[float]]:
    """The ms of every garbage collection inside the block."""
    pauses: list[float] = []
    started: list[float] = []

    def timer(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(time.perf_counter())
        elif started:
            pauses.append((time.perf_counter() - started.pop()) * 1000)

    gc.callbacks.append(timer)
    try:
        yield pauses
    finally:
        gc.callbacks.remove(timer)


def gc_pauses(runtime: Runtime, texts: Sequence[str]) -> dict[str, float]:
    """Collections while every question is answered once, with start-up's objects watched."""
    watched = len(gc.get_objects())  # frozen objects are in no generation it lists
    with collections_timed() as pauses:
        for text in texts:
            runtime.answer(text)
    with collections_timed() as full:  # what a request pays when it triggers a full collection
        gc.collect()
    return {
        "objects watched": watched,
        "collections over 2 ms": sum(p > 2 for p in pauses),
        "longest ms": round(max(pauses, default=0.0), 1),
        "a full collection ms": round(full[0], 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--dataset", type=Path, default=Path("eval/dev.jsonl"))
    ap.add_argument("--backend", action="append", help="repeatable; default: the settings' backend")
    ap.add_argument(
        "--onnx-threads",
        type=int,
        nargs="+",
        default=[0, 1, 2],
        help="ONNX Runtime thread counts to time (0: the default)",
    )
    args = ap.parse_args(argv)
    settings = Settings()
    settings.index.dir = args.index
    texts = questions(args.dataset)
    backends = args.backend or [settings.embedding.st_backend]
    report: dict[str, Any] = {"queries": query_costs(settings, texts[:60], backends, args.onnx_threads)}
    runtime = Runtime.build(settings)
    report["first"] = first_answer(runtime, texts[0])
    report["every question once"] = profile_costs(lambda: [runtime.answer(t) for t in texts])
    report["gc without freezing"] = gc_pauses(runtime, texts)
    freeze_loaded_objects()
    report["gc after freeze_loaded_objects"] = gc_pauses(runtime, texts) | {"frozen": gc.get_freeze_count()}
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
