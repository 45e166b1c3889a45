from __future__ import annotations

from service.answering.durations import durations_beside_words, until_able


def test_until_one_can_do_something_the_action_follows_the_duration() -> None:
    asked = "做完手术以后，几天就能下床走路？"
    assert until_able(asked, "患者术后3天即可下地行走。", ["3天"]) == ["3天"]  # one character of the action
    assert until_able("伤口要过多久才能沾水？", "手术历时5个多小时，团队完成了置换。", ["5个多小时"]) == []
    assert until_able("手术做了多久？", "手术历时5个多小时。", ["5个多小时"]) == [
        "5个多小时"
    ]  # not asked until


def test_a_duration_stands_beside_a_translated_word_of_the_question() -> None:
    asked = "How long did the heart surgery take?"
    sentence = "患者的胸闷已困扰她3年,家人多次陪她就诊,手术历时5个多小时。"
    assert durations_beside_words(asked, sentence, ["3年", "5个多小时"]) == ["5个多小时"]
    assert durations_beside_words(asked, "活动为期60天,义诊覆盖全县。", ["60天"]) == []
