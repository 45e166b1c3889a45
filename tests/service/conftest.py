"""A real index (SQLite + FAISS) over the fixture articles with a small fake embedder, and a real
uvicorn server on 127.0.0.1 for the HTTP tests."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn

from bench.serving import free_port
from embeddings.index import NewsIndex
from service.app import create_app
from service.components import make_ingestor, manifest_for
from service.config import Settings
from service.runtime import Runtime
from tests.fakes import HashingEmbedder


@contextmanager
def refused_port() -> Iterator[int]:
    """A loopback port where connecting is refused, held for the block: bound but not listening, so
    no server started meanwhile can take it (a ``free_port()`` is free only until the next one asks,
    and a server of ours answering there would be an LLM that is not down)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1])


def build_index(index_dir: Path, articles: Path, settings: Settings, embedder: HashingEmbedder) -> NewsIndex:
    index = NewsIndex.open(index_dir, manifest_for(settings, embedder))
    make_ingestor(settings, index, embedder).ingest_paths([articles])
    return index


@pytest.fixture(scope="session")
def fixture_index(tmp_path_factory: pytest.TempPathFactory, fixtures_dir: Path) -> tuple[Settings, Path]:
    root = tmp_path_factory.mktemp("svc")
    settings = Settings()
    settings.index.dir = root / "index"
    settings.embedding.model = "test/hashing"
    articles = root / "articles"
    shutil.copytree(fixtures_dir / "articles", articles)
    build_index(settings.index.dir, articles, settings, HashingEmbedder()).close()
    return settings, articles


def make_runtime(settings: Settings, **overrides: object) -> Runtime:
    return Runtime.build(settings, embedder=HashingEmbedder(), **overrides)  # type: ignore[arg-type]


class Server:
    """uvicorn serving an app on 127.0.0.1 in a background thread."""

    def __init__(self, app: object) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")  # type: ignore[arg-type]
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/readyz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise RuntimeError("server did not become ready")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, fixture_index: tuple[Settings, Path]) -> Iterator[Server]:
    """A server over a private copy of the fixture index (tests may add and delete documents)."""
    settings, _ = fixture_index
    own = settings.model_copy(deep=True)
    own.index.dir = tmp_path_factory.mktemp("live") / "index"
    shutil.copytree(settings.index.dir, own.index.dir)
    with Server(create_app(own, embedder=HashingEmbedder())) as server:
        yield server


@pytest.fixture(scope="module")
def index_copy(
    tmp_path_factory: pytest.TempPathFactory, fixture_index: tuple[Settings, Path]
) -> Callable[[], Path]:
    """Makes private copies of the fixture index, e.g. for servers with keys files of their own."""

    def copy() -> Path:
        target = tmp_path_factory.mktemp("copy") / "index"
        shutil.copytree(fixture_index[0].index.dir, target)
        return target

    return copy
