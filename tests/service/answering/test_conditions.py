from __future__ import annotations

import pytest

from service.answering.conditions import conditions_missing, english_conditions


def test_the_longest_name_is_taken_and_not_counted_twice() -> None:
    found = english_conditions("How many newborns were screened for congenital heart disease?")
    assert found == [("congenital heart disease", "先心病|先天性心脏病")]


@pytest.mark.parametrize(
    ("question", "context", "missing"),
    [
        # the article names high blood pressure, not diabetes
        (
            "What share of aortic dissection patients also have diabetes?",
            "70%~90%的主动脉夹层患者合并高血压病。",
            ["diabetes"],
        ),
        (
            "What share of aortic dissection patients also have high blood pressure?",
            "70%~90%的主动脉夹层患者合并高血压病。",
            [],
        ),
        ("Which eye drops did the glaucoma patient ask for?", "八旬老人写信请求卫生院进药。", ["glaucoma"]),
        ("How many cataract operations were performed?", "免费实施白内障复明手术1600余例。", []),
        ("What share of Cancers can be prevented?", "40%的癌症是可以预防的。", []),  # any case, plural
        ("Who opened the clinic?", "医院开设门诊。", []),  # no condition named: nothing to check
        # a word the dictionary translates only into conditions, though not in the glossary
        ("How many people watched the livestream on norovirus?", "以《知己知彼远离流感》为题", ["norovirus"]),
        ("How many people watched the livestream on norovirus?", "诺如病毒感染高发", []),
        ("How many people studied online during the livestream?", "3000多人在线学习", []),
    ],
)
def test_conditions_missing(question: str, context: str, missing: list[str]) -> None:
    assert conditions_missing(question, context) == missing
