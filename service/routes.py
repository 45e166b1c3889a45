"""HTTP routes: questions, search, documents, and operations (health, readiness, metrics)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

# request.form() yields Starlette's class, not FastAPI's subclass
from starlette.datastructures import UploadFile

from embeddings.errors import InputError
from embeddings.loaders import load_bytes, normalise_text
from embeddings.types import SourceText
from service.components import make_ingestor
from service.conversation import as_asked, standalone
from service.deps import check_limits, runtime_of
from service.errors import HTTPRefusal
from service.openai_compat import count_answer, stream_failure
from service.openai_compat import router as openai_router
from service.responses import API_ERRORS, ASK_RESPONSES, METRICS_ERRORS, READY_RESPONSES
from service.retrieval import SearchFilters
from service.runtime import Runtime
from service.schemas import (
    AskRequest,
    AskResponse,
    DeleteResult,
    DocumentInfo,
    Filters,
    Health,
    IngestResult,
    Readiness,
    SearchRequest,
    SearchResponse,
    TextDocument,
)
from service.security.uploads import check_upload_type

api_router = APIRouter(prefix="/v1", responses=API_ERRORS)
ops_router = APIRouter()


def filters_of(f: Filters | None) -> SearchFilters | None:
    return SearchFilters(f.source, f.doc_id) if f else None


def sse(event: str, data: Any) -> str:
    payload: Any
    if isinstance(data, list):
        payload = [d.model_dump() for d in data]
    elif hasattr(data, "model_dump"):
        payload = data.model_dump()
    else:
        payload = {"text": data}
    return f"event: {event}\ndata: {json.dumps(payload, ensure_ascii=False)}\n\n"


@api_router.post(
    "/ask", response_model=AskResponse, summary="Answer a question with citations", responses=ASK_RESPONSES
)
async def ask(body: AskRequest, request: Request) -> Any:
    check_limits(request, body.question, body.top_k, "question")
    for n, earlier in enumerate(body.history):
        check_limits(request, earlier, body.top_k, f"history.{n}")
    rt = runtime_of(request)
    filters = filters_of(body.filters)
    question = standalone(body.question, body.history)
    if body.stream:

        def events() -> Iterator[str]:
            try:
                for event, data in rt.events(question, body.top_k, filters):
                    if event == "done":
                        data = as_asked(data, body.question, question)
                        count_answer(request, data)
                    yield sse(event, data)
            except Exception as exc:  # the status line is sent: a failure can only travel as an event
                yield f"event: error\ndata: {json.dumps(stream_failure(exc), ensure_ascii=False)}\n\n"

        return StreamingResponse(
            events(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
    response = as_asked(
        await run_in_threadpool(rt.answer, question, body.top_k, filters), body.question, question
    )
    count_answer(request, response)
    return response


@api_router.post("/search", response_model=SearchResponse, summary="Retrieve passages")
async def search(body: SearchRequest, request: Request) -> SearchResponse:
    check_limits(request, body.query, body.top_k, "query")
    rt = runtime_of(request)
    filters = filters_of(body.filters)
    hits, timings = await run_in_threadpool(rt.search, body.query, body.top_k, body.mode, filters)
    return SearchResponse(hits=hits, timings_ms=timings)


@api_router.post("/documents", response_model=IngestResult, summary="Add or replace a document")
async def add_document(request: Request) -> IngestResult:
    limit = request.app.state.settings.server.max_upload_bytes
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form()
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise InputError("send the document as a multipart field named 'file'", "file")
        check_upload_type(upload.filename, request.app.state.settings.server.upload_types)
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise HTTPRefusal(413, "too_large", f"file is larger than {limit} bytes", "file")
        result = load_bytes(data, upload.filename)
        texts, errors = result.texts, result.errors
        file = texts[0].source.split("#")[0] if texts else upload.filename
    else:
        raw = await request.body()
        if len(raw) > limit:
            raise HTTPRefusal(413, "too_large", f"body is larger than {limit} bytes", "body")
        try:
            doc = TextDocument.model_validate_json(raw)
        except ValidationError as exc:
            problems = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]  # as FastAPI reports bodies
            raise RequestValidationError(problems, body=raw) from exc
        source = doc.source or f"upload-{hashlib.sha256(doc.text.encode()).hexdigest()[:12]}.txt"
        text = normalise_text(doc.text)  # as for files: no NUL or control characters reach the index
        if not text.strip():
            raise InputError("text has nothing but whitespace and control characters", "text")
        file, texts, errors = source, [SourceText(source=source, text=text, title=doc.title)], []
    if not texts:
        message = "; ".join(str(e) for e in errors) or "no text found"
        raise InputError(f"nothing to index: {message}", "file")
    summary = await run_in_threadpool(_ingest, runtime_of(request), file, texts)
    return IngestResult(
        documents=summary.documents,
        articles=summary.articles,
        chunks=summary.chunks,
        embedded=summary.embedded,
        reused=summary.reused,
        errors=[{"source": e.source, "line": e.line, "message": e.message} for e in errors],
    )


def _ingest(rt: Runtime, file: str, texts: list[SourceText]) -> Any:
    with rt.write_lock:
        ingestor = make_ingestor(rt.settings, rt.index, rt.embedder)
        ingestor.add_file(file, texts)
        ingestor.flush()
        rt.forget_documents()
        return ingestor.summary


@api_router.get("/documents", response_model=list[DocumentInfo], summary="List documents")
async def list_documents(request: Request) -> list[DocumentInfo]:
    docs = runtime_of(request).index.reader_store().documents()
    return [DocumentInfo.model_validate(d, from_attributes=True) for d in docs]


@api_router.delete(
    "/documents/{doc_id:path}",
    response_model=DeleteResult,
    summary="Delete an article (doc_id) or a whole source",
)
async def delete_document(doc_id: str, request: Request) -> DeleteResult:
    rt = runtime_of(request)

    def delete() -> int:
        with rt.write_lock:
            store = rt.index.reader_store()
            if store.source_of_doc(doc_id) is not None:
                removed = rt.index.delete(doc_id=doc_id)
            else:
                removed = rt.index.delete(source=doc_id)
            rt.forget_documents()
            return removed

    return DeleteResult(deleted=doc_id, chunks_removed=await run_in_threadpool(delete))


api_router.include_router(openai_router)


@ops_router.get("/healthz", response_model=Health, summary="Liveness")
async def healthz() -> Health:
    return Health(status="ok")


@ops_router.get(
    "/readyz",
    response_model=Readiness,
    summary="Readiness: models and index loaded",
    responses=READY_RESPONSES,
)
async def readyz(request: Request) -> Response:
    rt = getattr(request.app.state, "runtime", None)
    if rt is None:
        return JSONResponse({"status": "starting"}, status_code=503)
    return JSONResponse({"status": "ready", **rt.status()})


@ops_router.get(
    "/metrics", summary="Prometheus metrics", response_class=PlainTextResponse, responses=METRICS_ERRORS
)
async def metrics(request: Request) -> Response:
    return PlainTextResponse(request.app.state.metrics.render(), media_type="text/plain; version=0.0.4")
