"""SIGKILL mid-ingest and mid-upload: after a restart the service serves a consistent index (every
chunk has its vector and vice versa) and the interrupted work can simply be done again."""

from __future__ import annotations

import shutil
import signal
import socket
import time
from pathlib import Path

import httpx
import numpy as np
import pytest

from embeddings.index import NewsIndex
from service.app import create_app
from service.config import Settings
from tests.embeddings.test_crash import make_articles, run_worker
from tests.fakes import HashingEmbedder
from tests.service.conftest import Server
from tests.service.faults.processes import ServeProcess

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def assert_consistent(index_dir: Path) -> dict[str, int]:
    index = NewsIndex.open(index_dir, None, create=False)
    try:
        assert np.array_equal(index.store.chunk_ids(), index.vectors.ids())
        return index.store.counts()
    finally:
        index.close()


def test_service_restarts_on_an_index_killed_mid_ingest(tmp_path: Path) -> None:
    src, index_dir = tmp_path / "src", tmp_path / "idx"
    make_articles(src)
    worker = run_worker(src, index_dir)  # tests/embeddings/crash_worker.py: slow batches, announced
    assert worker.stdout is not None
    commits = 0
    for line in worker.stdout:
        commits += line.startswith("committed")
        if commits >= 3:
            worker.send_signal(signal.SIGKILL)
            break
    worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL

    settings = Settings()
    settings.index.dir, settings.embedding.model = index_dir, "test/hashing"
    settings.security.address_rate_per_minute = 0
    with Server(create_app(settings, embedder=HashingEmbedder())) as live:
        status = httpx.get(live.url + "/readyz").json()
        assert 0 < status["chunks"] == status["vectors"]
        done = {d["source"] for d in httpx.get(live.url + "/v1/documents").json()}
        assert 0 < len(done) < 30
        missing = sorted(p for p in src.iterdir() if p.name not in done)
        for path in missing:  # redo the interrupted work through the API
            upload = httpx.post(
                live.url + "/v1/documents",
                timeout=60,
                files={"file": (path.name, path.read_bytes(), "text/plain")},
            )
            assert upload.status_code == 200, upload.text
        question = {"question": "第29家医院第1次开展义诊活动共服务群众多少人？"}
        answer = httpx.post(live.url + "/v1/ask", json=question, timeout=60).json()
        assert answer["answerable"] and "291" in answer["answer"], answer
        assert {c["source"] for c in answer["citations"]} == {"page_29.txt"}
    counts = assert_consistent(index_dir)
    assert counts["documents"] == 30


def big_document(articles: int = 10) -> str:
    return "\n\n".join(
        f"## 滨江市第{a}社区卫生服务中心启用\n\n"
        + "".join(
            f"本报讯 滨江市第{a}社区卫生服务中心第{s}期工程完工，新增诊室{a * 10 + s}间，"
            f"可服务周边居民{a + s}万人。"
            for s in range(12)
        )
        for a in range(articles)
    )


def send_without_waiting(port: int, path: str, body: bytes) -> socket.socket:
    """Write a whole POST and return at once: the request is in flight when this returns."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    sock.sendall(head.encode() + body)
    return sock


def test_sigkill_during_an_upload_then_restart_and_redo(tmp_path: Path, e5_index: Path) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(e5_index, index_dir)
    before = assert_consistent(index_dir)
    document = {"source": "binjiang.txt", "title": "滨江市社区卫生", "text": big_document()}
    body = httpx.Request("POST", "http://x", json=document).content

    server = ServeProcess(index_dir, tmp_path / "serve-1.log").start()
    try:
        assert server.ready(), server.output()
        sock = send_without_waiting(server.port, "/v1/documents", body)
        time.sleep(0.3)  # parsed and embedding (or writing) by now
        server.kill()
        sock.settimeout(5)
        try:
            reply = sock.recv(100)
        except ConnectionError:
            reply = b""
        sock.close()
        assert reply == b"", f"the upload finished before the kill ({reply!r}): make the document bigger"
    finally:
        server.stop()

    with ServeProcess(index_dir, tmp_path / "serve-2.log") as server:
        assert server.ready(), server.output()
        status = httpx.get(server.url + "/readyz").json()
        assert status["chunks"] == status["vectors"]
        sources = {d["source"]: d for d in httpx.get(server.url + "/v1/documents").json()}
        assert "binjiang.txt" not in sources or status["chunks"] > before["chunks"], "all or nothing"
        redo = httpx.post(server.url + "/v1/documents", json=document, timeout=600)
        assert redo.status_code == 200, redo.text
        listed = {d["source"]: d for d in httpx.get(server.url + "/v1/documents").json()}
        assert listed["binjiang.txt"]["chunks"] == redo.json()["chunks"] > 0
        status = httpx.get(server.url + "/readyz").json()
        assert status["chunks"] == status["vectors"] == before["chunks"] + redo.json()["chunks"]
        query = {"query": "滨江市第3社区卫生服务中心第5期工程新增诊室", "top_k": 5}
        hits = httpx.post(server.url + "/v1/search", json=query, timeout=120).json()["hits"]
        assert any(h["source"] == "binjiang.txt" and "新增诊室35间" in h["text"] for h in hits), hits
    assert assert_consistent(index_dir)["chunks"] == before["chunks"] + redo.json()["chunks"]
