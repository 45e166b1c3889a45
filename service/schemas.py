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
    history: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="Earlier questions of the same conversation, oldest first. A follow-up that asks "
        "about another place or institution ('那灵宝市呢？') is read as the latest of them with it in "
        "place, and one pointing back ('该院有多少张床位？', 'How many beds does it have?') with the "
        "name that one gave (AskResponse.asked_as); any other question is answered as asked.",
    )

    _check_question = field_validator("question")(_clean_question)

    @field_validator("history")
    @classmethod
    def _check_history(cls, value: list[str]) -> list[str]:
        return [_clean_question(q) for q in value]


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
    refusal_reason: str | None = Field(
        None,
        description="Why the answer was refused, for people and evaluation scripts: the check that "
        "failed (e.g. 'the answer names no number', 'not in the cited article: 第一周'). Wording may "
        "change between versions. null when answered.",
    )
    asked_as: str | None = Field(
        None,
        description="The question answered, when a follow-up was read with the one before it "
        "('那灵宝市呢？' after '鹤壁市受理了多少件医疗纠纷？': '灵宝市受理了多少件医疗纠纷？'); "
        "null otherwise.",
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


class DeleteResult(BaseModel):
    deleted: str = Field(description="The doc_id or source that was asked for.")
    chunks_removed: int = Field(description="0 when nothing matched.")


class SpanContext(BaseModel):
    """A cited span with the text around it, kept within the span's article."""

    source: str
    title: str | None
    doc_id: str | None = Field(description="The article holding the span (null: no article matched).")
    before: str
    span: str = Field(description="The source text from start to end, exactly as stored.")
    after: str
    start: int
    end: int
    more_before: bool = Field(description="The article goes on before the context shown.")
    more_after: bool = Field(description="The article goes on after the context shown.")


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ready", "starting"] = Field(
        description="'starting' (HTTP 503) until models and index load."
    )
    documents: int | None = None
    articles: int | None = None
    chunks: int | None = None
    vectors: int | None = Field(None, description="Vectors in the FAISS index.")
    embedding_model: str | None = None
    generator: str | None = Field(None, description="The configured generator, e.g. 'extractive'.")


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


class ChatMessageOut(BaseModel):
    role: Literal["assistant"]
    content: str
    citations: list[Citation] = Field(description="The citations the answer's [n] markers point at.")


class ChatChoice(BaseModel):
    index: int
    message: ChatMessageOut
    finish_reason: Literal["stop"]


class ChatUsage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ChatCompletion(BaseModel):
    """An OpenAI ``chat.completion`` with the answer's citations, on the message and at the top level."""

    id: str
    object: Literal["chat.completion"]
    created: int
    model: str
    choices: list[ChatChoice]
    citations: list[Citation]
    answerable: bool
    generator: str
    refusal_reason: str | None = Field(None, description="As in AskResponse.")
    asked_as: str | None = Field(
        None, description="As in AskResponse: the earlier user messages are the conversation's history."
    )
    usage: ChatUsage = Field(description="Always zero: tokens are not counted.")
