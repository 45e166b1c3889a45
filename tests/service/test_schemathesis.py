"""schemathesis against our OpenAPI schema, over real HTTP on 127.0.0.1 (fixture index, fake
embedder): generated requests, valid and invalid, never get a 5xx, and each response has a status,
body and content type the schema documents for the operation.

(schemathesis' own pytest plugin does not run under pytest 9, so each operation's hypothesis
strategy is driven here directly.)"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service.app import create_app
from service.config import Settings
from tests.fakes import HashingEmbedder
from tests.service.conftest import Server

pytestmark = pytest.mark.integration

# Per operation and mode; the default run stays around a minute on a busy 2-core box and is
# derandomized so CI is reproducible. RAGQA_FUZZ_EXAMPLES=500 explores at random, wider.
FUZZ = os.environ.get("RAGQA_FUZZ_EXAMPLES")
EXAMPLES = int(FUZZ or 10)
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance, status_code_conformance]


def operations() -> list[tuple[str, str]]:
    spec = create_app(Settings()).openapi()  # no lifespan: nothing loads
    return [(path, method.upper()) for path, item in spec["paths"].items() for method in item]


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory, fixture_index: tuple[Settings, Path]) -> Iterator[Server]:
    own = fixture_index[0].model_copy(deep=True)
    own.index.dir = tmp_path_factory.mktemp("schemathesis") / "index"
    shutil.copytree(fixture_index[0].index.dir, own.index.dir)
    own.security.address_rate_per_minute = 0  # hundreds of requests from one address are the point here
    with Server(create_app(own, embedder=HashingEmbedder())) as server:
        yield server


@pytest.fixture(scope="module")
def api_schema(api: Server) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(api.url + "/openapi.json")


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
@pytest.mark.parametrize(("path", "method"), operations())
def test_operation_conforms_to_the_schema(
    api_schema: schemathesis.BaseSchema, path: str, method: str, mode: GenerationMode
) -> None:
    operation = api_schema[path][method]

    @given(data=st.data())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=FUZZ is None,
        suppress_health_check=list(HealthCheck),
    )
    def run(data: st.DataObject) -> None:
        case = data.draw(operation.as_strategy(mode))
        response = case.call(timeout=30)
        case.validate_response(response, checks=CHECKS)  # SSE responses: every event against its schema

    try:
        run()
    except Unsatisfiable:
        pytest.skip(f"schemathesis cannot make a {mode.value} request for {method} {path} (nothing to vary)")


@pytest.mark.parametrize("path", ["/v1/ask", "/v1/chat/completions"])
def test_streamed_answers_conform_event_by_event(api_schema: schemathesis.BaseSchema, path: str) -> None:
    """Random generation only sometimes asks for a stream; this asks every time."""
    body: dict[str, Any] = (
        {"question": "金华市立医院院长是谁？", "stream": True}
        if path == "/v1/ask"
        else {"messages": [{"role": "user", "content": "金华市立医院院长是谁？"}], "stream": True}
    )
    case = api_schema[path]["POST"].Case(body=body, media_type="application/json")
    response = case.call(timeout=30)
    assert response.headers["content-type"][0].startswith("text/event-stream")
    case.validate_response(response, checks=CHECKS)
