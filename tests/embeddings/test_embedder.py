"""The embedder: prefixes, batching, shapes, error mapping; (integration) the real converted e5 model."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from embeddings.embedder import (
    Embedder,
    SentenceTransformerEmbedder,
    converted_model_dir,
    create_embedder,
    fit_torch_threads,
    load_sentence_transformer,
    prepare_model,
    resolve_model_path,
    set_torch_threads,
    torch_precision,
)
from embeddings.errors import ModelError
from embeddings.onnx_embedder import OnnxRuntimeEmbedder, onnx_cache_dir
from service.config import DEFAULT_MODEL, EmbeddingSettings
from tests.fakes import HashingEmbedder


class RecordingModel:
    """Stands in for a SentenceTransformer: records what it is asked to encode."""

    def __init__(self, dim: int | None = 8) -> None:
        self.dim = dim
        self.max_seq_length = 128
        self.calls: list[tuple[list[str], dict[str, Any]]] = []

    def get_embedding_dimension(self) -> int | None:
        return self.dim

    def encode(self, sentences: Sequence[str], **kwargs: Any) -> np.ndarray:
        import torch

        self.calls.append((list(sentences), kwargs))
        self.autocast = torch.is_autocast_enabled("cpu") and torch.get_autocast_dtype("cpu")
        return np.ones((len(sentences), self.dim or 0), dtype=np.float64) / np.sqrt(self.dim or 1)


def recording_embedder(**kwargs: Any) -> tuple[SentenceTransformerEmbedder, RecordingModel]:
    model = RecordingModel()
    return SentenceTransformerEmbedder(model, name="test/recording", **kwargs), model


def test_prefixes_and_encode_options_are_passed() -> None:
    embedder, model = recording_embedder(query_prefix="Q: ", passage_prefix="P: ", batch_size=7)
    embedder.embed_queries(["北京"])
    embedder.embed_passages(["新闻一", "新闻二"])
    assert [texts for texts, _ in model.calls] == [["Q: 北京"], ["P: 新闻一", "P: 新闻二"]]
    options = model.calls[0][1]
    assert options["batch_size"] == 7
    assert options["normalize_embeddings"] is True
    assert options["convert_to_numpy"] is True


def test_output_is_contiguous_float32() -> None:
    embedder, _ = recording_embedder()
    out = embedder.embed_passages(["a", "b", "c"])
    assert out.shape == (3, 8)
    assert out.dtype == np.float32
    assert out.flags.c_contiguous


def test_empty_input_skips_the_model() -> None:
    embedder, model = recording_embedder()
    assert embedder.embed_queries([]).shape == (0, 8)
    assert embedder.embed_passages([]).dtype == np.float32
    assert model.calls == []


def test_max_seq_length_is_applied() -> None:
    embedder, model = recording_embedder(max_seq_length=256)
    assert model.max_seq_length == 256
    assert embedder.model is model


def test_model_without_dimension_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="dimension"):
        SentenceTransformerEmbedder(RecordingModel(dim=None), name="x")


def test_implementations_satisfy_the_protocol() -> None:
    embedder, _ = recording_embedder()
    assert isinstance(embedder, Embedder)
    assert isinstance(HashingEmbedder(), Embedder)


def test_unknown_backend_is_a_model_error() -> None:
    fields = EmbeddingSettings().model_dump() | {"backend": "word2vec"}
    settings = EmbeddingSettings.model_construct(**fields)  # bypasses the Literal check
    with pytest.raises(ModelError, match="unknown embedding backend 'word2vec'"):
        create_embedder(settings)


def test_importing_the_module_loads_no_ml_library() -> None:
    code = (
        "import sys, embeddings.embedder, embeddings.e5_convert\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])


@pytest.mark.skipif(importlib.util.find_spec("openvino") is not None, reason="openvino is installed")
def test_missing_openvino_packages_say_what_to_install() -> None:
    with pytest.raises(ModelError, match=r"sentence-transformers\[openvino\]"):
        load_sentence_transformer("anything", "openvino")


def test_unwritable_cache_dir_is_a_model_error(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "cache"
    not_a_dir.write_text("a file where the cache folder should be")
    with pytest.raises(ModelError, match="RAGQA_EMBEDDING__CACHE_DIR"):
        resolve_model_path(EmbeddingSettings(cache_dir=not_a_dir))


@pytest.mark.parametrize("name", ["{tmp}/no-such-model", "no-such-org/no-such-model"])
def test_unknown_model_says_what_to_do(name: str, tmp_path: Path) -> None:
    settings = EmbeddingSettings(model=name.format(tmp=tmp_path), cache_dir=tmp_path)
    with pytest.raises(ModelError, match="RAGQA_EMBEDDING__MODEL") as info:
        create_embedder(settings)
    assert settings.model in str(info.value)
    assert isinstance(info.value.__cause__, OSError | ValueError)


def test_folder_that_is_not_a_model_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelError, match="cannot load embedding model"):
        load_sentence_transformer(str(tmp_path))


def test_bf16_encodes_under_cpu_autocast_and_fp32_does_not() -> None:
    import torch

    bf16, model = recording_embedder(precision="bf16")
    bf16.embed_passages(["新闻"])
    assert model.autocast == torch.bfloat16
    assert not torch.is_autocast_enabled("cpu")  # only around the forward pass
    fp32, model = recording_embedder()
    fp32.embed_queries(["新闻"])
    assert model.autocast is False


@pytest.mark.parametrize(
    ("setting", "native", "expected"),
    [
        ("fp32", True, "fp32"),
        ("bf16", False, "bf16"),
        ("auto", True, "bf16"),
        ("auto", False, "fp32"),
    ],
)
def test_precision_setting(
    setting: str, native: bool, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import torch

    monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda: native)
    monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: False)
    assert torch_precision(setting) == expected


# --- the real converted model -----------------------------------------------------------------------


@pytest.mark.integration
def test_real_embedder_shapes_and_norms(e5_embedder: SentenceTransformerEmbedder) -> None:
    assert (e5_embedder.name, e5_embedder.dim) == (DEFAULT_MODEL, 384)
    assert e5_embedder.model.max_seq_length == 512
    texts = ["央行降准0.5个百分点", "The Fed held rates steady.", "混合 mixed 文本 123"]
    out = e5_embedder.embed_passages(texts)
    assert out.shape == (3, 384)
    assert out.dtype == np.float32
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)


@pytest.mark.integration
def test_query_and_passage_prefixes_are_applied(e5_embedder: SentenceTransformerEmbedder) -> None:
    text = "北京的天气"
    query, passage = e5_embedder.embed_queries([text])[0], e5_embedder.embed_passages([text])[0]
    assert float(query @ passage) < 0.99
    direct = e5_embedder.model.encode(["query: " + text], normalize_embeddings=True)[0]
    assert float(query @ direct) > 0.9999


@pytest.mark.integration
def test_batching_and_padding_do_not_change_vectors(e5_embedder: SentenceTransformerEmbedder) -> None:
    short, long = "短讯", "这是一段比较长的新闻正文，用来让同一批次里出现大量填充。" * 8
    together = e5_embedder.embed_passages([short, long])
    alone = np.vstack([e5_embedder.embed_passages([short]), e5_embedder.embed_passages([long])])
    assert np.allclose(together, alone, atol=1e-4)


@pytest.mark.integration
def test_bf16_vectors_match_fp32(
    e5_embedder: SentenceTransformerEmbedder, e5_embedder_bf16: SentenceTransformerEmbedder
) -> None:
    texts = [
        "央行降准0.5个百分点，释放长期资金约1万亿元。",
        "How many beds does the hospital have?",
        "这是一段比较长的新闻正文，用来检查长输入在半精度下是否稳定。" * 12,
    ]
    for embed in ("embed_queries", "embed_passages"):
        fp32, bf16 = getattr(e5_embedder, embed)(texts), getattr(e5_embedder_bf16, embed)(texts)
        assert bf16.dtype == np.float32
        assert (fp32 * bf16).sum(axis=1).min() > 0.9999, embed


def _cache_with_conversion(cache_dir: Path, e5_model_dir: Path, **fields: Any) -> EmbeddingSettings:
    """Settings whose cache already holds the default model's conversion (the session's)."""
    settings = EmbeddingSettings(cache_dir=cache_dir, **fields)
    converted_model_dir(settings).parent.mkdir(parents=True)
    converted_model_dir(settings).symlink_to(e5_model_dir, target_is_directory=True)
    return settings


@pytest.mark.integration
def test_factory_uses_an_existing_conversion(tmp_path: Path, e5_model_dir: Path) -> None:
    settings = _cache_with_conversion(
        tmp_path, e5_model_dir, st_backend="torch", batch_size=4, max_seq_length=128
    )
    embedder = create_embedder(settings)
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert (embedder.name, embedder.dim, embedder.batch_size) == (DEFAULT_MODEL, 384, 4)
    assert embedder.model.max_seq_length == 128
    assert embedder.embed_queries(["今天"]).shape == (1, 384)


@pytest.mark.integration
@pytest.mark.slow
def test_default_backend_is_onnx_runtime_on_the_prepared_export(
    tmp_path: Path, e5_model_dir: Path, e5_embedder: SentenceTransformerEmbedder
) -> None:
    settings = _cache_with_conversion(tmp_path, e5_model_dir)
    folder, export = prepare_model(settings)  # what `ragqa models prepare` prints
    assert folder == str(converted_model_dir(settings))
    assert Path(export) == onnx_cache_dir(e5_model_dir) / "model.onnx"
    embedder = create_embedder(settings)
    assert isinstance(embedder, OnnxRuntimeEmbedder)
    assert (embedder.name, embedder.dim) == (DEFAULT_MODEL, 384)
    question = ["郑州共有多少名医生？"]
    assert (embedder.embed_queries(question) @ e5_embedder.embed_queries(question).T)[0, 0] > 0.9999
    torch_settings = settings.model_copy(update={"st_backend": "torch"})
    assert prepare_model(torch_settings) == [folder]  # no export for torch


def test_torch_threads_are_set_for_the_process_and_zero_leaves_them() -> None:
    import torch

    before = torch.get_num_threads()
    try:
        set_torch_threads(1)
        assert torch.get_num_threads() == 1
        set_torch_threads(0)
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)


def test_torch_threads_are_lowered_to_a_containers_quota_and_never_raised(tmp_path: Path) -> None:
    import torch

    (tmp_path / "cpu.max").write_text("100000 100000\n")  # a container given one CPU
    unconstrained = tmp_path / "host"
    unconstrained.mkdir()
    before = torch.get_num_threads()
    try:
        torch.set_num_threads(2)
        fit_torch_threads(tmp_path)
        assert torch.get_num_threads() == 1
        fit_torch_threads(unconstrained)  # more CPUs allowed than the 1 thread set: kept at 1
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)
