"""Names that arrive over HTTP. The API never reads server paths: documents come as uploads or JSON
text, and a name is only a label in the index, but it is still kept to a plain relative name so
that nothing downstream (a later export, a log line, a file view) can be steered by it.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from embeddings.errors import UnsupportedFileError

MAX_NAME_CHARS = 255


def check_upload_type(filename: str, allowed: list[str]) -> None:
    suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    if suffix not in {a.lower() for a in allowed}:
        kinds = ", ".join(sorted(allowed))
        raise UnsupportedFileError(
            f"file type {suffix or '(none)'!r} is not accepted (allowed: {kinds})", "file"
        )


def check_source_name(name: str) -> str:
    """A relative POSIX name without ``..``, backslashes or control characters; raises ValueError."""
    if not name.strip():
        raise ValueError("must not be empty")
    if len(name) > MAX_NAME_CHARS:
        raise ValueError(f"must be at most {MAX_NAME_CHARS} characters")
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise ValueError("must not contain NUL or control characters")
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise ValueError("must be a relative name with '/' separators, not a path on the server")
    if any(part in ("", ".", "..") for part in name.split("/")):
        raise ValueError("must not contain empty, '.' or '..' path segments")
    return name
