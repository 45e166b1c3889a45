from __future__ import annotations

from service.answering.english_counts import english_counted_thing


def test_the_counted_thing_is_the_last_word_before_the_verb() -> None:
    assert "血小板" in english_counted_thing("How many millilitres of platelets were donated?")
    assert english_counted_thing("What did the hospital donate?") == frozenset()


def test_a_noun_the_dictionary_glosses_in_the_plural_is_looked_up_as_written() -> None:
    # "facility" alone gives 核设施, 关厂 and the like, and no 设施: counting it would refuse 5处饮水设施
    counted = english_counted_thing("How many clean drinking water facilities are they building?")
    assert not counted or any(word[:2] == "设施" for word in counted)
