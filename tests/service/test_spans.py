from __future__ import annotations

import random
import re

from service.answering.spans import original_span


def squash(s: str) -> str:
    return re.sub(r"\s", "", s)


def test_maps_sentence_inside_noisy_original() -> None:
    original = "标题\n\n鹤壁市 受理\n医疗纠纷 106 件，已化解\n82件。另一句。"
    chunk_start = original.index("鹤")
    cleaned = "鹤壁市受理医疗纠纷106件，已化解82件。另一句。"
    s = cleaned.index("已化解")
    e = cleaned.index("。") + 1
    os_, oe = original_span(original, chunk_start, cleaned, s, e)
    assert squash(original[os_:oe]) == squash(cleaned[s:e]) == "已化解82件。"


def test_random_whitespace_noise_roundtrips() -> None:
    rng = random.Random(7)
    for _ in range(200):
        cleaned = "".join(rng.choice("医院患者救助6000名。，") for _ in range(40))
        original = "".join(ch + rng.choice(["", "", " ", "\n", "  \n"]) for ch in cleaned)
        prefix = "前言\n"
        s = rng.randrange(0, 39)
        e = rng.randrange(s + 1, 41)
        os_, oe = original_span(prefix + original, len(prefix), cleaned, s, e)
        assert squash((prefix + original)[os_:oe]) == squash(cleaned[s:e])
