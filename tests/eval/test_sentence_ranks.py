"""eval/sentence_ranks.py: where answerable questions are lost, in totals only."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.eval.datasets import FLU_QUESTIONS, fixture_index, load_script, run_blind, write_set

SCRIPT = "sentence_ranks.py"


@pytest.mark.parametrize(("position", "band"), [(None, "none"), (0, "1"), (1, "2-3"), (2, "2-3"), (3, ">3")])
def test_rank_bands(position: int | None, band: str) -> None:
    assert load_script(SCRIPT).rank_band(position) == band


@pytest.mark.integration
@pytest.mark.slow
def test_prints_one_line_of_totals_and_no_question(tmp_path: Path, fixtures_dir: Path) -> None:
    index = fixture_index(tmp_path, fixtures_dir)
    dataset = write_set(tmp_path / "set.jsonl", FLU_QUESTIONS)
    lines = run_blind(SCRIPT, dataset, "--index", index)  # and no question printed
    assert len(lines) == 1
    report = lines[0]
    assert report["answerable"] == 1  # the unanswerable question is left out
    assert report["hit@1"] == 1 and report["hit@5"] == 1 and report["rank 1"] == 1
    assert report["by_type"] == {"zh number first": 1}
    english = run_blind(SCRIPT, dataset, "--index", index, "--lang", "en")[0]
    assert english["answerable"] == 0 and english["hit@1"] == 0  # the set has no English question
