"""The real ``ragqa`` command in a subprocess: ``serve`` (waiting for readiness) and ``ingest``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

import httpx

from tests.conftest import REPO
from tests.service.conftest import free_port

# No model hub here; the service's own rate limiter is not what these tests are about.
ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "PYTHONPATH": str(REPO),
    "RAGQA_SECURITY__ADDRESS_RATE_PER_MINUTE": "0",
    "RAGQA_SECURITY__KEY_RATE_PER_MINUTE": "0",
}


def ragqa(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        cwd=REPO,
        env={**os.environ, **ENV},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


class ServeProcess:
    """``ragqa serve --index DIR`` on a free port; ``start()`` returns when ready or when it exited."""

    def __init__(self, index_dir: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._args = ["serve", "--index", str(index_dir), "--port", str(self.port)]
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 300) -> ServeProcess:
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "service.cli", *self._args],
                cwd=REPO,
                env={**os.environ, **ENV},
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            if self.ready():
                return self
            time.sleep(0.1)
        return self

    def ready(self) -> bool:
        try:
            return httpx.get(self.url + "/readyz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> ServeProcess:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
