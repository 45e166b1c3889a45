"""Sentence spans: exact offsets, short credits kept, and a passage with no sentence long enough
taken whole."""

from __future__ import annotations

from service.answering.sentences import sentences_or_whole, split_sentences

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
