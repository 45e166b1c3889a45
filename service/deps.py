"""Request helpers shared by the route modules."""

from __future__ import annotations

from typing import NoReturn

from fastapi import Request
from fastapi.exceptions import RequestValidationError

from service.runtime import Runtime


def runtime_of(request: Request) -> Runtime:
    return request.app.state.runtime


def check_limits(request: Request, text: str, top_k: int, field: str) -> None:
    """Bounds that come from settings, reported like schema violations (422 naming the field)."""
    limits = request.app.state.settings.server
    if len(text) > limits.max_question_chars:
        limit = limits.max_question_chars
        _invalid(field, f"is {len(text)} characters; the limit is {limit}", "string_too_long")
    if top_k > limits.max_top_k:
        _invalid("top_k", f"must be at most {limits.max_top_k}", "less_than_equal")
    if any(ord(c) < 32 and c not in "\n\t\r" for c in text):
        _invalid(field, "must not contain NUL or control characters", "value_error")


def _invalid(field: str, message: str, kind: str) -> NoReturn:
    raise RequestValidationError([{"loc": ("body", field), "msg": message, "type": kind}])
