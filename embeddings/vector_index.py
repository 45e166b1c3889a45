"""Dense vectors in FAISS, addressed by chunk id (``IndexIDMap2``) so chunks can be added and removed
without a rebuild. Inner product over L2-normalised vectors, i.e. cosine similarity."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

from embeddings.errors import IndexError_


class VectorIndex(Protocol):
    dim: int

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None: ...

    def remove(self, ids: np.ndarray) -> None: ...

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]: ...

    def ids(self) -> np.ndarray: ...

    def vectors_for(self, ids: Sequence[int]) -> tuple[list[int], np.ndarray]: ...

    def save(self, path: Path) -> None: ...

    def __len__(self) -> int: ...


def _faiss() -> Any:
    import faiss

    return faiss


class FaissVectorIndex:
    """``IndexIDMap2`` over a flat (exact) or HNSW (approximate) inner-product index."""

    def __init__(
        self, dim: int, kind: Literal["flat", "hnsw"] = "flat", hnsw_m: int = 32, index: Any = None
    ) -> None:
        self.dim = dim
        self.kind = kind
        self._hnsw_m = hnsw_m
        self._index = index if index is not None else self._empty()

    def _empty(self) -> Any:
        faiss = _faiss()
        if self.kind == "hnsw":
            inner = faiss.IndexHNSWFlat(self.dim, self._hnsw_m, faiss.METRIC_INNER_PRODUCT)
            inner.hnsw.efConstruction = 80
            inner.hnsw.efSearch = 64
        else:
            inner = faiss.IndexFlatIP(self.dim)
        return faiss.IndexIDMap2(inner)

    @classmethod
    def load(
        cls, path: Path, dim: int, kind: Literal["flat", "hnsw"] = "flat", hnsw_m: int = 32
    ) -> FaissVectorIndex:
        faiss = _faiss()
        try:
            index = faiss.read_index(str(path))
        except RuntimeError as exc:
            raise IndexError_(f"cannot read vector index {path}: {exc}") from exc
        if index.d != dim:
            raise IndexError_(f"vector index {path} has {index.d} dimensions, expected {dim}")
        return cls(dim, kind, hnsw_m, index=index)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        if len(ids) == 0:
            return
        vecs = np.ascontiguousarray(vectors, dtype=np.float32)
        if vecs.ndim != 2 or vecs.shape[1] != self.dim:
            raise IndexError_(f"vectors of shape {vecs.shape} do not fit a {self.dim}-d index")
        self._index.add_with_ids(vecs, np.ascontiguousarray(ids, dtype=np.int64))

    def remove(self, ids: np.ndarray) -> None:
        if len(ids) == 0:
            return
        ids64 = np.ascontiguousarray(ids, dtype=np.int64)
        if self.kind == "hnsw":
            self._rebuild_without(ids64)
        else:
            self._index.remove_ids(_faiss().IDSelectorBatch(ids64))

    def _rebuild_without(self, drop: np.ndarray) -> None:
        # HNSW graphs cannot delete nodes; rebuild from the stored vectors (deletions are rare).
        keep = np.setdiff1d(self.ids(), drop)
        vectors = np.vstack([self._index.reconstruct(int(i)) for i in keep]) if len(keep) else None
        self._index = self._empty()
        if vectors is not None:
            self.add(keep, vectors)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        q = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        if len(self) == 0 or k <= 0:
            n = q.shape[0]
            return np.zeros((n, 0), np.float32), np.zeros((n, 0), np.int64)
        scores, ids = self._index.search(q, min(k, len(self)))
        return scores, ids

    def ids(self) -> np.ndarray:
        return np.sort(_faiss().vector_to_array(self._index.id_map).astype(np.int64))

    def vectors_for(self, ids: Sequence[int]) -> tuple[list[int], np.ndarray]:
        """The stored vectors of those ids that are present, with the ids found."""
        found, rows = [], []
        for i in ids:
            try:
                rows.append(self._index.reconstruct(int(i)))
            except RuntimeError:  # not in the index (deleted meanwhile)
                continue
            found.append(int(i))
        return found, (np.vstack(rows) if rows else np.zeros((0, self.dim), np.float32))

    def save(self, path: Path) -> None:
        """Write atomically: a reader or a crash sees the old file or the new one, never half."""
        tmp = path.with_name(path.name + ".tmp")
        try:
            _faiss().write_index(self._index, str(tmp))
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except (OSError, RuntimeError):
            tmp.unlink(missing_ok=True)  # a half-written copy must not take space a retry needs
            raise


def create_vector_index(dim: int, kind: str, hnsw_m: int = 32) -> FaissVectorIndex:
    if kind not in ("flat", "hnsw"):
        raise IndexError_(f"unknown vector index kind {kind!r}; use 'flat' or 'hnsw'")
    return FaissVectorIndex(dim, kind, hnsw_m)  # type: ignore[arg-type]
