"""Radical code points that text taken from a PDF carries in place of ordinary Chinese characters.

A CJK font draws the radical ⻘ (U+2ED8) and the character 青 (U+9752) with one glyph, and many PDF
writers map that glyph back to the radical, so the text layer reads "⻘⼭县⼈⺠医院" where the page
shows 青山县人民医院: it looks right and matches nothing. Kangxi radicals (U+2F00-U+2FD5) fold to
their characters by Unicode's NFKC (but ⼾ to 户, as the SC fonts draw it, not NFKC's 戶). The
CJK Radicals Supplement (U+2E80-U+2EFF) has no such mapping, so its pairs below come from the fonts
themselves: the characters that share a radical's glyph in Noto Sans and Noto Serif CJK SC
(Debian's fonts-noto-cjk; ``python -m embeddings.radicals`` prints them again), plus six radicals
whose names say their character (SUN 日, MOON 月, COW 牛, SHEEP 羊, MEAT 肉, RAIN 雨). Each fold
replaces one code point by one, so offsets do not move.
"""

from __future__ import annotations

import unicodedata

# radical, character; pairs written run together
_SUPPLEMENT = (
    "⺂乛⺃乚⺅亻⺇𠘨⺉刂⺋㔾⺍𭕄⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母"
    "⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺩𤣩⺫罒⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺹耂⺺肀⺽𦥑⺾艹⻁虎"
    "⻂衤⻃覀⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻘青⻙韦⻚页"
    "⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻯竜"
    "⻰龙⻱龜⻲亀⻳龟"
    "⺜日⺝月⺧牛⺶羊⺼肉⻗雨"
)
_KANGXI = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)}
# NFKC reads ⼾ as the traditional 戶; the SC fonts draw it with 户's glyph, as the page shows it
_KANGXI[0x2F3E] = "户"
FOLD: dict[int, str] = {
    **{cp: ch for cp, ch in _KANGXI.items() if len(ch) == 1},
    **{ord(_SUPPLEMENT[i]): _SUPPLEMENT[i + 1] for i in range(0, len(_SUPPLEMENT), 2)},
}


def fold_radicals(text: str) -> str:
    """``text`` with radical code points written as the characters they stand for."""
    return text.translate(FOLD)


def _font_pairs() -> list[tuple[str, str]]:  # pragma: no cover - regenerates the table above
    from fontTools.ttLib import TTCollection

    pairs: dict[int, int] = {}
    for name in ("NotoSansCJK-Regular.ttc", "NotoSerifCJK-Regular.ttc"):
        for font in TTCollection(f"/usr/share/fonts/opentype/noto/{name}").fonts:
            if not font["name"].getDebugName(1).endswith(" SC"):
                continue
            cmap = font.getBestCmap()
            for radical in range(0x2E80, 0x2F00):
                glyph = cmap.get(radical)
                same = sorted(
                    cp
                    for cp, g in cmap.items()
                    if g == glyph and (0x3400 <= cp <= 0x9FFF or 0x20000 <= cp <= 0x3FFFF)
                )
                if glyph is not None and same:
                    pairs[radical] = same[0]
    return [(chr(r), chr(c)) for r, c in sorted(pairs.items())]


if __name__ == "__main__":  # pragma: no cover
    print("".join(r + c for r, c in _font_pairs()))
