"""eval/measure_blind.py: totals and per-category counts of a refusal set, never a question."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.eval.datasets import EVAL_DIR, FLU_QUESTIONS, fixture_index, load_script, write_set

SCRIPT = EVAL_DIR / "measure_blind.py"


def _module() -> ModuleType:
    return load_script("measure_blind.py")


def test_refused_questions_are_counted_by_the_category_of_their_id() -> None:
    counts = _module().by_category(["t017", "t024", "t025", "t040", "t041", "t003"])
    assert counts == {"detail": 2, "nearby": 1, "swapped": 1}


@pytest.mark.integration
@pytest.mark.slow
def test_prints_one_line_of_totals_and_no_question(tmp_path: Path, fixtures_dir: Path) -> None:
    index = fixture_index(tmp_path, fixtures_dir)
    questions = FLU_QUESTIONS
    dataset = write_set(tmp_path / "set.jsonl", questions)
    done = subprocess.run([sys.executable, str(SCRIPT), str(dataset), "--index", str(index)],
                          capture_output=True, text=True, check=True)
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    totals = json.loads(lines[0])
    assert set(totals) >= {"accuracy", "refusal_recall", "wrongly_refused", "citation_precision"}
    assert sum(totals["refused_by_category"].values()) == round(totals["refusal_recall"])
    assert not any(q["question"] in done.stdout + done.stderr or q["id"] in done.stdout for q in questions)
    assert (totals["answerable"], totals["unanswerable"]) == (1, 1)
    # two sets pooled, and one language kept
    english = write_set(tmp_path / "en.jsonl", [{**questions[1], "id": "t018", "lang": "en",
                                                 "question": "How much is a flu shot in Linhe?"}])
    pooled = subprocess.run([sys.executable, str(SCRIPT), str(dataset), str(english), "--lang", "en",
                             "--index", str(index)], capture_output=True, text=True, check=True)
    assert {k: json.loads(pooled.stdout)[k] for k in ("answerable", "unanswerable")} == {
        "answerable": 0, "unanswerable": 1}
