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
        ("在那儿工作的医生有多少？", DISPUTES, "在鹤壁市工作的医生有多少？"),
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
        ("老人摔跤后大腿根那儿一直疼，是骨折吗？", [DISPUTES]),  # 那儿 after a noun: the thigh's
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


HOSPITAL_EN = "Which award did Xingyi People's Hospital win?"


@pytest.mark.parametrize(
    ("follow_up", "earlier", "read_as"),
    [
        ("How many beds does it have?", HOSPITAL_EN, "How many beds does Xingyi People's Hospital have?"),
        ("Who is its director?", HOSPITAL_EN, "Who is Xingyi People's Hospital's director?"),
        (
            "How many beds does the hospital have?",
            HOSPITAL_EN,
            "How many beds does Xingyi People's Hospital have?",
        ),
        ("What is this hospital known for?", HOSPITAL_EN, "What is Xingyi People's Hospital known for?"),
        ("How many doctors work there?", HOSPITAL_EN, "How many doctors work at Xingyi People's Hospital?"),
        ("How many did the city resolve?", DISPUTES_EN, "How many did Hebi resolve?"),
        ("What happened there?", DISPUTES_EN, "What happened in Hebi?"),  # no institution: a place
        ("When was it founded?", DISPUTES_EN, "When was Hebi founded?"),
        # a possessive, a city's suffix, a place opening an institution's name
        ("Who heads the city?", "What did Hebi's health commission set up?", "Who heads Hebi?"),
        ("Who heads the city?", "How big is Hebi City?", "Who heads Hebi City?"),
        ("Who heads the city?", "When did Chongqing Mental Health Center open?", "Who heads Chongqing?"),
        (
            "Who is the hospital's director?",
            "Is Xingyi People's Hospital's ward new?",
            "Who is Xingyi People's Hospital's director?",
        ),
    ],
)
def test_an_english_word_pointing_back_is_read_as_the_name_before_it(
    follow_up: str, earlier: str, read_as: str
) -> None:
    assert standalone(follow_up, [earlier]) == read_as


@pytest.mark.parametrize(
    "question",
    [
        "Is it safe for pregnant women to get a flu vaccine?",  # "it" pointing at nothing
        "Is it true that 300 disputes were resolved?",
        "How long does it take to recover?",
        "How many hospitals are there?",  # existential "there"
        "There were how many beds?",
        "Which hospital improved its service?",  # "its": the hospital in the question
        "Which city has the hospital with the most beds?",  # "the hospital with": defined where it stands
        "How many beds does it have in Zhengzhou?",  # a name of its own
        "Did Zhengzhou resolve more than 80% of its medical disputes?",
        "Through its health work, which drives has Mengjin District TCM Hospital helped?",  # "its" points ahead
        "Why did they sue it?",  # "it" as an object
    ],
)
def test_other_english_pointers_are_answered_as_asked(question: str) -> None:
    assert standalone(question, [HOSPITAL_EN]) == question
    assert standalone(question, [DISPUTES_EN]) == question


def test_an_english_pointer_with_nothing_of_its_kind_before_it_is_answered_as_asked() -> None:
    assert standalone("How many beds does the hospital have?", [DISPUTES_EN]) == (
        "How many beds does the hospital have?"  # the question before names no hospital
    )
    assert standalone("How many beds does it have?", ["醫院有多少張床位？"]) == "How many beds does it have?"
    assert standalone("How many beds does it have?", []) == "How many beds does it have?"
