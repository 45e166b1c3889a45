"""The honour a question says someone won (获评全国道德模范): an article that never names it cannot
say when or how it was won, however well the rest of the question matches.

An honour is worded loosely, so only what follows its last 的 is looked for (省里的重点中医专科:
重点中医专科, which the article calls 省级重点中医专科), and it counts as named when most of its
two-character pieces are in the article.
"""

from __future__ import annotations

import re

_HONOUR = re.compile(
    r"(?:获评|荣获|被评为|评为|获得了?|被授予|授予)[“\"]?([\u4e00-\u9fff]{3,14}?)[”\"]?(?:称号|荣誉|的|[？?，,]|$)"
)
_ASKING = re.compile(r"哪|什么|几|多少|谁|怎")
_MIN_SHARE = 0.75  # of the honour's two-character pieces the article must hold


def honours_missing(question: str, context: str) -> list[str]:
    """The honours ``question`` names that ``context`` (search form) does not."""
    missing = []
    for m in _HONOUR.finditer(question):
        if _ASKING.search(m.group(1)):  # 被评为哪一级的重点专科 asks the honour, it names none
            continue
        honour = m.group(1).rsplit("的", 1)[-1]
        if len(honour) < 3:
            continue
        pieces = [honour[i : i + 2] for i in range(len(honour) - 1)]
        if sum(p in context for p in pieces) < _MIN_SHARE * len(pieces):
            missing.append(honour)
    return missing
