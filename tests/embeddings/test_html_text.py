"""The visible text and title of an HTML page."""

from __future__ import annotations

import pytest

from embeddings.errors import UnsupportedFileError
from embeddings.html_text import html_text

PAGE = """<!DOCTYPE html>
<html><head><title> 稳就业
  新举措 </title>
<style>p { color: red }</style><script>var secret = "script text";</script></head>
<body>
<!-- a comment -->
<noscript>please enable javascript</noscript>
<h1>国务院部署稳就业</h1>
<div><p>第一段
  <b>加粗</b>内容。</p><p>第二段<br>换行</p></div>
<h2>政策 要点</h2>
<ul><li>一、减税</li><li>二、降费</li></ul>
<table><tr><td>地区</td><td>人数</td></tr></table>
<iframe src="ad.html">iframe text</iframe><template><p>template text</p></template>
</body></html>
"""


def test_html_visible_text_title_and_headings() -> None:
    title, text = html_text(PAGE)
    assert title == "稳就业 新举措"
    assert text == (
        "## 国务院部署稳就业\n\n第一段 加粗内容。\n\n第二段\n换行\n\n## 政策 要点\n\n"
        "一、减税\n\n二、降费\n\n地区 人数"
    )
    for hidden in ("secret", "color", "comment", "javascript", "iframe", "template", "新举措"):
        assert hidden not in text


def test_html_title_falls_back_to_first_h1() -> None:
    assert html_text("<body><h1> Main  headline </h1><p>body</p></body>") == (
        "Main headline",
        "## Main headline\n\nbody",
    )


def test_a_page_without_visible_text_is_refused() -> None:
    with pytest.raises(UnsupportedFileError, match="no visible text"):
        html_text("<html><script>x()</script><!-- c --></html>")
