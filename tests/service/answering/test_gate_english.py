"""The answerability gate on English questions over Chinese articles: dense similarity, pinyin and
foreign names, ordinals, conditions, places, a national scope, and how many of the question's words
the answer translates."""

from __future__ import annotations

from service.answering.base import AnswerPart, Draft
from service.answering.gate import AnswerabilityGate
from tests.service.answering.helpers import TEXT, draft, passage, question


def test_english_questions_need_dense_similarity_and_their_names_in_the_article() -> None:
    gate = AnswerabilityGate(min_dense_cross_lingual=0.76, min_dense_named=0.76)
    q = question("How many medical dispute cases did Hebi accept?")
    assert gate.decide(q, [passage(TEXT, dense=0.8)], draft()).answerable
    assert not gate.decide(q, [passage(TEXT, dense=0.7)], draft()).answerable
    nearby = question("How many medical dispute cases did Anyang accept?")
    assert not gate.decide(nearby, [passage(TEXT, dense=0.8)], draft()).answerable


def test_a_short_english_question_whose_names_the_article_holds_has_a_lower_dense_floor() -> None:
    gate = AnswerabilityGate(min_dense_cross_lingual=0.74, min_dense_named=0.70)
    short = question("How many medical dispute cases did Hebi accept?")
    assert gate.decide(short, [passage(TEXT, dense=0.72)], draft()).answerable
    decision = gate.decide(short, [passage(TEXT, dense=0.69)], draft())
    assert not decision.answerable and decision.reason == "dense 0.690 < 0.7"
    # twelve words or more: a long question scores higher, and keeps the usual floor
    long = question("How many medical dispute cases did the health commission of Hebi accept by September?")
    decision = gate.decide(long, [passage(TEXT, dense=0.72)], draft())
    assert not decision.answerable and decision.reason == "dense 0.720 < 0.74"
    # naming nothing, or a place the article does not hold, keeps it too
    unnamed = question("How many medical dispute cases were accepted?")
    assert gate.decide(unnamed, [passage(TEXT, dense=0.72)], draft()).reason == "dense 0.720 < 0.74"
    nearby = question("How many medical dispute cases did Anyang accept?")
    assert gate.decide(nearby, [passage(TEXT, dense=0.72)], draft()).reason == "dense 0.720 < 0.74"


def test_refuses_an_english_question_with_another_ordinal() -> None:
    text = "4月19日,健康贵阳行动暨第36个爱国卫生月主题宣传活动在贵阳市筑城广场举行。"
    found = draft(0.0, text=text)
    gate = AnswerabilityGate(min_dense_cross_lingual=0.0)
    asked = question("Where was Guiyang's event for the 35th Patriotic Health Month held?")
    decision = gate.decide(asked, [passage(text)], found)
    assert not decision.answerable and "35" in decision.reason
    assert gate.decide(
        question("Where was Guiyang's event for the 36th Patriotic Health Month held?"),
        [passage(text)],
        found,
    ).answerable


def test_refuses_an_english_question_on_a_condition_the_article_never_names() -> None:
    text = "孙红涛说,70%~90%的主动脉夹层患者合并高血压病。"
    found = draft(0.0, text=text)
    gate = AnswerabilityGate(min_dense_cross_lingual=0.0)
    decision = gate.decide(
        question("What share of aortic dissection patients also have diabetes?"), [passage(text)], found
    )
    assert not decision.answerable and "diabetes" in decision.reason
    assert gate.decide(
        question("What share of aortic dissection patients also have hypertension?"), [passage(text)], found
    ).answerable


def test_refuses_an_english_answer_translating_under_a_fifth_of_the_question_words() -> None:
    gate = AnswerabilityGate(min_dense_cross_lingual=0.0)
    text = "该院邀请专家对基层医疗工作者400余人进行实用技术培训。"
    found = draft(0.0, text=text)
    asked = question("How many herbal sachets were given away at the festival?")
    decision = gate.decide(asked, [passage(text)], found)
    assert not decision.answerable and "translates 0 of the question's" in decision.reason
    # one word of seven found by chance (training 培训) is no answer either
    by_chance = question(
        "How many herbal sachets did the county hand out at its dragon boat training festival?"
    )
    decision = gate.decide(by_chance, [passage(text)], found)
    assert not decision.answerable and "translates 1 of the question's 7 words" in decision.reason
    trained = question("How many grassroots medical workers received practical technical training?")
    assert gate.decide(trained, [passage(text)], found).answerable


def test_the_words_an_answer_translates_are_read_in_the_source_it_cites() -> None:
    # an LLM answers an English question in English; the sentence it cites holds the translations
    gate = AnswerabilityGate(min_dense_cross_lingual=0.0)
    text = "该院邀请专家对基层医疗工作者400余人进行实用技术培训。"
    asked = question("How many grassroots medical workers received practical technical training?")
    in_english = AnswerPart("More than 400 of them were trained.", 0, 0, len(text))
    assert gate.decide(
        asked, [passage(text)], Draft([in_english], True, "openai:m", kind_found=True)
    ).answerable
    elsewhere = "该县端午节发放中药香囊1000个。"
    cited = AnswerPart("More than 400 of them were trained.", 0, 0, len(elsewhere))
    decision = gate.decide(asked, [passage(elsewhere)], Draft([cited], True, "openai:m", kind_found=True))
    assert not decision.answerable and "translates 0 of the question's" in decision.reason


def test_an_english_question_asking_no_kind_of_item_needs_three_of_its_words_translated() -> None:
    gate = AnswerabilityGate(min_dense_cross_lingual=0.0)
    text = "该院为成骨不全症患者提供生活照料、交通协助、心理疏导及学习支持。"
    found = draft(0.0, kind_found=None, text=text)
    # offer 提供 and patients 患者 only: two of five words, enough for the share check alone
    elsewhere = question("What does the city library offer its patients on weekends?")
    decision = gate.decide(elsewhere, [passage(text)], found)
    assert not decision.answerable and "translates 2 of the question's 5 words" in decision.reason
    assert (
        AnswerabilityGate(min_dense_cross_lingual=0.0, check_kind=False)
        .decide(elsewhere, [passage(text)], found)
        .answerable
    )
    asked = question("What help does the hospital provide to patients with brittle bones?")
    assert gate.decide(asked, [passage(text)], found).answerable


def test_an_english_place_name_must_be_the_place_not_characters_that_read_so() -> None:
    gate = AnswerabilityGate(min_dense_cross_lingual=0.0)
    text = "医院连续4年在全国三级公立医院绩效考核中名列前茅,改革进程加快,派出医务人员30名。"
    found = draft(0.0, text=text)
    decision = gate.decide(
        question("How many medical workers has Jincheng sent to its clinics?"), [passage(text)], found
    )
    assert not decision.answerable and "jincheng" in decision.reason  # 进程 reads jincheng too
    found_city = passage("晋城市派出医务人员30名。")
    assert gate.decide(
        question("How many medical workers has Jincheng sent to its clinics?"), [found_city], found
    ).answerable


def test_an_english_question_about_the_whole_country_needs_a_national_answer() -> None:
    gate = AnswerabilityGate(min_dense_cross_lingual=0.0)
    local = "湖北省中医院与武汉市的61家社区卫生服务中心签订医联体协议。"
    asked = question("How many community health service centres are there nationwide?")
    decision = gate.decide(asked, [passage(local, title="医联体")], draft(0.0, text=local))
    assert not decision.answerable and "whole country" in decision.reason
    national = "全国共有社区卫生服务中心1万余家,其中61家与湖北省中医院签约。"
    assert gate.decide(asked, [passage(national)], draft(0.0, text=national)).answerable
    # no national scope asked: the local figure answers
    in_wuhan = question("How many community health service centres signed the agreement?")
    assert gate.decide(in_wuhan, [passage(local)], draft(0.0, text=local)).answerable
    # which Chinese city: a ranking of the country's cities, which a local report does not give
    ranked = question("Which Chinese city has the most community health service centres?")
    decision = gate.decide(ranked, [passage(local, title="医联体")], draft(0.0, text=local))
    assert not decision.answerable and "whole country" in decision.reason


def test_a_foreign_name_must_be_in_the_article_in_its_chinese_spelling() -> None:
    gate = AnswerabilityGate(min_dense_cross_lingual=0.0)
    text = "来自基层医疗卫生机构的33名家庭医生团队成员参加了竞赛。"
    found = draft(0.0, text=text)
    decision = gate.decide(question("How many doctors are there in Djibouti?"), [passage(text)], found)
    assert not decision.answerable and "Djibouti" in decision.reason
    abroad = "该院选派骨干到以色列、意大利等国外医院进修,共有33名医生。"
    decision = gate.decide(
        question("How many doctors trained in Israel?"), [passage(abroad)], draft(0.0, text=abroad)
    )
    assert "Israel" not in decision.reason


def test_a_foreign_name_spelt_with_one_character_is_not_found_by_chance() -> None:
    gate = AnswerabilityGate(min_dense_cross_lingual=0.0)
    text = "医院选派33名业务骨干到以色列、意大利等国外医院培训,弘扬医德医风。"  # 德 of 德国, by chance
    asked = question("How many staff did the hospital send to Germany for training?")
    decision = gate.decide(asked, [passage(text)], draft(0.0, text=text))
    assert not decision.answerable and "Germany" in decision.reason


def test_a_place_name_in_pinyin_may_name_a_community_instead() -> None:
    gate = AnswerabilityGate(min_dense_cross_lingual=0.0)
    text = "位于桂花中路的八一社区卫生服务站,每天有一位资深中医专家坐诊。"
    asked = question(
        "What services does the Bayi community health service station offer?"
    )  # also 巴宜, a county
    assert "bayi" not in gate.decide(asked, [passage(text)], draft(0.0, text=text)).reason
    jincheng = "医院改革进程加快,派出医务人员30名。"
    decision = gate.decide(
        question("How many workers has Jincheng sent?"), [passage(jincheng)], draft(0.0, text=jincheng)
    )
    assert "jincheng" in decision.reason


def test_an_english_yes_or_no_question_naming_nothing_asks_for_advice() -> None:
    text = "孙红涛说,70%~90%的主动脉夹层患者合并高血压病,要控制血压。"
    gate = AnswerabilityGate(min_dense_cross_lingual=0.0)
    decision = gate.decide(
        question("Can people with high blood pressure drink coffee?"), [passage(text)], draft(0.0, None, text)
    )
    assert not decision.answerable and "yes or no" in decision.reason
    named = question("Does Sun Hongtao say people with aortic dissection often have high blood pressure?")
    assert "yes or no" not in gate.decide(named, [passage(text)], draft(0.0, None, text)).reason


def test_an_english_body_name_must_translate_into_the_article() -> None:
    text = "4月19日上午,北京天坛医院肿瘤内科等联合开展义诊,为百余名患者答疑解惑。"
    gate = AnswerabilityGate(min_dense_cross_lingual=0.0)
    asked = question("How many patients did China-Japan Friendship Hospital's free cancer clinic help?")
    decision = gate.decide(asked, [passage(text)], draft(0.0, text=text))
    assert not decision.answerable and "Friendship" in decision.reason
    # the words of a kind or rank (Second, Affiliated, Town, Central) are checked elsewhere
    town = question("What did the pharmacy of Hancunhe Town Central Health Centre receive?")
    assert (
        "Town"
        not in gate.decide(
            town, [passage("韩村河镇中心卫生院药房收到一封信。")], draft(0.0, text=text)
        ).reason
    )


def test_refuses_a_question_holding_no_word_name_or_figure_the_articles_could_match() -> None:
    gate = AnswerabilityGate(min_dense_cross_lingual=0.0)
    found = draft(0.0)
    for nothing in ("🙂🙂🙂", "asdf qwer", "When was it?"):
        decision = gate.decide(question(nothing), [passage(TEXT, dense=0.9)], found)
        assert not decision.answerable and "no word, name or figure" in decision.reason, nothing
    # a pinyin name, a figure or an acronym is something an article can hold, though no word is in
    # the dictionary
    for something in ("Hebi?", "2019?", "MRI?"):
        decision = gate.decide(question(something), [passage(TEXT, dense=0.9)], found)
        assert "no word, name or figure" not in decision.reason, something
