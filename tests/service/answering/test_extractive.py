from __future__ import annotations

import numpy as np

from service.answering.candidates import Weights
from service.answering.extractive import ExtractiveGenerator
from tests.fakes import HashingEmbedder, RecordingEmbedder
from tests.service.answering.helpers import passage, question

PAGE = (
    "鹤壁市卫生健康委召开会议。至9月底,全市共受理医疗纠纷案件106件,已化解82件,化解率达77.3%。"
    "会议要求各单位加强管理。"
)


def test_picks_the_sentence_with_the_asked_number_and_cites_its_span() -> None:
    draft = ExtractiveGenerator().generate_for(question("鹤壁市共受理多少件医疗纠纷案件？"), [passage(PAGE)])
    part = draft.parts[0]
    assert "106件" in part.text
    assert PAGE[part.start : part.end] == part.text
    assert draft.kind_found is True
    assert draft.support > 0.3


def test_a_restating_sentence_loses_to_one_that_adds_the_answer() -> None:
    lead = "鹤壁市受理医疗纠纷案件工作成效明显。全市共受理案件106件。"
    draft = ExtractiveGenerator().generate_for(question("鹤壁市共受理多少件医疗纠纷案件？"), [passage(lead)])
    assert "106件" in draft.parts[0].text


def test_english_questions_are_scored_by_embeddings_and_names() -> None:
    gen = ExtractiveGenerator(HashingEmbedder())
    q = question("How many medical dispute cases did Hebi accept?")
    cands = gen.features(q, [passage(PAGE, title="鹤壁市医疗纠纷调解")])
    assert all(c.similarity is not None and np.isfinite(c.similarity) for c in cands)
    assert all(c.names == 1.0 for c in cands)  # "Hebi" is in the title


def test_an_english_questions_acronym_counts_among_its_names() -> None:
    gen = ExtractiveGenerator(HashingEmbedder())
    q = question("What does UBE, the spinal technique of Zhengzhou's hospital, stand for?")
    text = "郑州市某医院骨科开展多项微创手术。UBE(单侧双通道内镜下腰椎融合术)已开展200例。"
    names = {c.text[:3]: c.names for c in gen.features(q, [passage(text, title="骨科")])}
    assert names == {"郑州市": 0.5, "UBE": 0.5}  # each holds one of Zhengzhou and UBE


def test_no_passages_means_no_answer() -> None:
    draft = ExtractiveGenerator().generate_for(question("鹤壁市共受理多少件？"), [])
    assert not draft.answerable and not draft.parts


def test_english_questions_embed_only_sentences_with_the_asked_kind() -> None:
    embedder = RecordingEmbedder()
    gen = ExtractiveGenerator(embedder)
    two = PAGE + "去年全市共受理医疗纠纷案件98件。"
    gen.features(question("How many medical dispute cases did Hebi accept?"), [passage(two)])
    assert embedder.passages == [
        "至9月底,全市共受理医疗纠纷案件106件,已化解82件,化解率达77.3%。",
        "去年全市共受理医疗纠纷案件98件。",
    ]
    embedder.passages.clear()
    # one sentence with the asked kind: there is nothing to choose, so nothing is embedded
    cands = gen.features(question("How many medical dispute cases did Hebi accept?"), [passage(PAGE)])
    assert embedder.passages == [] and [c.text for c in cands] == [
        "至9月底,全市共受理医疗纠纷案件106件,已化解82件,化解率达77.3%。"
    ]
    cands = gen.features(
        question("How many beds does Hebi have?"), [passage("鹤壁市召开会议。会议要求加强管理。")]
    )
    assert embedder.passages == [] and all(c.similarity == 0.0 for c in cands)


def test_two_event_questions_cite_a_sentence_from_each_article() -> None:
    q_text = "焦作市技能竞赛和鹤壁市护理竞赛各有多少人参赛？"
    jiaozuo = passage("焦作市举办技能竞赛。来自基层的33名成员参加了技能竞赛。", doc_id="a.txt#1", ident=1)
    hebi = passage("鹤壁市举办护理竞赛。共有36名护士参加护理竞赛。", doc_id="b.txt#1", score=0.95, ident=2)
    draft = ExtractiveGenerator().generate_for(question(q_text), [jiaozuo, hebi])
    texts = "".join(p.text for p in draft.parts)
    assert "33名" in texts and "36名" in texts
    assert {p.passage for p in draft.parts} == {0, 1}


def test_english_answers_look_past_the_top_passage_for_the_asked_kind() -> None:
    gen = ExtractiveGenerator(HashingEmbedder())
    top = passage("李女士被送到登封市总医院。检查提示李女士为A型主动脉夹层。", doc_id="d.txt#1", ident=1)
    second = passage("手术历时5个多小时，团队完成了人工血管置换。", doc_id="d.txt#1", ident=2, score=0.98)
    draft = gen.generate_for(question("How long did the aortic surgery on Ms. Li take?"), [top, second])
    assert draft.kind_found and draft.parts[0].text.startswith("手术历时5个多小时")


def test_english_answers_embed_a_bounded_number_of_sentences_preferring_named_ones() -> None:
    embedder = RecordingEmbedder()
    gen = ExtractiveGenerator(embedder, similarity_sentences=2)
    text = "会议今天召开。会议讨论工作。会议要求加强管理。鹤壁市代表发言。会议顺利结束。"
    cands = gen.features(question("What did the meeting in Hebi discuss?"), [passage(text)])
    # the sentence naming Hebi first, then the one translating "discuss" (讨论) before the lead
    # sentence; the rest are scored as unrelated
    assert embedder.passages == ["会议讨论工作。", "鹤壁市代表发言。"]
    assert len(cands) == 5
    assert sorted(c.similarity != 0.0 for c in cands) == [False, False, False, True, True]


def test_long_sentences_are_embedded_by_their_opening_characters() -> None:
    embedder = RecordingEmbedder()
    gen = ExtractiveGenerator(embedder, similarity_chars=10)
    text = "会议今天在鹤壁市召开并讨论了全年的工作安排。会议要求加强管理。"
    cands = gen.features(question("What did the meeting in Hebi discuss?"), [passage(text)])
    assert embedder.passages == ["会议今天在鹤壁市召开", "会议要求加强管理。"]
    assert (
        cands[0].text == "会议今天在鹤壁市召开并讨论了全年的工作安排。"
    )  # the citation keeps the whole sentence


def test_a_quote_is_read_with_the_attribution_after_it() -> None:
    text = "“我由于脑血管病，需要经常住院。”12月24日，在卫生院住院的郭先生做完CT检查说。"
    asked = question("郭先生为什么隔三岔五就要住院？")
    draft = ExtractiveGenerator().generate_for(asked, [passage(text)])
    assert draft.parts[0].text.startswith("“我由于脑血管病")  # it gives a cause; the attribution does not
    quote = ExtractiveGenerator().features(asked, [passage(text)])[0]
    assert quote.window > quote.sentence  # 郭先生, found in the attribution after the quote


def test_english_answers_weigh_the_two_best_passages_holding_the_asked_kind() -> None:
    embedder = RecordingEmbedder()
    gen = ExtractiveGenerator(embedder)
    first = passage("去年全市共受理医疗纠纷案件98件。", doc_id="a.txt#1", ident=1)
    second = passage("至9月底,鹤壁市共受理医疗纠纷案件106件。", doc_id="a.txt#1", ident=2, score=0.98)
    third = passage("全市有医疗机构3000家。", doc_id="b.txt#1", ident=3, score=0.9)
    cands = gen.features(question("How many medical dispute cases did Hebi accept?"), [first, second, third])
    # a sentence of the second passage can win on similarity; the third passage's is not embedded
    assert embedder.passages == [
        "去年全市共受理医疗纠纷案件98件。",
        "至9月底,鹤壁市共受理医疗纠纷案件106件。",
    ]
    assert {c.passage for c in cands} == {0, 1}


def test_english_answers_prefer_the_sentence_translating_the_question_words() -> None:
    page = "3件作品获得金奖。6件作品获得银奖。"
    draft = ExtractiveGenerator().generate_for(
        question("How many entries won silver awards?"), [passage(page)]
    )
    assert draft.parts[0].text == "6件作品获得银奖。"
    # a Chinese question is scored by its own words, with no translation
    cands = ExtractiveGenerator().features(question("有几件作品获得银奖？"), [passage(page)])
    assert all(c.translated == 0.0 for c in cands)


def test_a_byline_question_finds_the_article_then_cites_its_byline() -> None:
    story = passage(
        "本报讯(特约记者叶利民)近日,医院召开总结会。至此,云南阜外医院救助的困境患者达到6000人。",
        doc_id="a.txt#1",
        ident=1,
    )
    other = passage("本报记者王平报道:鹤壁市卫健委召开会议。", doc_id="b.txt#1", score=0.9, ident=2)
    draft = ExtractiveGenerator().generate_for(
        question("报道云南阜外医院救助困境患者达到6000人的那篇稿子，特约记者是谁？"), [story, other]
    )
    assert [p.text for p in draft.parts] == ["本报讯(特约记者叶利民)近日,医院召开总结会。"]
    assert draft.kind_found is True
    assert draft.support > 0.3  # the story's own sentence found the article


def test_a_photograph_question_finds_the_article_then_cites_its_credit() -> None:
    story = passage(
        "当天,焦作市举办了第五届家庭医生团队技能竞赛,院长李明致辞。王正勋 侯林峰/摄",
        doc_id="a.txt#1",
        ident=1,
    )
    other = passage("刘洋/摄 鹤壁市举办护理技能竞赛。", doc_id="b.txt#1", score=0.9, ident=2)
    draft = ExtractiveGenerator().generate_for(
        question("焦作市第五届家庭医生团队技能竞赛的那张照片是谁拍摄的？"), [story, other]
    )
    assert [p.text for p in draft.parts] == ["王正勋 侯林峰/摄"]
    assert draft.kind_found is True


def test_a_which_question_prefers_the_sentence_listing_them() -> None:
    text = "北京天坛医院开展肿瘤防治多学科联合义诊。伽玛刀中心、影像诊断中心等科室专家参加。"
    draft = ExtractiveGenerator().generate_for(
        question("北京天坛医院的多学科义诊有哪些科室参加？"), [passage(text)]
    )
    assert "伽玛刀中心" in draft.parts[0].text


def test_a_bare_attribution_answers_only_who_said_it() -> None:
    text = "“我们请专家下来培训,派医生上去学习。”梅子铺卫生院院长李文文说道。"
    how = question("梅子铺卫生院的院长说，卫生院和上级医院的人是怎么交流学习的？")
    assert "请专家下来培训" in ExtractiveGenerator().generate_for(how, [passage(text)]).parts[0].text
    who = ExtractiveGenerator().features(question("梅子铺卫生院的院长是谁？"), [passage(text)])
    assert any("李文文说道" in c.text for c in who)


def test_replaying_ranked_candidates_drafts_what_the_service_drafts() -> None:
    """The evaluation scripts replay cached candidates through draft_from: a byline question must
    get its byline there too, as from generate_for."""
    story = passage(
        "本报讯(特约记者叶利民)近日,医院召开总结会。至此,云南阜外医院救助的困境患者达到6000人。",
        doc_id="a.txt#1",
        ident=1,
    )
    asked = question("报道云南阜外医院救助困境患者达到6000人的那篇稿子，特约记者是谁？")
    answerer = ExtractiveGenerator()
    replayed = answerer.draft_from(asked.text, answerer.rank(answerer.features(asked, [story])))
    assert replayed == answerer.generate_for(asked, [story])
    assert replayed.parts[0].text.startswith("本报讯(特约记者叶利民)")


def test_a_quote_ending_a_sentence_is_read_with_its_speaker_after_it() -> None:
    text = (
        "术前，多学科专家对患者病情进行会诊与评估，决定实施手术。"
        "“主动脉夹层诊断明确。患者病情危重，必须立即手术拆除这个‘定时炸弹’！”"
        "心胸外科主任孙红涛说。"
    )
    cands = ExtractiveGenerator().features(question("孙红涛主任把它比作什么？"), [passage(text)])
    quote = next(c for c in cands if "定时炸弹" in c.text)
    assert quote.sentence == 0.0 and quote.window > 0.3  # the speaker's name is in its window
    draft = ExtractiveGenerator().generate_for(question("孙红涛主任把它比作什么？"), [passage(text)])
    assert "定时炸弹" in "".join(p.text for p in draft.parts)


TALENT = (
    "医院党委坚持培养和引进同向发力,重点培养现有人才。\n"
    "医院党委建立班子结对联系培养机制,营造尊重人才的氛围。"
    "医院还改造了门诊大楼。"
)


def test_a_restated_question_and_the_next_sentence_are_quoted_as_one_span() -> None:
    draft = ExtractiveGenerator().generate_for(
        question("医院党委重点培养现有人才，为此建了一个什么机制？"), [passage(TALENT)]
    )
    [part] = draft.parts
    assert (
        part.text
        == "医院党委坚持培养和引进同向发力,重点培养现有人才。医院党委建立班子结对联系培养机制,营造尊重人才的氛围。"
    )
    assert "".join(TALENT[part.start : part.end].split()) == part.text  # one exact span of the source


def test_a_neighbour_does_not_join_an_answer_holding_the_asked_kind() -> None:
    text = "医院党委重点培养现有人才,引进博士12名。医院党委重点培养现有人才,建立培养机制。"
    draft = ExtractiveGenerator().generate_for(
        question("医院党委重点培养现有人才，引进了多少名博士？"), [passage(text)]
    )
    assert [p.text for p in draft.parts] == ["医院党委重点培养现有人才,引进博士12名。"]


def test_only_a_sentence_right_next_to_the_best_joins_it() -> None:
    gen, asked = ExtractiveGenerator(), question("医院党委重点培养现有人才，为此建了一个什么机制？")
    apart = TALENT.replace("\n", "好的。")  # a short sentence between them is not quoted
    cands = gen.features(asked, [passage(apart)])
    assert [c.adjoins_previous for c in cands] == [False, False, True]
    only_best = ["医院党委坚持培养和引进同向发力,重点培养现有人才。"]
    assert [p.text for p in gen.generate_for(asked, [passage(apart)]).parts] == only_best
    not_close = ExtractiveGenerator(weights=Weights(neighbour_margin=0.0))
    assert [p.text for p in not_close.generate_for(asked, [passage(TALENT)]).parts] == only_best


def test_a_count_without_a_figure_answers_when_no_sentence_gives_one() -> None:
    asked = question("那个新生儿一查患了几种病？")
    vague = "经检查,这名新生儿患有气胸、新生儿肺炎等多种疾病。"
    draft = ExtractiveGenerator().generate_for(asked, [passage("医院接回一名新生儿。" + vague)])
    assert [p.text for p in draft.parts] == [vague]
    assert draft.kind_found is True  # 多种疾病 is what the article says of how many: the gate lets it pass
    exact = "经检查,这名新生儿患有3种疾病。"
    draft = ExtractiveGenerator().generate_for(asked, [passage(vague + exact)])
    assert [p.text for p in draft.parts] == [exact]  # a figure is the better answer


def test_a_count_without_a_figure_beats_a_figure_of_something_else() -> None:
    asked = question("骨科那套成熟的围手术期管理体系，是经过多长时间摸索出来的？")
    vague = "经过多年的实践积累,骨科已形成一套成熟的管理体系。"
    other = "骨科围手术期管理确保患者在48小时内接受手术。"  # a figure, but of how soon they operate
    draft = ExtractiveGenerator().generate_for(asked, [passage(other + vague, title="骨科")])
    assert [p.text for p in draft.parts] == [vague]
    # it still earns less than a figure would: with none of the bonus, the figure's sentence wins
    neutral = ExtractiveGenerator(weights=Weights(vague=0.0))
    assert [p.text for p in neutral.generate_for(asked, [passage(other + vague, title="骨科")]).parts] == [
        other
    ]


def test_a_count_without_a_figure_must_count_the_asked_thing() -> None:
    asked = question("那个新生儿一查患了几种病？")
    draft = ExtractiveGenerator().generate_for(asked, [passage("医院开展了多种宣传活动。")])
    assert draft.kind_found is False
