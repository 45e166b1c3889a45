"""The ASGI middleware in front of every route: access checks, rate limits and body-size caps.

It runs before FastAPI reads or parses anything, so an unauthenticated or oversized request costs
no body parsing. Requests announcing a too-large ``Content-Length`` get 413 at once; a body
without one (chunked) is counted as it arrives and cut off at the limit.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.config import Settings
from service.errors import HTTPRefusal
from service.security.auth import Guard, keys_path

log = logging.getLogger(__name__)

UPLOAD_OVERHEAD = 64 * 1024  # multipart boundaries and part headers around an upload


def route_path(scope: Scope) -> str:
    """The path the router matches (without a ``root_path`` the app is mounted under)."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return path[len(root) :] or "/" if root and path.startswith(root) else path


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, guard: Guard, settings: Settings) -> None:
        self.app = app
        self.guard = guard
        self.max_body = settings.server.max_body_bytes
        self.max_upload = settings.server.max_upload_bytes + UPLOAD_OVERHEAD

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], route_path(scope)
        headers = Headers(scope=scope)
        client = scope.get("client")
        outcome = self.guard.check(method, path, headers.get("authorization"), client[0] if client else None)
        if isinstance(outcome, HTTPRefusal):
            await outcome.response()(scope, receive, send)
            return
        if outcome is not None:
            scope.setdefault("state", {})["api_key"] = outcome.name
        limit = self.max_upload if path == "/v1/documents" and method == "POST" else self.max_body
        too_large = _declared_too_large(headers.get("content-length"), limit)
        if too_large:
            await too_large.response()(scope, receive, send)
            return
        await self.app(scope, _capped(receive, limit), send)


def _too_large(limit: int) -> HTTPRefusal:
    return HTTPRefusal(413, "too_large", f"the request body is larger than {limit} bytes", "body")


def _declared_too_large(content_length: str | None, limit: int) -> HTTPRefusal | None:
    if content_length is None:
        return None
    if not content_length.strip().isdigit():
        return HTTPRefusal(400, "invalid_request", "Content-Length is not a number", "Content-Length")
    return _too_large(limit) if int(content_length) > limit else None


def _capped(receive: Receive, limit: int) -> Receive:
    received = 0

    async def capped_receive() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise _too_large(limit)  # surfaces where the route reads the body; rendered as JSON 413
        return message

    return capped_receive


def install_security(app: FastAPI, settings: Settings) -> Guard:
    """Add the middleware (call before CORS, so CORS wraps it and refusals carry CORS headers)."""
    guard = Guard(settings)
    if not guard.keys.has_keys():
        log.warning(
            "no API keys in %s: the API needs no key and serves local clients only%s",
            keys_path(settings),
            " (allow_public_without_keys is set: any client)" if guard.allow_public else "",
        )
    app.add_middleware(SecurityMiddleware, guard=guard, settings=settings)
    return guard
