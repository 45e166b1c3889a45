"""The ingestion pipeline: load -> clean -> split into articles -> chunk -> embed (reusing vectors by
content hash) -> write in batches. Idempotent: an unchanged file is skipped without embedding."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from embeddings.chunking import chunk_source, passage_text
from embeddings.embedder import Embedder
from embeddings.index import NewsIndex, PreparedDocument
from embeddings.loaders import LoadError, iter_files, load_file
from embeddings.sentence_vectors import SentenceTexts, SentenceVectorStore, embed_sentences
from embeddings.types import SourceText
from service.config import ChunkingSettings

# What a file's text becomes (cleaning, articles): bump it when that changes, so that re-ingesting
# an unchanged file after an upgrade splits it anew (the vectors of unchanged chunks are reused).
# 3: layout rules in either Chinese script; passages embedded in simplified characters.
# 4: radical code points (text out of PDFs) embedded as the characters they stand for.
# 5: a paragraph opening with 本报讯 is never taken for a heading (its line breaks are joined).
TEXT_PIPELINE_VERSION = 5


@dataclass
class IngestSummary:
    files: int = 0
    unchanged_files: int = 0
    documents: int = 0
    articles: int = 0
    chunks: int = 0
    embedded: int = 0
    reused: int = 0
    errors: list[LoadError] = field(default_factory=list)
    seconds: float = 0.0
    embed_seconds: float = 0.0
    sentences_embedded: int = 0
    sentence_seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        d = {k: v for k, v in self.__dict__.items() if k != "errors"}
        d["errors"] = [{"source": e.source, "line": e.line, "message": e.message} for e in self.errors]
        return d


@dataclass(frozen=True)
class Progress:
    files_done: int
    files_total: int
    chunks_done: int
    elapsed: float
    sentences_done: int = 0  # sentence vectors embedded so far (``Ingestor.sentences``)


ProgressCallback = Callable[[Progress], None]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Ingestor:
    """Feeds sources into a ``NewsIndex``; holds a batch until ``batch_chunks`` are pending.

    Given ``sentences`` (what the answerer embeds of a chunk's text), it also embeds each new
    chunk's sentences, and at the end of ``ingest_paths`` those of older chunks that lack them.
    """

    def __init__(
        self,
        index: NewsIndex,
        embedder: Embedder,
        chunking: ChunkingSettings,
        batch_chunks: int = 256,
        sentences: SentenceTexts | None = None,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.chunking = chunking
        self.batch_chunks = batch_chunks
        self.sentences = sentences
        self.summary = IngestSummary()
        self._pending: list[PreparedDocument] = []
        self._replace_files: list[str] = []

    def ingest_paths(self, paths: Sequence[Path], progress: ProgressCallback | None = None) -> IngestSummary:
        start = time.perf_counter()
        files = list(iter_files(paths))

        def report(done: int) -> None:
            if progress:
                elapsed, embedded = time.perf_counter() - start, self.summary.sentences_embedded
                progress(Progress(done, len(files), self.summary.chunks, elapsed, embedded))

        for done, (path, root) in enumerate(files, start=1):
            result = load_file(path, root)
            self.summary.errors += result.errors
            file = path.relative_to(root).as_posix()
            if result.texts or not result.errors:
                self.add_file(file, result.texts)
            report(done)
        self.flush()
        report(len(files))  # with the last batch's sentences
        self.fill_sentences(after_batch=lambda: report(len(files)))  # an old index's backfill shows
        self.summary.seconds = time.perf_counter() - start
        return self.summary

    def add_file(self, file: str, texts: Sequence[SourceText]) -> None:
        """Queue a file's texts; a file whose texts are all unchanged is skipped entirely."""
        self.summary.files += 1
        stored = self.index.store.document_hashes(file)
        prepared = {t.source: document_hash(t) for t in texts}
        if prepared == stored:
            self.summary.unchanged_files += 1
            return
        self._replace_files.append(file)
        for text in texts:
            self._pending.append(self._prepare(text, file, prepared[text.source]))
        if sum(d.chunk_count for d in self._pending) >= self.batch_chunks:
            self.flush()

    def _prepare(self, text: SourceText, file: str, doc_hash: str) -> PreparedDocument:
        articles = chunk_source(text, self.chunking)
        hashes = [[content_hash(passage_text(a.title, c.text)) for c in chunks] for a, chunks in articles]
        self.summary.documents += 1
        self.summary.articles += len(articles)
        self.summary.chunks += sum(len(c) for _, c in articles)
        return PreparedDocument(text, file, doc_hash, articles, hashes)

    def flush(self) -> None:
        if not self._pending and not self._replace_files:
            return
        vectors = self._embed_missing(self._pending)
        self.index.write(self._pending, vectors, replace_files=self._replace_files)
        written = [
            (h, c.text)
            for doc in self._pending
            for (_, chunks), hashes in zip(doc.articles, doc.chunk_hashes, strict=True)
            for c, h in zip(chunks, hashes, strict=True)
        ]
        self._pending, self._replace_files = [], []
        self._store_sentences(written)

    def fill_sentences(self, batch: int = 64, after_batch: Callable[[], None] | None = None) -> None:
        """Embed the sentences of chunks that have none stored (an index built before this step
        existed, or with it turned off)."""
        if self.sentences is None:
            return
        store = SentenceVectorStore(self.index.store.conn)
        while todo := store.chunks_without(batch):
            self._store_sentences(todo)
            if after_batch:
                after_batch()

    def _store_sentences(self, chunks: Sequence[tuple[str, str]]) -> None:
        if self.sentences is None or not chunks:
            return
        t0 = time.perf_counter()
        store = SentenceVectorStore(self.index.store.conn)
        for i in range(0, len(chunks), 64):  # a transaction per 64 chunks: a failure loses no more
            sentences, vectors = embed_sentences(chunks[i : i + 64], self.sentences, self.embedder, store)
            self.index.add_sentence_vectors(sentences, vectors)
            self.summary.sentences_embedded += len(vectors)
        self.summary.sentence_seconds += time.perf_counter() - t0

    def _embed_missing(self, docs: Sequence[PreparedDocument]) -> dict[str, np.ndarray]:
        wanted: dict[str, str] = {}
        for doc in docs:
            for (article, chunks), hashes in zip(doc.articles, doc.chunk_hashes, strict=True):
                for chunk, h in zip(chunks, hashes, strict=True):
                    wanted.setdefault(h, passage_text(article.title, chunk.text))
        known = self.index.store.known_vectors(wanted)
        todo = [h for h in wanted if h not in known]
        self.summary.reused += len(wanted) - len(todo)
        if not todo:
            return {}
        t0 = time.perf_counter()
        matrix = self.embedder.embed_passages([wanted[h] for h in todo])
        self.summary.embed_seconds += time.perf_counter() - t0
        self.summary.embedded += len(todo)
        return dict(zip(todo, matrix, strict=True))


def document_hash(text: SourceText) -> str:
    """Changes with the text, its title or ``TEXT_PIPELINE_VERSION``: an index that holds a file
    under another hash re-splits it on the next ingest."""
    return content_hash(f"{TEXT_PIPELINE_VERSION}\x00{text.title}\x00{text.text}")
