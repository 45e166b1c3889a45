"""ranks_answering: the ranks a 第几 question asks for, in the forms news writes them."""

from __future__ import annotations

from service.answering.ordinals import ranks_answering


def test_a_rank_of_the_noun_after_diji() -> None:
    asked = "党组书记要切实履行的是第几责任人的职责？"
    assert ranks_answering(asked, '党组书记切实履行"第一责任人"职责') == ["第一责"]
    assert ranks_answering(asked, "成立由党组书记任组长的领导小组") == []
    assert ranks_answering("这家中心在全市是第几家？", "全市首家泛血管疾病管理中心") == ["首家"]
    assert ranks_answering("一共有多少人？", "共120人参与") is None


def test_a_party_congress_is_named_by_its_rank() -> None:
    asked = "医院党委学习贯彻的，是党的第几次全国代表大会的精神？"
    assert ranks_answering(asked, "认真贯彻落实党的二十大精神", congress_only=True) == ["二十大"]
    assert ranks_answering(asked, "召开第五届职工代表大会", congress_only=True) == []
    assert (
        ranks_answering("义诊赶上的是第几届宣传周？", "第30个全国肿瘤防治宣传周", congress_only=True) is None
    )
