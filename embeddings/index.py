"""One index directory: manifest, SQLite (documents, chunks, vectors, keyword terms) and FAISS.

Writes happen a batch of documents at a time in one SQLite transaction; the FAISS file follows.
If a process dies between the two, ``open`` reconciles FAISS with SQLite, so every chunk has its
vector and every vector its chunk. Readers use their own SQLite connection (WAL), so queries
during an ingest see the last committed batch, never half of one.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from embeddings.chunking import passage_text
from embeddings.errors import IndexError_, NotFoundError
from embeddings.keyword import KEYWORD_FORM, Fts5KeywordIndex
from embeddings.manifest import (
    Manifest,
    check_compatible,
    no_index_error,
    read_manifest,
    write_manifest,
)
from embeddings.sentence_vectors import SentenceVectorStore
from embeddings.sqlite_db import connect, has_documents
from embeddings.sqlite_store import ChunkRow, SqliteStore
from embeddings.types import Article, Chunk, SourceText
from embeddings.vector_index import FaissVectorIndex, create_vector_index

log = logging.getLogger(__name__)
FAISS_NAME = "vectors.faiss"


@dataclass
class PreparedDocument:
    """A source ready to be written: its articles, chunks and the hash of each chunk's passage."""

    source: SourceText
    file: str
    content_hash: str
    articles: list[tuple[Article, list[Chunk]]]
    chunk_hashes: list[list[str]]  # parallel to articles' chunk lists

    @property
    def chunk_count(self) -> int:
        return sum(len(chunks) for _, chunks in self.articles)


class NewsIndex:
    def __init__(self, index_dir: Path, manifest: Manifest, fresh: bool = False) -> None:
        self.dir = index_dir
        self.manifest = manifest
        self._write_conn = connect(index_dir, must_exist=not fresh)
        self.store = SqliteStore(self._write_conn)
        self._keyword_writer = Fts5KeywordIndex(self._write_conn, manifest.keyword_tokenizer)
        self._local = threading.local()
        self._lock = threading.RLock()
        try:
            self.vectors = self._load_vectors()
            self.reconcile()
        except BaseException:
            self._write_conn.close()
            raise

    @classmethod
    def open(cls, index_dir: Path, wanted: Manifest | None, create: bool = True) -> NewsIndex:
        """Open an index, or with ``create`` build an empty one where there is none (never when serving).

        ``wanted=None`` trusts the stored manifest (for admin tasks).
        """
        built = read_manifest(index_dir)
        if built is not None:
            if wanted is not None:
                check_compatible(index_dir, built, wanted)
            index = cls(index_dir, built)
            if built.keyword_form != KEYWORD_FORM:
                index._refold_keywords()
            return index
        if not create or wanted is None:
            raise no_index_error(index_dir)
        return cls._create(index_dir, wanted)

    @classmethod
    def _create(cls, index_dir: Path, manifest: Manifest) -> NewsIndex:
        if has_documents(index_dir):
            raise IndexError_(
                f"{index_dir} holds an index database but no manifest.json; restore the manifest, or "
                f"delete {index_dir} and re-ingest"
            )
        try:
            index_dir.mkdir(parents=True, exist_ok=True)
            index = cls(index_dir, manifest, fresh=True)
        except OSError as exc:
            raise IndexError_(f"cannot create the index in {index_dir}: {exc}") from exc
        try:
            # Written last: a manifest marks a directory whose database is complete.
            write_manifest(index_dir, manifest)
        except OSError as exc:
            index.close()
            raise IndexError_(f"cannot create the index in {index_dir}: {exc}") from exc
        return index

    # ---- FAISS upkeep ------------------------------------------------------------------------
    def _load_vectors(self) -> FaissVectorIndex:
        path = self.dir / FAISS_NAME
        m = self.manifest
        if path.exists():
            try:
                return FaissVectorIndex.load(path, m.dim, m.vector_backend)  # type: ignore[arg-type]
            except IndexError_ as exc:
                log.warning("rebuilding the vector index from SQLite: %s", exc)
        return create_vector_index(m.dim, m.vector_backend)

    def reconcile(self) -> bool:
        """Make FAISS hold exactly the chunks in SQLite; returns True when something was repaired."""
        with self._lock, self._writing():
            sql_ids, faiss_ids = self.store.chunk_ids(), self.vectors.ids()
            extra = np.setdiff1d(faiss_ids, sql_ids)
            missing = np.setdiff1d(sql_ids, faiss_ids)
            if len(extra) == 0 and len(missing) == 0:
                return False
            log.warning("reconciling vectors: %d missing, %d extra", len(missing), len(extra))
            self.vectors.remove(extra)
            ids, vecs = self.store.chunk_vectors(missing.tolist())
            if len(ids) != len(missing):
                raise IndexError_(f"{len(missing) - len(ids)} chunks in {self.dir} have no stored vector")
            self.vectors.add(ids, vecs)
            self.vectors.save(self.dir / FAISS_NAME)
            return True

    def _refold_keywords(self) -> None:
        """Rebuild the keyword rows of an index written with an older ``search_form`` (no vectors
        change), then record the new form. A read-only index is served as it is, with a warning."""
        try:
            with self._lock, self._writing(), self.store.transaction():
                chunks = self.store.chunks(self.store.chunk_ids().tolist())
                self._keyword_writer.rebuild([(i, passage_text(c.title, c.text)) for i, c in chunks.items()])
            self.manifest = replace(self.manifest, keyword_form=KEYWORD_FORM)
            write_manifest(self.dir, self.manifest)
        except (IndexError_, OSError) as exc:  # read-only: traditional text matches less, no more
            log.warning("could not refold the keyword rows of %s (make it writable): %s", self.dir, exc)
            return
        log.warning("rebuilt the keyword rows of %s for %r", self.dir, KEYWORD_FORM)

    # ---- writes ------------------------------------------------------------------------------
    def write(
        self,
        docs: Sequence[PreparedDocument],
        new_vectors: dict[str, np.ndarray],
        replace_files: Sequence[str] = (),
    ) -> None:
        """Replace ``replace_files`` and the given documents' sources with ``docs``, atomically."""
        with self._lock, self._writing():
            added_ids: list[int] = []
            added_hashes: list[str] = []
            with self.store.transaction():
                removed = self._delete_for(docs, replace_files)
                self.store.insert_vectors(new_vectors)
                for doc in docs:
                    ids, hashes = self._insert_document(doc)
                    added_ids += ids
                    added_hashes += hashes
                self.store.drop_orphan_vectors(h for _, h in removed)
            self._apply_vector_changes([i for i, _ in removed], added_ids, added_hashes, new_vectors)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Storage failures (disk full, I/O errors) become one clear domain error.

        SQLite has rolled the batch back by then, and a FAISS file that could not be saved is
        rebuilt from SQLite on the next open, so what was committed before stays intact.
        """
        try:
            yield
        except (sqlite3.Error, OSError, RuntimeError) as exc:
            full = isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
            full = full or "full" in str(exc).lower() or "No space" in str(exc)
            hint = "; the disk is full: free space and run again" if full else ""
            raise IndexError_(
                f"cannot write the index in {self.dir}: {exc}{hint} "
                "(batches committed before this one are kept)"
            ) from exc

    def _delete_for(self, docs: Sequence[PreparedDocument], files: Sequence[str]) -> list[tuple[int, str]]:
        sources = {d.source.source for d in docs}
        for file in files:
            sources.update(self.store.document_hashes(file))
        removed = self.store.delete_sources(sorted(sources))
        self._keyword_writer.remove([i for i, _ in removed])
        return removed

    def _insert_document(self, doc: PreparedDocument) -> tuple[list[int], list[str]]:
        s = doc.source
        self.store.insert_document(s.source, doc.file, doc.content_hash, s.encoding, s.title, s.text, s.meta)
        ids: list[int] = []
        hashes: list[str] = []
        terms: list[tuple[int, str]] = []
        articles = zip(doc.articles, doc.chunk_hashes, strict=True)
        for ordinal, ((article, chunks), chunk_hashes) in enumerate(articles):
            self.store.insert_article(
                article.doc_id, s.source, ordinal, article.title, article.start, article.end
            )
            for chunk, h in zip(chunks, chunk_hashes, strict=True):
                cid = self.store.insert_chunk(
                    chunk.doc_id, s.source, chunk.ordinal, chunk.start, chunk.end, chunk.text, h
                )
                ids.append(cid)
                hashes.append(h)
                terms.append((cid, passage_text(article.title, chunk.text)))
        self._keyword_writer.add(terms)
        return ids, hashes

    def _apply_vector_changes(
        self, removed: list[int], added: list[int], hashes: list[str], new_vectors: dict[str, np.ndarray]
    ) -> None:
        self.vectors.remove(np.array(removed, dtype=np.int64))
        if added:
            missing = [h for h in set(hashes) if h not in new_vectors]
            known = {**self.store.known_vectors(missing), **new_vectors}
            self.vectors.add(np.array(added, dtype=np.int64), np.vstack([known[h] for h in hashes]))
        self.vectors.save(self.dir / FAISS_NAME)

    def delete(self, source: str | None = None, doc_id: str | None = None) -> int:
        """Delete one source (with its articles) or one article; returns the chunks removed."""
        with self._lock, self._writing():
            with self.store.transaction():
                if doc_id is not None:
                    if self.store.source_of_doc(doc_id) is None:
                        raise NotFoundError(f"no article with doc_id {doc_id!r}")
                    removed = self.store.delete_doc(doc_id)
                else:
                    sources = (
                        [source]
                        if source in self._sources()
                        else list(self.store.document_hashes(source or ""))
                    )
                    if not sources:
                        raise NotFoundError(f"no document with source {source!r}")
                    removed = self.store.delete_sources(sources)
                self._keyword_writer.remove([i for i, _ in removed])
                self.store.drop_orphan_vectors(h for _, h in removed)
            self._apply_vector_changes([i for i, _ in removed], [], [], {})
            return len(removed)

    def add_sentence_vectors(
        self, sentences: Mapping[str, Sequence[str]], vectors: Mapping[str, np.ndarray]
    ) -> None:
        """Store chunks' sentences (by content hash) and their vectors (sentence_vectors.py)."""
        with self._lock, self._writing(), self.store.transaction():
            SentenceVectorStore(self._write_conn).insert(sentences, vectors)

    def _sources(self) -> set[str]:
        return {d.source for d in self.store.documents()}

    # ---- reads -------------------------------------------------------------------------------
    def _reader(self) -> tuple[SqliteStore, Fts5KeywordIndex]:
        if not hasattr(self._local, "store"):
            conn = connect(self.dir)
            self._local.store = SqliteStore(conn)
            self._local.keyword = Fts5KeywordIndex(conn, self.manifest.keyword_tokenizer)
        return self._local.store, self._local.keyword

    def dense_search(self, query_vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        with self._lock:
            scores, ids = self.vectors.search(query_vector, k)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def dense_scores(self, query_vector: np.ndarray, chunk_ids: Sequence[int]) -> dict[int, float]:
        """Exact cosine of the query with each given chunk (for fusing keyword-only candidates)."""
        with self._lock:
            ids, vecs = self.vectors.vectors_for(chunk_ids)
        return dict(zip(ids, (vecs @ query_vector.astype(np.float32)).tolist(), strict=True))

    def keyword_search(self, query: str, k: int) -> list[tuple[int, float]]:
        return self._reader()[1].search(query, k)

    def keyword_index(self) -> Fts5KeywordIndex:
        return self._reader()[1]

    def chunks(self, ids: Sequence[int]) -> dict[int, ChunkRow]:
        return self._reader()[0].chunks(ids)

    def reader_store(self) -> SqliteStore:
        return self._reader()[0]

    def sentence_vectors(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        return SentenceVectorStore(self._reader()[0].conn).known(texts)

    def close(self) -> None:
        self._write_conn.close()
