"""The one exception tree of ragqa's domain. Library errors are mapped to these at the boundary."""

from __future__ import annotations


class RagqaError(Exception):
    """Base of every error ragqa raises on purpose."""


class InputError(RagqaError):
    """The caller gave something unusable; ``field`` names what (HTTP 4xx)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class UnsupportedFileError(InputError):
    """A file that is binary, undecodable or of a type we do not ingest."""


class NotFoundError(RagqaError):
    """A document, chunk or index that does not exist."""


class IndexError_(RagqaError):
    """The index on disk is missing, corrupt or cannot be written."""


class IndexMismatchError(IndexError_):
    """The index was built with other settings (model, dimensions, chunking, schema)."""


class ModelError(RagqaError):
    """The embedding model cannot be prepared or loaded."""


class LLMError(RagqaError):
    """An LLM backend failed (down, timeout, bad status, malformed output)."""
