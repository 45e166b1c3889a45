"""The chat front end's routes: assets, security headers, and the source-context endpoint."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.app import create_app
from service.config import Settings
from service.web import WIDGET_PARTS, page_csp, span_context, web_router, widget_script
from tests.fakes import HashingEmbedder
from tests.service.conftest import build_index

STATIC = Path(__file__).resolve().parents[2] / "service" / "static"

HOSPITAL = (
    "青山市人民医院儿童病房正式启用\n"
    "本报讯 3月5日，青山市人民医院新建的儿童病房正式启用，共设置床位120张。"
    "病房配备了新生儿监护设备，医护人员共有45名。\n"
)
XSS = (
    "网页安全讲座在市图书馆举行\n"
    "本报讯 9月9日，市图书馆举办网页安全讲座，讲师演示了 <script>alert('xss')</script> 这样的脚本注入，"
    '以及 <img src=x onerror="window.__xss=1"> 这样的图片注入，共有80名市民参加。\n'
)


def with_web(app: FastAPI) -> FastAPI:
    """The app with the web router (a no-op once service/app.py includes it)."""
    if not any(getattr(r, "path", None) == "/widget.js" for r in app.routes):
        app.include_router(web_router)
    return app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("web")
    articles = root / "articles"
    articles.mkdir()
    (articles / "hospital.txt").write_text(HOSPITAL, encoding="utf-8")
    (articles / "xss.txt").write_text(XSS, encoding="utf-8")
    settings = Settings()
    settings.index.dir = root / "index"
    settings.embedding.model = "test/hashing"
    build_index(settings.index.dir, articles, settings, HashingEmbedder()).close()
    with TestClient(with_web(create_app(settings, embedder=HashingEmbedder()))) as c:
        yield c


# ---- assets -------------------------------------------------------------------------------------


def csp_directives(csp: str) -> dict[str, str]:
    return dict(d.strip().split(" ", 1) for d in csp.split(";"))


def test_page_is_served_with_a_strict_csp(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert csp == page_csp()
    directives = csp_directives(csp)
    assert directives["default-src"] == "'self'"
    for name in ("script-src", "style-src", "img-src", "connect-src", "form-action"):
        assert directives[name] == "'self'", name
    assert directives["object-src"] == directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"
    assert "unsafe" not in csp and "http" not in csp and "*" not in csp and "data:" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["cross-origin-opener-policy"] == "same-origin"
    assert "camera=()" in r.headers["permissions-policy"]
    assert r.headers["cache-control"] == "no-cache"
    html = r.text
    assert re.search(r'<script src="widget.js" data-mode="page"[^>]*defer></script>', html)
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html)), "no inline scripts"
    assert "style=" not in html and "<style" not in html, "no inline styles"


def test_page_may_be_framed_by_the_allowed_origins_only(tmp_path: Path) -> None:
    settings = Settings()
    settings.index.dir = tmp_path / "index"
    settings.embedding.model = "test/hashing"
    settings.server.cors_origins = ["https://news.example.com", "http://127.0.0.1:8080/"]
    app = with_web(create_app(settings, embedder=HashingEmbedder()))
    csp = TestClient(app).get("/").headers["content-security-policy"]  # no lifespan: the page needs no index
    assert csp_directives(csp)["frame-ancestors"] == "'self' https://news.example.com http://127.0.0.1:8080"


def test_page_csp_ignores_origins_that_are_not_origins() -> None:
    csp = page_csp(["https://ok.example", "https://x.example; script-src *", "javascript:alert(1)", "*"])
    assert csp_directives(csp)["frame-ancestors"] == "'self' https://ok.example *"
    assert csp.count("script-src") == 1


def test_every_route_here_sends_nosniff_and_no_referrer(client: TestClient) -> None:
    for path in ("/", "/widget.js", "/page.css", "/favicon.svg"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "no-referrer", path


@pytest.mark.parametrize(
    ("path", "media_type"),
    [("/widget.js", "text/javascript"), ("/page.css", "text/css"), ("/favicon.svg", "image/svg+xml")],
)
def test_assets_are_served_with_etags(client: TestClient, path: str, media_type: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media_type)
    assert "max-age" in r.headers["cache-control"]
    etag = r.headers["etag"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_widget_can_be_loaded_by_other_sites(client: TestClient) -> None:
    r = client.get("/widget.js")
    assert r.headers["cross-origin-resource-policy"] == "cross-origin"
    assert r.headers["cache-control"].startswith("public")
    assert "content-security-policy" not in r.headers  # the host page's CSP governs the script


def test_asset_files_match_what_is_served(client: TestClient) -> None:
    for name in ("index.html", "page.css", "favicon.svg"):
        path = "/" if name == "index.html" else "/" + name
        assert client.get(path).content == (STATIC / name).read_bytes()


def test_widget_script_is_its_parts_joined_in_one_function(client: TestClient) -> None:
    served = client.get("/widget.js").text
    assert served == widget_script().decode()
    assert served.startswith("/*\n * ragqa chat widget")
    assert '*/\n(() => {\n  "use strict";\n' in served and served.endswith("})();\n")
    positions = []
    for name in WIDGET_PARTS:
        text = (STATIC / "widget" / name).read_text(encoding="utf-8")
        body = text.partition("*/\n")[2] if name == "config.js" else text
        assert body in served, name
        positions.append(served.index(body))
    assert positions == sorted(positions), "the parts are joined in order"
    assert "  const CSS = `\n/* The widget's styles" in served
    assert sorted(p.name for p in (STATIC / "widget").iterdir()) == sorted(WIDGET_PARTS), "no part left out"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_widget_script_parses_as_javascript(tmp_path: Path) -> None:
    script = tmp_path / "widget.js"
    script.write_bytes(widget_script())
    check = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr


def test_assets_load_nothing_from_elsewhere() -> None:
    for path in [STATIC / "index.html", STATIC / "page.css", *(STATIC / "widget").iterdir()]:
        text = path.read_text(encoding="utf-8")
        urls = set(re.findall(r"https?://[^\s\"'`)]+", text))
        # the SVG namespace and the embed example in the header comment are not fetched
        assert urls <= {"http://www.w3.org/2000/svg", "https://host/widget.js", "https://host"}, (path, urls)
        assert "@import" not in text and "@font-face" not in text and "url(" not in text, path


def test_widget_never_parses_strings_as_markup() -> None:
    js = widget_script().decode()
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "createContextualFragment",
        "DOMParser",
        "eval(",
        "new Function",
        'setAttribute("on',
        "srcdoc",
        "javascript:",
    ):
        assert sink not in js, sink
    # setTimeout only ever takes functions, never strings of code
    assert not re.search(r"setTimeout\(\s*[\"'`]", js)


def test_widget_uses_system_fonts_and_supports_dark_mode() -> None:
    css = (STATIC / "widget" / "styles.css").read_text(encoding="utf-8")
    for font in ('"PingFang SC"', '"Microsoft YaHei"', '"Noto Sans CJK SC"', "sans-serif"):
        assert font in css
    assert "prefers-color-scheme: dark" in css
    assert 'attachShadow({ mode: "open" })' in widget_script().decode()


# ---- the source-context endpoint ---------------------------------------------------------------


def test_text_returns_the_span_with_context(client: TestClient) -> None:
    start = HOSPITAL.index("本报讯")
    end = HOSPITAL.index("。", start) + 1
    r = client.get("/v1/documents/hospital.txt/text", params={"start": start, "end": end, "context": 10})
    assert r.status_code == 200
    body = r.json()
    assert body["source"] == "hospital.txt"
    assert body["title"] == "青山市人民医院儿童病房正式启用"
    assert body["span"] == HOSPITAL[start:end]
    assert (body["start"], body["end"]) == (start, end)
    assert body["before"] == HOSPITAL[start - 10 : start]
    assert body["after"] == HOSPITAL[end : end + 10]
    assert body["more_before"] is True and body["more_after"] is True


def test_text_context_stays_inside_the_document(client: TestClient) -> None:
    end = len(HOSPITAL)
    r = client.get("/v1/documents/hospital.txt/text", params={"start": 0, "end": 5, "context": 2000})
    body = r.json()
    assert body["before"] == ""
    assert body["span"] == HOSPITAL[:5]
    assert HOSPITAL[5:].startswith(body["after"])
    assert body["more_before"] is False
    r = client.get("/v1/documents/hospital.txt/text", params={"start": end, "end": end, "context": 0})
    assert r.status_code == 200
    assert r.json()["span"] == r.json()["after"] == ""


def test_text_default_context_is_200(client: TestClient) -> None:
    r = client.get("/v1/documents/hospital.txt/text", params={"start": 40, "end": 41})
    body = r.json()
    assert body["before"] == HOSPITAL[0:40]
    assert body["after"] == HOSPITAL[41:].rstrip("\n")  # up to the end of the article


def test_text_returns_markup_verbatim_as_json(client: TestClient) -> None:
    tag = "<script>alert('xss')</script>"
    start = XSS.index(tag)
    r = client.get("/v1/documents/xss.txt/text", params={"start": start, "end": start + len(tag)})
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["span"] == tag


def test_text_of_an_unknown_source_is_a_json_404(client: TestClient) -> None:
    r = client.get("/v1/documents/nope.txt/text", params={"start": 0, "end": 1})
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"
    assert "nope.txt" in r.json()["error"]["message"]


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [(5, 4, "end"), (0, 10_000, "end"), (-1, 3, "start")],
)
def test_text_rejects_bad_offsets_with_400(client: TestClient, start: int, end: int, field: str) -> None:
    r = client.get("/v1/documents/hospital.txt/text", params={"start": start, "end": end})
    assert r.status_code == 400
    error = r.json()["error"]
    assert (error["code"], error["field"]) == ("invalid_input", field)
    assert str(start if field == "start" else end) in error["message"]


def test_text_needs_integer_offsets_and_bounded_context(client: TestClient) -> None:
    assert client.get("/v1/documents/hospital.txt/text", params={"start": "a", "end": 3}).status_code == 422
    assert client.get("/v1/documents/hospital.txt/text", params={"end": 3}).status_code == 422
    r = client.get("/v1/documents/hospital.txt/text", params={"start": 0, "end": 3, "context": 100_000})
    assert r.status_code == 422


def test_text_works_for_nested_sources_and_record_ids(client: TestClient) -> None:
    text = "河口镇新建文化广场\n本报讯 河口镇文化广场占地8000平方米，于10月1日开放。\n"
    for source, url_path in [("2024/10/page.txt", "2024/10/page.txt"), ("feed.jsonl#7", "feed.jsonl%237")]:
        added = client.post("/v1/documents", json={"text": text, "source": source})
        assert added.status_code == 200, added.text
        start = text.index("本报讯")
        r = client.get(f"/v1/documents/{url_path}/text", params={"start": start, "end": start + 3})
        assert r.status_code == 200, r.text
        assert r.json()["source"] == source
        assert r.json()["span"] == "本报讯"


def test_text_route_does_not_shadow_the_other_document_routes(client: TestClient) -> None:
    listed = client.get("/v1/documents")
    assert listed.status_code == 200
    assert {"hospital.txt", "xss.txt"} <= {d["source"] for d in listed.json()}
    text = "临时文章\n本报讯 这是一篇将被删除的文章，共3句话。\n"
    assert client.post("/v1/documents", json={"text": text, "source": "tmp/text"}).status_code == 200
    # a source whose name ends in "/text" is still deleted by DELETE, not answered by GET
    deleted = client.delete("/v1/documents/tmp/text")
    assert deleted.status_code == 200
    assert deleted.json()["deleted"] == "tmp/text"
    assert client.get("/v1/documents/tmp/text/text", params={"start": 0, "end": 1}).status_code == 404


def test_span_context_without_articles_has_no_title() -> None:
    body = span_context("a.txt", "abcdefghij", [], 3, 5, 2)
    assert body["title"] is None
    assert (body["before"], body["span"], body["after"]) == ("bc", "de", "fg")


def test_span_context_is_clipped_to_the_span_article() -> None:
    text = "AAAA|BBBB|CCCC"
    articles = [("a", "first", 0, 5), ("b", "second", 5, 10), ("c", "third", 10, 14)]
    body = span_context("x.txt", text, articles, 6, 8, 100)
    assert body["title"] == "second"
    assert (body["before"], body["span"], body["after"]) == ("B", "BB", "B|")
    assert body["more_before"] is False and body["more_after"] is False
