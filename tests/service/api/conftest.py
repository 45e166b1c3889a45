"""What the API tests share: the fixture articles on disk, which every cited span must match
exactly. The servers they talk to (``live``) come from tests/service/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def articles(fixtures_dir: Path) -> Path:
    return fixtures_dir / "articles"
