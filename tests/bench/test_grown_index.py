"""bench/grown_index.py: the toy pages indexed, then toy news added in steps, through the real ingest
pipeline and the real answer path (hashing embedder), a set answered at each size."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.grown_index import answer_over, grow, main, news_files, news_in
from service.config import Settings
from tests.bench.toy_news import ARTICLES, DRAFT, REFUSE
from tests.fakes import HashingEmbedder

PAGES = ("a.txt", "b.txt", "c.txt")
NEWS = [
    ("d.txt", ARTICLES["d.txt"]),
    ("e.txt", ARTICLES["e.txt"]),
    # what the set's unanswerable question asks: the third article changes that answer
    ("f.txt", "新乡义诊专家\n5月20日，新乡市中心医院组织的义诊活动共有30名专家参加。\n"),
]


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in PAGES:
        (folder / name).write_text(ARTICLES[name], encoding="utf-8")
    return folder


@pytest.fixture
def sets(tmp_path: Path) -> list[Path]:
    """The answerable question in one set, the unanswerable one in another."""
    paths = []
    for name, draft in (("answerable.jsonl", DRAFT), ("refuse.jsonl", REFUSE)):
        paths.append(tmp_path / name)
        paths[-1].write_text(json.dumps(draft, ensure_ascii=False) + "\n", encoding="utf-8")
    return paths


def test_each_size_answers_the_sets_over_the_pages_and_that_much_news(
    tmp_path: Path, pages: Path, sets: list[Path]
) -> None:
    settings = Settings()
    settings.index.dir = tmp_path / "idx"
    rows = list(grow(settings, HashingEmbedder(), pages, NEWS, [2, 10], sets))
    assert [(r["news_articles"], r["set"], r["questions"]) for r in rows] == [
        (size, name, questions)
        for size in (0, 2, 3)  # asked for 10, and the news ran out at 3
        for name, questions in (("answerable.jsonl", 1), ("refuse.jsonl", 1), ("pooled", 2))
    ]
    pooled = [r for r in rows if r["set"] == "pooled"]
    assert pooled[0]["chunks"] < pooled[1]["chunks"] < pooled[2]["chunks"]
    assert pooled[0]["answer_accuracy"] == 1.0 and pooled[0]["refusal_recall"] == 1.0
    assert [r["answers_changed"] for r in pooled] == [0, 0, 1]
    assert pooled[2]["refusal_recall"] == 0.0 and pooled[2]["answer_accuracy"] == 1.0
    assert [r["answers_changed"] for r in rows if r["set"] == "refuse.jsonl"] == [0, 0, 1]


def test_news_files_keep_headline_and_text_and_skip_empty_records() -> None:
    records = [("train", 7, "标题", "正文。"), ("dev", 12, "", "只有正文。"), ("test", 3, "空的", "")]
    assert list(news_files(records)) == [
        ("inews_train_00007.txt", "标题\n\n正文。"),
        ("inews_dev_00012.txt", "只有正文。"),
    ]


def test_an_index_folder_in_use_is_refused(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{}", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["--index-dir", str(tmp_path)])
    assert exit_.value.code == 2


def test_an_index_kept_is_answered_again_as_it_is(tmp_path: Path, pages: Path, sets: list[Path]) -> None:
    settings = Settings()
    settings.index.dir = tmp_path / "idx"
    grown = [r for r in grow(settings, HashingEmbedder(), pages, NEWS, [3], sets) if r["news_articles"] == 3]
    again = list(answer_over(settings, HashingEmbedder(), sets))
    assert [r["documents"] for r in again] == [len(PAGES) + 3] * 3
    assert [_totals(r) for r in again] == [_totals(r) for r in grown]


def _totals(row: dict[str, Any]) -> dict[str, Any]:
    """What must not differ between two runs over one index: all but timings and the sizes' keys."""
    differ = ("latency_p50_ms", "latency_p99_ms", "news_articles", "documents", "answers_changed")
    return {k: v for k, v in row.items() if k not in differ}


def test_sets_asking_in_both_languages_are_pooled_per_language_too(
    tmp_path: Path, pages: Path, sets: list[Path]
) -> None:
    english = tmp_path / "english.jsonl"
    item = {
        "id": "ne001",
        "question": "How many disputes did Hebi's mediation committee accept?",
        "answers": ["12"],
        "evidence": [],
        "source": "a.txt",
        "lang": "en",
    }
    english.write_text(json.dumps(item) + "\n", encoding="utf-8")
    settings = Settings()
    settings.index.dir = tmp_path / "idx"
    rows = list(grow(settings, HashingEmbedder(), pages, [], [], [*sets, english]))
    questions = {r["set"]: r["questions"] for r in rows}
    assert questions == {
        "answerable.jsonl": 1,
        "refuse.jsonl": 1,
        "english.jsonl": 1,
        "pooled": 3,
        "pooled en": 1,
        "pooled zh": 2,
    }


@pytest.mark.parametrize("flag", ["--over", "--grow"])
def test_a_kept_folder_without_an_index_is_refused(
    flag: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([flag, str(tmp_path)])
    assert exit_.value.code == 2
    assert f"{flag} {tmp_path} holds no index" in capsys.readouterr().err


def test_a_kept_index_grows_on_from_the_news_it_holds(tmp_path: Path, pages: Path, sets: list[Path]) -> None:
    news = [(f"inews_train_{i:05d}.txt", text) for i, (_, text) in enumerate(NEWS)]
    settings = Settings()
    settings.index.dir = tmp_path / "idx"
    whole = list(grow(settings, HashingEmbedder(), pages, news, [2, 3], sets))
    settings.index.dir = tmp_path / "kept"
    list(grow(settings, HashingEmbedder(), pages, news[:2], [2], sets))
    kept = news_in(settings, HashingEmbedder())
    assert kept == {"inews_train_00000.txt", "inews_train_00001.txt"}  # the pages are not news
    rows = list(grow(settings, HashingEmbedder(), pages, news[2:], [3], sets, added=len(kept)))
    assert [r["news_articles"] for r in rows if r["set"] == "pooled"] == [2, 3]
    assert [_totals(r) for r in rows] == [_totals(r) for r in whole if r["news_articles"] >= 2]
    # counted from the index as kept, where the unanswerable question was still refused
    assert [r["answers_changed"] for r in rows if r["set"] == "refuse.jsonl"] == [0, 1]
    # answered from the news article that holds what the pages do not
    pooled = [r for r in rows if r["set"] == "pooled"]
    assert [(r["answerable_citing_news"], r["unanswerable_citing_news"]) for r in pooled] == [(0, 0), (0, 1)]
