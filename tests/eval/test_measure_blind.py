"""eval/measure_blind.py: totals and per-category counts of a refusal set, never a question."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.eval.datasets import FLU_QUESTIONS, fixture_index, load_script, run_blind, write_set

SCRIPT = "measure_blind.py"


def _module() -> ModuleType:
    return load_script(SCRIPT)


def test_refused_questions_are_counted_by_the_category_of_their_id() -> None:
    counts = _module().by_category(["t017", "t024", "t025", "t040", "t041", "t003"])
    assert counts == {"detail": 2, "nearby": 1, "swapped": 1}


@pytest.mark.integration
@pytest.mark.slow
def test_prints_one_line_of_totals_and_no_question(tmp_path: Path, fixtures_dir: Path) -> None:
    index = fixture_index(tmp_path, fixtures_dir)
    dataset = write_set(tmp_path / "set.jsonl", FLU_QUESTIONS)
    lines = run_blind(SCRIPT, dataset, "--index", index)  # and no question printed
    assert len(lines) == 1
    totals = lines[0]
    assert set(totals) >= {"accuracy", "refusal_recall", "wrongly_refused", "citation_precision"}
    assert sum(totals["refused_by_category"].values()) == round(totals["refusal_recall"])
    assert (totals["answerable"], totals["unanswerable"]) == (1, 1)
    # two sets pooled, and one language kept
    english = write_set(
        tmp_path / "en.jsonl",
        [{**FLU_QUESTIONS[1], "id": "t018", "lang": "en", "question": "How much is a flu shot in Linhe?"}],
    )
    [pooled] = run_blind(SCRIPT, dataset, english, "--lang", "en", "--index", index)
    assert {k: pooled[k] for k in ("answerable", "unanswerable")} == {"answerable": 0, "unanswerable": 1}
    # or one line per set, named by its file
    each = run_blind(SCRIPT, dataset, english, "--each", "--index", index)
    assert [(line["set"], line["answerable"], line["unanswerable"]) for line in each] == [
        ("set.jsonl", 1, 1),
        ("en.jsonl", 0, 1),
    ]
    assert each[0]["accuracy"] == totals["accuracy"]
    # and the answerable questions right per source page, which sum to the accuracy
    [paged] = run_blind(SCRIPT, dataset, "--by-source", "--index", index)
    [(right, answerable)] = paged["right_by_source"].values()
    assert answerable == 1 and right == round(totals["accuracy"])
