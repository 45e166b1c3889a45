"""Request helpers shared by the route modules."""

from __future__ import annotations

from fastapi import Request

from embeddings.errors import InputError
from service.runtime import Runtime


def runtime_of(request: Request) -> Runtime:
    return request.app.state.runtime  # type: ignore[no-any-return]


def check_limits(request: Request, text: str, top_k: int, field: str) -> None:
    limits = request.app.state.settings.server
    if len(text) > limits.max_question_chars:
        raise InputError(f"{field} is {len(text)} characters; the limit is {limits.max_question_chars}", field)
    if top_k > limits.max_top_k:
        raise InputError(f"top_k must be at most {limits.max_top_k}", "top_k")
