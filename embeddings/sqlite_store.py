"""Documents, articles, chunks and their vectors in one SQLite file (WAL).

SQLite is the source of truth: every chunk row has its vector here (keyed by the content hash
of the embedded text, which also lets unchanged passages skip embedding), and the FAISS file is
a derived copy that ``NewsIndex`` reconciles with it on open.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from embeddings.sentence_vectors import SentenceVectorStore
from embeddings.sqlite_db import rows_in


@dataclass(frozen=True)
class ChunkRow:
    id: int
    doc_id: str
    source: str
    ordinal: int
    start: int
    end: int
    text: str
    title: str


@dataclass(frozen=True)
class DocumentRow:
    source: str
    file: str
    content_hash: str
    encoding: str
    title: str | None
    articles: int
    chunks: int
    ingested_at: float


class SqliteStore:
    """Row-level access; callers group writes with ``transaction()``."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def transaction(self) -> sqlite3.Connection:
        """``with store.transaction():`` commits on success and rolls back on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        return _Tx(self.conn)  # type: ignore[return-value]

    # ---- reads -----------------------------------------------------------------------------
    def document_hashes(self, file: str) -> dict[str, str]:
        rows = self.conn.execute("SELECT source, content_hash FROM documents WHERE file = ?", (file,))
        return dict(rows.fetchall())

    def known_vectors(self, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        sql = "SELECT content_hash, vector FROM vectors WHERE content_hash IN ({marks})"
        rows = rows_in(self.conn, sql, list(dict.fromkeys(hashes)))
        return {h: np.frombuffer(blob, dtype=np.float32) for h, blob in rows}

    def chunk_vectors(self, chunk_ids: Sequence[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(ids, vectors) for the given chunks, or for all chunks."""
        sql = "SELECT c.id, v.vector FROM chunks c JOIN vectors v ON v.content_hash = c.content_hash"
        if chunk_ids is None:
            rows = self.conn.execute(sql + " ORDER BY c.id").fetchall()
        else:
            rows = list(rows_in(self.conn, sql + " WHERE c.id IN ({marks})", [int(x) for x in chunk_ids]))
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        vecs = np.vstack([np.frombuffer(r[1], dtype=np.float32) for r in rows]) if rows else np.zeros((0, 0))
        return ids, vecs

    def chunk_ids(self) -> np.ndarray:
        rows = self.conn.execute("SELECT id FROM chunks ORDER BY id").fetchall()
        return np.array([r[0] for r in rows], dtype=np.int64)

    def chunks(self, ids: Sequence[int]) -> dict[int, ChunkRow]:
        sql = (
            'SELECT c.id, c.doc_id, c.source, c.ordinal, c.start, c."end", c.text, a.title '
            "FROM chunks c JOIN articles a ON a.doc_id = c.doc_id WHERE c.id IN ({marks})"
        )
        return {r[0]: ChunkRow(*r) for r in rows_in(self.conn, sql, [int(x) for x in ids])}

    def document_text(self, source: str) -> str | None:
        row = self.conn.execute("SELECT text FROM documents WHERE source = ?", (source,)).fetchone()
        return None if row is None else str(row[0])

    def documents(self) -> list[DocumentRow]:
        rows = self.conn.execute(
            "SELECT d.source, d.file, d.content_hash, d.encoding, d.title, "
            "(SELECT count(*) FROM articles a WHERE a.source = d.source), "
            "(SELECT count(*) FROM chunks c WHERE c.source = d.source), d.ingested_at "
            "FROM documents d ORDER BY d.source"
        ).fetchall()
        return [DocumentRow(*r) for r in rows]

    def articles_of(self, source: str) -> list[tuple[str, str, int, int]]:
        rows = self.conn.execute(
            'SELECT doc_id, title, start, "end" FROM articles WHERE source = ? ORDER BY ordinal', (source,)
        )
        return [tuple(r) for r in rows.fetchall()]

    def source_of_doc(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT source FROM articles WHERE doc_id = ?", (doc_id,)).fetchone()
        return None if row is None else str(row[0])

    def counts(self) -> dict[str, int]:
        q = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM articles), "
        q += "(SELECT count(*) FROM chunks), (SELECT count(*) FROM vectors), "
        q += "(SELECT count(*) FROM sentence_vectors)"
        d, a, c, v, s = self.conn.execute(q).fetchone()
        return {"documents": d, "articles": a, "chunks": c, "vectors": v, "sentence_vectors": s}

    # ---- writes (inside a transaction) -----------------------------------------------------
    def delete_sources(self, sources: Sequence[str]) -> list[tuple[int, str]]:
        """Delete documents (cascading to articles and chunks); returns the removed (chunk id, hash)."""
        removed: list[tuple[int, str]] = []
        for source in sources:
            removed += self._chunk_keys("source", source)
            self.conn.execute("DELETE FROM documents WHERE source = ?", (source,))
        return removed

    def delete_doc(self, doc_id: str) -> list[tuple[int, str]]:
        removed = self._chunk_keys("doc_id", doc_id)
        source = self.source_of_doc(doc_id)
        self.conn.execute("DELETE FROM articles WHERE doc_id = ?", (doc_id,))
        if source is not None and not self.articles_of(source):
            self.delete_sources([source])  # its last article: the document goes too
        return removed

    def _chunk_keys(self, column: str, value: str) -> list[tuple[int, str]]:
        rows = self.conn.execute(f"SELECT id, content_hash FROM chunks WHERE {column} = ?", (value,))
        return [(int(r[0]), str(r[1])) for r in rows]

    def insert_document(
        self,
        source: str,
        file: str,
        content_hash: str,
        encoding: str,
        title: str | None,
        text: str,
        meta: dict[str, str],
    ) -> None:
        self.conn.execute(
            "INSERT INTO documents(source, file, content_hash, encoding, title, text, meta, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                source,
                file,
                content_hash,
                encoding,
                title,
                text,
                json.dumps(meta, ensure_ascii=False),
                time.time(),
            ),
        )

    def insert_article(
        self, doc_id: str, source: str, ordinal: int, title: str, start: int, end: int
    ) -> None:
        self.conn.execute(
            'INSERT INTO articles(doc_id, source, ordinal, title, start, "end") VALUES (?, ?, ?, ?, ?, ?)',
            (doc_id, source, ordinal, title, start, end),
        )

    def insert_chunk(
        self, doc_id: str, source: str, ordinal: int, start: int, end: int, text: str, content_hash: str
    ) -> int:
        cur = self.conn.execute(
            'INSERT INTO chunks(doc_id, source, ordinal, start, "end", text, content_hash) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (doc_id, source, ordinal, start, end, text, content_hash),
        )
        return int(cur.lastrowid or 0)

    def insert_vectors(self, vectors: dict[str, np.ndarray]) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO vectors(content_hash, vector) VALUES (?, ?)",
            [(h, np.ascontiguousarray(v, dtype=np.float32).tobytes()) for h, v in vectors.items()],
        )

    def drop_orphan_vectors(self, hashes: Iterable[str]) -> None:
        """Forget the vectors (and sentence vectors) of these hashes unless a remaining chunk still
        uses them."""
        hashes = set(hashes)
        self.conn.executemany(
            "DELETE FROM vectors WHERE content_hash = ? "
            "AND NOT EXISTS (SELECT 1 FROM chunks WHERE content_hash = ?)",
            [(h, h) for h in hashes],
        )
        SentenceVectorStore(self.conn).drop_orphans(hashes)


class _Tx:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> sqlite3.Connection:
        return self._conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            try:
                self._conn.execute("COMMIT")
                return
            except sqlite3.Error:
                self._rollback()  # a failed COMMIT (disk full) may leave the transaction open
                raise
        self._rollback()

    def _rollback(self) -> None:
        # SQLite may already have rolled back by itself (SQLITE_FULL, I/O errors); a second
        # ROLLBACK would then raise and hide the error that caused it.
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")
