"""The index database file: its schema, opening it with the pragmas every connection needs, and
refusing one that is missing, empty or damaged instead of silently creating a new one; and reading
rows by a list of keys."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from embeddings.errors import IndexError_

DB_NAME = "ragqa.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents(
    source TEXT PRIMARY KEY,
    file TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    encoding TEXT NOT NULL,
    title TEXT,
    text TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    ingested_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_file ON documents(file);
CREATE TABLE IF NOT EXISTS articles(
    doc_id TEXT PRIMARY KEY,
    source TEXT NOT NULL REFERENCES documents(source) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    title TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE TABLE IF NOT EXISTS chunks(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL REFERENCES articles(doc_id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE INDEX IF NOT EXISTS chunks_source ON chunks(source);
CREATE INDEX IF NOT EXISTS chunks_hash ON chunks(content_hash);
CREATE TABLE IF NOT EXISTS vectors(content_hash TEXT PRIMARY KEY, vector BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS sentence_vectors(text_hash TEXT PRIMARY KEY, vector BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS chunk_sentences(
    content_hash TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    PRIMARY KEY (content_hash, text_hash)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS chunk_sentences_text ON chunk_sentences(text_hash);
"""


_REBUILD = "restore it from a backup or rebuild the index with `ragqa ingest PATH --index NEWDIR`"


def connect(index_dir: Path, must_exist: bool = False) -> sqlite3.Connection:
    """Open the index database; ``must_exist`` refuses a missing, empty or damaged one.

    SQLite would happily create an empty database in place of a deleted or truncated file, and
    ``NewsIndex`` would then "reconcile" FAISS to match it, deleting every vector: an index that
    has a manifest must find its database intact.
    """
    path = index_dir / DB_NAME
    if must_exist and (not path.is_file() or path.stat().st_size == 0):
        state = "missing" if not path.exists() else "empty"
        raise IndexError_(f"the index database {path} is {state}; {_REBUILD}")
    try:
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA busy_timeout=10000")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        if must_exist:
            _check_existing(conn, path)
        conn.executescript(_SCHEMA)
    except sqlite3.DatabaseError as exc:
        raise IndexError_(f"the index database {path} is unreadable ({exc}); {_REBUILD}") from exc
    return conn


def _check_existing(conn: sqlite3.Connection, path: Path) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    lacking = sorted({"documents", "articles", "chunks", "vectors"} - tables)
    if lacking:
        raise IndexError_(f"the index database {path} lacks the tables {', '.join(lacking)}; {_REBUILD}")
    problems = [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise IndexError_(f"the index database {path} is damaged ({'; '.join(problems)}); {_REBUILD}")


def has_documents(index_dir: Path) -> bool:
    """Whether a database file in ``index_dir`` already holds documents (without creating one)."""
    path = index_dir / DB_NAME
    if not path.is_file() or path.stat().st_size == 0:
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0] > 0
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        return "no such table" not in str(exc)
    except sqlite3.DatabaseError:
        return True  # something unreadable is there: never build over it


_KEYS_PER_STATEMENT = 500  # well under SQLite's smallest limit on bound parameters (999)


def rows_in(conn: sqlite3.Connection, sql: str, keys: Sequence[Any]) -> Iterator[Any]:
    """The rows of ``sql`` for all ``keys``, where ``{marks}`` in ``sql`` stands for the list an
    ``IN`` takes; asked a few hundred keys at a time."""
    for start in range(0, len(keys), _KEYS_PER_STATEMENT):
        part = keys[start : start + _KEYS_PER_STATEMENT]
        yield from conn.execute(sql.format(marks=",".join("?" * len(part))), part)
