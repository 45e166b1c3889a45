from __future__ import annotations

from service.answering.english_counts import english_counted_thing


def test_the_counted_thing_is_the_last_word_before_the_verb() -> None:
    assert "血小板" in english_counted_thing("How many millilitres of platelets were donated?")
    assert english_counted_thing("What did the hospital donate?") == frozenset()
