"""The keyword scaling benchmark in quick mode: FTS5 and bm25s over the same synthetic passages."""

from __future__ import annotations

from pathlib import Path

from bench.keyword_scaling import main
from bench.synthetic import chinese_sentences, query_fragments, synthetic_passages


def test_synthetic_passages_recombine_real_sentences() -> None:
    _, sentences = chinese_sentences(limit=500)
    passages = synthetic_passages(50, sentences)
    assert len(passages) == 50
    for i in range(50):
        parts = passages.parts(i)
        assert 4 <= len(parts) <= 9
        assert passages.text(i) == "".join(sentences[j] for j in parts)
    for q in query_fragments(sentences, 20):
        assert 1 <= len(q) <= 16 and any(q in s for s in sentences)


def test_quick_run_compares_fts5_with_bm25s(tmp_path: Path) -> None:
    result = main(["--quick", "--sizes", "300", "--queries", "15", "--out", str(tmp_path)])

    (row,) = result["sizes"]
    assert row["chunks"] == 300
    for name in ("fts5", "bm25s"):
        assert row[name]["p50_ms"] <= row[name]["p99_ms"]
        assert row[name]["build_s"] >= 0
    assert row["fts5"]["disk_bytes_per_chunk"] > 0
    # Same tokens, both BM25: the two rankings must largely agree.
    assert row["overlap_at_10"] >= 0.5
    assert row["top1_agreement"] >= 0.5
    assert result["add_path_chunks_per_s"] > 0
    assert "| 300 | bm25s |" in (tmp_path / "keyword_scaling.md").read_text(encoding="utf-8")
