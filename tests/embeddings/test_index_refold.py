"""An index written before keyword rows were read in simplified characters is refolded on open."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

from embeddings.index import NewsIndex
from embeddings.keyword import KEYWORD_FORM
from embeddings.manifest import LEGACY_KEYWORD_FORM, MANIFEST_NAME, read_manifest
from tests.embeddings.test_index import build

pytestmark = pytest.mark.integration

TRADITIONAL = "臺東市醫院啟用遠程會診\n\n本報訊 臺東市醫院啟用遠程會診中心，已為患者會診320例。\n"


def legacy_index(tmp_path: Path) -> Path:
    """An index of a traditional-script page as an older ragqa left it: keyword rows of the
    characters as written, and a manifest with no ``keyword_form``."""
    src = tmp_path / "pages"
    src.mkdir()
    (src / "taitung.txt").write_text(TRADITIONAL, encoding="utf-8")
    index, _ = build(tmp_path / "idx", src)
    conn = index.store.conn
    with index.store.transaction():
        conn.execute("DELETE FROM chunk_terms")
        for cid, row in index.chunks(index.store.chunk_ids().tolist()).items():
            conn.execute(
                "INSERT INTO chunk_terms(rowid, words, bigrams) VALUES (?, ?, ?)", (cid, row.text, "")
            )
    index.close()
    path = tmp_path / "idx" / MANIFEST_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["keyword_form"]
    path.write_text(json.dumps(data), encoding="utf-8")
    return tmp_path / "idx"


def test_legacy_manifest_reads_as_the_old_form(tmp_path: Path) -> None:
    manifest = read_manifest(legacy_index(tmp_path))
    assert manifest is not None and manifest.keyword_form == LEGACY_KEYWORD_FORM != KEYWORD_FORM


def test_open_refolds_keyword_rows_and_records_the_form(tmp_path: Path) -> None:
    index_dir = legacy_index(tmp_path)
    before = NewsIndex.open(index_dir, None, create=False)  # refolds here
    ids = before.store.chunk_ids()
    before.close()
    manifest = read_manifest(index_dir)
    assert manifest is not None and manifest.keyword_form == KEYWORD_FORM
    index = NewsIndex.open(index_dir, None, create=False)
    hits = index.keyword_search("台东市医院远程会诊", 3)
    assert hits and hits[0][0] in set(ids.tolist())
    assert np.array_equal(index.store.chunk_ids(), index.vectors.ids()), "no vector changed"
    index.close()


def test_a_refold_that_cannot_be_recorded_still_serves(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    index_dir = legacy_index(tmp_path)
    (index_dir / (MANIFEST_NAME + ".tmp")).mkdir()  # the manifest cannot be rewritten
    with caplog.at_level(logging.WARNING, logger="embeddings.index"):
        index = NewsIndex.open(index_dir, None, create=False)
    assert "could not refold the keyword rows" in caplog.text
    assert index.keyword_search("臺東市醫院", 3), "the index still answers"
    index.close()
    manifest = read_manifest(index_dir)
    assert manifest is not None and manifest.keyword_form == LEGACY_KEYWORD_FORM
