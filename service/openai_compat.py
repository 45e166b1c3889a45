"""``POST /v1/chat/completions``: OpenAI-compatible, so the official SDK and chat front ends work.

Citations are not lost on this route: the final message carries them in ``message.citations``
(and at the top level), and a stream sends them in their own ``event: citations`` chunk (shaped
like a ``chat.completion.chunk`` with no choices, so OpenAI clients parse it) before the text
that cites them, and again after it; the unnamed finishing chunk carries them as well. An ``id``
keeps its span from the chunk that brings it to the end.
The streamed text adds up to the final answer: a front end keeps what it showed, so an LLM's
sentence is sent only once verified and accepted (``Runtime.events``).
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from embeddings.errors import InputError, NotFoundError, RagqaError
from service.conversation import MAX_HISTORY, as_asked, standalone
from service.deps import check_limits, runtime_of
from service.errors import error_body
from service.request_ids import request_id
from service.responses import API_ERRORS, CHAT_RESPONSES
from service.schemas import AskResponse, ChatCompletion, ChatCompletionRequest, ModelCard, ModelList

router = APIRouter(responses=API_ERRORS)
log = logging.getLogger(__name__)
answers_log = logging.getLogger("ragqa.answers")


def user_questions(body: ChatCompletionRequest) -> list[str]:
    """The user's messages, oldest first: the last is the question, the others its history."""
    questions = []
    for message in body.messages:
        content = message.content
        if isinstance(content, list):
            content = " ".join(str(p.get("text", "")) for p in content if p.get("type") == "text")
        if message.role == "user" and content and content.strip():
            questions.append(content.strip())
    if not questions:
        raise InputError("messages must contain a non-empty user message", "messages")
    return questions


def _envelope(kind: str, cid: str, model: str) -> dict[str, Any]:
    return {"id": cid, "object": kind, "created": int(time.time()), "model": model}


def completion(response: AskResponse, cid: str, model: str) -> dict[str, Any]:
    citations = [c.model_dump() for c in response.citations]
    message = {"role": "assistant", "content": response.answer, "citations": citations}
    return {
        **_envelope("chat.completion", cid, model),
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "citations": citations,
        "answerable": response.answerable,
        "generator": response.generator,
        "refusal_reason": response.refusal_reason,
        "asked_as": response.asked_as,
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
    }


def _chunk(cid: str, model: str, delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {
        **_envelope("chat.completion.chunk", cid, model),
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _citations_chunk(cid: str, model: str, citations: list[dict[str, Any]]) -> dict[str, Any]:
    return {**_envelope("chat.completion.chunk", cid, model), "choices": [], "citations": citations}


def _final_chunks(response: AskResponse, cid: str, model: str) -> Iterator[str]:
    """The verified citations as their own event, then the finishing chunk.

    The finishing chunk stays unnamed so front ends that only read unnamed events see the end;
    it carries the citations too, for clients that read extra fields (the official SDK does).
    """
    citations = [c.model_dump() for c in response.citations]
    extra = {
        "citations": citations,
        "answerable": response.answerable,
        "answer": response.answer,
        "generator": response.generator,
        "refusal_reason": response.refusal_reason,
        "asked_as": response.asked_as,
    }
    yield _sse({**_citations_chunk(cid, model, citations), **extra}, event="citations")
    yield _sse({**_chunk(cid, model, {}, "stop"), **extra})


def count_answer(request: Request, response: AskResponse) -> None:
    """Count the answer in the metrics and log what was decided: never the question itself, though
    a refusal's reason may name one of its terms (not in the cited article: 第一周)."""
    outcome = "answered" if response.answerable else "refused"
    request.app.state.metrics.answers.labels(outcome, response.generator.split(" ")[0]).inc()
    answers_log.info(
        "%s %s %s: %s%s, %d citations, %.0f ms",
        request_id(request),
        request.method,
        request.url.path,
        outcome,
        f" ({response.refusal_reason})" if response.refusal_reason else "",
        len(response.citations),
        response.timings_ms.get("total_ms", 0.0),
    )


def stream_failure(exc: Exception) -> dict[str, object]:
    """The error body for a stream that broke after its status line was sent."""
    log.error("answer stream failed", exc_info=exc)
    message = str(exc) if isinstance(exc, RagqaError) else "internal error while answering"
    return error_body("stream_failed", message)


def _sse(data: dict[str, Any], event: str | None = None) -> str:
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {json.dumps(data, ensure_ascii=False)}\n\n"


MODEL_ID = "ragqa"


def _model(model_id: str) -> dict[str, Any]:
    return {"id": model_id, "object": "model", "created": 0, "owned_by": "ragqa"}


@router.get(
    "/models",
    response_model=ModelList,
    summary="OpenAI-compatible model list (chat front ends discover the model here)",
)
async def list_models() -> dict[str, Any]:
    return {"object": "list", "data": [_model(MODEL_ID)]}


@router.get("/models/{model_id}", response_model=ModelCard, summary="OpenAI-compatible model lookup")
async def get_model(model_id: str) -> dict[str, Any]:
    if model_id != MODEL_ID:
        raise NotFoundError(f"no model {model_id!r}; this server answers as {MODEL_ID!r}")
    return _model(model_id)


@router.post(
    "/chat/completions",
    response_model=ChatCompletion,
    summary="OpenAI-compatible chat completion with citations",
    responses=CHAT_RESPONSES,
)
async def chat_completions(body: ChatCompletionRequest, request: Request) -> Any:
    *history, asked = user_questions(body)
    check_limits(request, asked, body.top_k, "messages")
    question = standalone(asked, history[-MAX_HISTORY:])
    if question != asked:  # built from an earlier message: held to the same bounds
        check_limits(request, question, body.top_k, "messages")
    rt = runtime_of(request)
    cid = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    if not body.stream:
        response = as_asked(await run_in_threadpool(rt.answer, question, body.top_k), asked, question)
        count_answer(request, response)
        return completion(response, cid, body.model)

    def events() -> Iterator[str]:
        yield _sse(_chunk(cid, body.model, {"role": "assistant", "content": ""}))
        try:
            for event, data in rt.events(question, body.top_k):
                if event == "citations":
                    cites = [c.model_dump() for c in data]
                    yield _sse(_citations_chunk(cid, body.model, cites), event="citations")
                elif event == "delta":
                    yield _sse(_chunk(cid, body.model, {"content": data}))
                else:
                    data = as_asked(data, asked, question)
                    count_answer(request, data)
                    yield from _final_chunks(data, cid, body.model)
        except Exception as exc:  # OpenAI clients raise on a chunk that carries "error"
            yield _sse(stream_failure(exc))
            return
        yield "data: [DONE]\n\n"

    return StreamingResponse(events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
