"""Everything a request needs, built once: embedder, index, retriever, generators, gate."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Self, cast

from embeddings.embedder import Embedder
from embeddings.index import NewsIndex
from embeddings.memo import MemoEmbedder
from embeddings.script import to_traditional
from embeddings.sentence_vectors import StoredSentenceEmbedder
from embeddings.sqlite_store import ChunkRow
from service.answering.base import AnswerGenerator, Draft
from service.answering.cedict import common_words
from service.answering.citations import build_citations, join_answer
from service.answering.extractive import ExtractiveGenerator
from service.answering.gate import AnswerabilityGate, gate_for
from service.answering.llm_drafts import Gate, LastDecision, llm_draft
from service.answering.pinyin_names import foreign_names
from service.answering.places import places_by_pinyin
from service.answering.question import Question, analyse
from service.answering.specifics import specifics
from service.answering.typed import as_meant
from service.answering.words import pos_tagger
from service.config import Settings
from service.llm.prompting import refusal_phrase
from service.retrieval import HybridRetriever, Mode, Passage, Retrieval, SearchFilters
from service.schemas import AskResponse, ChannelScores, Citation, SearchHit


@dataclass(frozen=True)
class Shown:
    """A piece of an LLM's answer as it streams: its text, and the citations of the answer so far."""

    text: str
    citations: list[Citation]


def freeze_loaded_objects() -> None:
    """Hide what start-up loaded (the model, dictionaries, the gazetteer) from the garbage
    collector. A full collection otherwise walks all of it, about 300 ms on the development
    machine (bench/answer_costs.py), inside whichever request happens to trigger it. Call once,
    after the warm-up."""
    gc.collect()
    gc.freeze()


@dataclass
class Runtime:
    settings: Settings
    embedder: Embedder
    index: NewsIndex
    retriever: HybridRetriever
    extractive: ExtractiveGenerator
    llm: AnswerGenerator | None = None
    gate: AnswerabilityGate = field(default_factory=AnswerabilityGate)
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _texts: dict[str, str | None] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls,
        settings: Settings,
        embedder: Embedder | None = None,
        index: NewsIndex | None = None,
        llm: AnswerGenerator | None = None,
        create_index: bool = False,
    ) -> Self:
        from service.components import load_embedder, open_index

        embedder = embedder or load_embedder(settings)
        index = index or open_index(settings, embedder, create=create_index)
        # Questions go through a memo; ingestion (``embedder``) embeds each chunk once anyway.
        memo = settings.embedding.memo_texts
        asking = MemoEmbedder(embedder, memo) if memo else embedder
        retriever = HybridRetriever(
            index,
            asking,
            candidates=settings.retrieval.candidates,
            english_candidates=settings.retrieval.english_candidates,
        )
        if llm is None and settings.llm.backend == "openai":
            from service.answering.llm_generator import LLMGenerator

            llm = LLMGenerator.from_settings(settings, asking)
        # sentences the answerer compares with an English question were embedded at ingest
        reading = StoredSentenceEmbedder(asking, index.sentence_vectors)
        gate = gate_for(embedder.name)  # the model whose cosines the dense floors read
        return cls(settings, embedder, index, retriever, ExtractiveGenerator(reading), llm, gate)

    def warm_up(self) -> None:
        """Answer a Chinese and an English question once, so that the first real ones do not pay for
        loading dictionaries (jieba's tagger and its HMM, pypinyin, the gazetteer), compiling the gate's and
        the answerer's patterns, and the model's first forward pass."""
        # the English one names a place, which loads pypinyin's dictionaries
        for question in ("预热：郑州共有多少名医生？", "How many doctors work in Zhengzhou?"):
            self._warm_answer(question)
        specifics("预热：郑州共有多少名医生？")  # the gate's tagger and gazetteer
        pos_tagger()("化解率达")  # a word the tagger lacks (解率) loads its HMM, 20-40 ms the first time
        places_by_pinyin("Zhengzhou")  # and the gazetteer by pinyin, for English questions
        foreign_names("Doctors in Djibouti")  # and the dictionary's proper names (Djibouti: 吉布提)
        common_words()  # and its ordinary words, which name no person (荣誉, 顾问)

    def _warm_answer(self, question: str) -> None:
        """The extractive answer path, gate and citations included, but never the LLM: a warm-up
        must not call (or wait for, or pay for) a remote server."""
        q, passages = self.question(question), self.retrieve(question, 5).passages
        draft = self.extractive.generate_for(q, passages)
        if draft.answerable and self.gate.decide(q, passages, draft).answerable:
            build_citations(draft.parts, passages, self._document_text)

    # ---- questions ---------------------------------------------------------------------------
    def question(self, text: str) -> Question:
        kw = self.index.keyword_index()
        n = kw.count()
        return analyse(text, lambda term, col: kw.idf(term, col, n))

    def retrieve(
        self, question: str, top_k: int, filters: SearchFilters | None = None, mode: Mode = "hybrid"
    ) -> Retrieval:
        t0 = time.perf_counter()
        found = self.retriever.retrieve(as_meant(question), top_k, mode, filters)
        return replace(found, timings={**found.timings, "retrieve_ms": _ms(t0)})

    def answer(
        self, question: str, top_k: int = 5, filters: SearchFilters | None = None, mode: Mode = "hybrid"
    ) -> AskResponse:
        *_, final = self.stream_answer(question, top_k, filters, mode)
        assert isinstance(final, AskResponse)
        return final

    def stream_answer(
        self,
        question: str,
        top_k: int = 5,
        filters: SearchFilters | None = None,
        mode: Mode = "hybrid",
    ) -> Iterator[Shown | AskResponse]:
        """Yield what an LLM's answer shows as it grows, then the complete ``AskResponse``."""
        t0 = time.perf_counter()
        found = self.retrieve(question, top_k, filters, mode)
        # the answerer reuses the retrieval's query vector instead of embedding the question again
        q = replace(self.question(question), vector=found.query_vector)
        passages, timings = found.passages, dict(found.timings)
        t1 = time.perf_counter()
        gate = LastDecision(self.gate)  # an LLM's answer was weighed as it streamed
        draft = yield from self._draft(q, passages, gate)
        timings["generate_ms"] = _ms(t1)
        decision = gate.decide(q, passages, draft) if draft.answerable else None
        if decision is None or not decision.answerable:
            refusal = draft.refusal or refusal_phrase(q.lang)
            if q.traditional:  # refuse in the question's script
                refusal = to_traditional(refusal)
            timings["total_ms"] = _ms(t0)
            yield AskResponse(
                answer=refusal,
                answerable=False,
                citations=[],
                generator=draft.generator,
                timings_ms=timings,
                flagged=draft.flagged,
                refusal_reason=decision.reason if decision is not None else _unanswered(draft, passages),
            )
            return
        marked, citations = build_citations(draft.parts, passages, self._document_text)
        timings["total_ms"] = _ms(t0)
        yield AskResponse(
            answer=join_answer(marked, q.lang),
            answerable=True,
            citations=citations,
            generator=draft.generator,
            timings_ms=timings,
            flagged=draft.flagged,
        )

    def events(
        self, question: str, top_k: int = 5, filters: SearchFilters | None = None
    ) -> Iterator[tuple[str, Any]]:
        """The SSE sequence: ``citations`` first, then ``delta``s, then ``done`` with the full answer.
        The deltas add up to ``done``'s answer, and each ``[n]`` in them is the ``id`` of a citation
        in the latest ``citations`` event. Every ``citations`` event holds the first of ``done``'s
        citations, so an ``id`` keeps its span from the event that brings it to ``done``.

        An LLM's answer shows as it grows, a ``citations`` event before each piece that cites a new
        span. An answer known whole (the extractive one, a refusal, a fallback's) has one
        ``citations`` event, holding ``done``'s, then its pieces.
        """
        cited: list[Citation] | None = None  # what the last citations event sent of the answer's
        for item in self.stream_answer(question, top_k, filters):
            if isinstance(item, Shown):
                if item.citations != cited:
                    cited = item.citations
                    yield "citations", cited
                yield "delta", item.text
                continue
            if cited is None:  # nothing shown yet: an answer known whole
                yield "citations", item.citations
                for piece in _pieces(item):
                    yield "delta", piece
            yield "done", item

    def _draft(self, q: Question, passages: list[Passage], gate: Gate) -> Generator[Shown, None, Draft]:
        """The draft; with an LLM, what the answer shows so far each time it grows (its text since
        the last piece, and the citations of all of it, numbered as the final answer numbers them)."""
        if self.llm is None or not passages:
            return self.extractive.generate_for(q, passages)
        drafting, shown = llm_draft(self.llm, self.extractive, gate, q, passages), ""
        while True:
            try:
                parts = next(drafting)
            except StopIteration as finished:
                return cast(Draft, finished.value)
            marked, citations = build_citations(parts, passages, self._document_text)
            text = join_answer(marked, q.lang)
            yield Shown(text[len(shown) :], citations)
            shown = text

    def _document_text(self, source: str) -> str | None:
        if source not in self._texts:
            if len(self._texts) > 256:
                self._texts.clear()
            self._texts[source] = self.index.reader_store().document_text(source)
        return self._texts[source]

    def forget_documents(self) -> None:
        """Drop cached source texts after documents change."""
        self._texts.clear()

    # ---- search ------------------------------------------------------------------------------
    def search(
        self, query: str, top_k: int, mode: Mode, filters: SearchFilters | None
    ) -> tuple[list[SearchHit], dict[str, float]]:
        found = self.retrieve(query, top_k, filters, mode)
        hits = []
        for p in found.passages:
            scores = ChannelScores(dense=_round(p.dense), keyword=_round(p.keyword))
            hits.append(SearchHit(**_located(p.chunk), score=round(p.score, 5), scores=scores))
        return hits, found.timings

    def status(self) -> dict[str, Any]:
        return {
            **self.index.store.counts(),
            "vectors": len(self.index.vectors),
            "embedding_model": self.index.manifest.embedding_model,
            "embedder": type(self.embedder).__name__,  # which runtime embeds: OnnxRuntimeEmbedder, ...
            "generator": self.llm.name if self.llm else self.extractive.name,
        }


def _unanswered(draft: Draft, passages: list[Passage]) -> str:
    """Why a draft that the gate never saw answers nothing."""
    if not passages:
        return "nothing retrieved"
    if draft.generator.startswith("extractive"):
        return "no retrieved sentence answers the question"
    if draft.flagged:
        return "no sentence of the model's answer is supported by the passage it cites"
    return "the model found no answer in the passages"


def _located(c: ChunkRow) -> dict[str, Any]:
    """Where a passage is: its article, source file, title, span in that file, and text."""
    return {
        "doc_id": c.doc_id,
        "source": c.source,
        "title": c.title,
        "start": c.start,
        "end": c.end,
        "text": c.text,
    }


def _pieces(response: AskResponse) -> list[str]:
    """Split an answer after each citation marker, so deltas arrive sentence by sentence."""
    import re

    return [m for m in re.split(r"(?<=\])(?!\[)", response.answer) if m] or [response.answer]


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 5)


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 2)
