"""A page printed in traditional characters is cleaned and split as its simplified twin: the layout
rules (本報訊, 記者, 通訊員, /攝) are written once and match either script."""

from __future__ import annotations

from pathlib import Path

import pytest

from embeddings.chunking import chunk_source
from embeddings.script import to_traditional
from embeddings.types import SourceText
from service.config import ChunkingSettings
from tests.embeddings.test_articles import articles_of, assert_well_formed


@pytest.mark.parametrize("name", ["page_a.txt", "page_c.txt", "page_d.txt"])
def test_a_traditional_page_splits_like_its_simplified_twin(fixtures_dir: Path, name: str) -> None:
    simplified = (fixtures_dir / "articles" / name).read_text(encoding="utf-8")
    traditional = to_traditional(simplified)
    assert traditional != simplified and len(traditional) == len(simplified)
    twins = articles_of(simplified, name=name)
    articles = articles_of(traditional, name=name)
    assert [(a.start, a.end) for a in articles] == [(a.start, a.end) for a in twins]
    assert [a.title for a in articles] == [to_traditional(a.title) for a in twins], "titles as printed"
    assert_well_formed(traditional, articles)
    for article in articles:
        assert article.text == to_traditional(article.text), "the text keeps its own characters"


def test_traditional_bylines_and_leads_are_recognised() -> None:
    page = (
        "臺東市醫院啟用遠程會診中心\n\n本報記者 林志明\n\n本報訊 臺東市醫院日前啟用遠程會診中心。\n\n"
        "花蓮縣舉辦義診活動\n\n本報訊（通訊員 王美玲）花蓮縣衛生局日前舉辦義診活動，服務民眾600人。\n"
    )
    articles = articles_of(page)
    assert [a.title for a in articles] == ["臺東市醫院啟用遠程會診中心", "花蓮縣舉辦義診活動"]


def test_a_traditional_page_chunks_like_its_simplified_twin(fixtures_dir: Path) -> None:
    simplified = (fixtures_dir / "articles" / "page_a.txt").read_text(encoding="utf-8")
    settings = ChunkingSettings()
    twin = chunk_source(SourceText("page_a.txt", simplified), settings)
    chunks = chunk_source(SourceText("page_a.txt", to_traditional(simplified)), settings)
    assert [[(c.start, c.end) for c in cs] for _, cs in chunks] == [
        [(c.start, c.end) for c in cs] for _, cs in twin
    ]
