from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from service.config import LLMSettings
from service.llm import OpenAIChatClient
from tests.service.llm.fake_openai import FakeOpenAI

MakeClient = Callable[..., OpenAIChatClient]


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def llm_settings(fake_openai: FakeOpenAI) -> LLMSettings:
    return LLMSettings.model_validate(
        {
            "backend": "openai",
            "base_url": fake_openai.base_url,
            "model": "fake-model",
            "connect_timeout": 1.0,
            "read_timeout": 2.0,
            "max_retries": 2,
        }
    )


@pytest.fixture
def make_client(llm_settings: LLMSettings) -> Iterator[MakeClient]:
    """Clients with a tiny backoff (fast tests), closed after the test; keyword overrides for settings."""
    clients: list[OpenAIChatClient] = []

    def make(
        *, backoff_base: float = 0.001, sleep: Callable[[float], None] = time.sleep, **overrides: Any
    ) -> OpenAIChatClient:
        settings = llm_settings.model_copy(update=overrides)
        client = OpenAIChatClient(settings, backoff_base=backoff_base, sleep=sleep)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
