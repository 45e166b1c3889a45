"""Traditional and simplified Chinese, folded to one script for matching (OpenCC's ``hk2s`` tables).

A reader in Taipei or Hong Kong asks "鶴壁市受理多少件醫療糾紛？" of articles printed in simplified
characters, or the other way round. Dense embeddings half bridge the two scripts; words, bigrams and
every rule that reads a question (几, 为什么, 哪里) do not. So questions and article text are compared
in simplified characters; what is shown and cited stays exactly as written.

OpenCC converts phrase by phrase (乾燥 -> 干燥 but 乾坤 stays). ``hk2s`` is its ``t2s`` after Hong
Kong's variant characters are normalised (衞生 -> 卫生, which ``t2s`` leaves alone); Taiwan's (裡, 為)
``t2s`` already knows. It leaves simplified text as it is: the sample corpus, every question in
``eval/`` and the inews articles of ``bench/`` come through unchanged. (``tw2s`` would not: it turns
the simplified 么 into 幺.)

The same fold writes radical code points as characters (``embeddings.radicals``): text copied out
of a PDF may carry ⻘⼭县 for 青山县, which looks the same and would otherwise match nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from embeddings.radicals import fold_radicals

_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=4)
def _converter(config: str) -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC(config).convert


def to_simplified(text: str) -> str:
    """``text`` in simplified characters (anything else is left alone), radical code points
    written as the characters they are drawn as (⻘ as 青: text copied out of a PDF)."""
    return _converter("hk2s")(fold_radicals(text)) if text else text


def to_simplified_aligned(text: str, convert: Callable[[str], str] = to_simplified) -> str:
    """``convert`` (``to_simplified``) keeping every character where it is, so that offsets into the
    result are offsets into ``text``: a phrase converted to a different length is converted
    character by character instead. (The pinned OpenCC's ``hk2s`` tables hold no such phrase; a
    later release's might, or a region's, such as Taiwan's 部落格 -> 博客.)"""
    folded = convert(text)
    if len(folded) == len(text):
        return folded
    return "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)


def to_traditional(text: str) -> str:
    """``text`` in traditional characters, for replies to a question asked in them."""
    return _converter("s2t")(text) if text else text


def _traditional_forms(ch: str) -> list[str]:
    """``ch`` in traditional characters as OpenCC, Taiwan and Hong Kong write it (为: 爲, 為)."""
    forms = (_converter(config)(ch) for config in ("s2t", "s2tw", "s2hk"))
    return [f for f in dict.fromkeys(forms) if len(f) == 1 and f != ch]


def either_script(pattern: str) -> str:
    """A regular expression matching what ``pattern`` matches written in either script: each Han
    character with a traditional form becomes a choice of its forms (本报讯 -> 本[报報][讯訊], 为 ->
    [为爲為]), for the page-layout rules, which read text as printed."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch in "[]":
            in_class = ch == "[" or (in_class and ch != "]")
        in_range = in_class and "-" in (pattern[i - 1], pattern[i + 1 : i + 2])
        forms = ch + "".join(_traditional_forms(ch)) if _HAN.match(ch) and not in_range else ch
        out.append(forms if in_class or len(forms) == 1 else f"[{forms}]")
        i += 1
    return "".join(out)
