"""Text files in every encoding the loader meets: UTF-8 (with or without BOM), GBK and GB18030,
Big5, UTF-16; newlines normalised and stray control characters stripped."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from embeddings.loaders import decode_bytes, load_bytes
from tests.embeddings.loaders.helpers import ZH, load_one, write


def test_utf8_file(tmp_path: Path) -> None:
    result = load_one(write(tmp_path / "a.txt", ZH))
    assert result.errors == []
    [text] = result.texts
    assert (text.source, text.text, text.encoding, text.title) == ("a.txt", ZH, "utf-8", None)


def test_utf8_bom_is_stripped_and_recorded(tmp_path: Path) -> None:
    [text] = load_one(write(tmp_path / "bom.txt", codecs.BOM_UTF8 + ZH.encode())).texts
    assert text.text == ZH
    assert text.encoding == "utf-8-sig"


def test_gbk_file_decodes_as_gb18030(tmp_path: Path) -> None:
    [text] = load_one(write(tmp_path / "gbk.txt", ZH.encode("gbk"))).texts
    assert text.text == ZH
    assert text.encoding == "gb18030"


def test_gb18030_file_with_characters_outside_gbk(tmp_path: Path) -> None:
    content = "𠀀字与€符号：" + ZH
    with pytest.raises(UnicodeEncodeError):
        content.encode("gbk")
    [text] = load_one(write(tmp_path / "gb18030.txt", content.encode("gb18030"))).texts
    assert (text.text, text.encoding) == (content, "gb18030")


def test_big5_is_not_mistaken_for_gb18030() -> None:
    content = "台灣新聞報導今天天氣很好，行政院宣布新政策。"
    [text] = load_bytes(content.encode("big5"), "big5.txt").texts
    assert text.text == content
    assert text.encoding == "big5"


def test_utf16_with_bom() -> None:
    text, encoding = decode_bytes(ZH.encode("utf-16"))
    assert (text, encoding) == (ZH, "utf-16")


def test_crlf_and_cr_newlines_are_normalised(tmp_path: Path) -> None:
    [text] = load_one(write(tmp_path / "crlf.txt", b"line one\r\nline two\rline three\r\n")).texts
    assert text.text == "line one\nline two\nline three\n"


def test_stray_control_characters_are_stripped() -> None:
    data = ("正文" * 100 + "\x00\x07中\t文\x0b\n").encode()
    [text] = load_bytes(data, "x.txt").texts
    assert text.text == "正文" * 100 + "中\t文\n"
