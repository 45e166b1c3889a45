"""HTML pages (their title and visible text; the visible text itself: tests/embeddings/test_html_text.py)
and JSONL feeds (one article per line: good lines load, broken and invalid records are reported by
line)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from embeddings.loaders import LoadError, load_bytes, load_file
from tests.embeddings.loaders.helpers import ZH, load_one, only_error, write


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
