"""Hybrid retrieval over a real index: the cross-lingual channel (pinyin names, dictionary
translations) of questions that share no words with the articles."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from embeddings.index import NewsIndex
from embeddings.sqlite_store import ChunkRow
from service.config import Settings
from service.retrieval import HybridRetriever
from service.runtime import Runtime
from tests.fakes import HashingEmbedder
from tests.service.conftest import build_index


class SameVectorEmbedder(HashingEmbedder):
    """Every text gets the same vector, so dense scores tie and only the other channel decides."""

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        out[:, 0] = 1.0
        return out


@contextmanager
def _index_of(tmp_path: Path, texts: dict[str, str]) -> Iterator[NewsIndex]:
    """A real index of one article per file, embedded so that every dense score ties; closed after."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in texts.items():
        (articles / name).write_text(text + "\n", encoding="utf-8")
    settings = Settings()
    settings.embedding.model = "test/hashing"
    index = build_index(tmp_path / "index", articles, settings, SameVectorEmbedder())
    try:
        yield index
    finally:
        index.close()


@pytest.fixture
def index(tmp_path: Path) -> Iterator[NewsIndex]:
    with _index_of(
        tmp_path,
        {
            "a_qingshan.txt": "青山市卫生健康委组织专家组对9家医院进行现场评审。",
            "b_puyang.txt": "濮阳市卫生健康委组织专家组对8家医院进行现场评审。",
        },
    ) as index:
        yield index


def test_an_english_question_prefers_passages_spelling_its_pinyin_names(index: NewsIndex) -> None:
    retriever = HybridRetriever(index, SameVectorEmbedder())
    question = "How many hospitals did Puyang's health commission evaluate?"
    dense = retriever.search(question, 2, "dense")
    assert dense[0].chunk.source == "a_qingshan.txt"  # a tie, broken by insertion order
    found = retriever.retrieve(question, 2, "hybrid")
    hybrid = found.passages
    assert [p.chunk.source for p in hybrid] == ["b_puyang.txt", "a_qingshan.txt"]
    # both translate the same words (hospitals 医院, health 卫生…); only Puyang adds the name's weight
    assert (hybrid[0].keyword or 0.0) - (hybrid[1].keyword or 0.0) == pytest.approx(retriever.name_weight)
    assert hybrid[0].score == pytest.approx((hybrid[0].dense or 0.0) + (hybrid[0].keyword or 0.0))
    assert "names_ms" in found.timings and found.query_vector is not None


def test_a_pinyin_name_is_found_in_traditional_characters(tmp_path: Path) -> None:
    with _index_of(
        tmp_path,
        {
            "a_qingshan.txt": "青山市衛生健康委組織專家組對9家醫院進行現場評審。",
            "b_puyang.txt": "濮陽市衛生健康委組織專家組對8家醫院進行現場評審。",
        },
    ) as index:
        found = HybridRetriever(index, SameVectorEmbedder()).retrieve(
            "How many hospitals did Puyang's health commission evaluate?", 2, "hybrid"
        )
        assert [p.chunk.source for p in found.passages] == ["b_puyang.txt", "a_qingshan.txt"]


def test_a_name_no_passage_spells_changes_no_order(index: NewsIndex) -> None:
    retriever = HybridRetriever(index, SameVectorEmbedder())
    question = "How many hospitals did Luoyang's health commission evaluate?"
    hybrid = retriever.search(question, 2, "hybrid")
    assert [p.chunk.source for p in hybrid] == ["a_qingshan.txt", "b_puyang.txt"]
    assert hybrid[0].keyword == hybrid[1].keyword


def test_an_english_question_prefers_passages_translating_its_words(tmp_path: Path) -> None:
    with _index_of(
        tmp_path,
        {
            "a_staff.txt": "该科室共有医护人员120名，开展手术3000余台。",
            "b_wards.txt": "该科室下设3个病区，开放床位150张。",
        },
    ) as index:
        retriever = HybridRetriever(index, SameVectorEmbedder())
        question = "How many wards and beds does the department have?"
        assert retriever.search(question, 2, "dense")[0].chunk.source == "a_staff.txt"  # a tie
        hybrid = retriever.search(question, 2, "hybrid")
        assert [p.chunk.source for p in hybrid] == ["b_wards.txt", "a_staff.txt"]  # beds: 床位
        assert (hybrid[0].keyword or 0.0) <= retriever.translated_weight  # a tie-breaker's weight
        # with no translation weight, the tie stands
        plain = HybridRetriever(index, SameVectorEmbedder(), translated_weight=0.0)
        assert plain.search(question, 2, "hybrid")[0].chunk.source == "a_staff.txt"


def test_a_chinese_question_uses_its_words_not_names(index: NewsIndex) -> None:
    retriever = HybridRetriever(index, SameVectorEmbedder())
    found = retriever.retrieve("濮阳市评审了几家医院？", 2, "hybrid")
    assert found.passages[0].chunk.source == "b_puyang.txt"
    assert "names_ms" not in found.timings and "keyword_ms" in found.timings


def test_an_english_question_reads_its_candidates_rows_once(index: NewsIndex) -> None:
    retriever = HybridRetriever(index, SameVectorEmbedder())
    reads: list[list[int]] = []
    chunks = index.chunks
    index.chunks = lambda ids: reads.append(list(ids)) or chunks(ids)  # type: ignore[method-assign,func-returns-value]
    found = retriever.retrieve("How many hospitals did Puyang's health commission evaluate?", 2, "hybrid")
    assert found.passages[0].chunk.source == "b_puyang.txt"
    assert len(reads) == 1  # the name channel's read serves fusion too


def test_an_english_question_reaches_passages_writing_its_place_beyond_the_dense_candidates(
    index: NewsIndex,
) -> None:
    # one dense candidate: the tie puts Qingshan's passage there, and Puyang's is beyond it
    retriever = HybridRetriever(index, SameVectorEmbedder(), candidates=1)
    short = "How many hospitals did Puyang evaluate?"
    assert [p.chunk.source for p in retriever.search(short, 1, "dense")] == ["a_qingshan.txt"]
    found = retriever.search(short, 1, "hybrid")
    assert [p.chunk.source for p in found] == ["b_puyang.txt"]
    assert found[0].dense == pytest.approx(1.0)  # scored like any dense candidate
    # a long question too: among thousands of articles its cosines are as flat as a short one's
    long = "How many hospitals did the health commission of Puyang evaluate on site with its experts?"
    assert [p.chunk.source for p in retriever.search(long, 1, "hybrid")] == ["b_puyang.txt"]


def test_a_latin_word_in_some_article_leaves_an_english_questions_names_their_weight(tmp_path: Path) -> None:
    """News prints Latin words (IT, a name in pinyin): a keyword hit on one must not switch off the
    names and translations an English question is matched by, as it did until that hit stood alone."""
    with _index_of(
        tmp_path,
        {
            "a_qingshan.txt": "青山市卫生健康委组织专家组对9家医院进行现场评审。",
            "b_puyang.txt": "濮阳市卫生健康委组织专家组对8家医院进行现场评审。",
            "c_it.txt": "Puyang IT企业举办招聘会，现场签约120人。",
        },
    ) as index:
        retriever = HybridRetriever(index, SameVectorEmbedder())
        question = "How many hospitals did Puyang's health commission evaluate?"
        assert retriever.index.keyword_search(question, 3), "the keyword channel finds the Latin word"
        hybrid = retriever.search(question, 3, "hybrid")
        assert hybrid[0].chunk.source == "b_puyang.txt"
        by_source = {p.chunk.source: p.keyword or 0.0 for p in hybrid}
        assert by_source["b_puyang.txt"] - by_source["a_qingshan.txt"] == pytest.approx(retriever.name_weight)


def test_an_acronym_of_an_english_question_counts_as_a_name(tmp_path: Path) -> None:
    with _index_of(
        tmp_path,
        {
            "a_mri.txt": "该院新购置MRI设备一台，投资1500万元。",
            "b_ct.txt": "该院新购置CT设备一台，投资800万元。",
        },
    ) as index:
        retriever = HybridRetriever(index, SameVectorEmbedder())
        hybrid = retriever.search("How much did the hospital invest in its MRI scanner?", 2, "hybrid")
        assert [p.chunk.source for p in hybrid] == ["a_mri.txt", "b_ct.txt"]
        assert (hybrid[0].keyword or 0.0) - (hybrid[1].keyword or 0.0) >= retriever.name_weight


def _fillers_then(last: dict[str, str]) -> dict[str, str]:
    """Five articles that translate none of the question's words, inserted before ``last``'s: the
    dense tie puts them first."""
    fillers = {f"{i}_filler.txt": f"第{i}届书画展在文化馆开幕，展出作品{i}0幅。" for i in range(1, 6)}
    return {**fillers, **last}


def test_an_english_question_reorders_a_wider_dense_pool_than_a_chinese_one(tmp_path: Path) -> None:
    """Its cosines are flat, so among many articles its right passage ranks low by them; the
    translations of its words can lift it only from among the dense candidates."""
    with _index_of(tmp_path, _fillers_then({"z_wards.txt": "该科室下设3个病区，开放床位150张。"})) as index:
        question = "How many beds does the department have?"
        narrow = HybridRetriever(index, SameVectorEmbedder(), candidates=2, english_candidates=2)
        assert "z_wards.txt" not in [p.chunk.source for p in narrow.search(question, 2, "hybrid")]
        wide = HybridRetriever(index, SameVectorEmbedder(), candidates=2, english_candidates=10)
        assert wide.search(question, 2, "hybrid")[0].chunk.source == "z_wards.txt"  # beds: 床位


def test_an_english_question_without_names_reads_only_the_rows_fusion_keeps(tmp_path: Path) -> None:
    """Its translations are read from the keyword index; only a name is looked for in the text, so
    the text of all its dense candidates is read only when it names something."""
    fillers = {f"{i:02d}_filler.txt": f"第{i}届书画展在文化馆开幕，展出作品{i}幅。" for i in range(45)}
    texts = {**fillers, "z_puyang.txt": "濮阳市某科室下设3个病区，开放床位150张。"}
    with _index_of(tmp_path, texts) as index:
        read: list[int] = []
        chunks = index.chunks

        def recording(ids: Sequence[int]) -> dict[int, ChunkRow]:
            read.append(len(ids))
            return chunks(ids)

        index.chunks = recording  # type: ignore[method-assign]
        retriever = HybridRetriever(index, SameVectorEmbedder(), candidates=5, english_candidates=60)
        unnamed = retriever.search("How many beds does the department have?", 2, "hybrid")
        assert unnamed[0].chunk.source == "z_puyang.txt" and read == [40]  # beds: 床位
        read.clear()
        named = retriever.search("How many beds does the department in Puyang have?", 2, "hybrid")
        assert named[0].chunk.source == "z_puyang.txt" and read == [46]


def test_only_an_english_hybrid_question_widens_the_dense_pool(index: NewsIndex) -> None:
    fetched: list[int] = []
    dense_search = index.dense_search

    def recording(query_vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        fetched.append(k)
        return dense_search(query_vector, k)

    index.dense_search = recording  # type: ignore[method-assign]
    retriever = HybridRetriever(index, SameVectorEmbedder(), candidates=5, english_candidates=30)
    retriever.search("濮阳市评审了几家医院？", 2, "hybrid")
    retriever.search("How many hospitals did Puyang evaluate?", 2, "dense")  # no channel reorders it
    retriever.search("How many hospitals did Puyang evaluate?", 2, "hybrid")
    assert fetched == [5, 5, 30]


def test_the_runtime_retriever_takes_the_english_pool_from_settings(tmp_path: Path) -> None:
    with _index_of(tmp_path, {"a.txt": "该科室下设3个病区，开放床位150张。"}) as index:
        settings = Settings()
        settings.retrieval.english_candidates = 77
        runtime = Runtime.build(settings, embedder=SameVectorEmbedder(), index=index)
        assert runtime.retriever.english_candidates == 77
