"""Index files missing or damaged at start-up: ``ragqa serve`` (the real command, in a subprocess)
exits non-zero with a message naming the file and what to do, before it binds a port; the app's
lifespan raises the domain error. A damaged FAISS file is the exception: it is derived from
SQLite, so serving rebuilds it and answers (the index stays whole)."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path

import httpx
import numpy as np
import pytest

from embeddings.errors import IndexError_
from embeddings.index import FAISS_NAME, NewsIndex
from embeddings.manifest import MANIFEST_NAME
from embeddings.sqlite_db import DB_NAME
from service.app import create_app
from service.config import Settings
from tests.fakes import HashingEmbedder
from tests.service.faults.processes import ServeProcess, ragqa

pytestmark = pytest.mark.integration

Damage = Callable[[Path], Path]  # damages an index directory, returns the path the message must name


def truncate(name: str, keep: float) -> Damage:
    def damage(index_dir: Path) -> Path:
        path = index_dir / name
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * keep)])
        return path

    return damage


def garble(name: str, offset: int = 0, length: int | None = None) -> Damage:
    def damage(index_dir: Path) -> Path:
        path = index_dir / name
        data = bytearray(path.read_bytes())
        end = len(data) if length is None else offset + length
        for i in range(offset, end, 1 if length else 97):
            data[i] ^= 0x5A
        path.write_bytes(bytes(data))
        return path

    return damage


def delete(name: str) -> Damage:
    def damage(index_dir: Path) -> Path:
        (index_dir / name).unlink()
        return index_dir / name

    return damage


def delete_manifest(index_dir: Path) -> Path:
    delete(MANIFEST_NAME)(index_dir)
    return index_dir  # "no index in DIR"


def delete_directory(index_dir: Path) -> Path:
    shutil.rmtree(index_dir)
    return index_dir


# what is done to the index -> a phrase the error message must contain
REFUSED: dict[str, tuple[Damage, str]] = {
    "directory deleted": (delete_directory, "no such directory"),
    "manifest deleted": (delete_manifest, "no manifest.json"),
    "manifest truncated": (truncate(MANIFEST_NAME, 0.5), "unreadable"),
    "manifest garbled": (garble(MANIFEST_NAME), "unreadable"),
    "database deleted": (delete(DB_NAME), "missing"),
    "database emptied": (truncate(DB_NAME, 0), "empty"),
    "database truncated": (truncate(DB_NAME, 0.5), "malformed"),
    "database header garbled": (garble(DB_NAME, 0, 100), "not a database"),
    "database page garbled": (garble(DB_NAME, 4096 * 2, 4096), "damaged"),
}


def damaged_copy(source: Path, target: Path, damage: Damage) -> Path:
    shutil.copytree(source, target)
    assert not (target / f"{DB_NAME}-wal").exists() or (target / f"{DB_NAME}-wal").stat().st_size == 0
    return damage(target)


@pytest.mark.parametrize("case", list(REFUSED))
def test_serve_refuses_a_damaged_index(
    case: str, tmp_path: Path, fixture_index: tuple[Settings, Path]
) -> None:
    damage, phrase = REFUSED[case]
    index_dir = tmp_path / "index"
    named = damaged_copy(fixture_index[0].index.dir, index_dir, damage)
    server = ServeProcess(index_dir, tmp_path / "serve.log").start(timeout=120)
    try:
        assert server.proc is not None and server.proc.poll() is not None, f"{case}: the server kept running"
        out = server.output()
        assert server.proc.returncode == 2, out
        assert "Uvicorn running" not in out and "startup complete" not in out
        message = out.splitlines()[-1] if phrase != "damaged" else out
        assert str(named) in message and phrase in message and "ragqa ingest" in message, out
        assert "Traceback" not in out
    finally:
        server.stop()
    if case == "database deleted":
        assert not (index_dir / DB_NAME).exists(), "a refused start must not create an empty database"


@pytest.mark.parametrize(
    "case", ["database deleted", "database emptied", "manifest deleted", "database page garbled"]
)
def test_lifespan_raises_the_domain_error(
    case: str, tmp_path: Path, fixture_index: tuple[Settings, Path]
) -> None:
    settings = fixture_index[0].model_copy(deep=True)
    settings.index.dir = tmp_path / "index"
    damage, phrase = REFUSED[case]
    damaged_copy(fixture_index[0].index.dir, settings.index.dir, damage)
    app = create_app(settings, embedder=HashingEmbedder())

    async def start() -> None:
        async with app.router.lifespan_context(app):
            pytest.fail("the app started over a damaged index")

    with pytest.raises(IndexError_, match=phrase):
        asyncio.run(start())
    vectors = settings.index.dir / FAISS_NAME
    assert not vectors.exists() or vectors.stat().st_size > 0


def test_missing_database_never_wipes_the_vectors(
    tmp_path: Path, fixture_index: tuple[Settings, Path]
) -> None:
    """Before the fix, SQLite created an empty database and reconciling then emptied FAISS too."""
    index_dir = tmp_path / "index"
    shutil.copytree(fixture_index[0].index.dir, index_dir)
    before = (index_dir / FAISS_NAME).read_bytes()
    (index_dir / DB_NAME).unlink()
    with pytest.raises(IndexError_, match="missing"):
        NewsIndex.open(index_dir, None, create=False)
    with pytest.raises(IndexError_, match="missing"):
        NewsIndex.open(index_dir, None, create=True)
    assert (index_dir / FAISS_NAME).read_bytes() == before


@pytest.mark.slow
def test_serve_refuses_an_index_built_with_another_model(
    tmp_path: Path, fixture_index: tuple[Settings, Path]
) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(fixture_index[0].index.dir, index_dir)  # built with test/hashing, served with e5
    with ServeProcess(index_dir, tmp_path / "serve.log") as server:
        assert server.proc is not None and server.proc.poll() == 2, server.output()
        assert "embedding_model" in server.output() and "RAGQA_EMBEDDING__MODEL" in server.output()


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["deleted", "truncated", "garbled"])
def test_serve_rebuilds_a_damaged_vector_file_from_sqlite(
    damage: str, tmp_path: Path, e5_index: Path
) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(e5_index, index_dir)
    damages = {
        "deleted": delete(FAISS_NAME),
        "truncated": truncate(FAISS_NAME, 0.5),
        "garbled": garble(FAISS_NAME),
    }
    damages[damage](index_dir)
    with ServeProcess(index_dir, tmp_path / "serve.log") as server:
        assert server.ready(), server.output()
        status = httpx.get(server.url + "/readyz").json()
        assert status["chunks"] == status["vectors"] > 0
        question = {"question": "青山市人民医院儿童病房共设置多少张床位？"}
        answer = httpx.post(server.url + "/v1/ask", json=question, timeout=120).json()
        assert answer["answerable"] and "120" in answer["answer"]
    warning = "rebuilding the vector index from SQLite"
    if damage == "deleted":
        warning = "reconciling vectors: 10 missing"
    assert warning in server.output()
    index = NewsIndex.open(index_dir, None, create=False)
    assert np.array_equal(index.store.chunk_ids(), index.vectors.ids())
    index.close()
    assert ragqa("index", "info", "--index", str(index_dir)).returncode == 0
