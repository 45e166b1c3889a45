"""API keys, roles, rate limits and body-size caps: units, the CLI, and a real server on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from service.app import create_app
from service.cli import main
from service.config import Settings
from service.errors import HTTPRefusal
from service.security.auth import Guard, required_access
from service.security.commands import bind_refusal
from service.security.keys import KeysFileError, KeyStore
from service.security.ratelimit import TokenBuckets, retry_after_header
from tests.fakes import HashingEmbedder
from tests.service.conftest import Server

QUESTION = {"question": "儿童病房有多少张床位？"}


# ---- units --------------------------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_token_bucket_allows_a_burst_then_refills_at_the_rate() -> None:
    clock = FakeClock()
    buckets = TokenBuckets(rate_per_minute=60, burst=3, clock=clock)
    assert [buckets.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take("a") == pytest.approx(1.0)  # one token a second
    assert buckets.take("b") == 0.0, "buckets are independent"
    clock.now += 0.5
    assert buckets.take("a") == pytest.approx(0.5)
    clock.now += 0.5
    assert buckets.take("a") == 0.0
    assert retry_after_header(0.2) == "1" and retry_after_header(1.01) == "2"


def test_a_zero_rate_means_no_limit() -> None:
    buckets = TokenBuckets(rate_per_minute=0, burst=1)
    assert all(buckets.take("a") == 0.0 for _ in range(100))


def test_keys_are_stored_hashed_and_shown_once(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.json")
    assert not store.has_keys()
    key, record = store.create("query", "widget")
    assert key.startswith("rqa_") and len(key) > 40
    text = store.path.read_text()
    assert key not in text and key[4:] not in text
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert store.lookup(key) == record and store.lookup(key + "x") is None
    assert "sha256" not in record.public()
    assert KeyStore(store.path).lookup(key) == record, "another process reads the same file"


def test_revoked_keys_stop_working_and_are_kept_for_the_record(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.json")
    key, record = store.create("admin")
    store.revoke(record.name)
    assert store.lookup(key) is None and not store.has_keys()
    assert store.records()[0].revoked_at is not None


def test_a_damaged_keys_file_fails_closed(tmp_path: Path) -> None:
    (tmp_path / "keys.json").write_text("{not json")
    with pytest.raises(KeysFileError):
        KeyStore(tmp_path / "keys.json").has_keys()


@pytest.mark.parametrize(
    ("method", "path", "access"),
    [
        ("GET", "/healthz", "public"), ("GET", "/readyz", "public"), ("GET", "/", "public"),
        ("GET", "/widget.js", "public"), ("OPTIONS", "/v1/ask", "public"),
        ("POST", "/v1/ask", "query"), ("POST", "/v1/search", "query"),
        ("POST", "/v1/chat/completions", "query"),
        ("GET", "/v1/documents/a/b.txt/text", "query"),
        ("GET", "/v1/documents", "admin"), ("POST", "/v1/documents", "admin"),
        ("DELETE", "/v1/documents/a/text", "admin"), ("GET", "/metrics", "admin"),
        ("GET", "/some/new/route", "query"),  # deny by default
    ],
)
def test_access_policy(method: str, path: str, access: str) -> None:
    assert required_access(method, path) == access


def settings_for(index_dir: Path, **security: object) -> Settings:
    settings = Settings()
    settings.index.dir = index_dir
    for name, value in security.items():
        setattr(settings.security, name, value)
    return settings


def test_without_keys_only_local_clients_are_served(tmp_path: Path) -> None:
    guard = Guard(settings_for(tmp_path))
    assert guard.check("POST", "/v1/ask", None, "127.0.0.1") is None
    assert guard.check("POST", "/v1/ask", None, "::1") is None
    refusal = guard.check("POST", "/v1/ask", None, "203.0.113.7")
    assert isinstance(refusal, HTTPRefusal) and refusal.status_code == 403
    assert Guard(settings_for(tmp_path, allow_public_without_keys=True)).check(
        "POST", "/v1/ask", None, "203.0.113.7") is None


def test_binding_a_public_address_without_keys_is_refused(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    assert bind_refusal(settings, "127.0.0.1") is None
    refusal = bind_refusal(settings, "0.0.0.0")
    assert refusal is not None and "--allow-public-without-keys" in refusal
    KeyStore(tmp_path / "keys.json").create("admin")
    assert bind_refusal(settings, "0.0.0.0") is None
    assert bind_refusal(settings_for(tmp_path / "other", allow_public_without_keys=True), "0.0.0.0") is None


# ---- the command line ---------------------------------------------------------------------------


def test_keys_command_creates_lists_and_revokes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index = str(tmp_path / "index")
    assert main(["keys", "create", "--role", "query", "--name", "widget", "--index", index]) == 0
    key = capsys.readouterr().out.strip()
    assert key.startswith("rqa_")
    assert main(["keys", "list", "--json", "--index", index]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(k["name"], k["role"]) for k in listed] == [("widget", "query")]
    assert key not in json.dumps(listed)
    assert main(["keys", "revoke", "widget", "--index", index]) == 0
    capsys.readouterr()
    assert main(["keys", "list", "--json", "--index", index]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["keys", "revoke", "widget", "--index", index]) == 2, "revoking twice is an error"


def test_serve_refuses_a_public_bind_without_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--index", str(tmp_path / "index")]) == 2
    assert "refusing to bind 0.0.0.0 without API keys" in capsys.readouterr().err


# ---- a real server with keys --------------------------------------------------------------------


@pytest.fixture(scope="module")
def index_copy(tmp_path_factory: pytest.TempPathFactory,
               fixture_index: tuple[Settings, Path]) -> Callable[[], Path]:
    def copy() -> Path:
        target = tmp_path_factory.mktemp("sec") / "index"
        shutil.copytree(fixture_index[0].index.dir, target)
        return target
    return copy


def serve(index_dir: Path, fixture_settings: Settings, **changes: object) -> Server:
    settings = fixture_settings.model_copy(deep=True)
    settings.index.dir = index_dir
    for dotted, value in changes.items():
        group, name = dotted.split("__")
        setattr(getattr(settings, group), name, value)
    return Server(create_app(settings, embedder=HashingEmbedder()))


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


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def assert_error(r: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    error: dict[str, object] = r.json()["error"]
    assert error["code"] == code and error["message"]
    return error


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
    assert_error(httpx.post(server.url + "/v1/ask", json=QUESTION, headers=bearer(keys["revoked"])),
                 401, "unauthorized")


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


def test_keys_created_while_running_take_effect(index_copy: Callable[[], Path],
                                                fixture_index: tuple[Settings, Path]) -> None:
    index_dir = index_copy()
    with serve(index_dir, fixture_index[0]) as server:
        assert httpx.post(server.url + "/v1/ask", json=QUESTION).status_code == 200  # no keys yet
        store = KeyStore(index_dir / "keys.json")
        key, record = store.create("query")
        assert_error(httpx.post(server.url + "/v1/ask", json=QUESTION), 401, "unauthorized")
        assert httpx.post(server.url + "/v1/ask", json=QUESTION, headers=bearer(key)).status_code == 200
        store.revoke(record.id)
        assert httpx.post(server.url + "/v1/ask", json=QUESTION).status_code == 200  # back to local-only


# ---- rate limits and body sizes -----------------------------------------------------------------


def test_each_client_address_is_rate_limited(index_copy: Callable[[], Path],
                                             fixture_index: tuple[Settings, Path]) -> None:
    changes = {"security__address_burst": 3, "security__address_rate_per_minute": 6}
    with serve(index_copy(), fixture_index[0], **changes) as server:
        codes = [httpx.post(server.url + "/v1/search", json={"query": "床位"}).status_code for _ in range(3)]
        assert codes == [200, 200, 200]
        r = httpx.post(server.url + "/v1/search", json={"query": "床位"})
        assert_error(r, 429, "rate_limited")
        assert 1 <= int(r.headers["retry-after"]) <= 10  # one token per 10 s
        assert httpx.get(server.url + "/healthz").status_code == 200, "probes are never limited"


def test_each_key_is_rate_limited(index_copy: Callable[[], Path],
                                  fixture_index: tuple[Settings, Path]) -> None:
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


def test_oversized_bodies_are_refused_before_they_are_read(index_copy: Callable[[], Path],
                                                           fixture_index: tuple[Settings, Path]) -> None:
    changes = {"server__max_body_bytes": 4096, "server__max_upload_bytes": 8192}
    with serve(index_copy(), fixture_index[0], **changes) as server:
        before = httpx.get(server.url + "/readyz").json()
        big = json.dumps({"question": "问" * 5000}).encode()
        error = assert_error(httpx.post(server.url + "/v1/ask", content=big,
                                        headers={"content-type": "application/json"}), 413, "too_large")
        assert error["field"] == "body"

        def chunked() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            yield big[:3000]
            yield big[3000:]

        assert_error(httpx.post(server.url + "/v1/ask", content=chunked(),
                                headers={"content-type": "application/json"}), 413, "too_large")
        upload = {"file": ("big.txt", ("本报讯 " + "字" * 5000).encode(), "text/plain")}
        assert_error(httpx.post(server.url + "/v1/documents", files=upload), 413, "too_large")
        assert httpx.get(server.url + "/readyz").json() == before
