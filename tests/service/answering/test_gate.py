from __future__ import annotations

from dataclasses import replace

from service.answering.base import AnswerPart, Draft
from service.answering.gate import AnswerabilityGate
from service.answering.sentences import sentences_or_whole
from service.answering.specifics import specifics
from tests.service.answering.helpers import TEXT, draft, passage, question


def test_refuses_a_swapped_edition() -> None:
    gate = AnswerabilityGate()
    text = "焦作市举办第五届家庭医生团队技能竞赛,共有33名选手参赛。"
    found = draft(text=text)
    asked = question("焦作市第四届家庭医生团队技能竞赛有多少名选手参赛？")
    decision = gate.decide(asked, [passage(text)], found)
    assert not decision.answerable and "第四届" in decision.reason
    assert gate.decide(
        question("焦作市第五届家庭医生团队技能竞赛有多少名选手参赛？"), [passage(text)], found
    ).answerable


def test_answers_when_kind_support_and_specifics_hold() -> None:
    gate = AnswerabilityGate()
    decision = gate.decide(question("鹤壁市共受理多少件医疗纠纷案件？"), [passage(TEXT)], draft())
    assert decision.answerable, decision.reason


def test_refuses_a_nearby_city() -> None:
    decision = AnswerabilityGate().decide(
        question("安阳市共受理多少件医疗纠纷案件？"), [passage(TEXT)], draft()
    )
    assert not decision.answerable
    assert "安阳" in decision.reason


def test_refuses_a_city_the_gazetteer_does_not_know_over_an_article_on_another() -> None:
    text = "青山市人民医院新建的儿童病房正式启用,共设置床位120张。"
    asked = question("江川市人民医院儿童病房共设置了多少张床位？")
    decision = AnswerabilityGate().decide(asked, [passage(text)], draft(text=text))
    assert not decision.answerable and "江川市" in decision.reason
    named = "江川市人民医院新建的儿童病房正式启用,共设置床位80张。"
    assert AnswerabilityGate().decide(asked, [passage(named)], draft(text=named)).answerable


def test_refuses_when_the_answer_holds_nothing_of_the_asked_kind() -> None:
    decision = AnswerabilityGate().decide(
        question("鹤壁市有多少张床位？"), [passage(TEXT)], draft(kind_found=False)
    )
    assert not decision.answerable


def test_refuses_low_support_and_nothing_retrieved() -> None:
    gate = AnswerabilityGate(min_support=0.3)
    assert not gate.decide(
        question("鹤壁市共受理多少件医疗纠纷案件？"), [passage(TEXT)], draft(support=0.1)
    ).answerable
    assert not gate.decide(question("鹤壁市共受理多少件？"), [], draft()).answerable


def test_bare_city_names_are_specifics_and_a_province_is_met_by_a_city_inside_it() -> None:
    assert "安阳" in specifics("安阳组织了多少名党员到社区报到？")
    assert "周口" in specifics("周口妇幼保健院接生了多少个孩子？")
    gate = AnswerabilityGate()
    assert not gate.decide(question("安阳共受理多少件医疗纠纷案件？"), [passage(TEXT)], draft()).answerable
    assert gate.decide(question("河南鹤壁市共受理多少件医疗纠纷案件？"), [passage(TEXT)], draft()).answerable


def test_refuses_a_swapped_month_ordinal_or_figure() -> None:
    gate = AnswerabilityGate()
    assert not gate.decide(
        question("截至6月底，鹤壁市共受理多少件医疗纠纷案件？"), [passage(TEXT)], draft()
    ).answerable
    assert gate.decide(
        question("截至9月底，鹤壁市共受理多少件医疗纠纷案件？"), [passage(TEXT)], draft()
    ).answerable
    text = "杭州市育儿补助：生育二孩的给予一次性补助5000元,生育三孩的给予一次性补助2万元。"
    found = draft(text=text)
    decision = gate.decide(question("杭州市生育一孩的家庭能领多少育儿补助？"), [passage(text)], found)
    assert not decision.answerable and "一孩" in decision.reason
    assert gate.decide(question("杭州市生育三孩的家庭能领多少育儿补助？"), [passage(text)], found).answerable


def test_another_hospital_of_the_same_city_and_another_counted_thing_are_refused() -> None:
    assert "人民医院" in specifics("濮阳市人民医院超声科提供的数据合格率是多少？")
    assert "往镇卫生院" not in specifics("济源往镇卫生院派了多少医护人员？")
    assert {"远程", "病理"} <= set(specifics("济源示范区开展了多少例远程病理诊断？"))
    assert not {"下床", "走路"} & set(specifics("手术后几天就能下床走路了？"))  # no noun phrase
    gate = AnswerabilityGate()
    text = "濮阳市中医医院超声介入科为该多中心研究提供的数据合格率高达72%。"
    found = draft(text=text)
    assert not gate.decide(
        question("濮阳市人民医院超声科提供的数据合格率是多少？"), [passage(text)], found
    ).answerable
    assert gate.decide(
        question("濮阳市中医医院超声介入科提供的数据合格率是多少？"), [passage(text)], found
    ).answerable
    text = "济源示范区为基层医疗卫生机构开展远程心电26870例、远程CT影像诊断4946余例。"
    found = draft(text=text)
    decision = gate.decide(question("济源示范区开展了多少例远程病理诊断？"), [passage(text)], found)
    assert not decision.answerable and "病理" in decision.reason
    assert gate.decide(question("济源示范区开展了多少例远程心电诊断？"), [passage(text)], found).answerable


def test_an_acronym_the_question_names_must_be_in_the_article() -> None:
    assert "ube" in specifics("郑大二附院骨科每年开展多少例UBE手术？")
    gate = AnswerabilityGate()
    text = "该院今年共开展椎间孔镜手术200例。"
    found = draft(text=text)
    assert not gate.decide(question("该院今年共开展多少例ECMO手术？"), [passage(text)], found).answerable
    assert gate.decide(question("该院今年共开展多少例椎间孔镜手术？"), [passage(text)], found).answerable


def test_an_answer_set_in_another_year_is_refused_but_one_naming_no_year_is_not() -> None:
    gate = AnswerabilityGate()
    text = "2020年上半年排名显示,孟津区中医院在全国609家基层胸痛中心中排名全国第七。"
    found = draft(text=text)
    article = [passage(text + "该院2019年通过胸痛中心认证。")]
    decision = gate.decide(question("孟津区中医院2019年下半年在全国基层胸痛中心排第几？"), article, found)
    assert not decision.answerable and "2019" in decision.reason
    assert gate.decide(
        question("孟津区中医院2020年上半年在全国基层胸痛中心排第几？"), article, found
    ).answerable
    sentence = "抽调6名医护专家骨干,驰援武汉方舱医院。"
    found = draft(text=sentence)
    article = [passage(sentence + "这是孟津区中医院2020年的抗疫工作。")]
    assert gate.decide(
        question("2020年孟津区中医院派了几名医护骨干去支援武汉方舱医院？"), article, found
    ).answerable


def test_a_centre_the_question_names_must_be_in_the_article_and_interrogatives_name_no_place() -> None:
    assert "儿童区域医疗中心" in specifics("洛阳市中心医院的国家儿童区域医疗中心建设是什么时候列入名单的？")
    assert "哪个" not in specifics("开展义诊的清河县中医院在哪个省哪个市？")
    gate = AnswerabilityGate()
    text = "今年2月初,市中心医院国家呼吸区域医疗中心建设列入国家考察名单。"
    found = draft(text=text)
    asked = question("洛阳市中心医院的国家儿童区域医疗中心建设是什么时候列入国家考察名单的？")
    assert not gate.decide(asked, [passage(text, title="洛阳市中心医院")], found).answerable
    asked = question("洛阳市中心医院的国家呼吸区域医疗中心建设是什么时候列入国家考察名单的？")
    assert gate.decide(asked, [passage(text, title="洛阳市中心医院")], found).answerable


def test_refuses_an_answer_about_another_place_in_the_same_article() -> None:
    # an OCR'd page runs a 焦作 column into a 鹤壁 article
    article = "鹤壁市开展名医走基层志愿服务。焦作市举办技能竞赛,33名家庭医生团队成员参加。"
    sentence = "焦作市举办技能竞赛,33名家庭医生团队成员参加。"
    decision = AnswerabilityGate().decide(
        question("鹤壁市名医走基层志愿服务有多少名成员参加？"),
        [passage(article)],
        draft(text=sentence, within=article),
    )
    assert not decision.answerable
    assert "焦作" in decision.reason


def test_an_asked_district_named_bare_is_not_another_place() -> None:
    # jieba reads 大丰镇 as 大 + the city 丰镇; the answer names the asked 新都区 as 新都
    lead = "成都市新都区的独腿环卫工邓贤国。"
    text = "新都新蜀环卫公司给了邓贤国一个岗位,如今,68岁的他每天在大丰镇一段路边扫地。"
    asked = question("成都新都区的环卫工邓贤国现在多大年纪？")
    found = draft(text=text, within=lead + text)
    decision = AnswerabilityGate().decide(asked, [passage(lead + text)], found)
    assert decision.answerable, decision.reason
    elsewhere = text.replace("新都新蜀", "新蜀")
    found = draft(text=elsewhere, within=lead + elsewhere)
    decision = AnswerabilityGate().decide(asked, [passage(lead + elsewhere)], found)
    assert "丰镇" in decision.reason


def test_answers_about_a_place_inside_the_asked_one_or_a_hospital_elsewhere() -> None:
    gate = AnswerabilityGate()
    inside = "淇县共有33名家庭医生参加培训。"
    asked = question("鹤壁市有多少名家庭医生参加培训？")
    found = draft(text=inside, within="鹤壁市卫健委。" + inside)
    assert gate.decide(asked, [passage("鹤壁市卫健委。" + inside)], found).answerable
    hospital = "兴义市人民医院选派骨干到首都医科大学附属北京儿童医院进修。"
    decision = gate.decide(
        question("兴义市人民医院派骨干到哪家医院进修？"), [passage(hospital)], draft(text=hospital)
    )
    assert decision.answerable, decision.reason


def test_a_court_named_after_its_city_tries_cases_from_elsewhere() -> None:
    article = "四川一网店经营者因不正当竞争行为被杭州铁路运输法院判处承担民事赔偿责任。"
    answer = "被杭州铁路运输法院判处承担民事赔偿责任"  # an LLM's answer: the clause, without 四川
    asked = question("四川一网店经营者恶意投诉同行，被哪家法院判决承担赔偿责任？")
    decision = AnswerabilityGate().decide(asked, [passage(article)], llm_quoting(answer, article))
    assert decision.answerable, decision.reason
    elsewhere = "杭州一网店经营者因不正当竞争行为被判处承担民事赔偿责任。"
    found = draft(text=elsewhere, within="四川网店。" + elsewhere)
    decision = AnswerabilityGate().decide(asked, [passage("四川网店。" + elsewhere)], found)
    assert "杭州" in decision.reason


def test_refuses_another_numbered_hospital() -> None:
    text = "市中心医院与西安交通大学第二附属医院合作,共同创建国家呼吸区域医疗中心。"
    decision = AnswerabilityGate().decide(
        question("市中心医院与西安交通大学第一附属医院合作创建的是什么中心？"),
        [passage(text)],
        draft(text=text),
    )
    assert not decision.answerable
    assert "第一附" in decision.reason
    asked = question("市中心医院与西安交通大学第二附属医院合作创建的是什么中心？")
    assert AnswerabilityGate().decide(asked, [passage(text)], draft(text=text)).answerable


def test_a_question_asking_no_kind_of_item_needs_two_of_its_words_in_the_answer() -> None:
    """怎样预防肥胖 is not answered by a sentence that shares one word with it (预防), however rare."""
    text = "李晓燕介绍,癌症是一种与生活方式密切相关的慢性疾病,40%的癌症是可以预防的。"
    found = draft(0.4, None, text)
    gate = AnswerabilityGate()
    decision = gate.decide(question("怎样预防肥胖？"), [passage(text, title="癌症可防可控")], found)
    assert not decision.answerable and "holds 1 of the question's 2 words" in decision.reason
    assert gate.decide(question("怎样预防癌症？"), [passage(text, title="癌症可防可控")], found).answerable
    # the title and the text just before and after the sentence count: who says a quote follows it
    quote = "“每隔一段时间就要住院调理。”郭先生说。"
    said = Draft([AnswerPart(quote[:15], 0, 0, 15)], True, "extractive", support=0.4, kind_found=None)
    asked = question("郭先生为什么隔段时间就要住院？")
    assert gate.decide(asked, [passage(quote, title="卫生院")], said).answerable


def test_a_word_the_tagger_takes_for_a_time_is_one_of_the_question_words() -> None:
    text = "检查组检查疏散指示标志和灭火器材是否完好有效。"
    found = draft(0.4, None, text)
    decision = AnswerabilityGate().decide(question("家里的灭火器过期了还能用吗？"), [passage(text)], found)
    assert not decision.answerable and "holds 1 of the question's 2 words" in decision.reason


def test_a_national_figure_is_not_answered_by_a_local_one() -> None:
    text = "湖北省中医院与武汉市的61家社区卫生服务中心签订医联体协议。"
    found = draft(0.5, text=text)
    gate = AnswerabilityGate()
    decision = gate.decide(
        question("全国一共有多少家社区卫生服务中心？"), [passage(text, title="医联体")], found
    )
    assert not decision.answerable and "whole country" in decision.reason
    national = "全国共有社区卫生服务中心1万余家,其中61家与湖北省中医院签约。"
    found = draft(0.5, text=national)
    assert gate.decide(question("全国一共有多少家社区卫生服务中心？"), [passage(national)], found).answerable


def test_a_name_headed_by_guojia_sets_no_national_scope() -> None:
    text = "该院是河南中医药大学教学实习医院,拥有2个国家临床重点专科。"
    found = draft(0.5, text=text)
    decision = AnswerabilityGate().decide(question("全国一共有多少所中医药大学？"), [passage(text)], found)
    assert not decision.answerable and "whole country" in decision.reason


def test_refuses_a_noun_swapped_inside_the_articles_phrase() -> None:
    gate = AnswerabilityGate()
    text = "6年间,长沙市累计为439308名新生儿完成遗传性耳聋基因检测。"
    found = draft(text=text)
    decision = gate.decide(
        question("长沙市累计为多少名新生儿完成了遗传性眼病基因检测？"), [passage(text)], found
    )
    assert not decision.answerable and "眼病" in decision.reason
    assert gate.decide(
        question("长沙市累计为多少名新生儿完成了遗传性耳聋基因检测？"), [passage(text)], found
    ).answerable


def test_asking_each_of_several_by_name_needs_a_list() -> None:
    gate = AnswerabilityGate()
    counted = "济源示范区12个镇卫生院服务能力全部达到国家基本标准,3个镇卫生院达到国家推荐标准。"
    asked = question("济源示范区达到国家推荐标准的那3个镇卫生院，分别是哪几个？")
    decision = gate.decide(asked, [passage(counted)], draft(text=counted))
    assert not decision.answerable and "lists none" in decision.reason
    listed = "济源示范区达到国家推荐标准的3个镇卫生院是承留镇、坡头镇、轵城镇卫生院。"
    assert gate.decide(asked, [passage(listed)], draft(text=listed)).answerable
    two = "学习型党组织的两个党支部是内科党支部和外科党支部。"
    assert gate.decide(
        question("获评学习型党组织的两个党支部，分别是哪两个？"), [passage(two)], draft(text=two)
    ).answerable


def test_which_five_specifically_needs_a_list_too() -> None:
    gate = AnswerabilityGate()
    text = "西华县人民医院五大临床服务中心创建工作全部通过省级验收。"
    asked = question("西华县人民医院通过省级验收的五大临床服务中心具体是哪五个？")
    decision = gate.decide(asked, [passage(text)], draft(text=text))
    assert not decision.answerable and "lists none" in decision.reason


def test_a_question_asking_a_kind_of_item_needs_one_of_its_words_in_the_answer() -> None:
    """篮球比赛每一节打多少分钟 is not answered by 1分钟自救 just because both count minutes."""
    text = "坚持分类施策,达到“1分钟自救、3分钟互救、5分钟增援到位”的基层治理效果。"
    gate = AnswerabilityGate()
    decision = gate.decide(
        question("篮球比赛每一节打多少分钟？"), [passage(text, title="基层治理")], draft(0.4, True, text)
    )
    assert not decision.answerable and "holds 0 of the question's" in decision.reason
    asked = question("基层要求增援力量几分钟到位？")
    assert gate.decide(asked, [passage(text, title="基层治理")], draft(0.4, True, text)).answerable


def test_a_heading_answers_only_a_question_asking_what_something_is_called() -> None:
    gate = AnswerabilityGate()
    heading = "北京天坛医院开展肿瘤防治多学科联合义诊"
    how = question("北京天坛医院那场肿瘤防治多学科联合义诊，专家们是怎么给患者看的？")
    decision = gate.decide(how, [passage(heading)], draft(kind_found=None, text=heading))
    assert not decision.answerable and "heading" in decision.reason
    said = heading + "。专家详细询问患者病情。"
    assert gate.decide(how, [passage(said)], draft(kind_found=None, text=said)).answerable
    called = question("北京天坛医院那场肿瘤防治多学科联合义诊叫什么名字？")
    assert gate.decide(called, [passage(heading)], draft(kind_found=None, text=heading)).answerable


def test_a_heading_answers_a_question_about_what_a_heading_says() -> None:
    gate, heading = AnswerabilityGate(), "彰显医者仁心"
    cited = [passage(heading, title="兴义市人民医院党建引领")]
    asked = question("兴义市人民医院抓作风建设的那一部分，小标题说要彰显哪一种“心”？")
    assert gate.decide(asked, cited, draft(kind_found=None, text=heading)).answerable
    unasked = question("兴义市人民医院抓作风建设的那一部分，要彰显哪一种“心”？")
    decision = gate.decide(unasked, cited, draft(kind_found=None, text=heading))
    assert not decision.answerable and "heading" in decision.reason


def test_a_yes_or_no_question_naming_nothing_asks_for_advice_no_article_gives() -> None:
    text = "骨科为80岁以上骨折患者实施手术,用钢板固定后再做手术取出。"
    found = draft(0.4, None, text)
    gate = AnswerabilityGate()
    advice = question("骨折以后打进去的钢板，是不是一定要再做手术取出来？")
    decision = gate.decide(advice, [passage(text, title="骨科")], found)
    assert not decision.answerable and "yes or no" in decision.reason
    # one naming the hospital the article reports on is a question about the news
    named = question("郑大二附院骨科是不是给80岁以上骨折患者做手术？")
    assert gate.decide(named, [passage(text, title="郑大二附院骨科")], found).answerable


def test_a_condition_alone_names_nothing_a_yes_or_no_question_could_ask_the_news_about() -> None:
    text = "医疗队为一位母亲进行了白内障手术，术前停用了阿司匹林。"
    found = draft(0.4, None, text)
    advice = question("做白内障手术之前，平时吃的阿司匹林要不要先停掉？")
    decision = AnswerabilityGate().decide(advice, [passage(text, title="医疗队")], found)
    assert not decision.answerable and "yes or no" in decision.reason


def llm_quoting(fragment: str, article: str) -> Draft:
    """An LLM's answer quoting ``fragment``, part of a sentence of ``article``: it cites, as the
    verification does, the whole sentence."""
    at = article.index(fragment)
    start, end = next((s, e) for s, e in sentences_or_whole(article) if s <= at < e)
    return Draft([AnswerPart(fragment, 0, start, end)], True, "openai", support=0.6)


def test_an_answer_quoting_part_of_a_sentence_is_about_the_place_the_rest_of_it_names() -> None:
    # the asked town stands in the quoted sentence, not in the part the answer quotes
    article = "新闻标题。启东市法院审判员说:“烟花的包装上只标明江西省萍乡花炮厂,没有厂址。”"
    asked = question("启东那起烟花伤人案里，烟花包装上印的是哪里的花炮厂？")
    decision = AnswerabilityGate().decide(
        asked, [passage(article)], llm_quoting("只标明江西省萍乡花炮厂", article)
    )
    assert decision.answerable, decision.reason
    # the places an answer names are its own words': another clause of its sentence names none
    article = "临漳县国土局。科长表示他在邯郸培训学习,如要查阅驾校的手续,须征得主管副局长王建国的同意。"
    asked = question("记者想查阅临漳县驾校的手续，国土局要先经过哪位副局长同意？")
    decision = AnswerabilityGate().decide(
        asked, [passage(article)], llm_quoting("须征得主管副局长王建国的同意", article)
    )
    assert decision.answerable, decision.reason
    # a quoted clause that names another place, in a sentence naming no asked one, is still refused
    article = "新闻标题。焦作市的义诊在人民广场举行,鹤壁市的义诊在体育馆举行。"
    decision = AnswerabilityGate().decide(
        question("新乡市的义诊在哪里举行？"),
        [passage(article)],
        llm_quoting("鹤壁市的义诊在体育馆举行", article),
    )
    assert not decision.answerable


def test_refuses_a_chinese_answer_whose_cited_passage_is_far_from_the_question() -> None:
    gate, asked = AnswerabilityGate(), question("鹤壁市共受理多少件医疗纠纷案件？")
    decision = gate.decide(asked, [passage(TEXT, dense=0.85)], draft())
    assert not decision.answerable and decision.reason == "cited passage's dense 0.850 < 0.86"
    assert gate.decide(asked, [passage(TEXT, dense=0.87)], draft()).answerable
    # the cited passage is weighed, not the first one
    other = passage("焦作市今年新建社区卫生服务中心5个。", ident=2, dense=0.95)
    second = Draft([AnswerPart(TEXT, 1, 0, len(TEXT))], True, "extractive", support=0.6, kind_found=True)
    assert not gate.decide(asked, [other, passage(TEXT, dense=0.85)], second).answerable
    assert gate.decide(asked, [other, passage(TEXT, dense=0.87)], second).answerable


def test_a_passage_found_by_keywords_alone_has_no_dense_floor() -> None:
    keyword_only = replace(passage(TEXT), dense=None, keyword=3.2)  # retrieval's keyword mode
    assert (
        AnswerabilityGate()
        .decide(question("鹤壁市共受理多少件医疗纠纷案件？"), [keyword_only], draft())
        .answerable
    )
