"""Which language a text is in: the two a question may be asked in, and how to tell them apart.

Retrieval, the answerer and the prompts all ask it, so it sits below every one of them.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
_LATIN = re.compile(r"[A-Za-z]")
# The character share cannot tell "Who is 习近平?" from "ChatGPT 和 DeepSeek 哪个好": in that
# mixed middle ground, English question words decide.
_ENGLISH_FRAME = re.compile(
    r"(?<![A-Za-z])(?:what|who|whom|whose|when|where|which|why|how|is|are|was|were|did|does|do|the|of|about)"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)


def detect_language(text: str) -> Lang:
    """Return "zh" when CJK characters dominate the letters or come without an English sentence frame."""
    cjk = len(_CJK.findall(text))
    if cjk == 0:
        return "en"
    if cjk / (cjk + len(_LATIN.findall(text))) >= 0.5:
        return "zh"
    return "en" if _ENGLISH_FRAME.search(text) else "zh"
