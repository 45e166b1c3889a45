"""Hybrid retrieval: dense (FAISS, e5 query prefix) and keyword (BM25 over Chinese tokens).

Fusion is a convex-style sum on calibrated scales rather than rank fusion: the dense channel
gives cosine similarity, the keyword channel gives BM25 divided by the query's own weight (the
share of the query's information a passage matches). A keyword channel with nothing relevant
(an English question over Chinese text, or only stopword-like matches) therefore adds ~0 and
cannot push a good dense hit down, which plain reciprocal-rank fusion does. What an English
question does share with Chinese articles is names ("Puyang" spelled as 濮阳) and, through a
dictionary, words ("beds" -> 床位). For such a question the keyword channel scores each dense
candidate by the share of its pinyin names (and acronyms: UBE) the candidate writes and the share of
its other words it holds a CC-CEDICT translation of (``lexicon.py``), with small weights: it
reorders near-equal cosines, which e5-small's cross-lingual scores often are, and cannot lift a
passage from far below. A question is read so by its language, and BM25's hits on the Latin words
news also prints (IT, a name in pinyin) add to it: they once replaced it, which among 3,000 news
articles cost English questions a third of their hits (``bench/grown_index.py``).
An English question's cosines are flat across the index (a short one's over five pages, any one's
among thousands of articles), so the passages writing a place it names in pinyin are fetched by
keyword (Chongqing: 重庆) and join the dense candidates, and it gets more dense candidates than a
Chinese question (``english_candidates``): among 7,282 news articles its right passage was often
below the 50th (``bench/grown_index.py``). Each candidate's translated words are read from the terms
the keyword index stored for it, not tokenised again.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, Protocol

import numpy as np

from embeddings.embedder import Embedder
from embeddings.index import NewsIndex
from embeddings.script import to_simplified, to_simplified_aligned
from embeddings.sqlite_store import ChunkRow
from service.answering.lexicon import english_terms, translated_among
from service.answering.pinyin_names import ACRONYM, english_names, named_share
from service.answering.places import places_by_pinyin
from service.language import detect_language

Mode = Literal["hybrid", "dense", "keyword"]


@dataclass(frozen=True)
class Passage:
    chunk: ChunkRow
    score: float
    dense: float | None
    keyword: float | None


def read_in_simplified(passages: Sequence[Passage]) -> list[Passage]:
    """The passages with text and title in simplified characters, offsets unchanged: what the
    extractive answerer and the gate read (their rules and word lists are written in simplified
    Chinese); what an answer quotes and cites is taken from the passages as printed."""
    return [_read_in_simplified(p) for p in passages]


def _read_in_simplified(p: Passage) -> Passage:
    text, title = to_simplified_aligned(p.chunk.text), to_simplified(p.chunk.title)
    if text == p.chunk.text and title == p.chunk.title:
        return p
    return replace(p, chunk=replace(p.chunk, text=text, title=title))


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


@dataclass(frozen=True)
class Retrieval:
    passages: list[Passage]
    timings: dict[str, float]
    query_vector: np.ndarray | None  # None when the mode embeds nothing (keyword)


class Reranker(Protocol):
    """Seam for a cross-encoder; none ships because no Chinese one is available offline."""

    def rerank(self, query: str, passages: Sequence[Passage]) -> list[Passage]: ...


class HybridRetriever:
    def __init__(
        self,
        index: NewsIndex,
        embedder: Embedder,
        candidates: int = 50,
        keyword_weight: float = 0.08,
        name_weight: float = 0.03,
        translated_weight: float = 0.04,
        reranker: Reranker | None = None,
        english_candidates: int = 200,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.candidates = candidates
        self.english_candidates = english_candidates
        self.keyword_weight = keyword_weight
        self.name_weight = name_weight
        self.translated_weight = translated_weight
        self.reranker = reranker

    def search(
        self, query: str, k: int, mode: Mode = "hybrid", filters: SearchFilters | None = None
    ) -> list[Passage]:
        return self.retrieve(query, k, mode, filters).passages

    def retrieve(
        self, query: str, k: int, mode: Mode = "hybrid", filters: SearchFilters | None = None
    ) -> Retrieval:
        """The top ``k`` passages with this call's timings and query vector (returned, not kept on
        the retriever, which concurrent requests share)."""
        filters = filters or SearchFilters()
        fetch = self.candidates * (10 if filters.active else 1)
        cross_lingual = mode == "hybrid" and detect_language(query) == "en"
        # the names and translations channel reorders an English question's flat cosines, so it
        # gets more of them to reorder: its right passage falls ever lower as the index grows
        dense_fetch = max(fetch, self.english_candidates) if cross_lingual else fetch
        timings: dict[str, float] = {}
        dense: dict[int, float] = {}
        keyword: dict[int, float] = {}
        qvec: np.ndarray | None = None
        if mode in ("hybrid", "dense"):
            t0 = time.perf_counter()
            qvec = self.embedder.embed_queries([to_simplified(query)])[0]
            timings["embed_ms"] = _ms(t0)
            t0 = time.perf_counter()
            dense = dict(self.index.dense_search(qvec, max(dense_fetch, k)))
            timings["dense_ms"] = _ms(t0)
        if mode in ("hybrid", "keyword"):
            t0 = time.perf_counter()
            keyword = self._keyword(query, max(fetch, k))
            timings["keyword_ms"] = _ms(t0)
        if qvec is not None and keyword:
            dense.update(self.index.dense_scores(qvec, [i for i in keyword if i not in dense]))
        rows: dict[int, ChunkRow] | None = None
        weight = self.keyword_weight
        if cross_lingual:
            t0 = time.perf_counter()
            if qvec is not None:
                named = [i for i in self._named(query, fetch) if i not in dense]
                dense.update(self.index.dense_scores(qvec, named))
            lexical, rows = self._cross_lingual(query, dense)
            if lexical:  # weighted already; the few Latin words news also prints (IT, Chongqing) add to it
                keyword = {
                    cid: lexical.get(cid, 0.0) + weight * keyword.get(cid, 0.0)
                    for cid in lexical.keys() | keyword.keys()
                }
                weight = 1.0
            timings["names_ms"] = _ms(t0)
        passages = self._fuse(dense, keyword, mode, filters, k, weight, rows)
        if self.reranker is not None:
            passages = self.reranker.rerank(query, passages)
        return Retrieval(passages[:k], timings, qvec)

    def _keyword(self, query: str, k: int) -> dict[int, float]:
        hits = self.index.keyword_search(query, k)
        if not hits:
            return {}
        weight = self.index.keyword_index().query_weight(query)
        return {cid: score / weight for cid, score in hits} if weight > 0 else {}

    def _named(self, query: str, k: int) -> list[int]:
        """The passages that write a place an English question spells in pinyin (Chongqing: 重庆).
        e5-small's cross-lingual cosines are too flat to bring them among the dense candidates, where
        the names channel would find them: a short question's even over five pages, and a long
        one's among thousands of other articles."""
        found: dict[int, None] = {}
        for name in english_names(query):
            for place in places_by_pinyin(name):
                found.update(dict.fromkeys(cid for cid, _ in self.index.keyword_search(place, k)))
        return list(found)

    def _cross_lingual(
        self, query: str, dense: dict[int, float]
    ) -> tuple[dict[int, float], dict[int, ChunkRow] | None]:
        """The keyword channel of a question that shares no words with the articles (English),
        already weighted: the share of its pinyin names (Puyang, Mengjin) and acronyms (UBE) each
        dense candidate writes, and the share of its other words the candidate holds a translation of.
        Also the candidates' rows it read (None when it read none), which fusion then reuses."""
        names, terms, acronyms = english_names(query), english_terms(query), ACRONYM.findall(query)
        if not (names or terms or acronyms) or not dense:
            return {}, None
        translated = self._translated_shares(terms, list(dense))
        if not (names or acronyms):  # only names are looked for in the text; fusion reads its 40 rows
            return {cid: self.translated_weight * s for cid, s in translated.items() if s > 0}, None
        rows = self.index.chunks(list(dense))
        scores = {}
        for cid, row in rows.items():
            named = named_share(names, acronyms, row.title + row.text)
            scores[cid] = self.name_weight * named + self.translated_weight * translated.get(cid, 0.0)
        return {cid: score for cid, score in scores.items() if score > 0}, rows

    def _translated_shares(self, terms: list[frozenset[str]], chunk_ids: list[int]) -> dict[int, float]:
        """The share of ``terms`` (an English question's words, each as its translations) each
        passage holds a translation of, read from the words and bigrams the keyword index stored for
        it: tokenising hundreds of candidates again would cost more than the rest of the question."""
        if not terms:
            return {}
        held = self.index.keyword_index().terms_among(chunk_ids, frozenset().union(*terms))
        return {cid: translated_among(terms, words) / len(terms) for cid, words in held.items()}

    def _fuse(
        self,
        dense: dict[int, float],
        keyword: dict[int, float],
        mode: Mode,
        filters: SearchFilters,
        k: int,
        keyword_weight: float,
        rows: dict[int, ChunkRow] | None = None,
    ) -> list[Passage]:
        """``rows``: the rows of every candidate, when a channel has read them already."""
        if mode == "dense":
            scored = dense
        elif mode == "keyword":
            scored = keyword
        else:
            scored = {
                cid: dense.get(cid, 0.0) + keyword_weight * keyword.get(cid, 0.0)
                for cid in dense.keys() | keyword.keys()
            }
        ranked = sorted(scored, key=lambda cid: (-scored[cid], cid))
        if rows is None:
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
