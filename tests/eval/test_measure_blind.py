"""eval/measure_blind.py: totals and per-category counts of a refusal set, never a question."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from service.cli import main
from tests.eval.datasets import EVAL_DIR

SCRIPT = EVAL_DIR / "measure_blind.py"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ragqa_eval_measure_blind", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_refused_questions_are_counted_by_the_category_of_their_id() -> None:
    counts = _module().by_category(["t017", "t024", "t025", "t040", "t041", "t003"])
    assert counts == {"detail": 2, "nearby": 1, "swapped": 1}


@pytest.mark.integration
@pytest.mark.slow
def test_prints_one_line_of_totals_and_no_question(tmp_path: Path, fixtures_dir: Path) -> None:
    index = tmp_path / "index"
    assert main(["ingest", str(fixtures_dir / "articles"), "--index", str(index), "--json"]) == 0
    questions: list[dict[str, Any]] = [
        {"id": "t001", "question": "临河县计划接种多少剂流感疫苗？", "answers": ["4.5万"],
         "evidence": ["流感疫苗"], "source": "page_d.txt", "lang": "zh", "kind": "number"},
        {"id": "t017", "question": "临河县的流感疫苗一剂收费多少钱？", "answers": [], "evidence": [],
         "source": None, "lang": "zh", "kind": "unanswerable"},
    ]
    dataset = tmp_path / "set.jsonl"
    dataset.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions), encoding="utf-8")
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
    english = tmp_path / "en.jsonl"
    english.write_text(json.dumps({**questions[1], "id": "t018", "question": "How much is a flu shot in Linhe?",
                                   "lang": "en"}) + "\n", encoding="utf-8")
    pooled = subprocess.run([sys.executable, str(SCRIPT), str(dataset), str(english), "--lang", "en",
                             "--index", str(index)], capture_output=True, text=True, check=True)
    assert {k: json.loads(pooled.stdout)[k] for k in ("answerable", "unanswerable")} == {
        "answerable": 0, "unanswerable": 1}
