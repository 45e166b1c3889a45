"""Turn files (or uploaded bytes) into ``SourceText`` units, reporting bad input instead of raising.

``SourceText.text`` is the decoded file with newlines normalised (``\\r\\n`` and ``\\r`` become ``\\n``)
and C0 control characters other than ``\\n`` and ``\\t`` removed; for an HTML page it is the visible text
we extracted, for a PDF or Word file the text ``embeddings.document_files`` extracted, for a
``.jsonl`` record the record's ``text``. Every downstream offset refers to it.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import charset_normalizer

from embeddings.document_files import READERS, read_document
from embeddings.errors import InputError, UnsupportedFileError
from embeddings.html_text import html_text
from embeddings.types import SourceText

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
SUPPORTED_EXTENSIONS = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"} | {f".{k}" for k in READERS}
)

_CONTROL_CODES = [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)]
_CONTROL_BYTES = bytes(_CONTROL_CODES)
_STRIP_CONTROLS = dict.fromkeys(_CONTROL_CODES)
# Real text has (almost) no control characters; random or compressed bytes have ~11%.
_MAX_CONTROL_RATIO = 0.01
_MAX_PRIVATE_USE_RATIO = 0.01
# charset-normalizer's "chaos" (0 = clean .. 1 = garbage) above which we refuse its guess.
_MAX_CHAOS = 0.2

_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


@dataclass(frozen=True)
class LoadError:
    """One problem with the input: a whole file (``line`` None) or one line of a ``.jsonl`` file."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


@dataclass
class LoadResult:
    texts: list[SourceText] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)


def iter_files(paths: Sequence[Path]) -> Iterator[tuple[Path, Path]]:
    """Expand files and directories into ``(file, root)`` pairs, each file once, in a stable order.

    Directories are walked recursively for supported extensions, skipping hidden files and folders.
    A file named explicitly is always yielded (``load_file`` then reports an unsupported type).
    Raises ``InputError`` at once if a path does not exist.
    """
    for path in paths:
        if not Path(path).exists():
            raise InputError(f"no such file or directory: {path}", field="paths")
    return _unique_files([Path(p) for p in paths])


def load_file(path: Path, root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadResult:
    """Load one file; ``source`` is its path relative to ``root`` in POSIX form. Never raises."""
    try:
        source = path.relative_to(root).as_posix()
    except ValueError:
        source = path.name
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # one byte more is enough to know it is too large
    except OSError as exc:
        return _failed(source, f"cannot read file: {exc.strerror or exc}")
    return _load(data, source, max_bytes)


def load_bytes(data: bytes, filename: str, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadResult:
    """Load an upload; ``filename`` decides the type and, without any directory part, is the source."""
    name = PureWindowsPath(PurePosixPath(filename).name).name
    name = "".join(c for c in name if c.isprintable()).strip()  # no NUL or newlines in a source name
    return _load(data, name if name.strip(".") else "upload", max_bytes)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode and normalise file bytes; return ``(text, encoding)`` or raise ``UnsupportedFileError``.

    Order: a UTF-16 BOM; UTF-8 (``utf-8-sig`` when it has a BOM); GB18030 (covers GBK and GB2312);
    charset-normalizer's best guess if it is clean enough.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict_decode(data, "utf-16"), "utf-16"
        if text is None or _looks_binary(text):
            raise UnsupportedFileError("has a UTF-16 mark but is not valid UTF-16 text", field="file")
        return normalise_text(text), encoding
    if _looks_binary(data):
        raise UnsupportedFileError("binary file, not text", field="file")
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    text = _strict_decode(data, encoding)
    if text is not None:
        return normalise_text(text), encoding
    text = _strict_decode(data, "gb18030")
    # Big5 and other double-byte text often "decodes" as GB18030, but lands in its private-use area.
    if text is not None and len(_PRIVATE_USE.findall(text)) <= _MAX_PRIVATE_USE_RATIO * len(text):
        return normalise_text(text), "gb18030"
    return _guess_encoding(data)


def normalise_text(text: str) -> str:
    """Unify newlines to ``\\n`` and drop C0 control characters other than ``\\n`` and ``\\t``."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_STRIP_CONTROLS)


def _unique_files(paths: list[Path]) -> Iterator[tuple[Path, Path]]:
    seen: set[Path] = set()
    for path in paths:
        pairs = [(path, path.parent)] if not path.is_dir() else [(f, path) for f in _walk_dir(path)]
        for file, root in pairs:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                yield file, root


def _walk_dir(root: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found.extend(
            Path(dirpath, name)
            for name in filenames
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_EXTENSIONS
        )
    return sorted(found, key=lambda f: f.relative_to(root).parts)


def _failed(source: str, message: str) -> LoadResult:
    return LoadResult(errors=[LoadError(source, None, message)])


def _load(data: bytes, source: str, max_bytes: int) -> LoadResult:
    suffix = PurePosixPath(source).suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        allowed = ", ".join(sorted(SUPPORTED_EXTENSIONS))
        return _failed(source, f"unsupported file type '{suffix or source}' (expected one of {allowed})")
    if len(data) > max_bytes:
        return _failed(source, f"file too large (more than {max_bytes} bytes)")
    try:
        if suffix[1:] in READERS:  # PDF, Word: their bytes, not decoded text
            title, text = read_document(suffix[1:], data)
            return LoadResult(texts=[SourceText(source, normalise_text(text), suffix[1:], title)])
        text, encoding = decode_bytes(data)
        if not text.strip():
            raise UnsupportedFileError("file is empty", field="file")
        return _PARSERS[suffix](text, source, encoding)
    except InputError as exc:
        return _failed(source, str(exc))


def _strict_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_binary(data: bytes | str) -> bool:
    if not data:
        return False
    kept = (
        data.translate(None, _CONTROL_BYTES) if isinstance(data, bytes) else data.translate(_STRIP_CONTROLS)
    )
    return len(data) - len(kept) > _MAX_CONTROL_RATIO * len(data)


def _guess_encoding(data: bytes) -> tuple[str, str]:
    try:
        match = charset_normalizer.from_bytes(data).best()
    except (LookupError, ValueError) as exc:
        raise UnsupportedFileError(f"cannot detect the text encoding: {exc}", field="file") from exc
    if match is None or match.chaos > _MAX_CHAOS:
        raise UnsupportedFileError(
            "cannot decode: not UTF-8 or GB18030, and no confident guess of the encoding", field="file"
        )
    return normalise_text(str(match)), match.encoding


def _parse_plain(text: str, source: str, encoding: str) -> LoadResult:
    return LoadResult(texts=[SourceText(source=source, text=text, encoding=encoding)])


def _parse_html(markup: str, source: str, encoding: str) -> LoadResult:
    title, text = html_text(markup)
    return LoadResult(texts=[SourceText(source=source, text=text, encoding=encoding, title=title)])


def _parse_jsonl(text: str, source: str, encoding: str) -> LoadResult:
    result = LoadResult()
    seen: set[str] = set()
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = _jsonl_record(line, source, number, encoding)
            if record.source in seen:
                raise ValueError(f"duplicate id {record.meta.get('id')!r}")
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            result.errors.append(LoadError(source, number, str(exc)))
            continue
        seen.add(record.source)
        result.texts.append(record)
    return result


def _jsonl_record(line: str, source: str, number: int, encoding: str) -> SourceText:
    try:
        obj = json.loads(line, strict=False)  # tolerate raw tabs inside strings
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg} (column {exc.colno})") from exc
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError('"text" is missing' if text is None else '"text" must be a string')
    text = normalise_text(text)
    if not text.strip():
        raise ValueError('"text" is empty')
    meta = {key: value for key in ("url", "date", "id") if (value := _optional_str(obj, key))}
    meta["line"] = str(number)
    title = _optional_str(obj, "title")
    return SourceText(
        source=f"{source}#{meta.get('id', number)}",
        text=text,
        encoding=encoding,
        title=" ".join(title.split()) if title else None,
        meta=meta,
    )


def _optional_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if key == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        kind = "a string or an integer" if key == "id" else "a string"
        raise ValueError(f'"{key}" must be {kind}, got {type(value).__name__}')
    return value.strip() or None


_PARSERS: dict[str, Callable[[str, str, str], LoadResult]] = {
    ".txt": _parse_plain,
    ".md": _parse_plain,
    ".markdown": _parse_plain,
    ".html": _parse_html,
    ".htm": _parse_html,
    ".jsonl": _parse_jsonl,
}
