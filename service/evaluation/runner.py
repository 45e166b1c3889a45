"""Run a dataset against ragqa in-process (an index directory) or over HTTP (a running server)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import httpx

from service.evaluation.metrics import Item, Outcome
from service.retrieval import Mode

HIT_DEPTH = 10


def load_dataset(path: Path) -> list[Item]:
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                items.append(Item.from_dict(json.loads(line)))
            except (ValueError, KeyError, TypeError) as exc:
                reason = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
                raise ValueError(f"{path}:{n}: not a dataset line ({reason})") from exc
    return items


class Target(Protocol):
    name: str

    def run(self, item: Item) -> Outcome: ...


@dataclass(frozen=True)
class Config:
    """One system configuration to compare: retrieval mode and generator."""

    name: str
    mode: Mode = "hybrid"
    generator: str = "extractive"

    @classmethod
    def parse(cls, name: str) -> Config:
        mode, _, generator = name.partition("-")
        if mode not in ("hybrid", "dense", "keyword") or generator not in ("", "extractive", "openai"):
            raise ValueError(
                f"unknown config {name!r}; use MODE[-GENERATOR], "
                "e.g. hybrid-extractive, dense, keyword-openai"
            )
        return cls(name, mode, generator or "extractive")  # type: ignore[arg-type]


class InProcessTarget:
    def __init__(self, runtime: Any, config: Config, top_k: int = 5) -> None:
        self.runtime = runtime
        self.config = config
        self.name = config.name
        self.top_k = top_k

    def run(self, item: Item) -> Outcome:
        # Answer first: the runtime remembers question vectors, so a retrieval before the timed
        # answer would hide the cost of embedding the question.
        t0 = time.perf_counter()
        response = self.runtime.answer(item.question, self.top_k, None, self.config.mode)
        latency = (time.perf_counter() - t0) * 1000
        passages = self.runtime.retrieve(item.question, HIT_DEPTH, None, self.config.mode).passages
        return Outcome(
            item,
            [p.chunk.text for p in passages],
            response.answer,
            response.answerable,
            [c.text for c in response.citations],
            latency,
            response.generator,
            {
                "timings_ms": response.timings_ms,
                "refusal_reason": response.refusal_reason,
                "cited_sources": [c.source for c in response.citations],
            },
        )


class HttpTarget:
    def __init__(
        self, base_url: str, config: Config, top_k: int = 5, api_key: str | None = None, timeout: float = 60.0
    ) -> None:
        if config.mode != "hybrid":
            # /v1/ask has no mode: the answers would be hybrid ones under another config's name
            raise ValueError(
                f"config {config.name!r}: over HTTP only hybrid retrieval can be evaluated "
                "(/v1/ask has no mode); use --index for dense or keyword"
            )
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.client = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout, headers=headers)
        self.config = config
        self.name = config.name
        self.top_k = top_k

    def run(self, item: Item) -> Outcome:
        search = self.client.post(
            "/v1/search", json={"query": item.question, "top_k": HIT_DEPTH, "mode": self.config.mode}
        )
        search.raise_for_status()
        t0 = time.perf_counter()
        ask = self.client.post("/v1/ask", json={"question": item.question, "top_k": self.top_k})
        latency = (time.perf_counter() - t0) * 1000
        ask.raise_for_status()
        body = ask.json()
        if not _same_generator(self.config.generator, body["generator"]):
            raise ValueError(
                f"config {self.name!r} wants the {self.config.generator} generator but the "
                f"server answers with {body['generator']!r}"
            )
        return Outcome(
            item,
            [h["text"] for h in search.json()["hits"]],
            body["answer"],
            body["answerable"],
            [c["text"] for c in body["citations"]],
            latency,
            body["generator"],
            {
                "timings_ms": body.get("timings_ms", {}),
                "refusal_reason": body.get("refusal_reason"),
                "cited_sources": [c["source"] for c in body["citations"]],
            },
        )


def _same_generator(wanted: str, reported: str) -> bool:
    """The server names its generator 'extractive', 'openai:<model>' or 'extractive (fallback: why)';
    a fallback still belongs to the configuration that asked for the LLM."""
    return reported.startswith(wanted) or (wanted != "extractive" and "fallback" in reported)


def run_all(
    target: Target, items: Iterable[Item], progress: Callable[[int], None] | None = None
) -> list[Outcome]:
    outcomes = []
    for item in items:
        outcomes.append(target.run(item))
        if progress:
            progress(1)
    return outcomes


def outcome_record(o: Outcome, config: str) -> dict[str, Any]:
    from service.evaluation.metrics import answer_correct, citation_supports, hit_rank

    return {
        "config": config,
        "id": o.item.id,
        "question": o.item.question,
        "kind": o.item.kind,
        "gold_answerable": o.item.answerable,
        "answerable": o.answerable,
        "answer": o.answer,
        "correct": answer_correct(o.item, o.answer) if o.item.answerable else not o.answerable,
        "hit_rank": hit_rank(o.item.evidence, o.passages) if o.item.answerable else None,
        "citations_supported": [citation_supports(o.item, c) for c in o.citations],
        "latency_ms": round(o.latency_ms, 2),
        "generator": o.generator,
        **o.extra,
    }
