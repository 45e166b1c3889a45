"""The widget's traditional-Chinese strings are its simplified ones converted by OpenCC (s2tw):
a string changed in one and not the other fails here."""

from __future__ import annotations

import re
from pathlib import Path

import opencc

CONFIG = Path(__file__).resolve().parents[3] / "service" / "static" / "widget" / "config.js"


def _block(source: str, key: str) -> str:
    """The lines of one language's strings, without the line that opens them."""
    m = re.search(rf"\n    {re.escape(key)}: {{\n(.*?)\n    }},\n", source, re.S)
    assert m, f"no {key} strings in {CONFIG}"
    return m.group(1)


def test_traditional_strings_are_the_simplified_ones_converted() -> None:
    source = CONFIG.read_text(encoding="utf-8")
    simplified, traditional = _block(source, "zh"), _block(source, '"zh-Hant"')
    assert traditional == opencc.OpenCC("s2tw").convert(simplified)
    assert "新聞問答" in traditional and "新闻问答" in simplified


def test_every_language_has_the_same_strings() -> None:
    source = CONFIG.read_text(encoding="utf-8")
    keys = [re.findall(r"^      (\w+):", _block(source, k), re.M) for k in ("zh", '"zh-Hant"', "en")]
    assert keys[0] == keys[1] == keys[2] and len(keys[0]) > 40
