"""The ONNX Runtime embedder: batching, padding, pooling and order (with a recording session); the
export cache; and (integration, slow) the real e5 export in fp32 and int8 against the torch backend."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from embeddings.cpus import onnx_threads
from embeddings.embedder import (
    Embedder,
    SentenceTransformerEmbedder,
    create_embedder,
    local_model_folder,
    prepare_model,
)
from embeddings.errors import ModelError
from embeddings.onnx_embedder import (
    OnnxRuntimeEmbedder,
    check_onnx_packages,
    ensure_onnx_model,
    onnx_cache_dir,
)
from service.config import EmbeddingSettings


@dataclass
class Encoding:
    ids: list[int]


class CharTokenizer:
    """One id per character (its code point), like a real tokenizer's ``encode_batch``."""

    def encode_batch(self, texts: Sequence[str]) -> list[Encoding]:
        return [Encoding([ord(c) for c in text]) for text in texts]


class RecordingSession:
    """Stands in for an ``onnxruntime.InferenceSession``: hidden state = token id on every axis."""

    def __init__(self, dim: int = 4) -> None:
        self.dim = dim
        self.feeds: list[dict[str, np.ndarray]] = []

    def run(self, _outputs: Any, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
        self.feeds.append(feeds)
        ids = feeds["input_ids"].astype(np.float32)
        hidden = np.repeat(ids[:, :, None], self.dim, axis=2)
        hidden[:, :, 0] = 1.0  # a constant axis, so vectors differ in direction, not just length
        return [hidden]


def recording_embedder(**kwargs: Any) -> tuple[OnnxRuntimeEmbedder, RecordingSession]:
    session = RecordingSession()
    embedder = OnnxRuntimeEmbedder(session, CharTokenizer(), name="test/onnx", dim=4, **kwargs)
    return embedder, session


def test_batches_are_sorted_padded_and_masked() -> None:
    embedder, session = recording_embedder(batch_size=2, passage_prefix="")
    embedder.embed_passages(["ab", "abcd", "a"])
    shapes = [f["input_ids"].shape for f in session.feeds]
    assert shapes == [(2, 4), (1, 1)]  # longest first: "abcd" and "ab" share a batch
    mask = session.feeds[0]["attention_mask"]
    assert mask.tolist() == [[1, 1, 1, 1], [1, 1, 0, 0]]
    assert session.feeds[0]["input_ids"][1, 2:].tolist() == [0, 0]


def test_mean_pooling_ignores_padding_and_keeps_input_order() -> None:
    embedder, _ = recording_embedder(batch_size=8, passage_prefix="")
    together = embedder.embed_passages(["ab", "abcd", "a"])
    alone = np.vstack([embedder.embed_passages([t]) for t in ["ab", "abcd", "a"]])
    assert np.allclose(together, alone)
    mean_ab = np.array([1.0, 97.5, 97.5, 97.5])
    assert np.allclose(together[0], mean_ab / np.linalg.norm(mean_ab))
    assert together.dtype == np.float32
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0)


def test_cls_pooling_takes_the_first_token() -> None:
    embedder, _ = recording_embedder(pooling="cls", passage_prefix="")
    vec = embedder.embed_passages(["ba"])[0]
    first = np.array([1.0, 98.0, 98.0, 98.0])
    assert np.allclose(vec, first / np.linalg.norm(first))


def test_prefixes_are_applied() -> None:
    embedder, session = recording_embedder(query_prefix="Q", passage_prefix="P")
    embedder.embed_queries(["x"])
    embedder.embed_passages(["x"])
    assert [f["input_ids"][0].tolist() for f in session.feeds] == [[ord("Q"), ord("x")], [ord("P"), ord("x")]]


def test_empty_input_skips_the_session() -> None:
    embedder, session = recording_embedder()
    assert embedder.embed_queries([]).shape == (0, 4)
    assert session.feeds == []


def test_satisfies_the_protocol() -> None:
    assert isinstance(recording_embedder()[0], Embedder)


def test_cache_dir_sits_beside_the_model_and_depends_on_its_location(tmp_path: Path) -> None:
    a, b = onnx_cache_dir(tmp_path / "x" / "model"), onnx_cache_dir(tmp_path / "y" / "model")
    assert a.parent == tmp_path / "x"
    assert a.name.startswith("model.onnx-")
    assert a.name != b.name


def test_missing_onnx_packages_say_what_to_install() -> None:
    with pytest.raises(ModelError, match=r"needs onnxruntime, onnx.*pip install onnxruntime onnx"):
        check_onnx_packages("int8", installed=lambda package: False)
    check_onnx_packages("fp32", installed=lambda package: package == "onnxruntime")  # enough for fp32
    check_onnx_packages("int8")  # both are ragqa's dependencies


def test_model_name_not_in_the_hugging_face_cache_is_refused_with_advice(tmp_path: Path) -> None:
    settings = EmbeddingSettings(model="some-org/some-model", st_backend="onnx", cache_dir=tmp_path)
    with pytest.raises(ModelError, match="neither a local folder nor in the Hugging Face cache") as info:
        create_embedder(settings)
    assert "RAGQA_EMBEDDING__MODEL" in str(info.value)


def test_model_name_in_the_hugging_face_cache_is_exported_under_our_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import huggingface_hub.constants

    # the layout huggingface_hub writes: refs/main names the snapshot folder of the current commit
    repo = tmp_path / "hub" / "models--some-org--some-model"
    (repo / "snapshots" / "abc123").mkdir(parents=True)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("abc123")
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    settings = EmbeddingSettings(model="some-org/some-model", cache_dir=tmp_path / "ours")
    folder, export_root = local_model_folder(settings.model, settings)
    assert folder == repo / "snapshots" / "abc123"
    assert export_root == tmp_path / "ours" / "models"  # never written into the Hugging Face cache
    with pytest.raises(ModelError, match=r"with tokenizer\.json.*has none.*ST_BACKEND=torch"):
        create_embedder(settings)


def test_preparing_a_folder_without_tokenizer_json_is_refused_before_any_export(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    settings = EmbeddingSettings(model=str(folder), cache_dir=tmp_path / "cache")
    with pytest.raises(ModelError, match=r"with tokenizer\.json.*has none.*ST_BACKEND=torch"):
        prepare_model(settings)
    assert not onnx_cache_dir(folder).exists()


# --- the real converted model, exported ---------------------------------------------------------------

TEXTS = [
    "鹤壁市卫生局受理医疗纠纷投诉12件，全部依法处理。",
    "The Fed held rates steady on Wednesday.",
    "手足口病进入高发期，专家提醒家长注意孩子手部卫生。" * 6,
    "短讯",
]
QUERIES = ["鹤壁市受理了多少件医疗纠纷？", "What did the Fed do?", "手足口病如何预防"]


@pytest.fixture(scope="module")
def torch_vectors(e5_embedder: SentenceTransformerEmbedder) -> tuple[np.ndarray, np.ndarray]:
    return e5_embedder.embed_passages(TEXTS), e5_embedder.embed_queries(QUERIES)


def _onnx_embedder(e5_model_dir: Path, backend: str, threads: int = 0) -> OnnxRuntimeEmbedder:
    settings = EmbeddingSettings(cache_dir=e5_model_dir.parent, st_backend=backend, onnx_threads=threads)
    # The default model name resolves to the conversion under cache_dir/models; point at the fixture.
    from embeddings.embedder import load_onnx_embedder

    return load_onnx_embedder(settings, model_path=e5_model_dir)


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.parametrize(("backend", "min_cos", "threads"), [("onnx", 0.9999, 0), ("onnx-int8", 0.99, 1)])
def test_exported_model_matches_torch(
    e5_model_dir: Path,
    torch_vectors: tuple[np.ndarray, np.ndarray],
    backend: str,
    min_cos: float,
    threads: int,
) -> None:
    embedder = _onnx_embedder(e5_model_dir, backend, threads)
    options = embedder.session.get_session_options()
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    assert options.intra_op_num_threads == onnx_threads(threads)  # the setting, else the CPUs allowed
    passages, queries = embedder.embed_passages(TEXTS), embedder.embed_queries(QUERIES)
    ref_passages, ref_queries = torch_vectors
    assert passages.shape == (len(TEXTS), 384)
    assert passages.dtype == np.float32
    assert np.min(np.sum(passages * ref_passages, axis=1)) > min_cos
    assert np.min(np.sum(queries * ref_queries, axis=1)) > min_cos
    # Each query still finds the passage the torch model ranks first.
    assert ((queries @ passages.T).argmax(1) == (ref_queries @ ref_passages.T).argmax(1)).all()


@pytest.mark.integration
@pytest.mark.slow
def test_export_is_cached_and_redone_when_the_weights_change(e5_model_dir: Path) -> None:
    first = ensure_onnx_model(e5_model_dir, "fp32")
    assert first.stat().st_mode & 0o777 == 0o644  # readable by a server run as another user
    stamp = first.stat().st_mtime_ns
    assert ensure_onnx_model(e5_model_dir, "fp32").stat().st_mtime_ns == stamp  # reused
    marker = first.parent / "ragqa_onnx.json"
    marker.write_text(json.dumps({"format": 0}))  # as if the weights or the export format changed
    assert ensure_onnx_model(e5_model_dir, "fp32").stat().st_mtime_ns != stamp
