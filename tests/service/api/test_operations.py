"""The operations endpoints over real HTTP on 127.0.0.1: /healthz and /readyz (503 until the
runtime is loaded), the Prometheus /metrics, and the OpenAPI schema documenting the routes and the
answer contract."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from service.app import create_app
from service.config import Settings
from tests.fakes import HashingEmbedder
from tests.service.api.contract import ANSWER_FIELDS, CITATION_FIELDS, GOLD, ask
from tests.service.conftest import Server, free_port

pytestmark = pytest.mark.integration


def test_healthz_and_readyz(live: Server) -> None:
    assert httpx.get(live.url + "/healthz").json() == {"status": "ok"}
    ready = httpx.get(live.url + "/readyz")
    assert ready.status_code == 200
    body = ready.json()
    assert body["status"] == "ready" and body["chunks"] >= 1 and body["embedding_model"] == "test/hashing"
    assert body["embedder"] == "HashingEmbedder"


@pytest.fixture
def unstarted(fixture_index: tuple[Settings, Path]) -> Iterator[str]:
    """The app served without running its lifespan: the moment before models and index are loaded."""
    settings, _ = fixture_index
    port = free_port()
    config = uvicorn.Config(
        create_app(settings, embedder=HashingEmbedder()),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_readyz_is_503_until_the_runtime_is_loaded(unstarted: str) -> None:
    assert httpx.get(unstarted + "/healthz").status_code == 200
    r = httpx.get(unstarted + "/readyz")
    assert r.status_code == 503 and r.json()["status"] == "starting"


def test_metrics_count_requests_and_answers(live: Server) -> None:
    ask(live, GOLD[0][0])
    ask(live, "火星上有多少只企鹅？")
    r = httpx.get(live.url + "/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    samples = {}
    for line in r.text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            samples[name] = float(value)
    assert samples['ragqa_http_requests_total{route="/v1/ask",status="200"}'] >= 2
    assert samples['ragqa_answers_total{generator="extractive",outcome="answered"}'] >= 1
    assert samples['ragqa_answers_total{generator="extractive",outcome="refused"}'] >= 1
    assert any(name.startswith("ragqa_http_request_seconds_bucket") for name in samples)


def test_openapi_documents_the_routes_and_the_contract(live: Server) -> None:
    schema = httpx.get(live.url + "/openapi.json").json()
    paths = schema["paths"]
    for path, method in [
        ("/v1/ask", "post"),
        ("/v1/search", "post"),
        ("/v1/chat/completions", "post"),
        ("/v1/documents", "post"),
        ("/v1/documents", "get"),
        ("/healthz", "get"),
        ("/readyz", "get"),
        ("/metrics", "get"),
    ]:
        assert method in paths.get(path, {}), f"{method.upper()} {path} is not documented"
    assert any(p.startswith("/v1/documents/{") and "delete" in ops for p, ops in paths.items())
    for path in ("/v1/ask", "/v1/chat/completions"):
        streamed = paths[path]["post"]["responses"]["200"]
        assert "text/event-stream" in streamed["content"] and "event: citations" in streamed["description"]
    models = schema["components"]["schemas"]
    assert {"question", "top_k", "stream", "filters"} <= models["AskRequest"]["properties"].keys()
    assert models["AskResponse"]["properties"].keys() >= ANSWER_FIELDS
    assert models["Citation"]["properties"].keys() >= CITATION_FIELDS
    assert {"query", "top_k", "mode"} <= models["SearchRequest"]["properties"].keys()
