from __future__ import annotations

import sqlite3

import pytest

from embeddings.keyword import Fts5KeywordIndex, bigram_tokens, word_tokens


@pytest.fixture()
def index() -> Fts5KeywordIndex:
    kw = Fts5KeywordIndex(sqlite3.connect(":memory:"))
    kw.add(
        [
            (1, "鹤壁市卫生健康委受理医疗纠纷案件106件，已化解82件。"),
            (2, "杭州市将于9月10日起发放育儿补助，生育三孩给予一次性补助2万元。"),
            (3, "云南阜外医院累计救助6000名患者。"),
            (4, "健康教育与促进等公共卫生服务网络"),
        ]
    )
    return kw


def test_word_tokens_drop_stopwords_and_punctuation() -> None:
    tokens = word_tokens("鹤壁市受理了多少件医疗纠纷？")
    assert "鹤壁市" in tokens and "医疗" in tokens
    assert "多少" not in tokens and "了" not in tokens and "？" not in tokens


def test_full_width_digits_fold_to_ascii() -> None:
    assert "106" in word_tokens("１０６件")


def test_bigrams_cover_cjk_runs_only() -> None:
    assert bigram_tokens("健康ABC教育") == ["健康", "教育"]


def test_search_ranks_the_matching_chunk_first(index: Fts5KeywordIndex) -> None:
    hits = index.search("鹤壁市的医疗纠纷案件有多少", 3)
    assert hits[0][0] == 1
    assert all(score > 0 for _, score in hits)


def test_single_common_word_query_finds_it(index: Fts5KeywordIndex) -> None:
    # dify#13643: a query of just 健康 finding nothing.
    assert {cid for cid, _ in index.search("健康", 5)} >= {1, 4}


def test_query_without_matching_terms_returns_nothing(index: Fts5KeywordIndex) -> None:
    assert index.search("How many disputes were handled?", 5) == []
    assert index.search("？？！", 5) == []


def test_quotes_in_query_are_escaped(index: Fts5KeywordIndex) -> None:
    assert index.search('"育儿补助" OR', 5)[0][0] == 2


def test_remove_drops_rows(index: Fts5KeywordIndex) -> None:
    index.remove([3])
    assert index.search("阜外医院", 5) == []
    assert index.count() == 3


def test_idf_with_a_stale_document_count_stays_defined(index: Fts5KeywordIndex) -> None:
    """Queries during ingestion read the count, then the vocabulary after more rows were committed."""
    n = index.count()
    assert index.idf("医院", "words", n) > 0
    assert index.idf("医院", "words", 0) == pytest.approx(1e-6)  # df > n: no math domain error


def test_traditional_and_simplified_text_give_the_same_tokens() -> None:
    simplified, traditional = "鹤壁市受理医疗纠纷案件", "鶴壁市受理醫療糾紛案件"
    assert word_tokens(traditional) == word_tokens(simplified)
    assert bigram_tokens(traditional) == bigram_tokens(simplified)


def test_a_traditional_query_finds_simplified_text_and_back(index: Fts5KeywordIndex) -> None:
    assert index.search("鶴壁市的醫療糾紛案件有多少", 3)[0][0] == 1
    index.add([(5, "臺灣醫院為患者提供遠程會診服務。")])
    assert index.search("台湾医院远程会诊", 3)[0][0] == 5


def test_rebuild_replaces_every_row(index: Fts5KeywordIndex) -> None:
    index.rebuild([(7, "灵宝市婚育新风")])
    assert index.count() == 1
    assert index.search("灵宝市", 3)[0][0] == 7
    assert index.search("鹤壁市", 3) == []


def test_terms_among_are_those_a_passage_was_indexed_under(index: Fts5KeywordIndex) -> None:
    text = "鹤壁市卫生健康委受理医疗纠纷案件106件，已化解82件。"
    indexed = frozenset(word_tokens(text)) | frozenset(bigram_tokens(text))
    asked = frozenset({"纠纷", "106", "阜外", "补助", "卫生健康委"})
    found = index.terms_among([1, 3, 99], asked)
    assert set(found) == {1, 3}  # an id the index lacks is left out
    assert found[1] == asked & indexed == {"纠纷", "106"}  # 卫生健康委 was not indexed as one word
    assert found[3] == {"阜外"}


def test_terms_among_more_passages_than_one_statement_may_bind() -> None:
    kw = Fts5KeywordIndex(sqlite3.connect(":memory:"))
    kw.add([(i, f"第{i}号病区开放床位") for i in range(1, 1201)])
    found = kw.terms_among(list(range(1, 1201)), frozenset({"床位"}))
    assert len(found) == 1200 and found[1200] == {"床位"}
