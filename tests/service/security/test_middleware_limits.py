"""Rate limits and body-size caps on a real server on 127.0.0.1: each client address and each key
has its own bucket (429 with Retry-After; probes are never limited), and oversized bodies, with or
without a Content-Length, and uploads are refused before they are read."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

from service.config import Settings
from service.security.keys import KeyStore
from tests.service.security.helpers import assert_error, bearer, serve


def test_each_client_address_is_rate_limited(
    index_copy: Callable[[], Path], fixture_index: tuple[Settings, Path]
) -> None:
    changes = {"security__address_burst": 3, "security__address_rate_per_minute": 6}
    with serve(index_copy(), fixture_index[0], **changes) as server:
        codes = [httpx.post(server.url + "/v1/search", json={"query": "床位"}).status_code for _ in range(3)]
        assert codes == [200, 200, 200]
        r = httpx.post(server.url + "/v1/search", json={"query": "床位"})
        assert_error(r, 429, "rate_limited")
        assert 1 <= int(r.headers["retry-after"]) <= 10  # one token per 10 s
        assert httpx.get(server.url + "/healthz").status_code == 200, "probes are never limited"


def test_each_key_is_rate_limited(
    index_copy: Callable[[], Path], fixture_index: tuple[Settings, Path]
) -> None:
    index_dir = index_copy()
    store = KeyStore(index_dir / "keys.json")
    first, second = store.create("query")[0], store.create("query")[0]
    changes = {"security__key_burst": 2, "security__key_rate_per_minute": 1}
    with serve(index_dir, fixture_index[0], **changes) as server:

        def search(key: str) -> httpx.Response:
            return httpx.post(server.url + "/v1/search", json={"query": "床位"}, headers=bearer(key))

        assert [search(first).status_code for _ in range(2)] == [200, 200]
        r = search(first)
        assert_error(r, 429, "rate_limited")
        assert int(r.headers["retry-after"]) >= 1
        assert search(second).status_code == 200, "another key has its own bucket"


def test_oversized_bodies_are_refused_before_they_are_read(
    index_copy: Callable[[], Path], fixture_index: tuple[Settings, Path]
) -> None:
    changes = {"server__max_body_bytes": 4096, "server__max_upload_bytes": 8192}
    with serve(index_copy(), fixture_index[0], **changes) as server:
        before = httpx.get(server.url + "/readyz").json()
        big = json.dumps({"question": "问" * 5000}).encode()
        error = assert_error(
            httpx.post(server.url + "/v1/ask", content=big, headers={"content-type": "application/json"}),
            413,
            "too_large",
        )
        assert error["field"] == "body"

        def chunked() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            yield big[:3000]
            yield big[3000:]

        assert_error(
            httpx.post(
                server.url + "/v1/ask", content=chunked(), headers={"content-type": "application/json"}
            ),
            413,
            "too_large",
        )
        upload = {"file": ("big.txt", ("本报讯 " + "字" * 5000).encode(), "text/plain")}
        assert_error(httpx.post(server.url + "/v1/documents", files=upload), 413, "too_large")
        assert httpx.get(server.url + "/readyz").json() == before
