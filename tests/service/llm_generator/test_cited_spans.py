"""Which sentence of a passage an LLM's answer sentence cites (the span shown to the reader and
judged by the gate), without HTTP."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from service.answering.llm_generator import LLMGenerator, SupportCheck
from service.llm.base import ChatMessage
from tests.service.answering.helpers import passage

_CONCEPTS = (("beds", "床位"), ("vaccin", "疫苗"))


class ConceptEmbedder:
    """One dimension per concept, whichever language names it: a stand-in for a cross-lingual model."""

    name = "test/concepts"
    dim = len(_CONCEPTS) + 1

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        out = np.array([[float(en in t.lower() or zh in t) for en, zh in _CONCEPTS] + [0.01] for t in texts])
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    embed_queries = embed_passages


class Unused:
    name = "unused"

    def stream(self, messages: list[ChatMessage]) -> list[str]:
        raise AssertionError("verify() sends nothing")

    def close(self) -> None: ...


TEXT = "县医院新增床位两百张。今年全县免费接种流感疫苗。"


def test_an_answer_in_another_language_cites_the_sentence_closest_in_meaning() -> None:
    generator = LLMGenerator(Unused(), ConceptEmbedder(), SupportCheck(min_similarity=0.5))  # type: ignore[arg-type]
    draft = generator.verify("This year the county gave free flu vaccinations [1].", [passage(TEXT)], "en")
    (part,) = draft.parts
    assert TEXT[part.start : part.end] == "今年全县免费接种流感疫苗。"
    draft = generator.verify("The hospital added beds [1].", [passage(TEXT)], "en")
    assert TEXT[draft.parts[0].start : draft.parts[0].end] == "县医院新增床位两百张。"


def test_an_answer_sharing_words_cites_the_sentence_sharing_most() -> None:
    generator = LLMGenerator(Unused(), ConceptEmbedder())  # type: ignore[arg-type]
    draft = generator.verify("全县免费接种流感疫苗[1]。", [passage(TEXT)], "zh")
    (part,) = draft.parts
    assert TEXT[part.start : part.end] == "今年全县免费接种流感疫苗。"


def test_an_answer_in_another_language_citing_a_passage_less_close_than_another_is_flagged() -> None:
    # close enough on its own (0.71 > 0.5), but another retrieved passage holds a closer sentence:
    # with a real model the passages on the same topic all score alike, so only the closest counts
    generator = LLMGenerator(Unused(), ConceptEmbedder(), SupportCheck(min_similarity=0.5))  # type: ignore[arg-type]
    both = passage("县医院新增床位和疫苗冷库。今年扩建门诊楼一栋。")
    vaccines = passage("今年全县免费接种流感疫苗。", ident=2)
    draft = generator.verify("The county gave free flu vaccinations [1].", [both, vaccines], "en")
    assert draft.parts == [] and draft.flagged == ["The county gave free flu vaccinations [1]."]
    draft = generator.verify("The county gave free flu vaccinations [2].", [both, vaccines], "en")
    assert [p.passage for p in draft.parts] == [1]


def test_a_shared_word_decides_the_span_before_embeddings_do() -> None:
    # the embedding would pick the heading on beds; the sentence with the figure is the one cited
    text = "县医院新增床位。今年共有200张。"
    generator = LLMGenerator(Unused(), ConceptEmbedder(), SupportCheck(min_similarity=0.5))  # type: ignore[arg-type]
    draft = generator.verify("The hospital has 200 beds now [1].", [passage(text)], "en")
    (part,) = draft.parts
    assert text[part.start : part.end] == "今年共有200张。"
