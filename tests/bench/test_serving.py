"""The shared ``ragqa serve`` launcher of the benchmarks and the browser tests (its success path
runs in every widget end-to-end test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.serving import free_port, is_ready, ragqa_server

pytestmark = pytest.mark.integration


def test_a_server_that_cannot_start_raises_with_its_log(tmp_path: Path) -> None:
    missing = tmp_path / "no-index"
    with (
        pytest.raises(RuntimeError, match=r"ragqa serve exited:(.|\n)*no-index"),
        ragqa_server(missing, tmp_path / "serve.log", timeout=120),
    ):
        pytest.fail("a server over a missing index must not become ready")
    assert (tmp_path / "serve.log").stat().st_size > 0


def test_nothing_listening_is_not_ready() -> None:
    assert not is_ready(f"http://127.0.0.1:{free_port()}")
