from __future__ import annotations

from pathlib import Path

import pytest

from tests.service.faults.processes import ragqa


@pytest.fixture(scope="session")
def e5_index(tmp_path_factory: pytest.TempPathFactory, fixtures_dir: Path) -> Path:
    """The fixture articles indexed by the real CLI with the real e5 model (what ``serve`` loads)."""
    index_dir = tmp_path_factory.mktemp("e5") / "index"
    done = ragqa("ingest", str(fixtures_dir / "articles"), "--index", str(index_dir))
    assert done.returncode == 0, done.stderr
    return index_dir
