"""Keys and roles on a real server on 127.0.0.1: probes and pages stay public, questions need a
valid (unrevoked) key, query keys ask, search and chat, only admin keys manage documents and read
metrics, and keys created or revoked while the server runs take effect at once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from service.config import Settings
from service.security.keys import KeyStore
from tests.service.conftest import Server
from tests.service.security.helpers import QUESTION, assert_error, bearer, serve


@pytest.fixture(scope="module")
def keyed(index_copy: Callable[[], Path], fixture_index: tuple[Settings, Path]) -> Iterator[Keyed]:
    index_dir = index_copy()
    store = KeyStore(index_dir / "keys.json")
    keys = {role: store.create(role, role)[0] for role in ("query", "admin")}
    keys["revoked"], record = store.create("admin", "old")
    store.revoke(record.id)
    with serve(index_dir, fixture_index[0]) as server:
        yield server, keys


Keyed = tuple[Server, dict[str, str]]  # a server and its keys by role


def test_probes_and_pages_stay_public(keyed: Keyed) -> None:
    server, _ = keyed
    for path in ("/healthz", "/readyz", "/", "/widget.js"):
        assert httpx.get(server.url + path).status_code == 200, path


@pytest.mark.parametrize("header", [None, "Bearer rqa_wrong", "Basic dXNlcjpwYXNz", "Bearer", "rqa_noscheme"])
def test_questions_need_a_valid_key(keyed: Keyed, header: str | None) -> None:
    server, _ = keyed
    headers = {"Authorization": header} if header else {}
    r = httpx.post(server.url + "/v1/ask", json=QUESTION, headers=headers)
    error = assert_error(r, 401, "unauthorized")
    assert error["field"] == "Authorization"
    assert r.headers["www-authenticate"] == "Bearer"


def test_a_revoked_key_is_refused(keyed: Keyed) -> None:
    server, keys = keyed
    assert_error(
        httpx.post(server.url + "/v1/ask", json=QUESTION, headers=bearer(keys["revoked"])),
        401,
        "unauthorized",
    )


@pytest.mark.parametrize("role", ["query", "admin"])
def test_query_and_admin_keys_can_ask_search_and_chat(keyed: Keyed, role: str) -> None:
    server, keys = keyed
    auth = bearer(keys[role])
    assert httpx.post(server.url + "/v1/ask", json=QUESTION, headers=auth).status_code == 200
    assert httpx.post(server.url + "/v1/search", json={"query": "床位"}, headers=auth).status_code == 200
    chat = {"messages": [{"role": "user", "content": QUESTION["question"]}]}
    assert httpx.post(server.url + "/v1/chat/completions", json=chat, headers=auth).status_code == 200


def test_a_query_key_cannot_touch_documents_or_metrics(keyed: Keyed) -> None:
    server, keys = keyed
    auth = bearer(keys["query"])
    before = httpx.get(server.url + "/readyz").json()
    refused = [
        httpx.get(server.url + "/v1/documents", headers=auth),
        httpx.post(server.url + "/v1/documents", json={"text": "本报讯 新文章。"}, headers=auth),
        httpx.delete(server.url + "/v1/documents/page_a.txt", headers=auth),
        httpx.get(server.url + "/metrics", headers=auth),
    ]
    for r in refused:
        assert_error(r, 403, "forbidden")
    assert httpx.get(server.url + "/readyz").json() == before


def test_an_admin_key_manages_documents_and_reads_metrics(keyed: Keyed) -> None:
    server, keys = keyed
    auth = bearer(keys["admin"])
    docs = httpx.get(server.url + "/v1/documents", headers=auth)
    assert docs.status_code == 200 and docs.json()
    assert httpx.get(server.url + "/metrics", headers=auth).status_code == 200
    assert_error(httpx.get(server.url + "/metrics"), 401, "unauthorized")


def test_keys_created_while_running_take_effect(
    index_copy: Callable[[], Path], fixture_index: tuple[Settings, Path]
) -> None:
    index_dir = index_copy()
    with serve(index_dir, fixture_index[0]) as server:
        assert httpx.post(server.url + "/v1/ask", json=QUESTION).status_code == 200  # no keys yet
        store = KeyStore(index_dir / "keys.json")
        key, record = store.create("query")
        assert_error(httpx.post(server.url + "/v1/ask", json=QUESTION), 401, "unauthorized")
        assert httpx.post(server.url + "/v1/ask", json=QUESTION, headers=bearer(key)).status_code == 200
        store.revoke(record.id)
        assert httpx.post(server.url + "/v1/ask", json=QUESTION).status_code == 200  # back to local-only
