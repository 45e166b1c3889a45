"""eval/snapshot.py: per-question decisions on read sets, compared between two runs; unread sets refused."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.eval.datasets import EVAL_DIR, FLU_QUESTIONS, fixture_index, load_script, write_set

SCRIPT = "snapshot.py"
README = """# Sets

## dev.jsonl

Text.

## heldout_refusal9.jsonl

**Status: spent** (2026-12-04). Read.

## heldout_refusal10.jsonl

**Status: unread, but worn.** Measured.

## heldout_refusal11.jsonl

**Status: unread.** Written.
"""


def _module() -> ModuleType:
    return load_script(SCRIPT)


def test_the_sets_whose_section_says_unread() -> None:
    assert _module().unread_sets(README) == {"heldout_refusal10.jsonl", "heldout_refusal11.jsonl"}


def test_an_unread_set_is_refused_with_what_to_do() -> None:
    module = _module()
    module.refuse_unread(
        [Path("eval/dev.jsonl"), Path("eval/heldout_refusal9.jsonl")], README
    )  # read: no exit
    with pytest.raises(SystemExit, match=r"heldout_refusal11\.jsonl.*measure_blind\.py"):
        module.refuse_unread([Path("eval/dev.jsonl"), Path("eval/heldout_refusal11.jsonl")], README)


def test_the_shipped_readme_names_its_unread_sets() -> None:
    readme = (EVAL_DIR / "README.md").read_text(encoding="utf-8")
    unread = _module().unread_sets(readme)
    # the newest refusal set is unread until a round reads it; every name is a shipped set
    newest = max(
        (p.name for p in EVAL_DIR.glob("heldout_refusal*.jsonl")),
        key=lambda name: int(name.removeprefix("heldout_refusal").removesuffix(".jsonl") or 1),
    )
    assert newest in unread
    assert all((EVAL_DIR / name).is_file() for name in unread)
    assert "dev.jsonl" not in unread and "heldout_refusal36.jsonl" not in unread  # read in round 43


def test_changed_decisions_and_totals() -> None:
    module = _module()
    before = ["s.jsonl\tq1\t1\t1\t0\twrong", "s.jsonl\tq2\t0\t1\t0\tanswered", "s.jsonl\tq3\t1\t1\t1\tright"]
    after = [
        "s.jsonl\tq1\t1\t1\t1\tright now",
        "s.jsonl\tq2\t0\t0\t0\t-",
        "s.jsonl\tq3\t1\t1\t1\tquoted longer",
    ]
    assert module.changed(before, after) == [
        {"set": "s.jsonl", "id": "q1", "before": "110", "after": "111"},
        {"set": "s.jsonl", "id": "q2", "before": "010", "after": "000"},
    ]
    assert module.totals(before) == {
        "answerable": 2,
        "unanswerable": 1,
        "accuracy": 0.5,
        "refusal_recall": 0.0,
        "wrongly_refused": 0.0,
    }
    assert module.totals(after)["refusal_recall"] == 1.0


@pytest.mark.integration
@pytest.mark.slow
def test_one_line_per_question_then_compared(tmp_path: Path, fixtures_dir: Path) -> None:
    index = fixture_index(tmp_path, fixtures_dir)
    dataset = write_set(tmp_path / "set.jsonl", FLU_QUESTIONS)
    out = tmp_path / "snap.tsv"
    subprocess.run(
        [sys.executable, str(EVAL_DIR / SCRIPT), str(dataset), "--index", str(index), "--out", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r[0], r[1], r[2]) for r in rows] == [("set.jsonl", "t001", "1"), ("set.jsonl", "t017", "0")]
    assert all(r[3] in "01" and r[4] in "01" for r in rows)
    done = subprocess.run(
        [sys.executable, str(EVAL_DIR / SCRIPT), "--compare", str(out), str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    [line] = done.stdout.splitlines()  # nothing changed: only the totals
    both = json.loads(line)
    assert both["before"] == both["after"] and both["before"]["answerable"] == 1
