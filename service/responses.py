"""What the OpenAPI schema says each route may answer besides its 200 body: the error statuses
(always an ``ErrorResponse``), and the Server-Sent Events of a streamed answer."""

from __future__ import annotations

from typing import Any

from service.schemas import ErrorResponse, Readiness


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorResponse, "description": _ERROR_MEANING[status]} for status in statuses}


_ERROR_REF = {"$ref": f"#/components/schemas/{ErrorResponse.__name__}"}


_ERROR_MEANING = {
    400: "Bad input the schema cannot express (an undecodable upload, offsets outside the document).",
    401: "No API key, or an unknown one (when keys are configured).",
    403: "The key's role may not use this route (a query key on an admin route).",
    404: "No such document, source or model.",
    413: "The request body or upload is larger than the server allows.",
    422: "A field is missing, of the wrong type, out of bounds, unknown, or holds control characters.",
    429: "Too many requests from this key or address; the Retry-After header says when to try again.",
    503: "The index or model is not available, or the keys file cannot be read.",
}
API_ERRORS = error_responses(400, 401, 403, 404, 413, 422, 429, 503)
# Routes whose 200 is not JSON: their errors still are.
# (FastAPI would give a ``model`` the route's media type, so they name the schema instead.)
METRICS_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"description": _ERROR_MEANING[status], "content": {"application/json": {"schema": _ERROR_REF}}}
    for status in (401, 403, 429, 503)
}
SPAN_ERRORS = error_responses(400, 401, 403, 404, 422, 429, 503)
# The probes are public: no key, no rate limit. Not ready yet is a Readiness, not an error.
READY_RESPONSES: dict[int | str, dict[str, Any]] = {
    503: {"model": Readiness, "description": "Still starting: models or index not loaded yet."}
}


# OpenAPI descriptions of the streamed answers (Server-Sent Events have no JSON schema).
# One server-sent event, as clients (and schemathesis) parse the stream: its name and its JSON data.
ASK_EVENT: dict[str, Any] = {
    "type": "object",
    "required": ["event", "data"],
    "properties": {
        "event": {"type": "string", "enum": ["citations", "delta", "done", "error"]},
        "data": {"type": "string", "description": "JSON"},
    },
}
CHAT_EVENT: dict[str, Any] = {
    "type": "object",
    "required": ["data"],
    # Unnamed events are "message" events (the SSE default), as OpenAI clients expect the chunks.
    "properties": {
        "event": {"type": "string", "enum": ["citations", "message"]},
        "data": {"type": "string", "description": "a JSON chat.completion.chunk, or [DONE]"},
    },
}
ASK_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": (
            'The answer; with `"stream": true`, Server-Sent Events instead: `event: citations` '
            '(a list of Citation), then `event: delta` (`{"text": str}`) pieces of the answer, then '
            "`event: done` with the whole AskResponse. The deltas add up to `done`'s answer, and each "
            "`[n]` in them is the `id` of a citation in the latest `citations` event. Every `citations` "
            "event holds the first of `done`'s citations, so an `id` never changes its span. With an "
            "LLM a piece citing a new span comes after a `citations` event with the answer's citations "
            "so far; a sentence is sent only once it is verified and the answer so far passes the "
            "refusal gate. A failure after the stream began "
            'arrives as `event: error` with `{"error": {code, message, field}}`.'
        ),
        "content": {
            "text/event-stream": {
                "schema": ASK_EVENT,
                "example": (
                    'event: citations\ndata: [{"id": 1, "doc_id": "…", "source": "page.txt", "title": "…", '
                    '"start": 44, "end": 93, "text": "…", "score": 0.7}]\n\n'
                    'event: delta\ndata: {"text": "…[1]"}\n\n'
                    'event: done\ndata: {"answer": "…[1]", "answerable": true, "citations": […], …}\n\n'
                ),
            }
        },
    },
}
CHAT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": (
            "An OpenAI `chat.completion`; the citations are in `choices[0].message.citations` and at "
            'the top level, with `answerable` and `generator`. With `"stream": true`, '
            "`chat.completion.chunk` events: the citations first as `event: citations` (a chunk with "
            "no choices and a `citations` field), the text deltas (which add up to the final answer; "
            "with an LLM, each new citation comes in such a chunk before the text citing it), the "
            "verified citations again, a finishing chunk that also carries them, then `data: [DONE]`."
        ),
        "content": {
            "text/event-stream": {"schema": CHAT_EVENT},
        },
    },
}
