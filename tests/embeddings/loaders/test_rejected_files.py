"""Files the loader reports instead of loading (never raising): binary files whatever their name,
undecodable text, unsupported types, empty, too large, and missing files."""

from __future__ import annotations

import random
from pathlib import Path

from embeddings.loaders import LoadError, load_bytes, load_file
from tests.embeddings.loaders.helpers import PNG_HEADER, ZH, load_one, only_error, write


def test_png_named_txt_is_binary(tmp_path: Path) -> None:
    error = only_error(load_one(write(tmp_path / "image.txt", PNG_HEADER + bytes(range(256)) * 4)))
    assert error == LoadError("image.txt", None, "binary file, not text")


def test_random_bytes_are_binary(tmp_path: Path) -> None:
    data = random.Random(7).randbytes(4096)
    assert "binary" in only_error(load_one(write(tmp_path / "noise.md", data))).message


def test_many_nul_bytes_are_binary() -> None:
    assert "binary" in only_error(load_bytes(b"a\x00" * 200, "nul.txt")).message


def test_undecodable_file(tmp_path: Path) -> None:
    # A UTF-8 half, a GBK half and bytes valid in neither: no encoding decodes it cleanly.
    data = ZH.encode("utf-8") + ZH.encode("gbk") + b"\x80\xff\x81"
    error = only_error(load_one(write(tmp_path / "mixed.txt", data)))
    assert error.source == "mixed.txt"
    assert "cannot decode" in error.message


def test_unsupported_extension(tmp_path: Path) -> None:
    error = only_error(load_one(write(tmp_path / "slides.pptx", b"PK\x03\x04")))
    assert "unsupported file type '.pptx'" in error.message


def test_empty_file(tmp_path: Path) -> None:
    assert only_error(load_one(write(tmp_path / "empty.txt", " \n\r\n"))).message == "file is empty"


def test_too_large(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 101)
    assert "too large" in only_error(load_file(path, tmp_path, max_bytes=100)).message
    assert load_file(path, tmp_path, max_bytes=101).errors == []
    assert "too large" in only_error(load_bytes(b"x" * 101, "big.txt", max_bytes=100)).message


def test_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    error = only_error(load_file(tmp_path / "gone.txt", tmp_path))
    assert error.source == "gone.txt"
    assert error.message.startswith("cannot read file")
