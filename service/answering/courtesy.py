"""Greetings and thanks around a question (您好，… 谢谢！, "Hi, … Thanks!"), which ask nothing.

Left in, 谢谢 reads as a name (谢 is a common surname) that the article must hold, and the
question is refused; so they are taken off before the question is read.
"""

from __future__ import annotations

import re

_OPENING = re.compile(
    r"^\s*(?:(?:您好|你好|哈喽|嗨|谢谢|多谢)[啊呀]?[，,。.！!～~\s]+)+"
    r"|^\s*(?:(?:hi|hello|hey|thanks|thank you)\s*[，,.!]+\s*)+",
    re.I,
)
_THANKS = r"(?:谢谢|多谢|感谢)(?:你|您|啦|了|大家)?|thanks?(?: (?:you|a lot))?"
_CLOSING = re.compile(
    rf"(?<=[？?。.！!，,\s])\s*(?:{_THANKS})[。.！!～~\s]*$"
    r"|(?<=[\u4e00-\u9fff])(?:谢谢|多谢)(?:你|您|啦|了)?[。.！!～~\s]*$",
    re.I,
)


def without_courtesy(text: str) -> str:
    """``text`` without a greeting or thanks before or after the question; the question alone is
    left as it is."""
    bare = _CLOSING.sub("", _OPENING.sub("", text)).strip()
    return bare or text
