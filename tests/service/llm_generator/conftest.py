"""The ``openai`` answer backend's servers: a scripted OpenAI-compatible server
(tests/service/llm/fake_openai.py) and our app (create_app, real HTTP on 127.0.0.1) over a private
copy of the fixture index, configured to ask it; and the requests the fake received in one test."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from service.app import create_app
from service.config import Settings
from tests.fakes import HashingEmbedder
from tests.service.conftest import Server
from tests.service.llm.fake_openai import FakeOpenAI, RecordedRequest
from tests.service.llm_generator.helpers import READ_TIMEOUT


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(model="fake-model") as server:
        yield server


@pytest.fixture(scope="module")
def llm_live(
    tmp_path_factory: pytest.TempPathFactory, fixture_index: tuple[Settings, Path], fake: FakeOpenAI
) -> Iterator[Server]:
    settings, _ = fixture_index
    own = settings.model_copy(deep=True)
    own.index.dir = tmp_path_factory.mktemp("llm") / "index"
    shutil.copytree(settings.index.dir, own.index.dir)
    own.llm = own.llm.model_copy(
        update={
            "backend": "openai",
            "base_url": fake.base_url,
            "model": "fake-model",
            "read_timeout": READ_TIMEOUT,
            "connect_timeout": 1.0,
            "max_retries": 1,
        }
    )
    with Server(create_app(own, embedder=HashingEmbedder())) as server:
        yield server


@pytest.fixture
def sent(fake: FakeOpenAI) -> Iterator[Callable[[], list[RecordedRequest]]]:
    """The requests the fake received during this test; every scripted behaviour must be used."""
    before = len(fake.requests)
    yield lambda: fake.requests[before:]
    assert not fake._queue, "a scripted behaviour was not consumed"
