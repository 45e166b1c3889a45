"""What every answer generator speaks: chat messages in, text (whole or in deltas) out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal, Protocol, TypedDict, runtime_checkable

Role = Literal["system", "user", "assistant"]


class ChatMessage(TypedDict):
    role: Role
    content: str


@runtime_checkable
class LLMClient(Protocol):
    """A synchronous chat model. Every failure is raised as ``LLMError``, also from ``stream``'s iterator."""

    name: str

    def complete(self, messages: list[ChatMessage]) -> str:
        """The whole answer text."""
        ...

    def stream(self, messages: list[ChatMessage]) -> Iterator[str]:
        """The answer as text deltas, in order; joined they are the whole answer."""
        ...

    def close(self) -> None:
        """Release connections; safe to call more than once."""
        ...
