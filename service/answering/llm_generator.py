"""Answers written by an LLM, then verified: every sentence must cite a passage that supports it.

After generation each sentence's ``[n]`` markers are checked: ``n`` must name a passage we sent,
and that passage must support the sentence (``support.py``): every number it states is in the
passage, and its words and bigrams are, or (a paraphrase, an English sentence) the passage holds
the retrieved sentence closest to it in embedding space. A sentence that fails is dropped and
reported in ``flagged``. If the backend fails, times out or nothing verifiable remains, the
runtime falls back to the extractive answer and says so.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from embeddings.embedder import Embedder
from embeddings.errors import LLMError
from embeddings.script import to_simplified
from service.answering.base import AnswerPart, Draft
from service.answering.sentences import sentences_or_whole
from service.answering.support import Closeness, SupportCheck
from service.config import Settings
from service.llm.base import LLMClient
from service.llm.prompting import (
    LANGS,
    Lang,
    PromptPassage,
    build_messages,
    detect_language,
    refusal_lead_ins,
    refusal_phrase,
)
from service.retrieval import Passage

_MARKERS = re.compile(r"\s*\[(\d+)\]")
# A sentence ends at Chinese end punctuation, or at a full stop followed by a space (not "4.5"),
# and takes the markers written after its punctuation; its body may not run across such a stop.
_ANSWER_SENTENCE = re.compile(r"(?:[^。！？!?\n.]|\.(?!\s|$))+(?:[。！？!?]+|\.(?=\s|$)|$)(?:\s*\[\d+\])*")


class LLMGenerator:
    name = "openai"

    def __init__(
        self, client: LLMClient, embedder: Embedder | None = None, check: SupportCheck | None = None
    ) -> None:
        self.client = client
        self.embedder = embedder
        self.check = check or SupportCheck()

    @classmethod
    def from_settings(cls, settings: Settings, embedder: Embedder | None) -> LLMGenerator:
        from service.llm.openai_client import OpenAIChatClient

        return cls(OpenAIChatClient(settings.llm), embedder)

    def close(self) -> None:
        self.client.close()

    def generate(self, question: str, passages: Sequence[Passage]) -> Draft:
        *_, draft = self.stream(question, passages)
        assert isinstance(draft, Draft)
        return draft

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[str | Draft]:
        lang = detect_language(question)
        prompt = [
            PromptPassage(i + 1, p.chunk.title, p.chunk.source, p.chunk.text) for i, p in enumerate(passages)
        ]
        pieces: list[str] = []
        try:
            for delta in self.client.stream(build_messages(question, prompt, lang)):
                pieces.append(delta)
                yield delta
        except LLMError as exc:
            yield Draft([], True, f"extractive (fallback: {self.client.name} failed: {exc})")
            return
        yield self.verify("".join(pieces), passages, lang)

    def verify(self, text: str, passages: Sequence[Passage], lang: Lang) -> Draft:
        label = self.client.name
        if _is_refusal(text):
            return Draft([], False, label, refusal=refusal_phrase(lang))
        closeness = Closeness(self.embedder, passages) if self.embedder is not None else None
        parts: list[AnswerPart] = []
        flagged: list[str] = []
        for raw in _ANSWER_SENTENCE.findall(text):
            sentence = _MARKERS.sub("", raw).strip()
            if not sentence:
                continue
            cited = [int(n) for n in _MARKERS.findall(raw)]
            part = self._supported_part(sentence, cited, passages, closeness)
            if part is None:
                flagged.append(raw.strip())
            else:
                parts.append(part)
        if not parts:
            return Draft(
                [], True, f"extractive (fallback: {label} answer had no verifiable citation)", flagged=flagged
            )
        return Draft(parts, True, label, flagged=flagged)

    def _supported_part(
        self, sentence: str, numbers: list[int], passages: Sequence[Passage], closeness: Closeness | None
    ) -> AnswerPart | None:
        """The first cited passage that supports ``sentence``, with the span of it we cite: the
        sentence sharing most words with it, or (for one sharing few: a paraphrase, another
        language) the one closest to it in embedding space."""
        for n in numbers:
            if not 1 <= n <= len(passages):
                continue
            text = passages[n - 1].chunk.text
            if not self.check.numbers_present(sentence, text):
                continue
            supported = self.check.lexical(sentence, text) >= self.check.min_lexical
            if not supported and closeness is not None:
                supported = self.check.attributed(closeness.closest(sentence), n - 1)
            if supported:
                start, end = self._best_span(sentence, text, n - 1, closeness)
                return AnswerPart(sentence, n - 1, start, end)
        return None

    def _best_span(
        self, sentence: str, passage: str, number: int, closeness: Closeness | None
    ) -> tuple[int, int]:
        """The passage sentence that shares most with the answer sentence: the span we cite. One in
        another language that shares no word with any (not even a number or a name it keeps in
        Chinese) cites the sentence closest to it in embedding space instead of the first. Shared
        words decide before embeddings do: multilingual-e5-small puts a short heading on the
        topic closer to an English answer than the sentence it translates."""
        spans = sentences_or_whole(passage)
        shares = [self.check.lexical(sentence, passage[s:e]) for s, e in spans]
        if max(shares) == 0 and closeness is not None:
            return closeness.closest(sentence)[number][1]
        return max(zip(spans, shares, strict=True), key=lambda pair: (pair[1], -pair[0][0]))[0]


# how much of a prompt's lead-in (…只回复：) marks the cannot-answer sentence after it as quoted
_ECHO_CHARS = 6


@functools.cache
def _refusal_forms() -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """Per language, the squashed cannot-answer sentence and the squashed ends of its lead-ins:
    the prompts are fixed, so they are read once."""
    return tuple(
        (
            re.compile(re.escape(_squash(refusal_phrase(lang)))),
            tuple(_squash(lead)[-_ECHO_CHARS:] for lead in refusal_lead_ins(lang)),
        )
        for lang in LANGS
    )


def _is_refusal(text: str) -> bool:
    """The model said the agreed cannot-answer sentence, give or take spacing, case and the stop, and
    did not merely repeat the instruction that quotes it ("…reply only: The articles do not say."),
    as a small model that continues its prompt does: that reply is checked like any other."""
    said = _squash(text)
    return any(
        not said[: found.start()].endswith(echoes)
        for phrase, echoes in _refusal_forms()
        for found in phrase.finditer(said)
    )


def _squash(text: str) -> str:
    return re.sub(r"[\s。.!！]", "", to_simplified(text)).lower()
