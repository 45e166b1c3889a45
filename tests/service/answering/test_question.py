from __future__ import annotations

import pytest

from service.answering.question import answer_type, coverage
from service.answering.units import asked_unit
from tests.service.answering.helpers import question


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("鹤壁市共受理多少件医疗纠纷案件？", "number"),
        ("院报是什么时候创刊的？", "date"),
        ("两项检查分别是在哪几天进行的？", "date"),
        ("孟津区中医院的院长是谁？", "person"),
        ("参赛选手在哪家医院进行技能操作？", "org"),
        ("灵宝市在哪里提供婚检咨询？", "place"),
        ("How many childcare places had Lingbao completed?", "number"),
        ("Who is the head of cardiology?", "person"),
        ("辽宁省卫健委给今年定了什么主题？", "other"),
        ("老人的年龄是多少？", "number"),
        ("合格的比例有多高？", "number"),
        ("主动脉夹层病人里有多大比例同时患有高血压？", "number"),
        # an attribute noun that qualifies another noun is not what is asked
        ("心脏手术刷新了哪个地区的最小体重纪录？", "place"),
        ("What was the baby's birth weight?", "number"),
        ("How old is the patient?", "number"),
        # English opens with the asked word; a later "who" is a relative pronoun
        ("How old is the mother of eight who received the first operation?", "number"),
        ("做CT的郭先生今年多大？", "number"),  # an age
        ("他要找的堂妹叫什么？", "person"),  # a kin asked by name
        ("那位王师傅的全名叫什么？", "person"),
        ("问卷覆盖的是多大岁数的老人？", "number"),  # an age, as units.asked_unit reads it (岁)
        ("孩子当时多大了？", "number"),
        ("卫生院的面积有多大？", "number"),  # an area (units.AREA_UNITS), not an age
        ("海东市两所受援医院分别叫什么名字？", "org"),  # the name of a hospital, not of a person
        ("3件金奖作品分别出自哪些单位？", "org"),
        # the last question word is the asked one; 哪几 asks which, not how many
        ("社区医联体成员除了武汉的几个区，还有来自哪个城市的？", "place"),
        ("中药香囊里装了哪几味药材？", "other"),
        ("清河县中医院的宣传义诊是在几月几日？", "date"),
        ("社区医联体单位分布在武汉市哪几个城区？", "place"),
        # 那几 and 这几 point back at something ("those few services"); they ask no count
        ("卫健委开展的那几项服务，重点照顾的是哪几类特殊人群？", "other"),
        ("这几家医院一共有多少张床位？", "number"),
        ("In which year did the department begin performing UBE surgery?", "date"),
        ("濮阳市中医医院放射科的主任叫什么名字？", "person"),  # a role's holder
        ("武汉儿童医院为什么要赶在暑假组织献血？", "reason"),
        ("她当年因为什么意外陷入植物人状态？", "other"),  # because of what accident: the accident
        ("他为什么被抓？", "reason"),
        ("那位胸痛患者转到总院后被确诊为什么病？", "disease"),  # not 为什么, a reason
        ("Besides pneumothorax, what lung disease did the newborn have?", "disease"),
        ("房山那位老人想让卫生院买回来什么药？", "drug"),
        ("老人一直用的是哪种药？", "drug"),
        ("What eye drops did the old man in Fangshan ask for?", "drug"),
        ("Which medicine did the hospital order?", "drug"),
        ("Why did the hospital open the window?", "reason"),
        # a service's or a campaign's name is a title, not a person's
        ("组织医务人员下基层义诊的志愿服务叫什么名字？", "other"),
        ("鹤壁市卫健委的主任叫什么名字？", "person"),
        ("被曝收取择校费的景博学校，其法定代表人叫什么？", "person"),  # a role's holder, by 叫什么 alone
        ("银川景博学校的法定代表人叫什么？", "person"),  # no school's name: the holder of its role
        ("这个公益项目叫什么？", "other"),
        ("What is the phone number of the hospital?", "number"),
        ("那篇报道署名的本报记者是哪一位？", "person"),
        ("医院在哪个专门针对结直肠癌的诊疗联盟里担任副主席单位？", "org"),  # not 在哪, a place
        ("到2025年年底，县域在哪两方面的能力要明显提升？", "other"),  # aspects, not a place
        ("医院在哪方面下了功夫？", "other"),
        ("除了术后康复指导，还在哪个环节加强了监测？", "other"),
        ("那场活动在哪举行？", "place"),
        ("医院几乎所有科室都参与了什么活动？", "other"),  # 几乎 ("almost") asks no count
        ("孟津区中医院开办的社区卫生服务站在什么位置？", "place"),
        ("卫健委把基层治理摆在了工作中的什么位置？", "other"),  # a standing in X, no place
        ("要先找准党建和业务工作结合的什么位置？", "other"),
        ("医院说要为什么样的孟津出一份力？", "other"),  # 为 什么样的, not 为什么: no reason asked
        ("When did Chengdu launch its peer support project?", "date"),
        ("The hospital opened a clinic; when did it open?", "date"),
        # the "when" of a clause asks no time
        ("What consultation can the hospital hold when the community hospitals need it?", "other"),
        ("What principle does the team keep to when deciding how to treat a patient?", "other"),
        ("Which Chinese city has the most top-grade hospitals?", "place"),  # a word before the city
        ("Whose idea was the free clinic?", "person"),
        ("The clinic opened in May, and who runs it?", "person"),
        ("By whom was the foundation started?", "person"),
        ("What is the name of the official who heads the task force?", "person"),
        # the relative pronoun after a noun asks for no person
        ("How do I remove a screw whose head is stripped?", "other"),
        ("What do people who stop in front of the culture corridor do there?", "other"),
        ("How old is the patient who was discharged last week?", "number"),
        ("The team arrived in May; where did they operate?", "place"),
        ("What does the hospital offer in the county where she lives?", "other"),
        # a clause before the question
        ("When the inspectors checked public places, what did they examine?", "other"),
        ("When was the clinic, which is in Luoyang, opened?", "date"),
        # a relative clause after a comma, before the question word
        (
            "In the bank case in Shijiazhuang, where a man met the customer, how old was the customer?",
            "number",
        ),
        ("In the fire in Yangjiang, where an old man was trapped, what caused it?", "other"),
        ("At the clinic, who treated the boy, how long did the operation take?", "number"),
        ("The team arrived in May, and where did they operate?", "place"),
        ("Who is the head of cardiology at the hospital, which opened a new centre?", "person"),
        # which student, which doctor: a person; which department is no one
        ("Which student from the school made the All-Star team?", "person"),
        ("Which doctors took part in the free clinic?", "person"),
        ("Which department did the doctor join?", "org"),
        ("那位大夫自己家孩子多大？", "number"),  # an age
    ],
)
def test_answer_type(text: str, kind: str) -> None:
    assert answer_type(text) == kind


def test_coverage_is_the_weighted_share_of_question_terms_found() -> None:
    q = question("鹤壁市受理医疗纠纷")
    assert coverage(q, "鹤壁市受理医疗纠纷案件106件") == pytest.approx(1.0)
    assert 0 < coverage(q, "鹤壁市召开会议") < 0.5
    assert coverage(q, "无关的句子") == 0.0


def test_which_few_people_asks_for_people() -> None:
    assert answer_type("那组图片报道，署名的是哪几位？") == "person"
    assert answer_type("那篇稿子，文末署名的是哪两位？") == "person"


def test_in_which_people_asks_for_no_place() -> None:
    assert answer_type("那34个科室是在哪些人的指导下落实工作的？") != "place"
    assert answer_type("义诊活动是在哪举行的？") == "place"


def test_where_to_start_from_asks_for_no_place() -> None:
    assert answer_type("想让医疗服务有温度，是从哪里着手的？") == "other"  # 从细微之处着手
    assert answer_type("患者是从哪里转来的？") == "place"


def test_which_continent_asks_for_a_place_and_which_line_for_an_ordinal() -> None:
    assert answer_type("医疗队这次是去了哪个大洲？") == "place"
    assert asked_unit("基层医疗机构是守护健康的第几道防线？") == "道"


def test_a_question_about_two_things_at_once() -> None:
    from service.answering.question import asks_two

    assert asks_two("焦作市技能竞赛和鹤壁市护理竞赛各有多少人参赛？")
    assert asks_two("Which edition was each of them?")
    assert not asks_two("鹤壁市共受理多少件医疗纠纷案件？")
