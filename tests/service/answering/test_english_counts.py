from __future__ import annotations

from service.answering.english_counts import durations_beside_words, english_counted_thing


def test_the_counted_thing_is_the_last_word_before_the_verb() -> None:
    assert "血小板" in english_counted_thing("How many millilitres of platelets were donated?")
    assert english_counted_thing("What did the hospital donate?") == frozenset()


def test_a_duration_stands_beside_a_translated_word_of_the_question() -> None:
    asked = "How long did the heart surgery take?"
    sentence = "患者的胸闷已困扰她3年,家人多次陪她就诊,手术历时5个多小时。"
    assert durations_beside_words(asked, sentence, ["3年", "5个多小时"]) == ["5个多小时"]
    assert durations_beside_words(asked, "活动为期60天,义诊覆盖全县。", ["60天"]) == []
