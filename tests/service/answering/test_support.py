"""Whether a cited passage supports an LLM's sentence: numbers by value, attribution in embedding
space; and whether a cited sentence holds the asked kind."""

from __future__ import annotations

from service.answering.base import AnswerPart
from service.answering.support import Closeness, SupportCheck, cited_kind
from tests.service.answering.helpers import passage, question
from tests.service.llm_generator.test_cited_spans import ConceptEmbedder


def test_numbers_are_found_as_written_or_by_value() -> None:
    check = SupportCheck()
    assert check.numbers_present("It obtained 1.85 million yuan.", "套取国家医保资金多达185万元")
    assert not check.numbers_present("It obtained 2 million yuan.", "套取国家医保资金多达185万元")
    assert check.numbers_present("It provided 26,870 remote ECG cases.", "远程心电26870例")
    assert check.numbers_present("Jiyuan provided 26870 cases.", "远程心电2.687万例")
    # a Chinese list's comma folds to ASCII: two numbers, not one with a thousands separator
    assert check.numbers_present("2019，2020年两次获评", "2019年和2020年两次获评")
    assert not check.numbers_present("It has 120 beds.", "床位1200张")


def test_the_cited_passage_must_hold_the_closest_sentence_close_enough() -> None:
    check = SupportCheck(min_similarity=0.8, similarity_margin=0.01)
    closest = [(0.85, (0, 5)), (0.845, (3, 9)), (0.70, (0, 4))]
    assert check.attributed(closest, 0) and check.attributed(closest, 1)
    assert not check.attributed(closest, 2)
    assert not SupportCheck(min_similarity=0.9).attributed(closest, 0)


def test_closeness_finds_each_passage_s_closest_sentence() -> None:
    beds, vaccines = "县医院新增床位两百张。今年全县免费接种流感疫苗。", "县医院新增床位两百张。"
    embedder = ConceptEmbedder()
    closeness = Closeness(embedder, [passage(beds), passage(vaccines)])
    closest = closeness.closest("Free flu vaccinations.")
    assert closest[0][1] == (11, 24) and closest[0][0] > 0.99
    assert closest[1][0] < 0.1
    assert closeness.closest("Free flu vaccinations.") is closest  # each sentence is embedded once


def test_an_llm_answer_holds_the_asked_kind_when_a_sentence_it_cites_does() -> None:
    # 哪一年建成: the extractive answer may quote the first sentence (no year); the LLM cites the second
    text = "巴西米纳斯吉拉斯州的尾矿坝前天溃坝，造成重大伤亡。根据淡水河谷公司，该尾矿坝建于1976年。"
    passages = [passage("巴西国家通讯社报道了溃坝。"), passage(text)]
    asked = question("巴西那座溃决的尾矿坝是哪一年建成的？")
    built = text.index("该尾矿坝")
    assert cited_kind(asked, passages, [AnswerPart("该尾矿坝建于1976年", 1, built, built + 12)])
    assert not cited_kind(asked, passages, [AnswerPart("尾矿坝前天溃坝", 1, 9, 16)])  # no year there
    assert not cited_kind(
        question("尾矿坝为什么会溃坝？"), passages, [AnswerPart("建于1976年", 1, built, built + 12)]
    )
