"""The real ``ragqa`` command: ``ingest`` the test articles with the real (offline, converted) e5
model, then ``serve`` them on 127.0.0.1 in a subprocess, for the browser to talk to."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.conftest import REPO
from tests.service.conftest import free_port

READY_TIMEOUT = 300  # seconds: loading the model on a busy 2-core machine is slow
OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONPATH": str(REPO)}


def ragqa_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "service.cli", *args]


@contextmanager
def ragqa_serve(articles: Path, workdir: Path, cors_origins: list[str]) -> Iterator[str]:
    """Yields the URL of ``ragqa serve`` over an index of ``articles``; stops it afterwards."""
    env = {**os.environ, **OFFLINE, "RAGQA_SERVER__CORS_ORIGINS": json.dumps(cors_origins)}
    index = workdir / "index"
    ingest = subprocess.run(ragqa_command("ingest", str(articles), "--index", str(index)), cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=READY_TIMEOUT)
    assert ingest.returncode == 0, ingest.stderr[-2000:]
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = workdir / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(ragqa_command("serve", "--index", str(index), "--port", str(port)), cwd=REPO,
                                env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while not _ready(url):
            assert proc.poll() is None, "ragqa serve exited:\n" + log.read_text(errors="replace")[-2000:]
            assert time.monotonic() < deadline, "ragqa serve did not become ready"
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)


def _ready(url: str) -> bool:
    try:
        return httpx.get(url + "/readyz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
