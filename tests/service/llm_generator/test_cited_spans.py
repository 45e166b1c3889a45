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
