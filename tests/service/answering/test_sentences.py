"""Sentence spans: exact offsets, short credits kept, and a passage with no sentence long enough
taken whole; and the sentence texts ingest embeds for the answerer are the ones it embeds."""

from __future__ import annotations

from service.answering.extractive import ExtractiveGenerator
from service.answering.sentences import (
    SIMILARITY_CHARS,
    sentences_or_whole,
    similarity_texts,
    split_sentences,
)
from tests.fakes import RecordingEmbedder
from tests.service.answering.helpers import passage, question

PAGE = "鹤壁市卫生健康委召开会议。至9月底,全市共受理医疗纠纷案件106件,已化解82件,化解率达77.3%。会议要求各单位加强管理。"


def test_split_sentences_keeps_exact_spans() -> None:
    spans = split_sentences(PAGE)
    assert [PAGE[s:e] for s, e in spans] == [
        "鹤壁市卫生健康委召开会议。",
        "至9月底,全市共受理医疗纠纷案件106件,已化解82件,化解率达77.3%。",
        "会议要求各单位加强管理。",
    ]


def test_a_short_closing_credit_is_kept_as_a_sentence() -> None:
    text = "患儿痊愈出院时,其父母连声道谢:“感谢你们给了我儿子第二次生命。”(何凌云)"
    assert [text[a:b] for a, b in split_sentences(text)][-1] == "(何凌云)"
    assert all(b - a >= 6 for a, b in split_sentences("好的。是吗?这名新生儿患有气胸。"))


def test_a_passage_without_a_sentence_long_enough_is_taken_whole() -> None:
    assert sentences_or_whole("好的。是吗?") == ((0, 6),)
    assert sentences_or_whole(PAGE) == tuple(split_sentences(PAGE))


def test_similarity_texts_are_the_sentences_opening_characters_in_simplified_script() -> None:
    long = "据统计" + "该院" * 40 + "。"
    texts = similarity_texts("鶴壁市衛生健康委召開會議。" + long)
    assert texts == ["鹤壁市卫生健康委召开会议。", long[:SIMILARITY_CHARS]]


def test_the_answerer_embeds_only_texts_that_ingest_stores() -> None:
    chunks = [
        "鶴壁市衛生健康委召開會議。至9月底,全市共受理醫療糾紛案件106件,已化解82件。會議要求加強管理。",
        PAGE,
        "淇滨区人民医院今年新招聘医生35名,护士48名,全院职工达到620人,床位增至500张。",
    ]
    embedder = RecordingEmbedder()
    answerer = ExtractiveGenerator(embedder)
    passages = [passage(text, ident=i) for i, text in enumerate(chunks)]
    answerer.generate_for(question("How many medical dispute cases did Hebi handle?"), passages)
    assert len(embedder.passages) >= 2
    stored = {t for text in chunks for t in similarity_texts(text)}
    assert set(embedder.passages) <= stored
