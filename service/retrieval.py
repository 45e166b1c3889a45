"""Hybrid retrieval: dense (FAISS, e5 query prefix) and keyword (BM25 over Chinese tokens).

Fusion is a convex-style sum on calibrated scales rather than rank fusion: the dense channel
gives cosine similarity, the keyword channel gives BM25 divided by the query's own weight (the
share of the query's information a passage matches). A keyword channel with nothing relevant
(an English question over Chinese text, or only stopword-like matches) therefore adds ~0 and
cannot push a good dense hit down, which plain reciprocal-rank fusion does.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np

from embeddings.embedder import Embedder
from embeddings.index import NewsIndex
from embeddings.sqlite_store import ChunkRow

Mode = Literal["hybrid", "dense", "keyword"]


@dataclass(frozen=True)
class Passage:
    chunk: ChunkRow
    score: float
    dense: float | None
    keyword: float | None


@dataclass(frozen=True)
class SearchFilters:
    source: str | None = None
    doc_id: str | None = None

    def accepts(self, chunk: ChunkRow) -> bool:
        return (self.source is None or chunk.source == self.source) and (
            self.doc_id is None or chunk.doc_id == self.doc_id
        )

    @property
    def active(self) -> bool:
        return self.source is not None or self.doc_id is not None


class Reranker(Protocol):
    """Seam for a cross-encoder; none ships because no Chinese one is available offline."""

    def rerank(self, query: str, passages: Sequence[Passage]) -> list[Passage]: ...


class HybridRetriever:
    def __init__(self, index: NewsIndex, embedder: Embedder, candidates: int = 50,
                 keyword_weight: float = 0.08, reranker: Reranker | None = None) -> None:
        self.index = index
        self.embedder = embedder
        self.candidates = candidates
        self.keyword_weight = keyword_weight
        self.reranker = reranker
        self.last_timings: dict[str, float] = {}

    def search(self, query: str, k: int, mode: Mode = "hybrid",
               filters: SearchFilters | None = None) -> list[Passage]:
        filters = filters or SearchFilters()
        fetch = self.candidates * (10 if filters.active else 1)
        timings: dict[str, float] = {}
        dense: dict[int, float] = {}
        keyword: dict[int, float] = {}
        qvec: np.ndarray | None = None
        if mode in ("hybrid", "dense"):
            t0 = time.perf_counter()
            qvec = self.embedder.embed_queries([query])[0]
            timings["embed_ms"] = _ms(t0)
            t0 = time.perf_counter()
            dense = dict(self.index.dense_search(qvec, max(fetch, k)))
            timings["dense_ms"] = _ms(t0)
        if mode in ("hybrid", "keyword"):
            t0 = time.perf_counter()
            keyword = self._keyword(query, max(fetch, k))
            timings["keyword_ms"] = _ms(t0)
        if qvec is not None and keyword:
            dense.update(self.index.dense_scores(qvec, [i for i in keyword if i not in dense]))
        passages = self._fuse(dense, keyword, mode, filters, k)
        if self.reranker is not None:
            passages = self.reranker.rerank(query, passages)
        self.last_timings = timings
        return passages[:k]

    def _keyword(self, query: str, k: int) -> dict[int, float]:
        hits = self.index.keyword_search(query, k)
        if not hits:
            return {}
        weight = self.index.keyword_index().query_weight(query)
        return {cid: score / weight for cid, score in hits} if weight > 0 else {}

    def _fuse(self, dense: dict[int, float], keyword: dict[int, float], mode: Mode,
              filters: SearchFilters, k: int) -> list[Passage]:
        if mode == "dense":
            scored = dense
        elif mode == "keyword":
            scored = keyword
        else:
            scored = {cid: dense.get(cid, 0.0) + self.keyword_weight * keyword.get(cid, 0.0)
                      for cid in dense.keys() | keyword.keys()}
        ranked = sorted(scored, key=lambda cid: (-scored[cid], cid))
        rows = self.index.chunks(ranked[: max(k * 4, 40)] if not filters.active else ranked)
        out = []
        for cid in ranked:
            row = rows.get(cid)
            if row is not None and filters.accepts(row):
                out.append(Passage(row, scored[cid], dense.get(cid), keyword.get(cid)))
            if len(out) >= k:
                break
        return out


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 2)
