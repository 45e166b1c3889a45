"""The dense scaling benchmark in quick mode: output structure, and FAISS agreeing with numpy."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from bench.common import percentiles, projected_too_slow
from bench.scaling import main, numpy_search
from bench.synthetic import clustered_unit_vectors


def test_numpy_baseline_is_exact_top_k() -> None:
    vectors = clustered_unit_vectors(500, 32, seed=3, clusters=10)
    query = vectors[17]
    assert numpy_search(vectors, query, 5).tolist() == np.argsort(-(vectors @ query))[:5].tolist()
    assert numpy_search(vectors, query, 5)[0] == 17


def test_vectors_are_unit_length_and_seeded() -> None:
    a, b = clustered_unit_vectors(300, 384, seed=0), clustered_unit_vectors(300, 384, seed=0)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(a, b)


def test_percentiles_and_budget_projection() -> None:
    p = percentiles([float(i) for i in range(1, 101)])
    assert (p["p50"], p["p99"], p["n"]) == (50.0, 99.0, 100)
    assert projected_too_slow([(1000, 10.0)], 100_000, budget=300) is True
    assert projected_too_slow([(1000, 1.0)], 100_000, budget=300) is False
    assert projected_too_slow([], 10**9, budget=1) is False


def test_quick_run_writes_tables_and_flat_matches_numpy(tmp_path: Path) -> None:
    result = main(["--quick", "--sizes", "300,1000", "--queries", "12", "--out", str(tmp_path)])

    assert [r["chunks"] for r in result["sizes"]] == [300, 1000]
    for row in result["sizes"]:
        for name in ("numpy", "flat", "hnsw"):
            assert row[name]["p50_ms"] <= row[name]["p99_ms"]
            assert row[name]["queries"] == 12
        assert row["flat_vs_numpy_top1_agreement"] == 1.0
        assert row["flat_vs_numpy_recall_at_10"] == 1.0
        assert 0.8 <= row["hnsw_recall_at_10_vs_flat"] <= 1.0
    saved = json.loads((tmp_path / "scaling.json").read_text(encoding="utf-8"))
    assert saved["machine"]["cores"] >= 1 and len(saved["load_average_before"]) == 3
    table = (tmp_path / "scaling.md").read_text(encoding="utf-8")
    assert "SYNTHETIC" in table and "| 1,000 | hnsw |" in table
