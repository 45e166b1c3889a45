from __future__ import annotations

import pytest

from service.answering.cues import answer_cue, asks_heading, asks_only_yes_or_no, asks_title, is_heading
from tests.service.answering.helpers import question


@pytest.mark.parametrize(
    ("asked", "sentence", "expected"),
    [
        ("义诊都有哪些科室参加？", "伽玛刀中心、影像诊断中心等科室的专家参加义诊。", True),
        ("义诊都有哪些科室参加？", "北京天坛医院开展肿瘤防治多学科联合义诊。", False),
        ("中药香囊有什么作用？", "选用的中药材有防疫、祛湿、驱蚊等功效。", True),
        ("卫生院是如何找到那位老人的？", "在周边小区群内发布信息,很快找到了这位老人。", True),
        ("卫生院是如何找到那位老人的？", "老人多年来一直使用这种滴眼液。", False),
        ("那个倡导新式婚育观念的实践点是哪个层级的？", "卫健委积极推进省级“新型婚育文化”实践点建设。", True),
        ("那个倡导新式婚育观念的实践点是哪个层级的？", "该市深入推进新型婚育观念宣传。", False),
        # the pace of an action: a word of pace right before the action or what it acts on
        ("各科室今后要以怎样的节奏推行6S管理？", "各科室持续深入实施6S管理,巩固现有成果。", True),
        ("各科室今后要以怎样的节奏推行6S管理？", "6S管理第三批推广科室通过验收。", False),
        ("各科室今后要以怎样的节奏推行6S管理？", "医院不断提升医疗质量。", False),  # pace, of something else
    ],
)
def test_a_sentence_shaped_like_the_answer_to_a_how_or_which_question(
    asked: str, sentence: str, expected: bool
) -> None:
    assert answer_cue(question(asked), sentence) is expected


def test_a_title_question_prefers_a_quoted_name() -> None:
    asked = question("鹤壁市卫健委组织义诊的志愿服务叫什么名字？")
    assert answer_cue(asked, "开展“健康鹤壁行·名医走基层”志愿服务活动。")
    assert not answer_cue(asked, "组织医务人员走进乡村开展义诊活动。")


def test_an_abbreviation_question_wants_a_quoted_name_it_does_not_give_itself() -> None:
    asked = question("那篇短评把卫健委印发的基层便民惠民服务举措简称作什么？")
    assert answer_cue(asked, "这正是对“便民10条”的具体落实。")
    assert not answer_cue(asked, "国家卫生健康委印发的《基层卫生健康便民惠民服务举措》提出10条措施。")


def test_how_soon_wants_the_speed_of_the_asked_action() -> None:
    asked = question("医生怀疑是主动脉夹层以后，多快就启动了医共体的急救体系？")
    assert answer_cue(asked, "我们立即启动医共体急救体系,紧急联系总医院。")
    assert not answer_cue(asked, "专职调解员及时介入,将纠纷向院外转移。")  # soon, but doing something else


def test_from_which_stage_to_which_wants_a_range() -> None:
    asked = question("管理中心给病人做健康管理，是从哪个阶段一直管到哪个阶段？")
    assert answer_cue(asked, "中心对患者进行从预防、评估、治疗到康复和随访的全程管理。")
    assert not answer_cue(asked, "天津市第一中心医院泛血管疾病管理中心开诊。")


def test_which_five_year_plan_wants_the_plans_name() -> None:
    asked = question("要让医院在哪个五年规划时期的发展有个好开局？")
    assert asked.answer_type == "other"  # 在哪个…时期 asks no place
    assert answer_cue(asked, "为‘十四五’期间医院发展开好局、起好步。")
    assert not answer_cue(asked, "推动医院高质量发展,在全市医疗机构中树标杆作示范。")


def test_a_figure_of_speech_and_a_saying_want_their_quotes() -> None:
    asked = question("心胸外科主任把李女士的主动脉夹层比作什么？")
    assert answer_cue(asked, "“必须立即手术拆除这个‘定时炸弹’！”心胸外科主任说。")
    assert answer_cue(asked, "骨骼犹如建筑中的钢筋,支撑着生命。")
    assert not answer_cue(asked, '是守护这份"坚实"的专业力量。')  # a quoted word is no figure of speech
    asked = question("院长用哪句话概括了送香囊的心意？")
    assert answer_cue(asked, "“小香囊,大祝福。”")
    assert not answer_cue(asked, "我们将总结经验,提升标准、提升品质。")
    asked = question("院长批评创评工作越往基层越冷淡，他用了怎样的说法来形容？")
    assert answer_cue(asked, "要改变前期出现的“上热、中温、下凉”的现象。")
    assert not answer_cue(asked, "他强调要实行院、科两级负责制。")


def test_how_far_wants_a_scope() -> None:
    asked = question("郑大二附院搞矫形的那支专家队伍，在多大范围里算得上权威？")
    assert answer_cue(asked, "郑大二附院拥有一支省内权威的专家团队")
    assert answer_cue(question("医院要在什么范围里当标杆、做示范？"), "在全市医疗机构中树标杆作示范")
    assert not answer_cue(asked, "在先天性畸形矫正、后天性畸形治疗等方面具有丰富经验")


def test_to_what_extent_wants_a_word_of_extent() -> None:
    asked = question("开封鼓楼区这回查公共场所，那些经营场所在卫生方面的设施总体上配得全不全？")
    assert answer_cue(asked, "从检查情况看,各经营单位卫生设施基本齐备,管理制度基本健全。")
    assert not answer_cue(asked, "卫生监督所对辖区内的公共场所进行专项监督检查。")
    assert answer_cue(
        question("医院打算给癌症病人什么程度的支持和关爱？"), "为癌症患者提供全方位的支持与关爱。"
    )


def test_a_figure_of_speech_is_quoted_after_the_verb_the_question_keeps() -> None:
    asked = question("医院抓清廉医院建设，打了个比方，说要经常给输点什么？")
    assert answer_cue(asked, "常输“营养液”,推进清廉医院建设。")
    assert not answer_cue(asked, "聚焦“三重一大”事项监督,紧盯重点部门。")  # another verb's quoted name
    assert not answer_cue(asked, "以建设“清廉医院”为抓手。")  # the name the question gives itself
    assert not answer_cue(question("医院说要经常给输点什么？"), "常输“营养液”,推进清廉医院建设。")


def test_by_what_means_wants_a_means_named_before_the_asked_action() -> None:
    asked = question("那次义诊除了发手册，医生还用什么办法普及防癌知识？")
    assert answer_cue(asked, "医生还通过张贴海报、播放短视频等方式普及肿瘤防治知识。")
    assert not answer_cue(
        asked, "医院通过义诊、咨询等方式,推动健康教育进社区。"
    )  # the means of another action
    assert not answer_cue(asked, "讲座采用了图文并茂的形式")  # a means that ends the sentence
    assert not answer_cue(question("义诊普及了哪一项知识？"), "医生还通过张贴海报等方式普及肿瘤防治知识。")


def test_which_one_of_a_kind_wants_the_kind_named_in_full() -> None:
    asked = question("检查托育机构时，要看哪一项制度有没有挂到墙上？")
    assert answer_cue(asked, "检查消防安全责任制是否落实,消防应急疏散制度是否上墙。")
    assert not answer_cue(asked, "市卫生健康委联合多部门开展托育机构消防安全检查。")


def test_which_level_may_be_answered_by_a_scope_and_which_field_wants_the_field_named() -> None:
    asked = question("医院党委拿过一个先进基层党组织的荣誉，那是哪一级评的？")
    assert answer_cue(asked, "医院党委荣获“全省先进基层党组织”称号。")
    asked = question("会议要求在哪个领域集中整治腐败问题？")
    assert asked.answer_type == "other"  # 在哪个领域 asks no place
    assert answer_cue(asked, "深入开展医药领域腐败问题集中整治。")
    assert not answer_cue(asked, "会议强调,要切实加强党风廉政建设。")


def test_a_scope_is_a_level_only_for_an_honour() -> None:
    asked = question("康复科被评为哪一级的重点专科？")
    assert not answer_cue(asked, "孟津区中医院在全国609家基层胸痛中心中排名全国第七。")


def test_an_english_question_asking_which_things_wants_a_list() -> None:
    asked = question("What kinds of services does the Bayi community health service station offer?")
    assert answer_cue(asked, "该服务站拥有预防、保健、全科医疗、中医内科、康复治疗等服务体系。")
    assert not answer_cue(asked, "八一社区卫生服务站每天有一位资深中医专家坐诊。")
    assert not answer_cue(question("What does Jiyuan aim to achieve?"), "实现院有特色、科有名医。")


def test_a_heading_is_a_short_line_not_ended_as_a_sentence() -> None:
    assert is_heading('鹤壁市"1+3+4+N"工作模式构建和谐医患关系')
    assert is_heading("端午节赠送中药香囊 ")
    assert not is_heading("医院向老兵赠送中药香囊。")
    assert not is_heading("“小香囊,大祝福。”")
    assert not is_heading("鹤壁市卫生健康委将党建引领基层高效能治理摆在突出位置,以提升基层治理水平")


def test_asking_what_something_is_called() -> None:
    assert asks_title("这种工作模式叫什么？") and asks_title("那场义诊的主题是什么？")
    assert asks_title("What was the theme of the free clinic?") and asks_title(
        "What is the programme called?"
    )
    assert not asks_title("专家们是怎么给患者看的？") and not asks_title("What help does the hospital give?")


def test_asking_what_a_heading_says() -> None:
    assert asks_heading("小标题说要彰显哪一种“心”？") and asks_heading("What does the section's heading say?")
    assert not asks_heading("专家们是怎么给患者看的？") and not asks_heading(
        "Which way is the hospital heading?"
    )


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("高血压病人能不能泡温泉？", True),
        ("化疗掉的头发，停药以后还能再长出来吗？", True),
        ("高血压病人能不能泡温泉？水温多高比较安全？", False),  # the second asks for a figure
        ("三门峡检查托育机构时，要看哪一项制度有没有挂到墙上？", False),
        ("Is it safe to drink alcohol while taking antibiotics?", True),
        ("How many beds does the hospital have?", False),
        ("Is the clinic open on Sundays, and which doctors work there?", False),
    ],
)
def test_a_question_asking_only_yes_or_no(asked: str, expected: bool) -> None:
    assert asks_only_yes_or_no(question(asked)) is expected
