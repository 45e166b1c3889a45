"""The HTTP contract. Evaluation scripts and the widget depend on it: change it only compatibly."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from service.security.uploads import check_source_name


def _clean_question(value: str) -> str:
    if "\x00" in value or any(ord(c) < 32 and c not in "\n\t\r" for c in value):
        raise ValueError("must not contain NUL or control characters")
    if not value.strip():
        raise ValueError("must not be empty")
    return value.strip()


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Filters(Strict):
    source: str | None = Field(None, description="Only passages from this source file.")
    doc_id: str | None = Field(None, description="Only passages from this article.")


class AskRequest(Strict):
    question: str = Field(
        ...,
        description="The question, in Chinese (simplified or traditional characters) or English. "
        "Answers quote the articles as printed; a refusal is in the question's language and script.",
        examples=["鹤壁市受理了多少件医疗纠纷？"],
    )
    top_k: int = Field(5, ge=1, description="Passages to retrieve.")
    stream: bool = Field(False, description="Answer as Server-Sent Events (citations, delta..., done).")
    filters: Filters | None = None

    _check_question = field_validator("question")(_clean_question)


class Citation(BaseModel):
    id: int = Field(..., description="The number used by the [n] marker in the answer.")
    doc_id: str
    source: str
    title: str
    start: int = Field(..., description="Code-point offset into the original source text.")
    end: int
    text: str = Field(
        ..., description="The cited span (whitespace-repaired); equals source[start:end] minus whitespace."
    )
    score: float


class AskResponse(BaseModel):
    answer: str
    answerable: bool
    citations: list[Citation]
    generator: str = Field(
        ...,
        description="Which generator wrote the answer, e.g. 'extractive' or "
        "'openai:<model>'; a fallback says 'extractive (fallback: why)'.",
    )
    timings_ms: dict[str, float]
    flagged: list[str] = Field(
        default_factory=list, description="Answer sentences dropped: their citation did not support them."
    )


class SearchRequest(Strict):
    query: str
    top_k: int = Field(10, ge=1)
    mode: Literal["hybrid", "dense", "keyword"] = "hybrid"
    filters: Filters | None = None

    _check_query = field_validator("query")(_clean_question)


class ChannelScores(BaseModel):
    dense: float | None = Field(None, description="Cosine similarity of question and passage.")
    keyword: float | None = Field(
        None,
        description="BM25 as a share of the question's own weight; for a question sharing no words "
        "with the articles (English), the share of its pinyin names the passage spells in Chinese.",
    )


class SearchHit(BaseModel):
    doc_id: str
    source: str
    title: str
    start: int
    end: int
    text: str
    score: float
    scores: ChannelScores


class SearchResponse(BaseModel):
    hits: list[SearchHit]
    timings_ms: dict[str, float] = Field(default_factory=dict)


class ChatMessageIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict[str, object]] | None = None


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(extra="allow")  # OpenAI clients send many optional fields
    model: str = "ragqa"
    messages: list[ChatMessageIn] = Field(..., min_length=1)
    stream: bool = False
    top_k: int = Field(5, ge=1)


class TextDocument(Strict):
    text: str = Field(..., min_length=1)
    title: str | None = None
    source: str | None = Field(None, description="Name to file it under; defaults to a content hash.")

    _check_source = field_validator("source")(lambda v: v if v is None else check_source_name(v))


class DocumentInfo(BaseModel):
    source: str
    title: str | None
    articles: int
    chunks: int
    encoding: str
    ingested_at: float


class IngestResult(BaseModel):
    documents: int
    articles: int
    chunks: int
    embedded: int
    reused: int
    errors: list[dict[str, object]]


class ErrorInfo(BaseModel):
    code: str = Field(description="Machine-readable, e.g. invalid_request, unauthorized, rate_limited.")
    message: str = Field(description="What is wrong, for people.")
    field: str | None = Field(None, description="The request field at fault (e.g. question, top_k).")


class ErrorResponse(BaseModel):
    """Every error the API returns, whatever its status."""

    error: ErrorInfo
    detail: list[dict[str, Any]] | None = Field(None, description="422 only: every validation problem.")


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorResponse, "description": _ERROR_MEANING[status]} for status in statuses}


_ERROR_MEANING = {
    400: "Bad input the schema cannot express (an undecodable upload, a path outside the allowed roots).",
    401: "No API key, or an unknown one (when keys are configured).",
    403: "The key's role may not use this route (a query key on an admin route).",
    404: "No such document.",
    413: "The request body or upload is larger than the server allows.",
    422: "A field is missing, of the wrong type, out of bounds, unknown, or holds control characters.",
    429: "Too many requests from this key or address; the Retry-After header says when to try again.",
    503: "The index or model is not available, or the keys file cannot be read.",
}
API_ERRORS = error_responses(400, 401, 403, 404, 413, 422, 429, 503)
OPS_ERRORS = error_responses(401, 403, 429, 503)


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
            "`event: done` with the whole AskResponse. A failure after the stream began arrives as "
            '`event: error` with `{"error": {code, message, field}}`.'
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
            "no choices and a `citations` field), the text deltas, the verified citations again, a "
            "finishing chunk that also carries them, then `data: [DONE]`."
        ),
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "text/event-stream": {"schema": CHAT_EVENT},
        },
    },
}
