"""The real ``ragqa`` command: ``ingest`` the test articles with the real (offline, converted) e5
model, then ``serve`` them on 127.0.0.1 in a subprocess, for the browser to talk to."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.serving import ragqa_server
from tests.conftest import REPO

READY_TIMEOUT = 300  # seconds: loading the model on a busy 2-core machine is slow
OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONPATH": str(REPO)}


def ragqa_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "service.cli", *args]


@contextmanager
def ragqa_serve(articles: Path, workdir: Path, cors_origins: list[str]) -> Iterator[str]:
    """Yields the URL of ``ragqa serve`` over an index of ``articles``; stops it afterwards."""
    env = {**os.environ, **OFFLINE, "RAGQA_SERVER__CORS_ORIGINS": json.dumps(cors_origins)}
    index = workdir / "index"
    ingest = subprocess.run(
        ragqa_command("ingest", str(articles), "--index", str(index)),
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=READY_TIMEOUT,
    )
    assert ingest.returncode == 0, ingest.stderr[-2000:]
    with ragqa_server(index, workdir / "serve.log", env, timeout=READY_TIMEOUT) as (url, _):
        yield url
