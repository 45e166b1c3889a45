from __future__ import annotations

import pytest

from service.answering.cues import answer_cue
from service.answering.extractive import ExtractiveGenerator
from service.answering.gate import AnswerabilityGate
from service.answering.units import RATIO_UNITS
from service.answering.yes_no import asked_words, asks_yes_or_no, figure_asked, rarest_asked_word
from tests.service.answering.helpers import passage, question

PAGE = (
    "鹤壁市卫生健康委召开会议。至9月底,全市共受理医疗纠纷案件106件,已化解82件,化解率达77.3%。"
    "会议要求各单位加强管理。"
)


@pytest.mark.parametrize(
    ("asked", "lang", "expected"),
    [
        ("平台的总投资超过5000万元了没有？", "zh", True),
        ("平台的总投资是多少？有没有超过5000万元？", "zh", False),  # the first asks for a figure
        ("Did more than 100 people give blood?", "en", True),
        ("Has the hospital opened a night clinic?", "en", True),
        ("How many beds does the hospital have?", "en", False),
    ],
)
def test_a_question_asking_only_yes_or_no(asked: str, lang: str, expected: bool) -> None:
    assert asks_yes_or_no(asked, lang) is expected


@pytest.mark.parametrize(
    ("asked", "as_figure"),
    [
        ("鹤壁市受理的医疗纠纷超过100件了吗？", "鹤壁市受理的医疗纠纷多少件？"),
        ("鹤壁市的医疗纠纷化解率有没有达到80%？", "鹤壁市的医疗纠纷化解率百分之几？"),
        ("参与双报到的党员是否超过1000名？", "参与双报到的党员多少名？"),
        ("鹤壁市组建的最小应急单元有200个吗？", "鹤壁市组建的最小应急单元多少个？"),
        ("献血活动有超过100人参与吗？", "献血活动有多少人参与？"),  # a verb may follow the count
        ("平台的总投资超过5000万元了没有？", "平台的总投资多少万元？"),
        ("受益群众达到1万人次了吗？", "受益群众多少万人次？"),
        ("鹤壁市受理了106件医疗纠纷吗？", "鹤壁市受理了多少件医疗纠纷？"),  # the count after 了, confirmed
    ],
)
def test_a_threshold_the_question_ends_on_asks_for_the_figure(asked: str, as_figure: str) -> None:
    assert figure_asked(asked, "zh") == as_figure


@pytest.mark.parametrize(
    "asked",
    [
        "超过60岁的老人能免费体检吗？",  # an age names who is asked about: the article must give it
        "杭州生育三孩的家庭能拿到2万元育儿补助吗？",  # no comparison: the figure is the article's
        "鹤壁市受理了多少件医疗纠纷？",  # no yes-or-no question
        "医院的急诊是24小时开放的吗？",  # 24小时 says when, not how many
    ],
)
def test_other_figures_are_asked_as_written(asked: str) -> None:
    assert figure_asked(asked, "zh") is None


def test_english_thresholds_ask_how_many_or_what_percentage() -> None:
    assert (
        figure_asked("Did more than 3,000 people ask for help?", "en") == "Did how many people ask for help?"
    )
    assert figure_asked("Did Hebi resolve over 80% of its disputes?", "en") == (
        "Did Hebi resolve what percentage of its disputes?"
    )
    assert figure_asked("Did Hebi resolve 82 disputes?", "en") is None


def test_a_threshold_question_is_analysed_as_the_figure_it_asks_for() -> None:
    asked = question("鹤壁市的医疗纠纷化解率有没有达到80%？")
    assert (asked.answer_type, asked.unit) == ("number", RATIO_UNITS)
    assert asked.asked == "鹤壁市的医疗纠纷化解率有没有达到80%？"  # the LLM is asked as written
    assert not asked.traditional


@pytest.mark.parametrize(
    ("asked", "figure"),
    [("鹤壁市受理的医疗纠纷超过100件了吗？", "106件"), ("鹤壁市的医疗纠纷化解率有没有达到80%？", "77.3%")],
)
def test_a_threshold_the_article_does_not_give_is_answered_with_the_figure_it_gives(
    asked: str, figure: str
) -> None:
    q = question(asked)
    found = ExtractiveGenerator().generate_for(q, [passage(PAGE)])
    assert figure in found.parts[0].text
    decision = AnswerabilityGate().decide(q, [passage(PAGE)], found)
    assert decision.answerable, decision.reason


def test_a_threshold_question_about_another_place_is_still_refused() -> None:
    q = question("安阳市受理的医疗纠纷超过100件了吗？")
    found = ExtractiveGenerator().generate_for(q, [passage(PAGE)])
    decision = AnswerabilityGate().decide(q, [passage(PAGE)], found)
    assert not decision.answerable and "安阳" in decision.reason


@pytest.mark.parametrize(
    ("asked", "words"),
    [
        ("社会救助窗口是否提供法律援助服务？", ["法律援助"]),  # its nouns, when it has any
        ("急性胸痛患者最后康复出院了吗？", ["康复", "出院"]),  # after the word opening the predicate
        ("杭州生育三孩的家庭能拿到2万元育儿补助吗？", ["育儿"]),
        ("卫生院现在能做CT检查了吗？", ["ct"]),  # in search form
    ],
)
def test_the_words_a_yes_or_no_question_asks_whether(asked: str, words: list[str]) -> None:
    assert list(asked_words(asked)) == words


def test_the_sentence_holding_the_rarest_asked_word_looks_like_the_answer() -> None:
    asked = question("急性胸痛患者最后康复出院了吗？")
    assert rarest_asked_word(asked.text, {"康复": 1.0, "出院": 2.0}) == "出院"
    assert answer_cue(asked, "患者最终得到及时诊疗,康复出院。")
    assert not answer_cue(asked, "今年5月,卫生院接诊了一名突发急性胸痛的患者。")
