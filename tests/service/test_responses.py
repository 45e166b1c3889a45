"""Every error status the API can answer is in the OpenAPI schema, with the body it really has.

Each operation is made to fail each way it can (no key, a query key on an admin route, a body too
large, too many requests, a keys file that cannot be read, no such thing, offsets outside the
document) on a real server on 127.0.0.1, and every response is checked against the schema by
schemathesis: its status is documented, its body matches the documented schema, and so does its
content type. Generated requests cannot reach these statuses (no keys, no limits hit)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service.app import create_app
from service.config import Settings
from service.security.auth import required_access
from service.security.keys import KeyStore
from tests.service.conftest import Server
from tests.service.security.helpers import bearer, serve

pytestmark = pytest.mark.integration

CHECKS = [status_code_conformance, response_schema_conformance, content_type_conformance]
QUESTION = "儿童病房有多少张床位？"
# One request per operation that a permitted key gets a 200 for:
# (method, path template) -> (URL path, JSON body or None).
REQUESTS: dict[tuple[str, str], tuple[str, dict[str, Any] | None]] = {
    ("POST", "/v1/ask"): ("/v1/ask", {"question": QUESTION}),
    ("POST", "/v1/search"): ("/v1/search", {"query": QUESTION}),
    ("GET", "/v1/documents"): ("/v1/documents", None),
    ("POST", "/v1/documents"): ("/v1/documents", {"text": "本报讯 测试文章。", "source": "t.txt"}),
    ("DELETE", "/v1/documents/{doc_id}"): ("/v1/documents/page_d.txt", None),
    ("GET", "/v1/models"): ("/v1/models", None),
    ("GET", "/v1/models/{model_id}"): ("/v1/models/ragqa", None),
    ("POST", "/v1/chat/completions"): (
        "/v1/chat/completions",
        {"messages": [{"role": "user", "content": QUESTION}]},
    ),
    ("GET", "/metrics"): ("/metrics", None),
    ("GET", "/v1/documents/{source}/text"): ("/v1/documents/page_a.txt/text?start=0&end=4", None),
}
PUBLIC = {("GET", "/healthz"), ("GET", "/readyz")}
OPS = sorted(REQUESTS)
with_body = [op for op in OPS if REQUESTS[op][1]]


def name(op: tuple[str, str]) -> str:
    return f"{op[0]} {op[1]}"


@pytest.fixture(scope="module")
def api_schema() -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_dict(create_app(Settings()).openapi())  # no lifespan: nothing loads


def checked(schema: schemathesis.BaseSchema, op: tuple[str, str], response: httpx.Response) -> int:
    """The response's status, once schemathesis has found the status documented for the operation
    and the body and content type as documented."""
    params = {name: "x" for name in re.findall(r"{(\w+)}", op[1])}  # only the operation is looked up
    schema[op[1]][op[0]].Case(path_parameters=params).validate_response(response, checks=CHECKS)
    return response.status_code


def call(
    server: Server, schema: schemathesis.BaseSchema, op: tuple[str, str], key: str | None = None, **body: Any
) -> int:
    """The operation's request (``body`` fields added to its JSON), checked against the schema."""
    path, json_body = REQUESTS[op]
    json_body = {**json_body, **body} if json_body else None
    headers = bearer(key) if key else {}
    return checked(
        schema, op, httpx.request(op[0], server.url + path, json=json_body, headers=headers, timeout=30)
    )


def test_every_operation_is_tried(api_schema: schemathesis.BaseSchema) -> None:
    paths = api_schema.raw_schema["paths"]
    assert {
        (method.upper(), path) for path, item in paths.items() for method in item
    } == REQUESTS.keys() | PUBLIC


Keyed = tuple[Server, dict[str, str]]


@pytest.fixture(scope="module")
def keyed(index_copy: Callable[[], Path], fixture_index: tuple[Settings, Path]) -> Iterator[Keyed]:
    index_dir = index_copy()
    store = KeyStore(index_dir / "keys.json")
    keys = {role: store.create(role, role)[0] for role in ("query", "admin")}
    limits = {"server__max_body_bytes": 4096, "server__max_upload_bytes": 4096}
    with serve(index_dir, fixture_index[0], **limits) as server:
        yield server, keys


@pytest.mark.parametrize("op", OPS, ids=name)
def test_keys_and_roles(keyed: Keyed, api_schema: schemathesis.BaseSchema, op: tuple[str, str]) -> None:
    server, keys = keyed
    assert call(server, api_schema, op) == 401
    admin_only = required_access(op[0], REQUESTS[op][0].split("?")[0]) == "admin"
    assert call(server, api_schema, op, keys["query"]) == (403 if admin_only else 200)
    assert call(server, api_schema, op, keys["admin"]) == 200


@pytest.mark.parametrize("op", with_body, ids=name)
def test_a_body_too_large(keyed: Keyed, api_schema: schemathesis.BaseSchema, op: tuple[str, str]) -> None:
    server, keys = keyed
    assert call(server, api_schema, op, keys["admin"], padding="x" * 8000) == 413


def test_no_such_model_or_source_and_offsets_outside(
    keyed: Keyed, api_schema: schemathesis.BaseSchema
) -> None:
    server, keys = keyed
    admin = bearer(keys["admin"])
    model, text = ("GET", "/v1/models/{model_id}"), ("GET", "/v1/documents/{source}/text")
    get = lambda path: httpx.get(server.url + path, headers=admin)  # noqa: E731
    assert checked(api_schema, model, get("/v1/models/gpt-4")) == 404
    assert checked(api_schema, text, get("/v1/documents/none.txt/text?start=0&end=1")) == 404
    assert checked(api_schema, text, get("/v1/documents/page_a.txt/text?start=0&end=999999")) == 400
    assert checked(api_schema, text, get("/v1/documents/page_a.txt/text?start=x&end=1")) == 422


def test_too_many_requests(
    index_copy: Callable[[], Path], fixture_index: tuple[Settings, Path], api_schema: schemathesis.BaseSchema
) -> None:
    limits = {"security__address_burst": 1, "security__address_rate_per_minute": 1}
    with serve(index_copy(), fixture_index[0], **limits) as server:
        assert call(server, api_schema, OPS[0]) == 200  # the one request the burst allows
        for op in OPS:
            assert call(server, api_schema, op) == 429


def test_keys_file_unreadable(
    index_copy: Callable[[], Path], fixture_index: tuple[Settings, Path], api_schema: schemathesis.BaseSchema
) -> None:
    index_dir = index_copy()
    with serve(index_dir, fixture_index[0]) as server:
        (index_dir / "keys.json").write_text("{not json", encoding="utf-8")  # damaged while serving
        for op in OPS:
            assert call(server, api_schema, op) == 503


def test_probes_answer_as_documented(keyed: Keyed, api_schema: schemathesis.BaseSchema) -> None:
    server, _ = keyed
    for op in sorted(PUBLIC):
        assert checked(api_schema, op, httpx.get(server.url + op[1])) == 200
