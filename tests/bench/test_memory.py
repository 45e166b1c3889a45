"""Memory per chunk, each structure measured in a fresh child process."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.memory import main


@pytest.mark.slow
def test_quick_memory_rows(tmp_path: Path) -> None:
    result = main(["--quick", "--sizes", "400", "--kinds", "faiss-flat,fts5,store", "--out", str(tmp_path)])

    rows = {r["kind"]: r for r in result["rows"]}
    assert set(rows) == {"faiss-flat", "fts5", "store"}
    for row in rows.values():
        assert "error" not in row, row
        assert row["chunks"] == 400 and row["disk_bytes"] > 0
    # A flat index stores 384 float32 per vector plus its id: about 1.5 KB a chunk on disk.
    assert 1536 <= rows["faiss-flat"]["disk_bytes"] / 400 < 2200
    # The whole store holds the vector twice (SQLite and FAISS) plus text and keyword terms.
    assert rows["store"]["disk_bytes"] > rows["faiss-flat"]["disk_bytes"] + rows["fts5"]["disk_bytes"] / 2
    assert "| store | 400 |" in (tmp_path / "memory.md").read_text(encoding="utf-8")
