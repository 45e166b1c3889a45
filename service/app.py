"""The FastAPI app factory. Models and indexes load in the lifespan, never at import."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from embeddings.embedder import Embedder
from embeddings.index import NewsIndex
from service.answering.base import AnswerGenerator
from service.config import Settings
from service.errors import install_error_handlers
from service.metrics import Metrics
from service.request_ids import RequestIdMiddleware
from service.routes import api_router, ops_router
from service.runtime import Runtime, freeze_loaded_objects
from service.security.middleware import install_security
from service.web import web_router

log = logging.getLogger(__name__)


def create_app(
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
    index: NewsIndex | None = None,
    llm: AnswerGenerator | None = None,
    runtime: Runtime | None = None,
) -> FastAPI:
    """Build the app; pass fakes or prebuilt parts through the keyword arguments (tests do)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.runtime = runtime or Runtime.build(settings, embedder=embedder, index=index, llm=llm)
        app.state.runtime.warm_up()
        freeze_loaded_objects()
        log.info("ragqa ready: %s", app.state.runtime.status())
        yield
        rt: Any = app.state.runtime
        if rt.llm is not None and hasattr(rt.llm, "close"):
            rt.llm.close()

    app = FastAPI(
        title="ragqa",
        version="0.1.0",
        description="Question answering over news articles with citations to exact source spans.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.metrics = Metrics()
    install_error_handlers(app)
    app.state.guard = install_security(app, settings)  # before CORS: CORS wraps it
    if settings.server.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.server.cors_origins,
            allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type"],
            # the widget on another site says how long to wait after a 429, and can quote the request id
            expose_headers=["Retry-After", "X-Request-ID"],
        )
    app.middleware("http")(app.state.metrics.middleware)
    app.add_middleware(RequestIdMiddleware)  # outermost: every response carries it, refusals too
    app.include_router(api_router)
    app.include_router(ops_router)
    app.include_router(web_router)
    return app
