"""cited.py: the text of the passages an answer cites, as the gate reads it."""

from __future__ import annotations

from dataclasses import replace

from service.answering.base import AnswerPart, Draft
from service.answering.cited import around, cited_article, cited_dense, cited_text, near_answer
from tests.service.answering.helpers import passage

LEAD = "今年以来，" + "医院持续改善服务。" * 20  # 185 characters before the answer
ANSWER = "全院共接诊患者3万人次。"
QUOTE = "“我们还会继续努力。”郭院长说。"
TEXT = LEAD + ANSWER + QUOTE


def _draft(passage_index: int = 0) -> Draft:
    start = TEXT.index(ANSWER)
    return Draft([AnswerPart(ANSWER, passage_index, start, start + len(ANSWER))], True, "extractive")


def test_around_keeps_the_reach_before_the_answer_and_what_is_asked_after() -> None:
    passages = [passage(TEXT)]
    part = _draft().parts[0]
    assert around(passages, part).endswith(ANSWER)
    assert not around(passages, part).startswith("今年以来")  # beyond the reach
    assert around(passages, part, after=len(QUOTE)).endswith("郭院长说。")


def test_near_answer_adds_the_title_and_who_speaks_after_it_in_search_form() -> None:
    near = near_answer([passage(TEXT, title="醫院新聞")], _draft())
    assert near.startswith("医院新闻")
    assert "郭院长" in near


def test_cited_text_is_the_cited_spans_only() -> None:
    assert cited_text([passage(TEXT)], _draft()) == ANSWER


def test_cited_article_joins_the_cited_articles_passages_and_leaves_out_others() -> None:
    passages = [
        passage("别的文章。", title="另一篇", doc_id="b.txt#1", ident=2),
        passage(TEXT, title="医院新闻", ident=1),
        passage("同一篇的另一段。", title="医院新闻", ident=3),
    ]
    article = cited_article(passages, _draft(passage_index=1))
    assert article == "医院新闻" + TEXT + "同一篇的另一段。"


def test_cited_dense_is_the_closest_cited_passages_and_none_without_dense_scores() -> None:
    first, second = passage(TEXT, dense=0.95, ident=1), passage(TEXT, dense=0.8, ident=2)
    assert cited_dense([first, second], _draft(1)) == 0.8  # the cited one, not the first
    both = Draft([*_draft(0).parts, *_draft(1).parts], True, "extractive")
    assert cited_dense([first, second], both) == 0.95
    keyword_only = replace(first, dense=None)
    assert cited_dense([keyword_only], _draft(0)) is None
