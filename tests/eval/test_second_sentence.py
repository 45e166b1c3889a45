"""eval/second_sentence.py: accuracy against citation precision per margin, totals only."""

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

SCRIPT = EVAL_DIR / "second_sentence.py"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ragqa_eval_second_sentence", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_totals_count_answers_refusals_and_citations() -> None:
    totals = _module().totals([
        (True, True, True, 2, 1),  # answered right, one of its two citations holds the evidence
        (True, False, False, 0, 0),  # wrongly refused
        (False, False, False, 0, 0),  # rightly refused
        (False, True, False, 1, 0),  # answered though unanswerable: not a citation of an answer
    ])
    assert totals == {"answerable": 2, "unanswerable": 2, "accuracy": 0.5, "refusal_recall": 0.5,
                      "wrongly_refused": 0.5, "citation_precision": 0.5, "citations": 2}


def test_a_share_of_no_questions_is_none() -> None:
    totals = _module().totals([(True, True, True, 1, 1)])
    assert totals["refusal_recall"] is None and totals["accuracy"] == 1.0


@pytest.mark.integration
@pytest.mark.slow
def test_prints_a_line_per_margin_and_scope_and_no_question(tmp_path: Path, fixtures_dir: Path) -> None:
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
    done = subprocess.run([sys.executable, str(SCRIPT), str(dataset), "--index", str(index),
                           "--margins", "0", "0.1"], capture_output=True, text=True, check=True)
    lines = [json.loads(line) for line in done.stdout.strip().splitlines()]
    assert [(r["margin"], r["applied_to"]) for r in lines] == [
        (0.0, "all"), (0.0, "untyped_only"), (0.1, "all"), (0.1, "untyped_only")]
    assert all(r["every"]["answerable"] == 1 and r["every"]["unanswerable"] == 1 for r in lines)
    assert all(r["untyped"]["answerable"] == 0 and r["untyped"]["accuracy"] is None for r in lines)
    assert not any(q["question"] in done.stdout + done.stderr or q["id"] in done.stdout for q in questions)
