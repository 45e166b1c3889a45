"""english_specifics: what an English question names, which the cited Chinese article must name too,
and how many of its words an answer translates."""

from __future__ import annotations

from service.answering.english_specifics import (
    english_body_words_missing,
    english_specifics,
    english_titles_missing,
    hospital_kinds_missing,
    missing_from_english,
    words_translated,
)


def test_pinyin_names_lower_cased_and_numbers_of_two_or_more_digits() -> None:
    assert english_specifics("How many beds did Hebi add in 2023, after 3 years?") == (["hebi"], ["2023"])


def test_a_number_with_thousands_separators_is_one_number_as_chinese_articles_write_it() -> None:
    assert english_specifics("Did 3,700 people ask for help, of 12,000.5?") == ([], ["3700", "12000.5"])
    article = "社会救助窗口接受救助咨询超过3700人次"
    assert missing_from_english("Did the window receive 3,700 inquiries?", article) == []
    assert missing_from_english("Did the window receive 3,800 inquiries?", article) == ["3800"]


def test_what_an_english_question_names_that_the_article_lacks() -> None:
    article = "鹤壁市截至9月底共受理医疗纠纷案件120件"
    assert missing_from_english("How many medical dispute cases did Hebi accept?", article) == []
    assert missing_from_english("How many medical dispute cases did Anyang accept?", article) == ["anyang"]
    assert missing_from_english("Did Hebi accept 150 dispute cases?", article) == ["150"]
    # a pinyin name that is a known place must be that place, not characters that read so
    assert missing_from_english("What did Jincheng report?", "项目进程顺利") == ["jincheng"]
    assert missing_from_english("What did Jincheng report?", "晋城市报告") == []


def test_how_many_of_the_question_words_the_answer_translates() -> None:
    answer = "该院邀请专家对基层医疗工作者400余人进行实用技术培训。"
    held, words = words_translated(
        "How many grassroots medical workers received practical technical training?", answer
    )
    assert words >= 4 and held >= 3
    assert words_translated("How many herbal sachets were given away at the festival?", answer)[0] == 0


def test_the_kind_of_hospital_an_english_question_names() -> None:
    asked = "Which specialties does the centre opened by Tianjin People's Hospital bring together?"
    assert hospital_kinds_missing(asked, "天津市第一中心医院泛血管疾病管理中心开诊") == ["People's Hospital"]
    assert hospital_kinds_missing(asked, "天津市人民医院成立中心") == []
    assert hospital_kinds_missing("Who heads Mengjin's TCM hospital?", "孟津区中医院院长") == []


def test_the_distinctive_english_words_of_a_body_name() -> None:
    tiantan = "北京天坛医院肿瘤内科联合开展义诊"
    assert english_body_words_missing("What did Beijing Friendship Hospital hold?", tiantan) == ["Friendship"]
    assert (
        english_body_words_missing("What did Wuhan Union Hospital set up?", "武汉协和医院成立社区医联体")
        == []
    )
    fuxian = "陕西富县康复医院院长伪造住院手续"
    assert english_body_words_missing("What did the Fuxian Rehabilitation Hospital fake?", fuxian) == []
    assert english_body_words_missing("What did the Fuxian Rehabilitation Hospital fake?", "富县医院") == [
        "Rehabilitation"
    ]
    # pinyin names and the words of a kind are left to the other checks
    assert english_body_words_missing("What did Tiantan Hospital hold?", tiantan) == []
    assert english_body_words_missing("What did the Second Affiliated Hospital do?", "郑大二附院骨科") == []


def test_a_capitalised_name_the_dictionary_glosses_must_be_in_the_article() -> None:
    asked = "How many sachets did the hospital give away for the Dragon Boat Festival?"
    assert english_titles_missing(asked, "孟津区中医院在全国609家基层胸痛中心中排名") == [
        "Dragon Boat Festival"
    ]
    assert english_titles_missing(asked, "端午节前夕,孟津区中医院为群众免费发放中药香囊") == []
    # names the dictionary does not gloss are left to the other checks
    assert english_titles_missing("What did Mengjin District Hospital do?", "孟津区中医院") == []


def test_the_time_of_day_must_be_the_articles() -> None:
    article = "4月19日上午,北京天坛医院联合开展义诊"
    assert missing_from_english("On the afternoon of April 19, how many patients came?", article) == [
        "afternoon"
    ]
    assert missing_from_english("On the morning of April 19, how many patients came?", article) == []
    # an article that gives no time of day leaves it open
    assert missing_from_english("On the afternoon of April 19, how many came?", "4月19日,医院开展义诊") == []


def test_a_name_the_article_writes_in_latin_letters_is_there() -> None:
    article = "该事件发生在美国凤凰城的哈仙达岗医疗中心（hacienda healthcare）。"
    missing = [n.lower() for n in missing_from_english("What did Hacienda HealthCare say?", article)]
    assert "hacienda" not in missing
    assert "hacienda" in [
        n.lower() for n in missing_from_english("What did Hacienda HealthCare say?", "该医疗中心称")
    ]


def test_holidays_named_by_their_date() -> None:
    asked = "During the May Day holiday, how many tourists did Beijing receive?"
    assert english_titles_missing(asked, "“五一”假期，北京接待游客") == []
    assert english_titles_missing(asked, "国庆假期，北京接待游客") == ["May Day"]


def test_a_road_or_train_code_must_be_in_the_article() -> None:
    asked = "What is the total length of the G107 section being rebuilt in Xiangcheng?"
    assert "G107" in missing_from_english(asked, "g106淮阳刘楼至项城李庄段改建工程，路线全长16千米。")
    assert "G107" not in missing_from_english(asked, "G107项城段改建工程，路线全长16千米。")


def test_the_words_of_a_court_s_english_name() -> None:
    article = "四川一网店经营者被杭州铁路运输法院判处承担民事赔偿责任"
    assert (
        english_body_words_missing("Which case did the Hangzhou Railway Transport Court hear?", article) == []
    )
    assert english_body_words_missing("Which case did the Hangzhou Maritime Court hear?", article) == [
        "Maritime"
    ]
