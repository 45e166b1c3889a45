"""Chinese keyword search: jieba search-mode words plus character bigrams, ranked by SQLite FTS5 BM25.

Words give precise matches; bigrams keep recall when OCR noise or an unusual name defeats the
segmenter. Both columns live in one FTS5 table inside the index's SQLite file, so keyword rows
are written in the same transaction as the chunks they describe.
"""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Protocol

from embeddings.clean import fold_width
from embeddings.script import to_simplified
from embeddings.sqlite_db import rows_in

# Words that carry no content in questions or news prose; dropping them keeps an OR query from
# matching every passage.
STOPWORDS = frozenset(
    """的 了 是 在 和 与 及 或 也 都 就 而 并 等 对 将 被 把 为 以 于 之 其 该 这 那 有 由 从 到
    什么 多少 哪些 哪个 哪里 哪儿 哪 几 何 如何 怎么 怎样 为何 为什么 是否 吗 呢 吧 啊 请问 请 问 多 少
    一个 一些 这个 那个 这些 那些 我们 你们 他们 她们 它们 我 你 他 她 它 个
    年 月 日 时 共 共计 总共 一共 哪一 多长
    the a an of in on at to for and or is are was were be been
    what which who whom how many much when where why
    did does do with by from as that this these those it its""".split()
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TOKEN_CHARS = re.compile(r"\w", re.UNICODE)


class KeywordIndex(Protocol):
    """Scores chunks by keyword overlap with a query."""

    def add(self, rows: Sequence[tuple[int, str]]) -> None: ...

    def remove(self, chunk_ids: Sequence[int]) -> None: ...

    def search(self, query: str, k: int) -> list[tuple[int, float]]: ...

    def query_weight(self, query: str) -> float: ...

    def terms_among(
        self, chunk_ids: Sequence[int], vocabulary: frozenset[str]
    ) -> dict[int, frozenset[str]]: ...


@lru_cache(maxsize=1)
def _segmenter(name: str) -> Callable[[str], list[str]]:
    if name == "jieba":
        import jieba

        jieba.setLogLevel(60)
        return lambda text: list(jieba.cut_for_search(text))
    import rjieba

    return rjieba.cut_for_search


# How ``search_form`` folds text; an index records it (manifest.keyword_form) and its keyword rows
# are rebuilt when it changes.
KEYWORD_FORM = "nfkc-lower-hk2s-radicals"


def search_form(text: str) -> str:
    """The form both indexed text and queries take before tokenising and matching: width-folded,
    NFKC, lower case, simplified characters (script.py)."""
    return to_simplified(unicodedata.normalize("NFKC", fold_width(text)).lower())


def word_tokens(text: str, segmenter: str = "rjieba") -> list[str]:
    """Content words of ``text`` (search-mode segmentation, stopwords and punctuation removed)."""
    words = _segmenter(segmenter)(search_form(text))
    return [w for w in (w.strip() for w in words) if w and _TOKEN_CHARS.search(w) and w not in STOPWORDS]


def bigram_tokens(text: str) -> list[str]:
    """Overlapping character bigrams of every CJK run (a lone character stands for itself)."""
    grams: list[str] = []
    for run in _CJK.findall(search_form(text)):
        if len(run) == 1:
            if run not in STOPWORDS:
                grams.append(run)
            continue
        grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def _fts_or_query(tokens: Iterable[str]) -> str:
    unique = dict.fromkeys(tokens)
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in unique)


class Fts5KeywordIndex:
    """BM25 over two FTS5 columns (words, bigrams) in the index's SQLite database."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        segmenter: str = "rjieba",
        word_weight: float = 1.0,
        bigram_weight: float = 0.5,
    ) -> None:
        self._conn = conn
        self._segmenter = segmenter
        self._weights = (word_weight, bigram_weight)
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS chunk_terms USING fts5("
            "words, bigrams, tokenize='unicode61 remove_diacritics 2')"
        )
        # Per-connection (temp) view of document frequencies, for IDF weights.
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.chunk_terms_vocab"
            " USING fts5vocab(main, 'chunk_terms', 'col')"
        )

    def add(self, rows: Sequence[tuple[int, str]]) -> None:
        self._conn.executemany(
            "INSERT INTO chunk_terms(rowid, words, bigrams) VALUES (?, ?, ?)",
            [
                (cid, " ".join(word_tokens(text, self._segmenter)), " ".join(bigram_tokens(text)))
                for cid, text in rows
            ],
        )

    def remove(self, chunk_ids: Sequence[int]) -> None:
        self._conn.executemany("DELETE FROM chunk_terms WHERE rowid = ?", [(int(i),) for i in chunk_ids])

    def rebuild(self, rows: Sequence[tuple[int, str]]) -> None:
        """Replace every row (inside the caller's transaction): after ``search_form`` changed."""
        self._conn.execute("DELETE FROM chunk_terms")
        self.add(rows)

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        words = word_tokens(query, self._segmenter)
        grams = bigram_tokens(query)
        clauses = []
        if words:
            clauses.append("words : (" + _fts_or_query(words) + ")")
        if grams:
            clauses.append("bigrams : (" + _fts_or_query(grams) + ")")
        if not clauses:
            return []
        match = " OR ".join(clauses)
        rows = self._conn.execute(
            "SELECT rowid, -bm25(chunk_terms, ?, ?) AS score FROM chunk_terms "
            "WHERE chunk_terms MATCH ? ORDER BY score DESC LIMIT ?",
            (*self._weights, match, int(k)),
        ).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]

    def terms_among(self, chunk_ids: Sequence[int], vocabulary: frozenset[str]) -> dict[int, frozenset[str]]:
        """Which of ``vocabulary``'s words and bigrams each given passage was indexed under, read as
        stored rather than tokenising the passage again."""
        sql = "SELECT rowid, words, bigrams FROM chunk_terms WHERE rowid IN ({marks})"
        rows = rows_in(self._conn, sql, [int(i) for i in chunk_ids])
        return {int(cid): vocabulary.intersection(f"{w} {g}".split()) for cid, w, g in rows}

    def idf(self, term: str, column: str, n: int | None = None) -> float:
        """BM25 inverse document frequency as FTS5 computes it (unseen terms weigh the most)."""
        n = self.count() if n is None else n
        row = self._conn.execute(
            "SELECT doc FROM temp.chunk_terms_vocab WHERE term = ? AND col = ?", (term, column)
        ).fetchone()
        # A caller's ``n`` may predate rows another connection committed since (queries during
        # ingestion): a document frequency can never exceed the document count.
        df = min(int(row[0]) if row else 0, n)
        return max(math.log((n - df + 0.5) / (df + 0.5)), 1e-6)

    def query_weight(self, query: str) -> float:
        """The BM25 score of an average-length passage holding every query term once.

        Dividing a hit's score by this gives the share of the query's information it matches:
        about 1 for a full match, near 0 when only common terms match.
        """
        words = dict.fromkeys(word_tokens(query, self._segmenter))
        grams = dict.fromkeys(bigram_tokens(query))
        w_word, w_gram = self._weights
        n = self.count()
        return sum(w_word * self.idf(t, "words", n) for t in words) + sum(
            w_gram * self.idf(t, "bigrams", n) for t in grams
        )

    def count(self) -> int:
        # One docsize row per indexed passage: cheaper to count than the full-text table itself.
        row = self._conn.execute("SELECT count(*) FROM chunk_terms_docsize").fetchone()
        return int(row[0])
