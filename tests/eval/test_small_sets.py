"""The small question sets on one form of question, checked with eval/check_dev.py: yes-or-no
questions (eval/yesno.jsonl, read; eval/heldout_yesno.jsonl, unread) and short English questions
typed the way readers type them (eval/english.jsonl, read; eval/heldout_english.jsonl, unread).
eval/README.md describes each. Schema checks run everywhere; evidence-in-page checks need
../shared/corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.eval.datasets import EVAL_DIR, cd, evidence_copied, load


@dataclass(frozen=True)
class SmallSet:
    file: str
    prefix: str
    size: int
    languages: frozenset[str]
    restates: bool = False  # a yes-or-no question restates the claim it asks about, copying its words


SETS = (
    SmallSet("yesno.jsonl", "ya", 30, frozenset({"zh", "en"}), restates=True),
    SmallSet("heldout_yesno.jsonl", "yb", 32, frozenset({"zh", "en"}), restates=True),
    SmallSet("english.jsonl", "ea", 32, frozenset({"en"})),
    SmallSet("heldout_english.jsonl", "eb", 32, frozenset({"en"})),
)


@pytest.fixture(scope="module", params=SETS, ids=lambda s: s.file)
def small_set(request: pytest.FixtureRequest) -> SmallSet:
    return request.param


@pytest.fixture(scope="module")
def items(small_set: SmallSet) -> list[dict]:
    return load(EVAL_DIR / small_set.file)


def test_schema_is_valid(items: list[dict]) -> None:
    problems, _ = cd.check_schema(items)
    assert problems == []


def test_ids_are_sequential_and_sizes_as_described(items: list[dict], small_set: SmallSet) -> None:
    assert [i["id"] for i in items] == [f"{small_set.prefix}{n:03d}" for n in range(1, small_set.size + 1)]


def test_languages(items: list[dict], small_set: SmallSet) -> None:
    assert {i["lang"] for i in items} == small_set.languages


def test_both_sides_of_the_gate_are_measured(items: list[dict]) -> None:
    answerable = [i for i in items if i["kind"] != "unanswerable"]
    assert answerable and len(answerable) < len(items)


@pytest.mark.parametrize("file", [s.file for s in SETS if not s.restates])
def test_questions_do_not_copy_their_evidence(file: str) -> None:
    assert evidence_copied(load(EVAL_DIR / file), 7) == []


@pytest.mark.corpus
def test_evidence_is_contiguous_in_pages(items: list[dict], corpus_dir: Path) -> None:
    problems = cd.check_evidence(items, cd.load_corpus(corpus_dir))
    # a small set need not ask about every page
    assert [p for p in problems if not p.endswith("is the source of no question")] == []
