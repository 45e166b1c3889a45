from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from embeddings.errors import IndexError_
from embeddings.vector_index import FaissVectorIndex, create_vector_index


def _unit(n: int, dim: int, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.mark.parametrize("kind", ["flat", "hnsw"])
def test_add_search_remove_roundtrip(kind: str, tmp_path: Path) -> None:
    vecs = _unit(50, 16)
    index = create_vector_index(16, kind)
    index.add(np.arange(100, 150), vecs)
    scores, ids = index.search(vecs[7], 3)
    assert ids[0][0] == 107 and scores[0][0] == pytest.approx(1.0, abs=1e-5)

    index.remove(np.array([107, 108]))
    assert len(index) == 48
    assert 107 not in index.search(vecs[7], 5)[1][0]

    index.save(tmp_path / "v.faiss")
    loaded = FaissVectorIndex.load(tmp_path / "v.faiss", 16, kind)  # type: ignore[arg-type]
    assert np.array_equal(loaded.ids(), index.ids())
    assert not (tmp_path / "v.faiss.tmp").exists()


def test_empty_index_search_returns_no_hits() -> None:
    _, ids = create_vector_index(8, "flat").search(_unit(1, 8), 5)
    assert ids.shape == (1, 0)


def test_wrong_dimensions_are_refused(tmp_path: Path) -> None:
    index = create_vector_index(8, "flat")
    with pytest.raises(IndexError_):
        index.add(np.array([1]), _unit(1, 9))
    index.save(tmp_path / "v.faiss")
    with pytest.raises(IndexError_, match="dimensions"):
        FaissVectorIndex.load(tmp_path / "v.faiss", 16)


def test_corrupt_file_is_a_domain_error(tmp_path: Path) -> None:
    (tmp_path / "v.faiss").write_bytes(b"not a faiss index")
    with pytest.raises(IndexError_):
        FaissVectorIndex.load(tmp_path / "v.faiss", 8)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(IndexError_):
        create_vector_index(8, "ivf")
