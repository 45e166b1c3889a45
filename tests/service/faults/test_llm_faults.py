"""The LLM backend fails (down, slow, 500, garbage): every question route still answers, with the
extractive fallback, says so in ``generator``, and never returns a 5xx.

Real HTTP both ways: our app under uvicorn on 127.0.0.1, and for the backend either a closed port
or the scripted OpenAI-compatible server from tests/service/llm/fake_openai.py.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.app import create_app
from service.config import Settings
from tests.fakes import HashingEmbedder
from tests.service.conftest import Server, refused_port
from tests.service.llm.fake_openai import Behaviour, FakeOpenAI, RawBody, RawStream, Reply, Sleep, Status

pytestmark = pytest.mark.integration

QUESTION, GOLD = "青山市人民医院儿童病房共设置多少张床位？", "120"
READ_TIMEOUT = 0.5
# name -> what the backend does; None: nothing listens on the port.
FAULTS: dict[str, Behaviour | None] = {
    "down": None,
    "slow": Sleep(READ_TIMEOUT * 6, then=Reply("青山市人民医院儿童病房共设置床位120张[1]。")),
    "status-500": Status(500),
    "garbage-body": RawBody("<html>502 Bad Gateway</html>", content_type="text/html"),
    "garbage-stream": RawStream(('data: {"choices": [{"delta": {"content": "半"', "\n\nzzz\n\n")),
    "unsupported-answer": Reply("火星上有三只企鹅[7]。月亮是奶酪做的[1]。"),
}


@pytest.fixture(scope="module", params=list(FAULTS))
def faulty(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    fixture_index: tuple[Settings, Path],
) -> Iterator[tuple[str, Server]]:
    """Our server whose LLM backend misbehaves as ``FAULTS[name]`` on every call."""
    name: str = request.param
    behaviour = FAULTS[name]
    with FakeOpenAI(default=behaviour) as fake, refused_port() as closed:
        base_url = fake.base_url if behaviour is not None else f"http://127.0.0.1:{closed}/v1"
        settings = fixture_index[0].model_copy(deep=True)
        settings.index.dir = tmp_path_factory.mktemp("llm-fault") / "index"
        shutil.copytree(fixture_index[0].index.dir, settings.index.dir)
        settings.llm = settings.llm.model_validate(
            {
                "backend": "openai",
                "base_url": base_url,
                "model": "fake-model",
                "connect_timeout": READ_TIMEOUT,
                "read_timeout": READ_TIMEOUT,
                "max_retries": 1,
            }
        )
        with Server(create_app(settings, embedder=HashingEmbedder())) as server:
            yield name, server


def sse_blocks(text: str) -> list[tuple[str, str]]:
    out = []
    for block in text.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if "data" in fields:
            out.append((fields.get("event", "message"), fields["data"]))
    return out


def post(server: Server, path: str, body: dict[str, Any]) -> httpx.Response:
    response = httpx.post(server.url + path, json=body, timeout=30)
    assert response.status_code == 200, f"{path} answered {response.status_code}: {response.text[:300]}"
    return response


def assert_fallback(fault: str, answer: dict[str, Any]) -> None:
    generator = answer["generator"]
    assert generator.startswith("extractive (fallback"), f"{fault}: {generator!r} hides the fallback"
    assert answer["answerable"] is True and GOLD in answer["answer"]
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer["answer"])}
    assert markers and markers == {c["id"] for c in answer["citations"]}
    assert any(GOLD in c["text"] for c in answer["citations"])


def test_ask_json_falls_back(faulty: tuple[str, Server]) -> None:
    fault, server = faulty
    assert_fallback(fault, post(server, "/v1/ask", {"question": QUESTION}).json())


def test_ask_stream_falls_back(faulty: tuple[str, Server]) -> None:
    fault, server = faulty
    events = sse_blocks(post(server, "/v1/ask", {"question": QUESTION, "stream": True}).text)
    assert events[0][0] == "citations" and events[-1][0] == "done", [kind for kind, _ in events]
    done = json.loads(events[-1][1])
    assert_fallback(fault, done)
    assert json.loads(events[0][1]) == done["citations"], "the fallback's citations, not the passages"


def test_chat_completion_falls_back(faulty: tuple[str, Server]) -> None:
    fault, server = faulty
    body = post(server, "/v1/chat/completions", {"messages": [{"role": "user", "content": QUESTION}]}).json()
    answer = {**body, "answer": body["choices"][0]["message"]["content"]}
    assert_fallback(fault, answer)


def test_chat_completion_stream_falls_back(faulty: tuple[str, Server]) -> None:
    _, server = faulty
    body = {"messages": [{"role": "user", "content": QUESTION}], "stream": True}
    events = sse_blocks(post(server, "/v1/chat/completions", body).text)
    assert events[-1] == ("message", "[DONE]")
    final = json.loads(events[-2][1])
    assert final["choices"][0]["finish_reason"] == "stop"
    assert final["answerable"] is True and GOLD in final["answer"]
    assert final["generator"].startswith("extractive (fallback")
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", final["answer"])}
    assert markers == {c["id"] for c in final["citations"]}
