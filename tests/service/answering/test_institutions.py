from __future__ import annotations

from embeddings.keyword import search_form
from service.answering.institutions import departments, hospitals, place_hospitals, place_schools
from service.answering.words import pos_tagger


def _hospitals(question: str) -> list[str]:
    text = search_form(question)
    return hospitals(text, pos_tagger()(text))


def test_the_hospital_after_a_place_is_named() -> None:
    assert _hospitals("洛阳市第一人民医院的院长是谁？") == ["第一人民医院"]
    assert _hospitals("武汉同济医院有几个院区？") == ["同济医院"]


def test_a_school_after_a_place_is_named_like_a_hospital() -> None:
    assert _hospitals("因收取捐助被曝光的银川英才学校，其法人代表叫什么名字？") == ["英才学校"]
    assert _hospitals("郑州市第一中学的校长是谁？") == ["第一中学"]


def test_no_hospital_is_named_by_a_body_a_verb_or_the_places_hospitals_in_general() -> None:
    assert _hospitals("濮阳市卫健委做健康促进医院评审时抽调了谁？") == []
    assert _hospitals("鹤壁要求医院建立的投诉管理机制一共分几级？") == []
    assert _hospitals("海东当地医院能做这种手术吗？") == []
    assert _hospitals("哪家省级肿瘤专科医院是它的协作医院？") == []


def test_a_hospital_named_by_its_place_keeps_the_place() -> None:
    assert place_hospitals("黔西南州人民医院有多少张床位") == ["黔西南州人民医院"]
    assert place_hospitals("濮阳市人民医院的院长是谁") == ["濮阳市人民医院"]
    assert place_hospitals("人民医院的院长是谁") == []


def test_a_department_of_a_hospital_but_not_a_discipline_a_verb_acts_on() -> None:
    assert departments("天津市第一中心医院肾内科的主任是谁") == ["肾内科"]
    assert departments("兴义市人民医院推动学科发展的举措有哪些") == []
    assert departments("北京天坛医院那场肿瘤多学科联合义诊在哪个时段") == []


def test_a_school_named_by_its_city() -> None:
    assert place_schools(pos_tagger()("安康学院有多少学生")) == ["安康学院"]
    assert place_schools(pos_tagger()("这所学院有多少学生")) == []
