"""ONNX Runtime embedder: the same sentence-transformers folder, exported once to ONNX (fp32, or int8
with dynamic quantisation) and cached beside it, then run without torch in the loop.

Why not sentence-transformers' own ``backend="onnx"``: it goes through optimum-onnx, whose only
release pins transformers < 4.58, so it cannot be installed next to the transformers we need.
The export here uses torch's TorchScript ONNX exporter on the local folder (offline) and
``onnxruntime.quantization.quantize_dynamic`` for int8; pooling and normalisation run in numpy.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np

from embeddings.errors import ModelError

Precision = Literal["fp32", "int8"]
ONNX_FILES = {"fp32": "model.onnx", "int8": "model_int8.onnx"}
EXPORT_MARKER = "ragqa_onnx.json"
EXPORT_FORMAT = 1  # bump when the exported graph changes, so old caches are re-exported
_NEEDS = {"fp32": ("onnxruntime",), "int8": ("onnxruntime", "onnx")}


def _installed(package: str) -> bool:
    return importlib.util.find_spec(package) is not None


def check_onnx_packages(precision: Precision, installed: Callable[[str], bool] = _installed) -> None:
    missing = [name for name in _NEEDS[precision] if not installed(name)]
    if missing:
        raise ModelError(
            f"the ONNX embedding backend needs {', '.join(missing)}, which ragqa installs: "
            "pip install onnxruntime onnx (or reinstall ragqa), or set RAGQA_EMBEDDING__ST_BACKEND=torch"
        )


def onnx_cache_dir(model_dir: Path, root: Path | None = None) -> Path:
    """Where the export of ``model_dir`` lives: a folder named after it and its location, in
    ``root`` or else beside it."""
    model_dir = model_dir.resolve()
    tag = hashlib.sha256(str(model_dir).encode()).hexdigest()[:8]
    return (root or model_dir.parent) / f"{model_dir.name}.onnx-{tag}"


def _source_stamp(model_dir: Path) -> dict[str, Any]:
    """What the export depends on: the weights file(s) by size and mtime, and the export format."""
    weights = sorted(p for p in model_dir.glob("*") if p.suffix in {".safetensors", ".bin"})
    return {
        "format": EXPORT_FORMAT,
        "weights": [[p.name, p.stat().st_size, int(p.stat().st_mtime)] for p in weights],
    }


def ensure_onnx_model(model_dir: Path, precision: Precision, root: Path | None = None) -> Path:
    """The cached ONNX file for ``model_dir`` at ``precision`` (under ``root``, else beside the
    folder), exporting it first when needed."""
    check_onnx_packages(precision)
    out_dir = onnx_cache_dir(model_dir, root)
    stamp = _source_stamp(model_dir)
    marker = out_dir / EXPORT_MARKER
    try:
        if not marker.is_file() or json.loads(marker.read_text()) != stamp:
            out_dir.mkdir(parents=True, exist_ok=True)
            for stale in (out_dir / name for name in ONNX_FILES.values()):
                stale.unlink(missing_ok=True)
            marker.write_text(json.dumps(stamp))
        target = out_dir / ONNX_FILES[precision]
        if not target.is_file():
            fp32 = out_dir / ONNX_FILES["fp32"]
            if not fp32.is_file():
                _atomic(fp32, lambda tmp: export_fp32(model_dir, tmp))
            if precision == "int8":
                _atomic(target, lambda tmp: quantize_int8(fp32, tmp))
    except OSError as exc:
        raise ModelError(
            f"cannot write the ONNX export of {model_dir} to {out_dir}: {exc}. "
            "Point RAGQA_EMBEDDING__CACHE_DIR at a writable folder with ~700 MB free."
        ) from exc
    return target


def _atomic(dest: Path, write: Any) -> None:
    fd, name = tempfile.mkstemp(dir=dest.parent, prefix=dest.name, suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        tmp.chmod(0o644)  # mkstemp's 0600 would hide it from a server run as another user (Docker)
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def export_fp32(model_dir: Path, dest: Path) -> None:
    """Export the transformer (``last_hidden_state``) with dynamic batch and sequence axes."""
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()

    class Hidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    sample = torch.ones((2, 8), dtype=torch.long)
    axes = {"batch": 0, "seq": 1}
    dynamic = {name: {i: a for a, i in axes.items()} for name in ("input_ids", "attention_mask", "hidden")}
    # dynamo=False on purpose: the newer exporter needs onnxscript, one more package for the same
    # graph. Its warnings (deprecation; transformers' padding check traced as a constant, always
    # false here as the mask is as long as the input; indexing with negative indices, which BERT
    # does not do) would only alarm whoever runs `ragqa models prepare`. The tests check the
    # export against torch over inputs of different lengths.
    with torch.no_grad(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*legacy TorchScript-based ONNX export")
        warnings.filterwarnings("ignore", category=torch.jit.TracerWarning)
        warnings.filterwarnings("ignore", category=UserWarning, module=r"torch\.onnx")
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"torch\.onnx")
        torch.onnx.export(
            Hidden(),
            (sample, sample),
            str(dest),
            input_names=["input_ids", "attention_mask"],
            output_names=["hidden"],
            dynamic_axes=dynamic,
            opset_version=17,
            dynamo=False,
        )


def quantize_int8(fp32: Path, dest: Path) -> None:
    """Dynamic int8 quantisation (weights per channel; activations quantised at run time)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(dest), weight_type=QuantType.QInt8, per_channel=True)


def _pooling_mode(model_dir: Path) -> str:
    """Mean or CLS pooling, read from the folder's sentence-transformers modules."""
    modules = json.loads((model_dir / "modules.json").read_text())
    kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
    if kinds[1:] not in (["Pooling"], ["Pooling", "Normalize"]):
        raise ModelError(f"the ONNX backend supports Transformer + Pooling (+ Normalize) models, not {kinds}")
    config = json.loads((model_dir / modules[1]["path"] / "config.json").read_text())
    if config.get("pooling_mode_mean_tokens"):
        return "mean"
    if config.get("pooling_mode_cls_token"):
        return "cls"
    raise ModelError(f"the ONNX backend supports mean or CLS pooling, not {config}")


class OnnxRuntimeEmbedder:
    """A sentence-transformers folder run by ONNX Runtime, with e5-style query/passage prefixes."""

    def __init__(
        self,
        session: Any,
        tokenizer: Any,
        *,
        name: str,
        dim: int,
        pooling: str = "mean",
        query_prefix: str = "query: ",
        passage_prefix: str = "passage: ",
        batch_size: int = 32,
    ) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self.name = name
        self.dim = dim
        self.pooling = pooling
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size

    @classmethod
    def load(
        cls,
        model_dir: Path,
        precision: Precision,
        *,
        name: str,
        max_seq_length: int = 512,
        export_root: Path | None = None,
        threads: int = 0,
        **kwargs: Any,
    ) -> OnnxRuntimeEmbedder:
        """``threads``: the session's intra-op threads (0: ONNX Runtime's choice, one per physical core)."""
        onnx_file = ensure_onnx_model(model_dir, precision, export_root)
        import onnxruntime as ort
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        tokenizer.enable_truncation(max_seq_length)
        tokenizer.no_padding()
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Idle pool threads would otherwise spin after each run, taking the cores the server's
        # event loop and the answerer need next.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.intra_op_num_threads = threads
        try:
            session = ort.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own untyped errors for bad files
            hint = f"delete {onnx_file.parent} to re-export"
            raise ModelError(f"cannot load {onnx_file}: {exc}; {hint}") from exc
        dim = json.loads((model_dir / "config.json").read_text())["hidden_size"]
        return cls(session, tokenizer, name=name, dim=int(dim), pooling=_pooling_mode(model_dir), **kwargs)

    @property
    def session(self) -> Any:
        """The ``onnxruntime.InferenceSession``."""
        return self._session

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.passage_prefix)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.query_prefix)

    def _encode(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        encodings = self._tokenizer.encode_batch([prefix + text for text in texts])
        # Longest first, so each batch pads to a similar length (as sentence-transformers does).
        order = np.argsort([-len(e.ids) for e in encodings], kind="stable")
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            out[rows] = self._forward([encodings[i].ids for i in rows])
        return out

    def _forward(self, id_lists: list[list[int]]) -> np.ndarray:
        ids = np.zeros((len(id_lists), max(len(x) for x in id_lists)), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, token_ids in enumerate(id_lists):
            ids[row, : len(token_ids)] = token_ids
            mask[row, : len(token_ids)] = 1
        hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        if self.pooling == "cls":
            pooled = hidden[:, 0]
        else:
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return (pooled / norms).astype(np.float32)
