from __future__ import annotations

from service.answering.english_counts import english_counted_people, english_counted_thing, english_unit


def test_the_counted_thing_is_the_last_word_before_the_verb() -> None:
    assert "血小板" in english_counted_thing("How many millilitres of platelets were donated?")
    assert english_counted_thing("What did the hospital donate?") == frozenset()


def test_a_noun_the_dictionary_glosses_in_the_plural_is_looked_up_as_written() -> None:
    # "facility" alone gives 核设施, 关厂 and the like, and no 设施: counting it would refuse 5处饮水设施
    counted = english_counted_thing("How many clean drinking water facilities are they building?")
    assert not counted or any(word[:2] == "设施" for word in counted)


def test_english_counted_people_in_chinese() -> None:
    assert english_counted_people("How many specialists took part in the clinic?") == "专家|医生|医师|医务"
    assert english_counted_people("How many surgeries were performed?") is None


def test_english_workers_are_counted_by_their_chinese_nouns() -> None:
    assert "社工" in (english_counted_people("How many social workers are there in the department?") or "")


def test_an_english_counted_noun_names_its_chinese_measure_words() -> None:
    assert english_unit("How many remote ECG cases did the hospital read?") == "例|件|次"
    assert english_unit("How many specialists took part in the free clinic?") == "名|位|人"
    assert english_unit("How many beds does the new ward have?") == "张|床"
    assert english_unit("What did the hospital donate?") is None
