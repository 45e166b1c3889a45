"""Answers written by an LLM, verified as they stream in: every sentence must cite a passage that
supports it.

As soon as a sentence of the reply is complete (a stop, a line's end, and the markers after it), its
``[n]`` markers are checked: ``n`` must name a passage we sent, and that passage must support the
sentence (``support.py``): every number it states is in the passage, and its words and bigrams are,
or (a paraphrase, an English sentence) the passage holds the retrieved sentence closest to it in
embedding space. A sentence that passes is yielded then, so it can be shown while the model writes
on; one that fails is never yielded, and is reported in ``flagged``. If the backend fails, times out
or nothing verifiable remains, the runtime falls back to the extractive answer and says so
(``llm_drafts.py``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence

from embeddings.embedder import Embedder
from embeddings.errors import LLMError
from embeddings.script import to_simplified
from service.answering.base import AnswerPart, Draft
from service.answering.sentences import sentences_or_whole
from service.answering.support import Closeness, SupportCheck
from service.config import Settings
from service.language import LANGS, Lang, detect_language
from service.llm.base import LLMClient
from service.llm.prompting import (
    PromptPassage,
    build_messages,
    refusal_lead_ins,
    refusal_phrase,
)
from service.retrieval import Passage

_MARKERS = re.compile(r"\s*\[(\d+)\]")
# A sentence ends at Chinese end punctuation, a full stop followed by a space (not "4.5") or a line's
# end, and takes the markers written after it; its body may not run across such a stop.
_ANSWER_SENTENCE = re.compile(
    r"(?:[^。！？!?\n.]|\.(?!\s|$))+(?:[。！？!?]+|\.(?=\s|$)|$|(?=\n))(?:[ \t]*\n?[ \t]*\[\d+\])*"
)
# What a list item starts with: a bullet, or a number and its stop (1. 2、 (3)), not the answer's words
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*•·]|\d{1,2}[.、)）](?!\d)|[(（]\d{1,2}[)）])[ \t]*", re.M)
# Text after a sentence that may yet grow into more of it: spaces, a marker's start ("[", "[1").
_OPEN_TAIL = re.compile(r"\s*(?:\[\d*)?")


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

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[AnswerPart | Draft]:
        """Each sentence of the model's reply once it is complete and verified, then the ``Draft``:
        a sentence that fails is never yielded, and reading stops at a refusal."""
        lang = detect_language(question)
        prompt = [
            PromptPassage(i + 1, p.chunk.title, p.chunk.source, p.chunk.text) for i, p in enumerate(passages)
        ]
        reading = _Reading(self, passages, lang)
        try:
            for delta in self.client.stream(build_messages(question, prompt, lang)):
                yield from reading.read(delta)
                if reading.refused:
                    break
        except LLMError as exc:
            yield reading.draft(stopped=str(exc))
            return
        yield from reading.read("", final=True)
        yield reading.draft()

    def verify(self, text: str, passages: Sequence[Passage], lang: Lang) -> Draft:
        """The draft for a whole reply ``text``."""
        reading = _Reading(self, passages, lang)
        for _ in reading.read(text, final=True):
            pass
        return reading.draft()

    def supported_part(
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


class _Reading:
    """One reply, read as it streams in: each sentence is judged once it is complete (what follows
    it can no longer be more of its stop or markers), in the order the model wrote them."""

    def __init__(self, generator: LLMGenerator, passages: Sequence[Passage], lang: Lang) -> None:
        self.generator, self.passages, self.lang = generator, passages, lang
        embedder = generator.embedder
        self.closeness = Closeness(embedder, passages) if embedder is not None else None
        self.text = ""
        self.read_to = 0  # where the next sentence may start
        self.said = ""  # the sentences read so far, squashed: where a refusal is looked for
        self.parts: list[AnswerPart] = []
        self.flagged: list[str] = []
        self.refused = False

    def read(self, delta: str, final: bool = False) -> Iterator[AnswerPart]:
        """The verified sentences ``delta`` completes (at the reply's end, all that are left)."""
        self.text += delta
        while not self.refused and (found := _ANSWER_SENTENCE.search(self.text, self.read_to)):
            if not final and _OPEN_TAIL.fullmatch(self.text, found.end()):
                return  # the sentence, or its markers, may go on in the next delta
            self.read_to = found.end()
            since = len(self.said)
            self.said += _squash(found.group())
            if _refusal_since(self.said, since):
                self.refused = True
            elif part := self._judge(found.group()):
                yield part

    def _judge(self, raw: str) -> AnswerPart | None:
        sentence = _MARKERS.sub("", _LIST_ITEM.sub("", raw)).strip()
        if not sentence:
            return None
        cited = [int(n) for n in _MARKERS.findall(raw)]
        part = self.generator.supported_part(sentence, cited, self.passages, self.closeness)
        if part is None:
            self.flagged.append(raw.strip())
        else:
            self.parts.append(part)
        return part

    def draft(self, stopped: str = "") -> Draft:
        """What the reply came to: a refusal, or the verified sentences (``stopped``: why the backend
        failed before the reply's end)."""
        label = self.generator.client.name
        if self.refused:
            return Draft([], False, label, refusal=refusal_phrase(self.lang), flagged=self.flagged)
        return Draft(self.parts, True, label, flagged=self.flagged, stopped=stopped)


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


def _refusal_since(said: str, since: int) -> bool:
    """Does the squashed reply ``said`` hold the agreed cannot-answer sentence, give or take spacing,
    case and the stop, ending past ``since`` (in the sentence just read: each is looked at once)?
    Not when it merely repeats the instruction that quotes it ("…reply only: The articles do not
    say."), as a small model that continues its prompt does: that reply is checked like any other."""
    return any(
        not said.endswith(echoes, 0, found.start())
        for phrase, echoes in _refusal_forms()
        for found in phrase.finditer(said, max(0, since - len(phrase.pattern)))
        if found.end() > since
    )


def _squash(text: str) -> str:
    """Spacing, stops and case aside, with full-width punctuation as ASCII (只回复: as 只回复：)."""
    return re.sub(r"[\s。.!]", "", unicodedata.normalize("NFKC", to_simplified(text))).lower()
