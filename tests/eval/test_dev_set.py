"""The dev question set (eval/dev.jsonl) and its checker (eval/check_dev.py).

Schema and count checks run everywhere; evidence-in-page checks need ../shared/corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.eval.datasets import EVAL_DIR, cd, load

DATASET = EVAL_DIR / "dev.jsonl"


@pytest.fixture(scope="module")
def items() -> list[dict]:
    return load(DATASET)


def _item(**overrides: object) -> dict:
    base: dict = {
        "id": "q001",
        "question": "示例医院一共有多少名医生？",
        "answers": ["12名", "12"],
        "evidence": ["示例医院共有医生12名"],
        "source": "000_demo.txt",
        "lang": "zh",
        "kind": "number",
    }
    base.update(overrides)
    return base


# ------------------------------------------------------------------ the real dataset, no corpus


def test_schema_is_valid(items: list[dict]) -> None:
    problems, _warnings = cd.check_schema(items)
    assert problems == []


def test_counts_meet_requirements(items: list[dict]) -> None:
    assert cd.check_counts(items) == []
    summary = cd.summarize(items)
    assert summary["total"] >= 80
    assert summary["by_lang"]["en"] >= 12
    assert summary["by_kind"]["multi"] >= 5
    assert summary["by_kind"]["unanswerable"] >= 18
    assert len(summary["by_page"]) >= 5


def test_ids_are_sequential(items: list[dict]) -> None:
    assert [i["id"] for i in items] == [f"q{n:03d}" for n in range(1, len(items) + 1)]


def test_cli_without_corpus() -> None:
    assert cd.main(["--dataset", str(DATASET), "--skip-corpus", "--quiet"]) == 0


# ------------------------------------------------------------------ the checker itself


def test_normalize_nfkc_and_whitespace() -> None:
    assert cd.normalize("１０６ 件\n（已化解）\u3000８２件") == "106件(已化解)82件"


def test_good_item_passes() -> None:
    assert cd.check_item(_item(), "q001") == ([], [])


@pytest.mark.parametrize(
    ("qid", "ok"),
    [
        ("q001", True),
        ("p040", True),
        ("ra001", True),
        ("ob017", True),  # later sets take two letters
        ("xa001", False),
        ("rab001", False),
        ("r01", False),
        ("Q001", False),
    ],
)
def test_ids_of_one_letter_or_of_a_later_set(qid: str, ok: bool) -> None:
    problems, _ = cd.check_item(_item(id=qid), qid)
    assert (not any("is not like" in p for p in problems)) is ok


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"answers": ["13名"]}, "occurs in none of the evidence"),
        ({"kind": "size"}, "kind"),
        ({"lang": "en"}, "not plain English"),
        ({"id": "Q-1"}, "is not like"),
        ({"kind": "multi"}, "at least two evidence"),
        ({"kind": "unanswerable"}, "unanswerable <=>"),
        ({"source": None}, "unanswerable <=>"),
        ({"match": "all", "answers": ["12名"]}, "match 'all'"),
        ({"evidence": ["12名"]}, "chars"),
        ({"extra": 1}, "unknown keys"),
    ],
)
def test_bad_items_are_reported(overrides: dict, fragment: str) -> None:
    problems, _ = cd.check_item(_item(**overrides), "q001")
    assert any(fragment in p for p in problems), problems


def test_unanswerable_item_passes() -> None:
    item = _item(
        answers=[],
        evidence=[],
        source=None,
        kind="unanswerable",
        question="How many nurses does the demo hospital have?",
        lang="en",
    )
    assert cd.check_item(item, "q001") == ([], [])


def test_duplicate_ids_and_questions() -> None:
    problems, _ = cd.check_schema([_item(), _item()])
    assert any("duplicate id" in p for p in problems)
    assert any("duplicate question" in p for p in problems)


def test_too_small_set_fails_counts() -> None:
    problems = cd.check_counts([_item()])
    assert any("questions (need" in p for p in problems)


def test_load_dataset_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "q001"}\n\nnot json\n[1]\n', encoding="utf-8")
    loaded, problems = cd.load_dataset(path)
    assert len(loaded) == 1
    assert len(problems) == 3


def test_check_evidence_on_a_toy_corpus(tmp_path: Path) -> None:
    # Two columns interleaved line by line, as OCR does: "A1 B1 / A2 B2".
    (tmp_path / "000_demo.txt").write_text("示例医院共有医 另一栏文字\n生12名 其余内容\n", encoding="utf-8")
    (tmp_path / "001_other.txt").write_text("第二页写着示例医院共有护士30名。\n", encoding="utf-8")
    corpus = cd.load_corpus(tmp_path)
    # Not contiguous: the other column sits between "医" and "生".
    assert any("not a contiguous span" in p for p in cd.check_evidence([_item()], corpus))
    ok = _item(evidence=["另一栏文字生12名"])
    assert (
        cd.check_evidence(
            [
                ok,
                _item(id="q002", source="001_other.txt", answers=["30名"], evidence=["示例医院共有护士30名"]),
            ],
            corpus,
        )
        == []
    )
    multi = _item(
        kind="multi",
        evidence=["另一栏文字生12名", "示例医院共有护士30名"],
        answers=["12名", "30名"],
        match="all",
    )
    assert cd.check_evidence([multi], corpus)[-1] == "page 001_other.txt is the source of no question"
    missing = _item(source="009_missing.txt")
    assert any("not a corpus file" in p for p in cd.check_evidence([missing], corpus))


# ------------------------------------------------------------------ against the user's pages


@pytest.mark.corpus
def test_evidence_is_contiguous_in_pages(items: list[dict], corpus_dir: Path) -> None:
    corpus = cd.load_corpus(corpus_dir)
    assert len(corpus) >= 5
    assert cd.check_evidence(items, corpus) == []


@pytest.mark.corpus
def test_every_page_has_several_questions(items: list[dict], corpus_dir: Path) -> None:
    pages = cd.summarize(items)["by_page"]
    for name in cd.load_corpus(corpus_dir):
        assert pages.get(name, 0) >= 5, name


@pytest.mark.corpus
def test_cli_with_corpus(corpus_dir: Path) -> None:
    assert cd.main(["--dataset", str(DATASET), "--corpus", str(corpus_dir), "--quiet"]) == 0
