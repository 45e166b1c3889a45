"""Ranks a question asks with 第几 (第几责任人, 第几次全国代表大会), and the forms news answers them in.

第几道防线 is answered by 第一道防线, 第几责任人 by 第一责任人: the rank and the character after 第几.
A party congress is named by its rank alone (党的二十大 for 第二十次全国代表大会).
"""

from __future__ import annotations

import re

_NUMERAL = r"[一二三四五六七八九十百两\d]+"
_ASKS_CONGRESS = re.compile(r"第几(?:次|届)(?:全国)?(?:党员)?代表大会")
_CONGRESS = re.compile(f"{_NUMERAL}大(?![学会型量小])|第{_NUMERAL}(?:次|届)(?:全国)?(?:党员)?代表大会")
_ASKS_RANK = re.compile(r"第几([\u4e00-\u9fff])")


def ranks_answering(question: str, sentence: str, congress_only: bool = False) -> list[str] | None:
    """The ranks in ``sentence`` that answer a 第几 ``question`` (None when it asks none, or when
    ``congress_only`` and it asks no congress: 第几届 and 第几家 have their own answers, 第30个)."""
    if _ASKS_CONGRESS.search(question):
        return _CONGRESS.findall(sentence)
    rank = _ASKS_RANK.search(question)
    if rank is None or congress_only:
        return None
    after = re.escape(rank.group(1))
    return re.findall(f"第{_NUMERAL}{after}|首{after}", sentence)
