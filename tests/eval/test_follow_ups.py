"""eval/follow_ups.py: a question after one about another page is rewritten only in the what-about
form, and the script counts the rewrites and the answers they change."""

from __future__ import annotations

from types import SimpleNamespace

from service.evaluation.metrics import Item
from tests.eval.datasets import load_script

follow_ups = load_script("follow_ups.py")


def test_counts_rewrites_and_changed_answers() -> None:
    items = [
        Item("a", "鹤壁市截至9月底共受理多少件医疗纠纷案件？", ["106件"], ["106件"], "p1.txt"),
        Item("b", "灵宝市医保部门按什么标准支付生育医疗费用？", ["1000元"], ["1000元"], "p2.txt"),
        Item("c", "那濮阳市呢？", [], [], "p3.txt"),  # read with whichever question comes before it
    ]
    asked: list[str] = []

    def answer(question: str) -> SimpleNamespace:
        asked.append(question)
        return SimpleNamespace(answerable=not question.startswith("那"), answer=question)

    totals = follow_ups.count(items, answer)
    assert totals == {"questions": 3, "rewritten": 1, "outcome changed": 1}
    assert asked[0] == "那濮阳市呢？" and asked[1].startswith("濮阳市") and asked[1] != asked[0]


def test_pointing_back_asks_the_follow_up_alone_after_and_as_written() -> None:
    items = [
        Item("a", "兴义市人民医院引进了几名专家？", ["8名"], ["8名"], "p1.txt"),
        Item("b", "兴义市人民医院获得了什么荣誉？", ["先进"], ["先进"], "p1.txt"),
        Item("c", "灵宝市医保部门按什么标准支付生育医疗费用？", ["1000元"], ["1000元"], "p2.txt"),
        Item(
            "d", "How many experts did Xingyi People's Hospital bring in?", ["8名"], ["8名"], "p1.txt", "en"
        ),
        Item("e", "What honour did Xingyi People's Hospital win?", ["先进"], ["先进"], "p1.txt", "en"),
        Item("f", "What did Xingyi People's Hospital and Lingbao agree?", ["先进"], ["先进"], "p3.txt", "en"),
    ]
    asked: list[str] = []

    def answer(question: str) -> SimpleNamespace:  # right only when the hospital is named
        asked.append(question)
        named = "兴义市人民医院" in question or "Xingyi People's Hospital" in question
        return SimpleNamespace(answerable=True, answer=("8名先进" if named else "不知道"))

    totals = follow_ups.pointing_back(items, answer)
    each = {
        "read with the history": 2,
        "right alone": 0,
        "right after": 2,
        "right as written": 2,
        "read, and wrong where as written right": 0,
    }
    # a and b, each after the other; c's page has no second question on 灵宝市, nor f's on its hospital
    assert totals == {"zh": {"follow-ups": 2, **each}, "en": {"follow-ups": 2, **each}}
    assert "How many experts did the hospital bring in?" in asked


def test_pointing_back_counts_the_follow_ups_a_reading_makes_worse() -> None:
    items = [
        Item("a", "兴义市人民医院引进了几名专家？", ["8名"], ["8名"], "p1.txt"),
        Item("b", "贵州省兴义市人民医院获得了什么荣誉？", ["先进"], ["先进"], "p1.txt"),
    ]
    written = {item.question for item in items}

    def answer(question: str) -> SimpleNamespace:  # right only as written
        return SimpleNamespace(answerable=True, answer=("8名先进" if question in written else "不知道"))

    # a's 该院 is read as b's longer name, 贵州省兴义市人民医院, and goes wrong; b's as a's, and reads
    # back to b as written
    counts = follow_ups.pointing_back(items, answer)["zh"]
    assert counts["follow-ups"] == 2 and counts["read with the history"] == 2
    assert counts["right as written"] == 2 and counts["read, and wrong where as written right"] == 1
