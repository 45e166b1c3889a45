"""The role vocabularies: what each list is for decides what it holds."""

from __future__ import annotations

import re

from service.answering.roles import ASKED_KIN, NAME_CUE, ROLE, ROLES_ASKED_BY_NAME, role_forms


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
