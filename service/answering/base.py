"""What every generator produces, and the seam they share."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from embeddings.script import to_simplified
from service.retrieval import Passage


@dataclass(frozen=True)
class AnswerPart:
    """One answer sentence and the exact span of the passage that supports it."""

    text: str
    passage: int  # index into the passages given to the generator
    start: int  # span within passage.chunk.text (cleaned text)
    end: int


@dataclass
class Draft:
    parts: list[AnswerPart]
    answerable: bool
    generator: str
    refusal: str = ""
    flagged: list[str] = field(default_factory=list)
    support: float = 0.0  # the generator's confidence signal, used by the answerability gate
    # Does the answer hold an item of the kind asked for (a number with the asked unit, a date, a
    # name...)? None when the question asks for no particular kind or the generator cannot tell.
    kind_found: bool | None = None
    stopped: str = ""  # why the generator stopped before its answer's end (its backend failed)

    def as_printed(self, read: Sequence[Passage], printed: Sequence[Passage]) -> Draft:
        """This draft of ``read`` (passages in simplified characters), quoting ``printed`` instead:
        the same offsets, each sentence as the article prints it."""
        for i, part in enumerate(self.parts):
            if read[part.passage] is not printed[part.passage]:
                self.parts[i] = replace(part, text=printed[part.passage].chunk.text[part.start : part.end])
        return self

    def in_simplified(self) -> Draft:
        """A copy whose sentences read in simplified characters (for the gate's rules)."""
        return replace(self, parts=[replace(p, text=to_simplified(p.text)) for p in self.parts])


class AnswerGenerator(Protocol):
    name: str

    def generate(self, question: str, passages: Sequence[Passage]) -> Draft: ...

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[AnswerPart | Draft]:
        """Yield each answer sentence once it is written and verified, then the final ``Draft``."""
        ...
