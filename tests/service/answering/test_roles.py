"""The role vocabularies: what each list is for decides what it holds."""

from __future__ import annotations

import re

from service.answering.roles import (
    ASKED_KIN,
    ASKS_NO_OFFICIAL,
    ASKS_TELLER,
    EN_ROLES,
    NAME_CUE,
    OFFICIAL,
    ROLE,
    ROLES_ASKED_BY_NAME,
    TELLER,
    role_forms,
)


def test_a_question_s_role_keeps_its_deputy_prefix() -> None:
    assert ROLE.findall("副院长和院长分别是谁") == ["副院长", "院长"]
    assert ROLE.findall("董事长和法定代表人分别是谁") == ["董事长", "法定代表人"]
    assert ROLE.findall("原告的诉讼代理人叫什么名字") == ["代理人"]


def test_a_role_in_each_of_its_forms() -> None:
    forms = re.compile(role_forms("法定代表人"))
    assert forms.search("法人代表张君说") and forms.search("该校法人张君说")
    assert role_forms("院长") == "院长"


def test_a_role_holder_asked_by_name_alone() -> None:
    assert re.search(f"(?:{ROLES_ASKED_BY_NAME})叫什么", "其法定代表人叫什么")
    assert not re.search(f"(?:{ROLES_ASKED_BY_NAME})叫什么", "这项活动叫什么")


def test_the_name_after_a_cue_word() -> None:
    assert NAME_CUE.findall("据董事长王建国介绍") == ["王建国"]
    assert NAME_CUE.findall("据护士长王建国介绍") == []


def test_a_kin_asked_by_name_but_not_a_kin_the_question_only_mentions() -> None:
    assert ASKED_KIN.findall("他要找的堂妹叫什么") == ["堂妹"]
    assert ASKED_KIN.findall("他婶婶的名字是什么") == ["婶婶"]
    assert ASKED_KIN.findall("杀害妻子的男子叫什么名字") == []  # the man is asked, not his wife


def test_an_english_role_in_the_chinese_forms_an_article_writes() -> None:
    def written(question: str) -> list[str]:
        return [forms for pattern, forms in EN_ROLES if pattern.search(question)]

    assert written("Who is the mayor of the city?") == ["市长|县长|区长"]
    assert "院长" in written("Who is the director of the hospital?")[0]
    assert "护士长" in written("Who is the head nurse of the ward?")
    assert written("Who wrote the report?") == []


def test_a_teller_s_title_and_the_questions_that_ask_about_tellers() -> None:
    assert TELLER.search("据民警") and TELLER.search("本报记者")
    assert not TELLER.search("据民警介绍")  # the title must stand right before the name
    assert ASKS_TELLER.search("是哪位民警介绍的案情") and ASKS_TELLER.search("采访他的记者叫什么")
    assert not ASKS_TELLER.search("被困的司机叫什么名字")


def test_an_official_s_title_and_the_questions_no_official_answers() -> None:
    assert OFFICIAL.search("社区党支部书记") and OFFICIAL.search("据校长")
    assert not OFFICIAL.search("副院长")  # a hospital's head is the doctor a question may ask for
    assert ASKS_NO_OFFICIAL.search("值班医生叫什么名字") and ASKS_NO_OFFICIAL.search("遇难的学生叫什么")
    assert not ASKS_NO_OFFICIAL.search("社区党支部书记叫什么名字")
