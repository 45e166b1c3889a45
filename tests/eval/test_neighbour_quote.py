"""eval/neighbour_quote.py: what joining the best sentence and its neighbour does, totals only."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.eval.datasets import FLU_QUESTIONS, fixture_index, run_blind, write_set


@pytest.mark.integration
@pytest.mark.slow
def test_prints_a_line_per_margin_and_no_question(tmp_path: Path, fixtures_dir: Path) -> None:
    index = fixture_index(tmp_path, fixtures_dir)
    dataset = write_set(tmp_path / "set.jsonl", FLU_QUESTIONS)
    lines = run_blind("neighbour_quote.py", dataset, "--index", index, "--margins", "-1", "0.2")
    assert [r["margin"] for r in lines] == [-1.0, 0.2]
    assert all(r["answerable"] == 1 and r["unanswerable"] == 1 for r in lines)
    assert lines[0]["joined"] == 0  # a margin below 0 joins nothing
    assert all(r["mean_chars"] is None or r["mean_chars"] > 0 for r in lines)
