"""The one place where errors become HTTP statuses, always as JSON naming the problem."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from embeddings.errors import (
    IndexError_,
    InputError,
    LLMError,
    ModelError,
    NotFoundError,
    RagqaError,
)

log = logging.getLogger(__name__)

_STATUS: list[tuple[type[RagqaError], int, str]] = [
    (InputError, 400, "invalid_input"),
    (NotFoundError, 404, "not_found"),
    (LLMError, 502, "llm_unavailable"),
    (IndexError_, 503, "index_unavailable"),
    (ModelError, 503, "model_unavailable"),
    (RagqaError, 500, "internal_error"),
]


def error_body(code: str, message: str, field: str | None = None) -> dict[str, object]:
    return {"error": {"code": code, "message": message, "field": field}}


class HTTPRefusal(StarletteHTTPException):
    """A refusal at the HTTP layer (authentication, rate, size) with our error code and field."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status, message, headers)
        self.code = code
        self.field = field

    def response(self) -> JSONResponse:
        """Rendered directly, for middleware that runs outside FastAPI's exception handlers."""
        return JSONResponse(
            error_body(self.code, str(self.detail), self.field),
            status_code=self.status_code,
            headers=self.headers,
        )


def _field_of(loc: tuple[object, ...]) -> str:
    # Only the first element says where the value came from; later ones are field names
    # (a body field may well be called "query" or "path").
    if loc and loc[0] in ("body", "query", "path", "header", "cookie"):
        loc = loc[1:]
    return ".".join(str(p) for p in loc) or "body"


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    first = errors[0] if errors else {"loc": ("body",), "msg": "invalid request"}
    field = _field_of(tuple(first.get("loc", ())))
    message = f"{field}: {first.get('msg', 'invalid')}"
    if first.get("type") == "json_invalid":
        field, message = "body", "the request body is not valid JSON"
    body = error_body("invalid_request", message, field)
    body["detail"] = [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors
    ]
    return JSONResponse(body, status_code=422)


async def _domain(request: Request, exc: RagqaError) -> JSONResponse:
    for kind, status, code in _STATUS:
        if isinstance(exc, kind):
            if status >= 500:
                log.error("%s on %s: %s", code, request.url.path, exc)
            return JSONResponse(error_body(code, str(exc), getattr(exc, "field", None)), status_code=status)
    raise exc  # pragma: no cover - RagqaError is the last entry


async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if isinstance(exc, HTTPRefusal):
        return exc.response()
    code = {
        404: "not_found",
        405: "method_not_allowed",
        413: "too_large",
        401: "unauthorized",
        403: "forbidden",
        429: "rate_limited",
    }.get(exc.status_code, "http_error")
    return JSONResponse(
        error_body(code, str(exc.detail)), status_code=exc.status_code, headers=getattr(exc, "headers", None)
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)  # type: ignore[arg-type]
    app.add_exception_handler(RagqaError, _domain)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http)  # type: ignore[arg-type]
