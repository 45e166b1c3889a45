"""Private copies of the fixture index, so that each server the security tests start can have
keys (and a keys file) of its own."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from service.config import Settings


@pytest.fixture(scope="module")
def index_copy(
    tmp_path_factory: pytest.TempPathFactory, fixture_index: tuple[Settings, Path]
) -> Callable[[], Path]:
    def copy() -> Path:
        target = tmp_path_factory.mktemp("sec") / "index"
        shutil.copytree(fixture_index[0].index.dir, target)
        return target

    return copy
