"""people.py: the person a sentence names for a person question, through new_answer_entity."""

from __future__ import annotations

import re

import pytest

from service.answering.features import new_answer_entity
from service.answering.people import (
    asks_byline,
    asks_credit,
    asks_photographer,
    is_author_line,
    is_credit_line,
    people_named,
)
from tests.service.answering.helpers import question


@pytest.mark.parametrize(
    ("asked", "sentence", "expected"),
    [
        # a name beside the asked role, not any name
        ("五龙口卫生院院长是谁？", "济源示范区五龙口卫生院院长乔宝剑告诉记者。", True),
        ("五龙口卫生院院长是谁？", "在五龙口卫生院住院的郭先生做完CT检查说。", False),
        # the unit named before the role must agree with the sentence's
        ("急诊医学科主任是谁？", "保健院急诊医学科主任路俊锋和护士长秦彩丽畅谈流感。", True),
        ("急诊医学科主任是谁？", "在洛阳思亲医院，妇产科主任张凤桃一边看直播，一边做笔记。", False),
        # 该院 refers back to the hospital the question names
        ("韩村河镇中心卫生院院长是谁？", "该院院长杨立志看信后，立即要求药房进行缺货登记。", True),
        # "…的副县长" names no unit
        ("点评创建成果的副县长是谁？", "西华县人民政府副县长张翠霞对创建成果给予肯定。", True),
        # the role, then an apposition ending in a titled name
        ("医疗队的队长是谁？", "医疗队队长、长治医学院附属和济医院眼科专家郝少峰表示，这是首位患者。", True),
        ("医疗队的队长是谁？", "医疗队队长、眼科专家表示，这是首位患者。", False),
        # reporters in a byline are not answers
        ("谁参加了义诊？", "本报讯（记者王明通讯员李华）近日，义诊活动在市区举行。", False),
        # a role-holder of another body answers nothing about this one's
        ("恒口示范区医共体总院（区中心医院）的院长是谁？", "梅子铺卫生院院长李文文说道。", False),
        ("济源示范区克井镇卫生院的院长叫什么名字？", "济源示范区五龙口卫生院院长乔宝剑告诉记者。", False),
        ("孟津区中医院的院长是谁？", "孟津区中医院院长李红伟介绍。", True),
        # a rare surname, quoted after the role and a title: a name all the same
        ("介绍热中风的那位主任医师姓名是什么？", "神经内科主任医师经屏介绍,夏天发生的中风俗称热中风。", True),
        ("介绍热中风的那位主任医师姓名是什么？", "神经内科主任在会上说,夏天发生的中风俗称热中风。", False),
        # the role, then an apposition that ends in another role and the name (校长张伯礼)
        (
            "那位全国人大代表兼中医科学院院长是谁？",
            "全国人大代表、中国中医科学院院长、天津中医药大学校长张伯礼建议。",
            True,
        ),
        # an English question's role, as the Chinese text writes it
        ("Who is the Party secretary of the hospital?", "医院党委书记王建国说。", True),
        ("Who is the Party secretary of the hospital?", "医院院长王建国说。", False),
        # a title is followed by a name only when a surname opens it
        ("谁来医院指导？", "聘请知名专家、教授来院指导帮扶。", False),
        # an article's authors in parentheses at its end
        ("海东市的医疗专家是谁？", "（陈越新 逯玉婷）", False),
        # 心内科的主任 is not 心胸外科主任
        ("登封市总医院心内科的主任是谁？", "登封市总医院心胸外科主任孙红涛说。", False),
        ("登封市总医院心胸外科的主任是谁？", "登封市总医院心胸外科主任孙红涛说。", True),
        # 肾内科 is not 心血管内科, but 心内科 is its short form; 二附院骨科: the unit is 骨科
        ("天津市第一中心医院肾内科的主任是谁？", "该院心血管内科主任卢成志介绍。", False),
        ("天津市第一中心医院心内科的主任是谁？", "该院心血管内科主任卢成志介绍。", True),
        ("郑大二附院骨科主任叫什么名字？", "郑州大学第二附属医院骨科主任朱宇说。", True),
        # a centre is no department, unless the sentence refers back to it
        ("北京天坛医院伽玛刀中心的主任是谁？", "北京天坛医院肿瘤内科主任李晓燕介绍。", False),
        ("北京天坛医院伽玛刀中心的主任是谁？", "北京天坛医院伽玛刀中心主任王明介绍。", True),
        ("北京天坛医院伽玛刀中心的主任是谁？", "该中心主任王明介绍。", True),
        # a street is no person, though the tagger takes 桂花 for a name
        (
            "社区卫生服务站每天坐诊的那位专家是谁？",
            "位于桂花中路的服务站,每天有一位资深中医专家坐诊。",
            False,
        ),
        # "who heads" asks for the name beside a head's role (组长), not any word the tagger calls a name
        ("Who heads the provincial task force?", "深化体制机制改革,健全高水平支持保障", False),
        ("Who heads the provincial task force?", "领导小组组长王建国介绍。", True),
        # a surname outside the hundred most common, after the role; 尤其 after a role is no name
        ("要先经过哪位副局长同意？", "须征得主管副局长游孟恩的同意。", True),
        ("那位院长是谁？", "院长尤其强调，要把好质量关。", False),
        # another school's legal representative, in the form the article writes the role
        ("银川英才学校的法定代表人叫什么？", "银川景博学校法人代表张君说。", False),
        ("银川景博学校的法定代表人叫什么？", "银川景博学校法人代表张君说。", True),
        # a party's agent is named beside 代理人, not by any name of the case (被告江某)
        ("原告王某的诉讼代理人叫什么名字？", "原告遂向该院起诉被告江某。", False),
        ("原告王某的诉讼代理人叫什么名字？", "原告的诉讼代理人张明律师说。", True),
        # a kin asked by name is named beside that word, not by the doctor or officer quoted
        ("他要找的表哥叫什么？", "他这次来是为了寻找失散多年的表哥王建军和表妹王丽。", True),
        ("他要找的表哥叫什么？", "民警李明介绍，他这次来是为了寻找亲人。", False),
        ("那位受伤的母亲叫什么名字？", "医生张华告诉记者，母亲30多岁，伤得比较重。", False),
        ("他的外婆叫什么名字？", "他的表哥王建军和表妹王丽都住在城里。", False),
        # the police officer or reporter telling the story answers no question about its people...
        ("团伙里负责开锁的那个人叫什么名字？", "民警李明介绍，这个团伙分工明确。", False),
        ("团伙里负责开锁的那个人叫什么名字？", "民警李明介绍，负责开锁的是张建军。", True),
        # ...but one about the police or the press
        ("是哪位民警介绍的案情？", "民警李明介绍，这个团伙分工明确。", True),
        # a doctor or student asked for is not the official quoted, unless one is named too
        ("遇难的三名学生分别叫什么名字？", "对学校党委书记曹国永、校长宁滨、副校长关忠良进行问责。", False),
        ("是谁主持了这次会议？", "会议由市长张伟主持。", True),
        ("给居民量血压的值班医生叫什么名字？", "据社区党支部书记王凯介绍，许多村民患有慢性病。", False),
        ("给居民量血压的值班医生叫什么名字？", "社区党支部书记王凯介绍，值班医生李红每天都来。", True),
        ("社区党支部书记叫什么名字？", "据社区党支部书记王凯介绍，许多村民患有慢性病。", True),
        # a district the tagger takes for a name
        ("团伙里负责开锁的那个人叫什么名字？", "该团伙在于洪区作案3起。", False),
        # a foreign state the tagger takes for a name
        ("那家公司的总裁是谁？", "东南部米纳斯吉拉斯州首府美景市附近的尾矿坝溃坝。", False),
    ],
)
def test_people(asked: str, sentence: str, expected: bool) -> None:
    assert new_answer_entity(question(asked), sentence) is expected


@pytest.mark.parametrize(
    ("asked", "sentence", "expected"),
    [
        (
            "报道困境患者的那篇稿子，特约记者是谁？",
            "本报讯(特约记者叶利民)近日,云南省阜外心血管病医院召开会议。",
            True,
        ),
        ("报道困境患者的那篇稿子，特约记者是谁？", "至此,医院救助的困境患者达到6000人,院长李明说。", False),
        ("那篇报道的通讯员叫什么？", "本报记者王平通讯员王雁张蕊", True),
        (
            "院长是谁？",
            "本报讯(特约记者叶利民)近日,医院召开会议。",
            False,
        ),  # a reporter is no answer otherwise
    ],
)
def test_a_question_about_the_byline_is_answered_by_it(asked: str, sentence: str, expected: bool) -> None:
    assert new_answer_entity(question(asked), sentence) is expected


def test_the_byline_label_a_question_asks_for() -> None:
    assert asks_byline("那篇稿子的特约记者是谁？") == "特约记者"
    assert asks_byline("报道的通讯员叫什么？") == "通讯员"
    assert asks_byline("记者采访的院长是谁？") is None  # a reporter who asked, not the one asked for
    assert asks_byline("那篇报道署名的本报记者是哪一位？") == "记者"
    assert asks_byline("那条消息署名的特约记者是哪两位？") == "特约记者"


def test_a_name_inside_a_book_title_answers_no_who_question() -> None:
    asked = question("党史学习教育宣讲团的团长由谁担任？")
    assert not new_answer_entity(asked, "《一条小船》《我的父亲焦裕禄》……党史学习教育正在推进。")
    assert new_answer_entity(asked, "宣讲团由党委书记王志刚担任团长。")


def test_a_question_about_the_photograph_is_answered_by_its_credit() -> None:
    asked = question("焦作市第五届家庭医生团队技能竞赛的那张现场照片是谁拍摄的？")
    assert asks_photographer(asked.text)
    assert new_answer_entity(asked, "王正勋 侯林峰 王中贺/摄")
    assert not new_answer_entity(asked, "院长王中贺介绍了竞赛的情况。")  # a name, but no credit
    assert not asks_photographer("竞赛是谁组织的？")


def test_a_question_about_the_writer_is_answered_by_the_text_credit() -> None:
    asked = question("介绍洛阳市中心医院党建领航的那篇图文稿件是谁写的？")
    assert asks_credit(asked.text) and not asks_photographer(asked.text)
    assert new_answer_entity(asked, "晓辉 高鸽 文/图")
    assert new_answer_entity(asked, "（陈越新 逯玉婷）")
    assert not new_answer_entity(asked, "王正勋 侯林峰/摄")  # took the photograph, wrote nothing
    assert new_answer_entity(question("那张照片是谁拍的？"), "晓辉 高鸽 文/图")  # text and photographs


def test_a_reporter_told_by_a_body_is_no_byline() -> None:
    asked = question("记者是从哪个部门得到这个消息的？")
    assert new_answer_entity(asked, "日前,记者从周口市卫生健康委获悉,医院通过验收。")
    assert not new_answer_entity(question("谁参加了义诊？"), "本报讯（记者王明）近日,义诊活动在市区举行。")


def test_authors_and_photo_credits_name_no_answer() -> None:
    assert is_author_line("（陈越新 逯玉婷）")
    assert is_author_line("王正勋 侯林峰 王中贺/摄")
    assert not is_author_line("院长王正勋介绍了医院的发展。")
    assert not new_answer_entity(question("义诊活动是谁组织的？"), "王正勋 侯林峰 王中贺/摄")


def test_which_reporter_wrote_it_and_who_signed_it_ask_for_the_byline() -> None:
    assert asks_byline("那条消息，是哪位记者写的？") == "记者"
    assert asks_byline("那条消息，是本报哪位通讯员采写的？") == "通讯员"
    signed = asks_byline("那组图片报道，署名的是哪几位？")
    assert signed and re.fullmatch(signed, "特约记者")
    assert asks_byline("哪位专家做的手术？") is None


def test_signed_at_the_end_is_answered_by_the_closing_credit_or_the_byline() -> None:
    asked = question("抢救气胸新生儿的那篇稿子，文末署名的是谁？")
    assert asks_credit(asked.text)
    assert new_answer_entity(asked, "(何凌云)")
    assert new_answer_entity(asked, "本报讯(特约记者高琛琛 通讯员张祖国)")
    assert not new_answer_entity(asked, "其父母向医护人员连声道谢。")
    assert not asks_credit("那篇报道署名的通讯员是哪几位？")  # a label: the byline, not the credit


def test_a_byline_names_the_same_people_whether_asked_by_label_or_as_signed() -> None:
    # the label asked for, or 署名: one name pattern, which skips where the news came from (记者从…)
    by_label = question("那篇报道的记者是谁？")
    assert people_named(by_label, by_label.text, "记者从周口市卫生健康委获悉") == []
    assert people_named(by_label, by_label.text, "本报记者王平通讯员王雁") == ["王平"]
    signed = question("那篇报道署名的是哪几位？")
    assert people_named(signed, signed.text, "本报记者王平通讯员王雁张蕊") == ["王平", "王雁"]


def test_a_pages_art_editor_is_a_byline_the_page_shortens() -> None:
    asked = question("刊登那篇报道的这一版，美术编辑是谁？")
    assert asks_byline(asked.text) == "美术编辑"
    assert new_answer_entity(asked, "美编周真真")
    assert is_credit_line("美编周真真") and is_credit_line("(何凌云)")
    assert not is_credit_line("医院召开总结会")


def test_authors_after_a_box_and_which_two_reporters() -> None:
    signed = question("介绍济源示范区推进紧密型医共体建设的那篇通讯，署名的作者是哪几位？")
    assert asks_credit(signed.text)
    assert new_answer_entity(signed, "□王正勋 侯林峰 赵炜方")
    assert is_author_line("□王正勋 侯林峰 赵炜方") and not is_author_line("□特约记者何山魏剑 通讯员胡自勇")
    assert asks_byline("报道那个项目的消息，是哪两位特约记者写的？") == "特约记者"


@pytest.mark.parametrize(
    "sentence",
    [
        "- 深化体制机制改革,健全高水平支持保障",  # the tagger's name 高水平: 高 and a word (水平)
        "他多次荣获荣誉称号。",  # 荣获, 荣誉: words the dictionary has, not names
    ],
)
def test_a_word_the_dictionary_has_is_no_name(sentence: str) -> None:
    assert not new_answer_entity(question("工作专班的组长由哪位领导担任？"), sentence)


def test_names_and_people_called_by_title_still_answer() -> None:
    asked = question("那位患者是谁？")
    assert new_answer_entity(asked, "患者李女士今年65岁。")
    assert new_answer_entity(asked, "主任李晓燕介绍了病情。")


def test_a_village_the_tagger_takes_for_a_name_answers_no_who_question() -> None:
    asked = question("宣讲团的团长由谁担任？")
    assert not new_answer_entity(asked, "宣讲团成员等14人赴汝阳县十八盘乡刘庄村宣讲党史。")
    assert new_answer_entity(asked, "宣讲团由院长刘建华任团长。")


def test_a_street_or_a_body_named_after_a_place_answers_no_who_question() -> None:
    asked = question("为他治疗的是哪位医生？")
    assert not new_answer_entity(asked, "家住黄石路的贾爹爹今年65岁。")  # 黄石路, tagged as a name
    assert not new_answer_entity(asked, "社区与蒋乔肾病医院联合打造健康小屋。")  # 蒋乔: a town
    assert not new_answer_entity(asked, "辖城关镇中心卫生院、王良卫生院。")
    # a person beside a hospital still answers: 所在 and 到 start no body's name
    assert new_answer_entity(asked, "李明所在医院的医生说。")
    assert new_answer_entity(asked, "李明到医院看病。")


def test_who_said_it_is_answered_by_a_speaker_the_article_leaves_unnamed() -> None:
    said = "杭州市卫生健康委相关负责人表示,发放育儿补助是2023年杭州市政府民生实事项目。"
    asked = question("把给二孩、三孩家庭发补助说成2023年市政府民生实事项目的，是谁？")
    assert people_named(asked, asked.text, said) == ["相关负责人"]
    assert "王平" in people_named(asked, asked.text, "该负责人王平表示,补助已发放。")  # a name comes first
    # who holds the post is not who said it: the article names no one for it
    holder = question("杭州市卫生健康委负责育儿补助的负责人是谁？")
    assert people_named(holder, holder.text, said) == []
    in_charge = question("杭州市卫生健康委发放育儿补助，是谁负责的？")
    assert people_named(in_charge, in_charge.text, said) == []


def test_an_english_question_names_the_body_of_the_role_in_pinyin() -> None:
    # 孟津区中医院院长和晓波 answers "the president of Mengjin TCM Hospital", not of another hospital
    sentence = "孟津区中医院院长和晓波说,要讲好中医药故事。"
    asked = question("Who is the president of Mengjin TCM Hospital?")
    assert set(people_named(asked, asked.text, sentence)) == {"和晓波"}
    assert new_answer_entity(asked, sentence)
    other = question("Who is the president of Luoyang Central Hospital?")
    assert people_named(other, other.text, sentence) == []
    unnamed = question("Who is the hospital's president?")
    assert set(people_named(unnamed, unnamed.text, sentence)) == {"和晓波"}


def test_an_english_role_the_sentence_does_not_give_names_no_one() -> None:
    # "the mayor": a 市长, not whoever else the sentence names
    asked = question("Who is the mayor of Hebi?")
    assert not new_answer_entity(asked, "鹤壁市卫生健康委主任王平说,要严格执行第一议题制度。")
    assert new_answer_entity(asked, "鹤壁市市长李华出席会议。")
