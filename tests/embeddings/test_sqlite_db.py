"""The index database's schema: lookups on the write path use indexes (replacing one document must not
scan every chunk: it did for ``chunks.source``, which made writing into a 40k-chunk index half as fast
as into an empty one), and an existing database gains a missing index when it is opened; rows read
by a list of keys longer than one statement may bind."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from embeddings.sqlite_db import connect, rows_in

pytestmark = pytest.mark.integration

WRITE_PATH_LOOKUPS = [
    "SELECT id, content_hash FROM chunks WHERE source = ?",
    "SELECT id, content_hash FROM chunks WHERE doc_id = ?",
    "SELECT id FROM chunks WHERE content_hash = ?",
    "SELECT doc_id FROM articles WHERE source = ?",
    "SELECT source FROM documents WHERE file = ?",
]


@pytest.mark.parametrize("query", WRITE_PATH_LOOKUPS)
def test_write_path_lookups_use_an_index(tmp_path: Path, query: str) -> None:
    conn = connect(tmp_path)
    plan = " | ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + query, ("x",)))
    conn.close()
    assert "USING" in plan and not plan.startswith("SCAN"), plan


def test_an_existing_index_gains_the_source_index_on_open(tmp_path: Path) -> None:
    conn = connect(tmp_path)
    conn.execute("DROP INDEX chunks_source")
    conn.close()
    conn = connect(tmp_path, must_exist=True)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    conn.close()
    assert "chunks_source" in names


def test_rows_in_reads_more_keys_than_one_statement_may_bind() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(i, f"v{i}") for i in range(1, 1301)])
    rows = list(rows_in(conn, "SELECT k, v FROM t WHERE k IN ({marks})", list(range(0, 1400, 2))))
    assert sorted(rows) == [(i, f"v{i}") for i in range(2, 1301, 2)]  # key 0 and those past 1300 absent
    assert list(rows_in(conn, "SELECT k FROM t WHERE k IN ({marks})", [])) == []
