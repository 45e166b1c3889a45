"""Follow-ups of the form "那X呢？" read as the question before them with X in its place; every
other question, and one without a question before it, is answered as asked."""

from __future__ import annotations

import pytest

from service.conversation import standalone

DISPUTES = "鹤壁市截至9月底共受理多少件医疗纠纷案件？"
HONORARY = "濮阳市中医医院超声介入科的名誉主任是谁？"


@pytest.mark.parametrize(
    ("follow_up", "earlier", "read_as"),
    [
        ("那灵宝市呢？", DISPUTES, "灵宝市截至9月底共受理多少件医疗纠纷案件？"),
        ("灵宝市呢", DISPUTES, "灵宝市截至9月底共受理多少件医疗纠纷案件？"),
        ("那么，灵宝市怎么样？", DISPUTES, "灵宝市截至9月底共受理多少件医疗纠纷案件？"),
        ("那靈寶市呢？", DISPUTES, "靈寶市截至9月底共受理多少件医疗纠纷案件？"),  # kept as written
        ("那郑州市呢？", HONORARY, "郑州市中医医院超声介入科的名誉主任是谁？"),  # the place, not the hospital
        ("那北京天坛医院呢？", HONORARY, "北京天坛医院超声介入科的名誉主任是谁？"),
    ],
)
def test_what_about_x_puts_x_in_place_of_its_kind(follow_up: str, earlier: str, read_as: str) -> None:
    assert standalone(follow_up, [earlier]) == read_as


def test_a_misspelt_place_is_read_as_the_place_it_sounds_like_with_or_without_history() -> None:
    assert standalone("鹤璧市受理了多少件医疗纠纷？", []) == "鹤壁市受理了多少件医疗纠纷？"
    assert standalone("那郑洲市呢？", [DISPUTES]) == "郑州市截至9月底共受理多少件医疗纠纷案件？"


def test_a_chain_of_follow_ups_reads_back_to_the_first_question() -> None:
    assert standalone("那濮阳呢？", [DISPUTES, "那灵宝市呢？"]) == "濮阳截至9月底共受理多少件医疗纠纷案件？"


@pytest.mark.parametrize(
    ("question", "history"),
    [
        ("那灵宝市呢？", []),  # nothing before it
        ("化解了多少件？", [DISPUTES]),  # not the what-about form
        ("灵宝市受理了多少件？", [DISPUTES]),  # a question of its own
        ("那主任呢？", [HONORARY]),  # neither a place nor an institution
        ("那北京天坛医院呢？", [DISPUTES]),  # the earlier question names no hospital
        ("那鹤壁市呢？", [DISPUTES]),  # the same place
    ],
)
def test_anything_else_is_answered_as_asked(question: str, history: list[str]) -> None:
    assert standalone(question, history) == question


@pytest.mark.parametrize(
    ("follow_up", "earlier", "read_as"),
    [
        ("该院超声介入科有几名医生？", HONORARY, "濮阳市中医医院超声介入科有几名医生？"),
        ("它的院长是谁？", HONORARY, "濮阳市中医医院的院长是谁？"),  # an institution first
        ("该市化解了多少件？", DISPUTES, "鹤壁市化解了多少件？"),
        ("那里化解了多少件？", DISPUTES, "鹤壁市化解了多少件？"),
        ("该委的领导小组组长是谁？", "鹤壁市卫健委怎样化解医疗纠纷？", "鹤壁市卫健委的领导小组组长是谁？"),
        (
            "它有多少张床位？",
            ["兴义市人民医院获得了什么荣誉？", "那郑州市第一人民医院呢？"],
            "郑州市第一人民医院有多少张床位？",
        ),
    ],
)
def test_a_word_pointing_back_is_read_as_the_name_the_question_before_gave(
    follow_up: str, earlier: str | list[str], read_as: str
) -> None:
    assert standalone(follow_up, earlier if isinstance(earlier, list) else [earlier]) == read_as


@pytest.mark.parametrize(
    ("question", "history"),
    [
        ("该院有多少张床位？", []),  # nothing before it
        ("该院有多少张床位？", [DISPUTES]),  # the earlier question names no hospital
        ("兴义市人民医院获得了什么荣誉？该院有多少张床位？", [HONORARY]),  # it names its own
        ("其它医院有多少张床位？", [HONORARY]),  # 其它 is "other", no pointer
        ("它们有多少张床位？", [HONORARY]),  # several: not one name
        ("买西瓜的时候怎么判断它熟没熟？", [HONORARY]),  # 它 inside the question: its own 西瓜
    ],
)
def test_a_pointer_with_nothing_of_its_kind_before_it_is_answered_as_asked(
    question: str, history: list[str]
) -> None:
    assert standalone(question, history) == question


DISPUTES_EN = "How many medical disputes did Hebi handle by the end of September?"


@pytest.mark.parametrize(
    "follow_up", ["What about Lingbao?", "And Lingbao?", "how about Lingbao", "Lingbao?"]
)
def test_english_what_about_a_place_read_in_pinyin(follow_up: str) -> None:
    assert standalone(follow_up, [DISPUTES_EN]) == DISPUTES_EN.replace("Hebi", "Lingbao")


def test_english_what_about_an_institution_of_the_same_kind() -> None:
    earlier = "Who heads Luoyang Central Hospital?"
    assert (
        standalone("What about Zhengzhou Central Hospital?", [earlier])
        == "Who heads Zhengzhou Central Hospital?"
    )


@pytest.mark.parametrize(
    ("question", "history"),
    [
        ("What about it?", [DISPUTES_EN]),  # no name
        ("What is the population of Hebi?", [DISPUTES_EN]),  # a question of its own
        ("What about Zhengzhou Central Hospital?", [DISPUTES_EN]),  # the earlier one names no hospital
        ("What about Lingbao?", [DISPUTES]),  # across languages: left as asked
        ("What about Lingbao?", []),
    ],
)
def test_other_english_questions_are_answered_as_asked(question: str, history: list[str]) -> None:
    assert standalone(question, history) == question
