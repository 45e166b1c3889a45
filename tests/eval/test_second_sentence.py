"""eval/second_sentence.py: accuracy against citation precision per margin, totals only."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.eval.datasets import FLU_QUESTIONS, fixture_index, load_script, run_blind, write_set

SCRIPT = "second_sentence.py"


def _module() -> ModuleType:
    return load_script(SCRIPT)


def test_totals_count_answers_refusals_and_citations() -> None:
    outcome = load_script("fit_answering.py").Outcome
    totals = _module().totals(
        [
            outcome(True, True, True, 2, 1),  # answered right, one of its two citations holds the evidence
            outcome(True, False, False, 0, 0),  # wrongly refused
            outcome(False, False, False, 0, 0),  # rightly refused
            outcome(False, True, False, 1, 0),  # answered though unanswerable: not a citation of an answer
        ]
    )
    assert totals == {
        "answerable": 2,
        "unanswerable": 2,
        "accuracy": 0.5,
        "refusal_recall": 0.5,
        "wrongly_refused": 0.5,
        "citation_precision": 0.5,
        "citations": 2,
    }


def test_a_share_of_no_questions_is_none() -> None:
    totals = _module().totals([load_script("fit_answering.py").Outcome(True, True, True, 1, 1)])
    assert totals["refusal_recall"] is None and totals["accuracy"] == 1.0


@pytest.mark.integration
@pytest.mark.slow
def test_prints_a_line_per_margin_and_scope_and_no_question(tmp_path: Path, fixtures_dir: Path) -> None:
    index = fixture_index(tmp_path, fixtures_dir)
    dataset = write_set(tmp_path / "set.jsonl", FLU_QUESTIONS)
    lines = run_blind(SCRIPT, dataset, "--index", index, "--margins", "0", "0.1")  # and no question printed
    assert [(r["margin"], r["applied_to"]) for r in lines] == [
        (0.0, "all"),
        (0.0, "untyped_only"),
        (0.1, "all"),
        (0.1, "untyped_only"),
    ]
    assert all(r["every"]["answerable"] == 1 and r["every"]["unanswerable"] == 1 for r in lines)
    assert all(r["untyped"]["answerable"] == 0 and r["untyped"]["accuracy"] is None for r in lines)
