"""The chat front end: a full page (``GET /``), the embeddable widget (``GET /widget.js``) and the
source-context endpoint the widget opens when a citation is clicked.

The assets are plain files in ``service/static`` (nothing fetched from a CDN), read once through
importlib.resources and served with an ETag; ``/widget.js`` is the parts in ``static/widget/``
joined in order (see ``widget_script``: no build tools). The page gets a strict
Content-Security-Policy: only our own script, style sheets and API (see ``page_csp``), plus
nosniff, no-referrer, COOP and a Permissions-Policy.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from embeddings.errors import InputError, NotFoundError
from service.deps import runtime_of
from service.responses import SPAN_ERRORS
from service.schemas import SpanContext

web_router = APIRouter()

ArticleRow = tuple[str, str, int, int]  # doc_id, title, start, end (from SqliteStore.articles_of)
MAX_CONTEXT = 2000  # characters of context either side of a span
MAX_SPAN = 20000  # characters in one requested span

# Our pages may load only what we serve: our script, our style sheets (the widget's styles are
# constructed style sheets, which CSP does not treat as inline), our API; no inline code anywhere.
# Framing is allowed to ourselves and to the origins allowed to call the API (see page_csp).
PAGE_CSP_BASE = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
)
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?$|^\*$")

# On everything this router serves. The widget script is fetched by other sites' pages, so it
# carries no CSP of its own (a CSP on a script response does nothing) but may be loaded cross-origin.
_COMMON_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
_PAGE_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


def page_csp(frame_origins: list[str] | tuple[str, ...] = ()) -> str:
    """The page's Content-Security-Policy; ``frame_origins`` (the CORS allow-list) may frame it."""
    ancestors = ["'self'", *(o.rstrip("/") for o in frame_origins if _ORIGIN.match(o.rstrip("/")))]
    return "; ".join([*PAGE_CSP_BASE, "frame-ancestors " + " ".join(dict.fromkeys(ancestors))])


@dataclass(frozen=True)
class Asset:
    body: bytes
    media_type: str
    etag: str


WIDGET_PARTS = ("config.js", "dom.js", "styles.css", "shell.js", "ask.js", "render.js", "source.js")


@cache
def asset(name: str) -> Asset:
    """A file from service/static, read once per process (assets change only with the package)."""
    static = resources.files("service").joinpath("static")
    body = widget_script() if name == "widget.js" else static.joinpath(name).read_bytes()
    media_type = {
        ".html": "text/html; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".svg": "image/svg+xml",
    }[name[name.rfind(".") :]]
    return Asset(body, media_type, '"' + hashlib.sha256(body).hexdigest()[:20] + '"')


def widget_script() -> bytes:
    """/widget.js: the parts in static/widget/ joined inside one function, the styles as a string.

    A plain concatenation, so the served script reads like its source and there is no build step.
    """
    folder = resources.files("service").joinpath("static").joinpath("widget")
    texts = [folder.joinpath(name).read_text(encoding="utf-8") for name in WIDGET_PARTS]
    header, _, first = texts[0].partition("*/\n")
    body = [first]
    for name, text in zip(WIDGET_PARTS[1:], texts[1:], strict=True):
        if name.endswith(".css"):
            if any(s in text for s in ("`", "${", "\\")):
                raise ValueError(f"{name} must not contain a backtick, '${{' or a backslash")
            text = "  const CSS = `\n" + text + "`;\n"
        body.append(text)
    script = header + '*/\n(() => {\n  "use strict";\n\n' + "\n".join(body) + "})();\n"
    return script.encode("utf-8")


def _serve(request: Request, name: str, cache_control: str, extra: dict[str, str] | None = None) -> Response:
    item = asset(name)
    headers = {**_COMMON_HEADERS, "Cache-Control": cache_control, "ETag": item.etag, **(extra or {})}
    wanted = {tag.strip().removeprefix("W/") for tag in request.headers.get("if-none-match", "").split(",")}
    if item.etag in wanted or "*" in wanted:
        return Response(status_code=304, headers=headers)
    return Response(item.body, media_type=item.media_type, headers=headers)


@web_router.get("/", include_in_schema=False)
async def page(request: Request) -> Response:
    # Revalidate every time: a new deployment must never pair an old page with a new script.
    csp = page_csp(request.app.state.settings.server.cors_origins)
    return _serve(request, "index.html", "no-cache", {**_PAGE_HEADERS, "Content-Security-Policy": csp})


@web_router.get("/widget.js", include_in_schema=False)
async def widget_js(request: Request) -> Response:
    # Other sites load it with a <script> tag: allow cross-origin use, cache briefly, revalidate by ETag.
    return _serve(
        request,
        "widget.js",
        "public, max-age=300, stale-while-revalidate=86400",
        {"Cross-Origin-Resource-Policy": "cross-origin"},
    )


@web_router.get("/page.css", include_in_schema=False)
async def page_css(request: Request) -> Response:
    return _serve(request, "page.css", "public, max-age=300, stale-while-revalidate=86400")


@web_router.get("/favicon.svg", include_in_schema=False)
async def favicon(request: Request) -> Response:
    return _serve(request, "favicon.svg", "public, max-age=86400")


@web_router.get(
    "/v1/documents/{source:path}/text",
    summary="The source text around a span (for showing a citation in context)",
    response_model=SpanContext,
    responses=SPAN_ERRORS,
)
async def document_text(
    source: str,
    request: Request,
    start: int = Query(..., description="Code-point offset where the span starts (Citation.start)."),
    end: int = Query(..., description="Code-point offset where the span ends, exclusive (Citation.end)."),
    context: int = Query(200, ge=0, le=MAX_CONTEXT, description="Characters of context either side."),
) -> JSONResponse:
    index = runtime_of(request).index

    def load() -> tuple[str | None, list[ArticleRow]]:
        store = index.reader_store()  # per-thread connection: take it in the worker thread
        text = store.document_text(source)
        return text, (store.articles_of(source) if text is not None else [])

    text, articles = await run_in_threadpool(load)
    if text is None:
        raise NotFoundError(f"no document with source {source!r}")
    return JSONResponse(
        span_context(source, text, articles, start, end, context), headers={"Cache-Control": "no-cache"}
    )


def span_context(
    source: str, text: str, articles: list[ArticleRow], start: int, end: int, context: int
) -> dict[str, Any]:
    """The span with up to ``context`` characters either side, kept within the span's article."""
    if start < 0:
        raise InputError(f"start ({start}) must not be negative", "start")
    if end < start:
        raise InputError(f"end ({end}) is before start ({start})", "end")
    if end > len(text):
        raise InputError(f"end ({end}) is past the end of the document ({len(text)} characters)", "end")
    if end - start > MAX_SPAN:
        raise InputError(f"the span is longer than {MAX_SPAN} characters", "end")
    article = _article_at(articles, start, end)
    lo, hi = (article[2], article[3]) if article else (0, len(text))
    lo, hi = min(lo, start), max(hi, end)
    before_start = max(lo, start - context)
    after_end = min(hi, end + context)
    return {
        "source": source,
        "title": (article[1] or None) if article else None,
        "doc_id": article[0] if article else None,
        "before": text[before_start:start],
        "span": text[start:end],
        "after": text[end:after_end],
        "start": start,
        "end": end,
        "more_before": before_start > lo,  # the article goes on beyond the context shown
        "more_after": after_end < hi,
    }


def _article_at(articles: list[ArticleRow], start: int, end: int) -> ArticleRow | None:
    """The article holding the span: the one containing its start, else the one it overlaps most."""
    for art in articles:
        if art[2] <= start < art[3] or art[2] == start == art[3]:
            return art
    best, best_overlap = None, 0
    for art in articles:
        overlap = min(end, art[3]) - max(start, art[2])
        if overlap > best_overlap:
            best, best_overlap = art, overlap
    return best
