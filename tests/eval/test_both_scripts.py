"""eval/both_scripts.py: a set asked and answered in either Chinese script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from service.evaluation.metrics import Item
from tests.eval.datasets import EVAL_DIR, FLU_QUESTIONS, fixture_index, load_script, write_set


def test_questions_and_gold_convert_to_traditional(tmp_path: Path) -> None:
    module = load_script("both_scripts.py")
    item = Item.from_dict(FLU_QUESTIONS[0])
    (asked,) = module.traditional_questions([item])
    assert asked.question == "臨河縣計劃接種多少劑流感疫苗？" and asked.answers == item.answers
    (gold,) = module.traditional_gold([item])
    assert gold.question == item.question and gold.answers == ["4.5萬"] and gold.evidence == ["流感疫苗"]
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    (pages / "sub" / "a.txt").write_text("本报讯 临河县卫生健康委", encoding="utf-8")
    out = module.convert_corpus(pages, tmp_path / "out")
    assert (out / "sub" / "a.txt").read_text(encoding="utf-8") == "本報訊 臨河縣衛生健康委"


def test_sets_are_written_with_traditional_questions(tmp_path: Path) -> None:
    sets = write_set(tmp_path / "flu.jsonl", FLU_QUESTIONS)
    out = tmp_path / "trad"
    subprocess.run(
        [sys.executable, str(EVAL_DIR / "both_scripts.py"), "--write-traditional", str(out), str(sets)],
        check=True,
    )
    written = [json.loads(line) for line in (out / "flu.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["question"] for r in written] == [
        "臨河縣計劃接種多少劑流感疫苗？",
        "臨河縣的流感疫苗一劑收費多少錢？",
    ]
    assert [{**r, "question": ""} for r in written] == [{**r, "question": ""} for r in FLU_QUESTIONS]


@pytest.mark.integration
@pytest.mark.slow
def test_every_pairing_is_measured(tmp_path: Path, fixtures_dir: Path) -> None:
    index = fixture_index(tmp_path, fixtures_dir)
    dataset = write_set(tmp_path / "flu.jsonl", FLU_QUESTIONS)
    args = [str(dataset), "--corpus", str(fixtures_dir / "articles"), "--index", str(index)]
    done = subprocess.run(
        [sys.executable, str(EVAL_DIR / "both_scripts.py"), *args, "--work", str(tmp_path / "work")],
        check=True,
        capture_output=True,
        text=True,
    )
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert [line["pairing"] for line in lines] == [
        "simplified questions, pages as printed",
        "traditional questions, pages as printed",
        "simplified questions, traditional pages",
        "traditional questions, traditional pages",
    ]
    assert all(line["answer_accuracy"] == 1.0 and line["refusal_recall"] == 1.0 for line in lines)
    assert (tmp_path / "work" / "pages" / "page_d.txt").read_text(encoding="utf-8").count("臨河縣") > 0
