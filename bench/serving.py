"""``ragqa serve`` in a child process on 127.0.0.1, for benchmarks and end-to-end tests: started
on a free port, waited for until ``/readyz`` answers, always stopped on exit."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx

from bench.common import REPO

# A benchmark's server: offline, extractive answers, and no rate limit (one address sending as
# fast as it can is the point of a benchmark, not abuse).
BENCH_SERVER_ENV = {
    "RAGQA_SECURITY__ADDRESS_RATE_PER_MINUTE": "0",
    "RAGQA_SECURITY__KEY_RATE_PER_MINUTE": "0",
    "RAGQA_LLM__BACKEND": "extractive",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def is_ready(url: str) -> bool:
    try:
        return httpx.get(url + "/readyz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@contextmanager
def ragqa_server(
    index: Path, log: Path, env: Mapping[str, str] | None = None, timeout: float = 300.0
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Yields the server's URL and process; its output goes to ``log``. A server that exits or is
    not ready within ``timeout`` seconds raises ``RuntimeError`` with the end of its log."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "service.cli", "serve", "--index", str(index), "--port", str(port)]
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=REPO, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + timeout
        while not is_ready(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                state = "exited" if proc.poll() is not None else f"was not ready after {timeout:.0f} s"
                tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
                raise RuntimeError(f"ragqa serve {state}:\n{tail}")
            time.sleep(0.2)
        yield url, proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes], grace: float = 30.0) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
