"""Vectors of the sentences an English question is compared with, embedded at ingest.

An English question over Chinese articles is answered by embedding candidate sentences and
comparing them with the question (service/answering/extractive.py): up to eight sentences per
answer, most of such an answer's time. Ingest embeds every chunk's sentences once and stores them
here, so that an answer looks them up instead.

Vectors are keyed by the hash of the exact text embedded. A sentence split or cut that changes
later only misses the store, and the sentence is embedded at question time: the store can make an
answer faster, never different. ``chunk_sentences`` records which sentences each chunk (by content
hash, as ``vectors`` does) has, so that deleting a chunk drops the vectors no other chunk uses.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np

from embeddings.embedder import Embedder
from embeddings.sqlite_db import rows_in

# a chunk with no sentence worth embedding is marked done by a link to this empty key
NO_SENTENCES = ""

SentenceTexts = Callable[[str], list[str]]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SentenceVectorStore:
    """Rows of ``sentence_vectors`` and ``chunk_sentences`` on one connection; writes belong in
    the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def known(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """The stored vectors of these texts, by text."""
        by_hash = {text_hash(t): t for t in texts}
        sql = "SELECT text_hash, vector FROM sentence_vectors WHERE text_hash IN ({marks})"
        rows = rows_in(self.conn, sql, list(by_hash))
        return {by_hash[h]: np.frombuffer(blob, dtype=np.float32) for h, blob in rows}

    def chunks_without(self, limit: int) -> list[tuple[str, str]]:
        """Up to ``limit`` (content hash, chunk text) of chunks whose sentences are not stored yet."""
        rows = self.conn.execute(
            "SELECT content_hash, min(text) FROM chunks c WHERE NOT EXISTS "
            "(SELECT 1 FROM chunk_sentences s WHERE s.content_hash = c.content_hash) "
            "GROUP BY content_hash LIMIT ?",
            (limit,),
        )
        return [(str(h), str(t)) for h, t in rows]

    def insert(self, sentences: Mapping[str, Sequence[str]], vectors: Mapping[str, np.ndarray]) -> None:
        """Link each chunk (content hash) to its sentences and store their vectors."""
        links = [(h, text_hash(t)) for h, texts in sentences.items() for t in texts]
        links += [(h, NO_SENTENCES) for h, texts in sentences.items() if not texts]
        self.conn.executemany(
            "INSERT OR IGNORE INTO chunk_sentences(content_hash, text_hash) VALUES (?, ?)", links
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO sentence_vectors(text_hash, vector) VALUES (?, ?)",
            [(text_hash(t), np.ascontiguousarray(v, dtype=np.float32).tobytes()) for t, v in vectors.items()],
        )

    def drop_orphans(self, content_hashes: Iterable[str]) -> None:
        """Forget the sentences of these chunks unless a remaining chunk has the same content, and
        the vectors no remaining chunk links to."""
        for h in set(content_hashes):
            if self.conn.execute("SELECT 1 FROM chunks WHERE content_hash = ?", (h,)).fetchone():
                continue
            texts = [
                r[0]
                for r in self.conn.execute(
                    "DELETE FROM chunk_sentences WHERE content_hash = ? RETURNING text_hash", (h,)
                )
            ]
            self.conn.executemany(
                "DELETE FROM sentence_vectors WHERE text_hash = ? "
                "AND NOT EXISTS (SELECT 1 FROM chunk_sentences WHERE text_hash = ?)",
                [(t, t) for t in texts if t != NO_SENTENCES],
            )


def embed_sentences(
    chunks: Sequence[tuple[str, str]],
    sentences_of: SentenceTexts,
    embedder: Embedder,
    store: SentenceVectorStore,
) -> tuple[dict[str, list[str]], dict[str, np.ndarray]]:
    """For (content hash, chunk text) pairs: each chunk's sentences, and the vectors of those not
    stored yet (a sentence two chunks share is embedded once)."""
    sentences = {h: list(dict.fromkeys(sentences_of(text))) for h, text in chunks}
    wanted = list(dict.fromkeys(t for texts in sentences.values() for t in texts))
    stored = store.known(wanted)
    todo = [t for t in wanted if t not in stored]
    if not todo:
        return sentences, {}
    return sentences, dict(zip(todo, embedder.embed_passages(todo), strict=True))


class StoredSentenceEmbedder:
    """An embedder whose passage vectors come from the index's sentence store when it has them;
    the rest (and every query) are embedded by ``inner``."""

    def __init__(self, inner: Embedder, lookup: Callable[[Sequence[str]], dict[str, np.ndarray]]) -> None:
        self.inner = inner
        self.lookup = lookup
        self.name, self.dim = inner.name, inner.dim

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return self.inner.embed_passages(texts)
        found = self.lookup(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            found = {**found, **dict(zip(missing, self.inner.embed_passages(missing), strict=True))}
        return np.vstack([found[t] for t in texts])
