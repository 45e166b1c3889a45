from __future__ import annotations

import codecs
import json
import random
from pathlib import Path

import pytest

from embeddings.errors import InputError
from embeddings.loaders import (
    LoadError,
    LoadResult,
    decode_bytes,
    iter_files,
    load_bytes,
    load_file,
)

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


# --- encodings -------------------------------------------------------------------------------------


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


# --- rejected files --------------------------------------------------------------------------------


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
    error = only_error(load_one(write(tmp_path / "report.pdf", b"%PDF-1.7")))
    assert "unsupported file type '.pdf'" in error.message


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


# --- HTML (the visible text itself: test_html_text.py) ---------------------------------------------


def test_an_html_file_loads_as_its_title_and_visible_text(tmp_path: Path) -> None:
    result = load_one(write(tmp_path / "page.html", "<title>标题</title><h1>大标题</h1><p>正文。</p>"))
    assert result.errors == []
    [text] = result.texts
    assert (text.title, text.text, text.encoding) == ("标题", "## 大标题\n\n正文。", "utf-8")


def test_gbk_html() -> None:
    data = f"<html><head><meta charset='gbk'><title>标题</title></head><p>{ZH}</p></html>".encode("gbk")
    [text] = load_bytes(data, "gbk.html").texts
    assert text.encoding == "gb18030"
    assert text.title == "标题"
    assert "国务院今天召开常务会议" in text.text


def test_html_without_visible_text() -> None:
    error = only_error(load_bytes(b"<html><script>x()</script></html>", "blank.html"))
    assert error.message == "no visible text in the HTML page"


# --- JSONL -----------------------------------------------------------------------------------------


def jsonl(*lines: object) -> str:
    return "\n".join(
        line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines
    )


def test_jsonl_good_lines_loaded_and_broken_line_reported(tmp_path: Path) -> None:
    content = jsonl(
        {"title": "第一篇", "text": "正文一\r\n第二行", "url": "https://example.com/1", "date": "2024-10-01"},
        {"title": "第二篇", "text": "正文二", "id": "a-2"},
        "",
        '{"title": "坏行", "text": ',
        {"title": "第三篇", "text": "正文三", "id": 7},
    )
    result = load_file(write(tmp_path / "news" / "feed.jsonl", content), tmp_path)
    assert result.errors == [LoadError("news/feed.jsonl", 4, result.errors[0].message)]
    assert result.errors[0].message.startswith("invalid JSON")
    assert [t.source for t in result.texts] == [
        "news/feed.jsonl#1",
        "news/feed.jsonl#a-2",
        "news/feed.jsonl#7",
    ]
    first, second, third = result.texts
    assert (first.title, first.text, first.encoding) == ("第一篇", "正文一\n第二行", "utf-8")
    assert first.meta == {"url": "https://example.com/1", "date": "2024-10-01", "line": "1"}
    assert second.meta == {"id": "a-2", "line": "2"}
    assert third.meta == {"id": "7", "line": "5"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"title": "无正文"}, '"text" is missing'),
        ({"title": "空正文", "text": "  \n"}, '"text" is empty'),
        ({"text": 42}, '"text" must be a string'),
        ({"text": "ok", "title": ["x"]}, '"title" must be a string, got list'),
        ({"text": "ok", "id": 1.5}, '"id" must be a string or an integer, got float'),
        ({"text": "ok", "id": True}, '"id" must be a string or an integer, got bool'),
        (["not", "an", "object"], "expected a JSON object, got list"),
    ],
)
def test_jsonl_invalid_record(line: object, message: str) -> None:
    result = load_bytes(jsonl({"text": "好的一行"}, line).encode(), "feed.jsonl")
    assert [t.source for t in result.texts] == ["feed.jsonl#1"]
    assert result.errors == [LoadError("feed.jsonl", 2, message)]


def test_jsonl_title_is_optional_and_null_fields_are_absent() -> None:
    [text] = load_bytes(jsonl({"text": "正文", "title": None, "url": None}).encode(), "f.jsonl").texts
    assert text.title is None
    assert text.meta == {"line": "1"}


def test_jsonl_duplicate_id() -> None:
    result = load_bytes(jsonl({"text": "一", "id": "x"}, {"text": "二", "id": "x"}).encode(), "f.jsonl")
    assert [t.text for t in result.texts] == ["一"]
    assert result.errors == [LoadError("f.jsonl", 2, "duplicate id 'x'")]


def test_jsonl_in_gbk() -> None:
    [text] = load_bytes(jsonl({"title": "标题", "text": ZH}).encode("gbk"), "gbk.jsonl").texts
    assert (text.text, text.encoding) == (ZH, "gb18030")


# --- iter_files ------------------------------------------------------------------------------------


def test_iter_files_walks_sorted_and_skips_hidden(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for name in [
        "b.txt",
        "a/z.md",
        "a/deeper/x.HTML",
        "a/feed.jsonl",
        "c.markdown",
        "d.htm",
        ".hidden.txt",
        ".git/config.txt",
        "a/.cache/y.txt",
        "notes.pdf",
        "image.png",
    ]:
        write(corpus / name, "text")
    pairs = list(iter_files([corpus]))
    assert all(root == corpus for _, root in pairs)
    assert [f.relative_to(corpus).as_posix() for f, _ in pairs] == [
        "a/deeper/x.HTML",
        "a/feed.jsonl",
        "a/z.md",
        "b.txt",
        "c.markdown",
        "d.htm",
    ]


def test_iter_files_single_files_and_duplicates(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    inner = write(folder / "inner.txt", "x")
    lone = write(tmp_path / "lone.pdf", "x")
    pairs = list(iter_files([lone, folder, inner]))
    # An explicitly named file is kept whatever its type; a file reached twice is yielded once.
    assert pairs == [(lone, tmp_path), (inner, folder)]
    assert "unsupported" in only_error(load_file(*pairs[0])).message


def test_iter_files_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        iter_files([tmp_path / "nope"])
    assert info.value.field == "paths"


def test_sources_are_relative_posix_paths(tmp_path: Path) -> None:
    write(tmp_path / "root" / "sub" / "dir" / "a.txt", ZH)
    [(path, root)] = list(iter_files([tmp_path / "root"]))
    assert load_file(path, root).texts[0].source == "sub/dir/a.txt"


# --- uploads ---------------------------------------------------------------------------------------


def test_load_bytes_upload() -> None:
    result = load_bytes(ZH.encode("gbk"), "C:\\Users\\me\\新闻.TXT")
    assert result.errors == []
    [text] = result.texts
    assert (text.source, text.text, text.encoding) == ("新闻.TXT", ZH, "gb18030")


def test_load_bytes_strips_directories_and_rejects_binary() -> None:
    error = only_error(load_bytes(PNG_HEADER * 10, "../../etc/photo.txt"))
    assert (error.source, error.message) == ("photo.txt", "binary file, not text")
    assert "unsupported" in only_error(load_bytes(b"x", "archive.zip")).message


def test_load_error_str() -> None:
    assert str(LoadError("f.jsonl", 3, "bad")) == "f.jsonl:3: bad"
    assert str(LoadError("f.txt", None, "bad")) == "f.txt: bad"


# --- the user's corpus -----------------------------------------------------------------------------


@pytest.mark.corpus
def test_real_corpus_loads_cleanly(corpus_dir: Path) -> None:
    results = [load_file(path, root) for path, root in iter_files([corpus_dir])]
    texts = [text for result in results for text in result.texts]
    assert [error for result in results for error in result.errors] == []
    assert len(texts) == 5
    assert all(text.encoding == "utf-8" and text.text.strip() for text in texts)
    assert all("\r" not in text.text and "/" not in text.source for text in texts)
