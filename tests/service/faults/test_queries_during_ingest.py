"""Questions keep being answered from a consistent view while documents are ingested over HTTP.

One thread uploads many documents (and replaces some, which deletes and re-adds their chunks)
through POST /v1/documents; other threads ask and search at the same time. Every request must
succeed, and every citation must be an exact span of a version of its source that was indexed.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from embeddings.index import NewsIndex
from service.app import create_app
from service.config import Settings
from tests.fakes import HashingEmbedder
from tests.service.conftest import Server

pytestmark = [pytest.mark.integration, pytest.mark.slow]

DOCS, REPLACE_EVERY = 40, 4
FIXTURE_QUESTIONS = ["青山市人民医院儿童病房共设置多少张床位？", "临河县计划接种多少剂流感疫苗？"]


def document(i: int, version: int) -> str:
    """An upload with a fact per article; a new version shifts every offset (a leading line)."""
    lead = "更正版本\n\n" * version
    return lead + "\n\n".join(
        f"## 第{i}号城市第{a}家社区医院扩建\n\n"
        f"本报讯 第{i}号城市第{a}家社区医院扩建后新增床位{i * 10 + a + version}张，"
        f"配备医生{a + 3}名。院方表示，扩建工程历时{a + 2}个月。"
        for a in range(3)
    )


def question(i: int) -> str:
    return f"第{i}号城市第1家社区医院扩建后新增床位多少张？"


def squash(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.fixture
def server(tmp_path: Path, fixture_index: tuple[Settings, Path]) -> Iterator[tuple[Server, Settings]]:
    settings = fixture_index[0].model_copy(deep=True)
    settings.index.dir = tmp_path / "index"
    shutil.copytree(fixture_index[0].index.dir, settings.index.dir)
    settings.security.address_rate_per_minute = 0  # this test is about consistency, not the limiter
    with Server(create_app(settings, embedder=HashingEmbedder())) as live:
        yield live, settings


def test_queries_during_ingest_answer_from_a_consistent_view(
    server: tuple[Server, Settings], fixtures_dir: Path
) -> None:
    live, settings = server
    versions: dict[str, list[str]] = defaultdict(list)  # source -> every text uploaded for it
    for path in (fixtures_dir / "articles").iterdir():
        versions[path.name].append(path.read_text(encoding="utf-8"))
    failures: list[str] = []
    answers: list[dict[str, Any]] = []
    done = threading.Event()

    def upload(client: httpx.Client, source: str, text: str) -> None:
        versions[source].append(text)  # recorded before it can be cited
        r = client.post("/v1/documents", json={"source": source, "text": text}, timeout=60)
        if r.status_code != 200:
            failures.append(f"upload {source}: {r.status_code} {r.text[:200]}")

    def writer() -> None:
        with httpx.Client(base_url=live.url) as client:
            try:
                for i in range(DOCS):
                    upload(client, f"bulk/doc_{i:03d}.txt", document(i, 0))
                    if i % REPLACE_EVERY == REPLACE_EVERY - 1:
                        source = f"bulk/doc_{i - REPLACE_EVERY + 1:03d}.txt"
                        upload(client, source, document(i - REPLACE_EVERY + 1, len(versions[source])))
            finally:
                done.set()

    def reader(seed: int) -> None:
        with httpx.Client(base_url=live.url) as client:
            n = seed
            while not done.is_set():
                n += 1
                q = FIXTURE_QUESTIONS[n % 2] if n % 3 == 0 else question(n % DOCS)
                path, body = ("/v1/search", {"query": q}) if n % 4 == 0 else ("/v1/ask", {"question": q})
                r = client.post(path, json=body, timeout=60)
                if r.status_code != 200:
                    failures.append(f"{path} {q}: {r.status_code} {r.text[:200]}")
                elif path == "/v1/ask":
                    answers.append(r.json())

    threads = [threading.Thread(target=writer)]
    threads += [threading.Thread(target=reader, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads), "the load did not finish"
    assert failures == []
    assert len(answers) >= 20, "the readers must actually have overlapped the ingest"

    index = NewsIndex.open(settings.index.dir, None, create=False)
    existing_docs = {row.source for row in index.store.documents()}
    assert all(f"bulk/doc_{i:03d}.txt" in existing_docs for i in range(DOCS))
    assert (index.store.chunk_ids() == index.vectors.ids()).all()
    cited = 0
    for answer in answers:
        for c in answer["citations"]:
            cited += 1
            spans = {squash(text[c["start"] : c["end"]]) for text in versions[c["source"]]}
            assert squash(c["text"]) in spans, f"citation {c} is not a span of any indexed version"
    assert cited > 0
    index.close()
