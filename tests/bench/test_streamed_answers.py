"""The tally of ``bench/streamed_answers.py``: what a chat front end showed against the final answer."""

from __future__ import annotations

from bench.streamed_answers import tally


def test_a_stream_that_is_the_answer_counts_as_kept() -> None:
    assert tally([("甲是乙。[1]", "甲是乙。[1]")]) == {
        "questions": 1,
        "shown_is_not_the_answer": 0,
        "showed_a_dropped_sentence": 0,
    }


def test_renumbered_markers_differ_but_drop_nothing() -> None:
    counts = tally([("甲是乙[3]。", "甲是乙。[1]")])
    assert counts["shown_is_not_the_answer"] == 1 and counts["showed_a_dropped_sentence"] == 0


def test_a_shown_sentence_the_answer_lacks_is_counted() -> None:
    pairs = [("甲是乙[1]。火星上也有[1]。", "甲是乙。[1]"), ("文章中没有找到这个问题的答案。", "甲是乙。[1]")]
    assert tally(pairs)["showed_a_dropped_sentence"] == 2
