"""Telling a Chinese question from an English one, mixed ones included."""

from __future__ import annotations

import pytest

from service.language import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("华为发布了什么新手机？", "zh"),
        ("What did Huawei announce?", "en"),
        ("ChatGPT 和 DeepSeek 哪个好", "zh"),
        ("iPhone 16 Pro Max 的价格是多少", "zh"),
        ("OpenAI 和 Anthropic 的 CEO 是谁", "zh"),
        ("Who is 习近平?", "en"),
        ("What did 国家统计局 report about GDP in 2024?", "en"),
        ("How much did 比亚迪 sell?", "en"),
        ("2024", "en"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang
