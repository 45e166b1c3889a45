"""Questions and articles in traditional or simplified characters are read as one script; quotes
and citations stay exactly as the article prints them, and a refusal speaks the question's script."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from embeddings.script import to_traditional
from service.config import Settings
from service.llm.prompting import refusal_phrase
from service.runtime import Runtime
from service.schemas import Citation
from tests.fakes import HashingEmbedder
from tests.service.conftest import build_index, make_runtime

pytestmark = pytest.mark.integration

TAITUNG = """臺東市醫院啟用遠程會診中心

本報訊（記者林志明）臺東市醫院日前啟用遠程會診中心，與省立醫院專家連線，今年已為320名患者會診。

院長陳國華說，中心每週開放五天，偏遠鄉鎮的患者不必再長途奔波。
"""


@pytest.fixture()
def runtime(fixture_index: tuple[Settings, Path]) -> Iterator[Runtime]:
    rt = make_runtime(fixture_index[0])
    yield rt
    rt.index.close()


@pytest.fixture()
def mixed_runtime(tmp_path: Path, fixtures_dir: Path) -> Iterator[Runtime]:
    """Simplified fixture pages plus one page printed in traditional characters."""
    articles = tmp_path / "articles"
    shutil.copytree(fixtures_dir / "articles", articles)
    (articles / "taitung.txt").write_text(TAITUNG, encoding="utf-8")
    settings = Settings()
    settings.index.dir = tmp_path / "index"
    settings.embedding.model = "test/hashing"
    build_index(settings.index.dir, articles, settings, HashingEmbedder()).close()
    rt = make_runtime(settings)
    yield rt
    rt.index.close()


def assert_cited_verbatim(runtime: Runtime, citations: list[Citation]) -> None:
    for c in citations:
        original = runtime.index.store.document_text(c.source)
        assert original is not None
        assert "".join(original[c.start : c.end].split()) == "".join(c.text.split())


@pytest.mark.parametrize(
    ("traditional", "simplified", "figure"),
    [
        ("兒童病房配備了多少名醫護人員？", "儿童病房配备了多少名医护人员？", "86名"),
        ("兒童病房總投資多少錢？", "儿童病房总投资多少钱？", "4500万元"),
        ("白河縣疾控中心為多少名兒童補種疫苗？", "白河县疾控中心为多少名儿童补种疫苗？", "2300名"),
    ],
)
def test_a_traditional_question_is_answered_from_simplified_articles(
    runtime: Runtime, traditional: str, simplified: str, figure: str
) -> None:
    expected = runtime.answer(simplified)
    response = runtime.answer(traditional)
    assert response.answerable and figure in response.answer
    assert response.answer == expected.answer, "the same answer, quoted as printed"
    assert [c.text for c in response.citations] == [c.text for c in expected.citations]
    assert_cited_verbatim(runtime, response.citations)


def test_a_traditional_question_is_refused_in_traditional_characters(runtime: Runtime) -> None:
    response = runtime.answer("青山市人民醫院的院長今年多少歲？")
    assert not response.answerable
    assert response.answer == to_traditional(refusal_phrase("zh")) != refusal_phrase("zh")
    assert runtime.answer("青山市人民医院的院长今年多少岁？").answer == refusal_phrase("zh")


@pytest.mark.parametrize("question", ["台东市医院今年为多少名患者会诊？", "臺東市醫院今年為多少名患者會診？"])
def test_a_traditional_article_answers_either_script_verbatim(mixed_runtime: Runtime, question: str) -> None:
    response = mixed_runtime.answer(question)
    assert response.answerable and "320" in response.answer
    assert "臺東市醫院" in response.answer, "quoted in the article's own characters"
    assert response.citations[0].source == "taitung.txt"
    assert_cited_verbatim(mixed_runtime, response.citations)


def test_search_finds_a_traditional_article_by_simplified_words(mixed_runtime: Runtime) -> None:
    hits, _ = mixed_runtime.search("台东市 远程会诊中心", 3, "keyword", None)
    assert hits and hits[0].source == "taitung.txt"
