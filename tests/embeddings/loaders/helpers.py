"""What the loader tests share: a Chinese news text, the start of a PNG file, writing a file, and
loading one file and taking the single error it must give."""

from __future__ import annotations

from pathlib import Path

from embeddings.loaders import LoadError, LoadResult, load_file

ZH = "新华社北京电 国务院今天召开常务会议，部署进一步做好稳就业工作。\n会议指出，要加大政策支持力度。\n"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def load_one(path: Path) -> LoadResult:
    return load_file(path, path.parent)


def only_error(result: LoadResult) -> LoadError:
    assert result.texts == []
    assert len(result.errors) == 1
    return result.errors[0]
