"""The e5 tokenizer's building blocks: the SentencePiece normalisation trie and the unknown-character class
(tokenizer fidelity to e5.c as a whole is checked in e5_convert/test_tokenizer_fidelity.py)."""

from __future__ import annotations

from embeddings.e5_tokenizer import precompiled_charsmap, unknown_char_regex


def test_precompiled_charsmap_is_read_by_tokenizers() -> None:
    from tokenizers import normalizers

    norm = {ord("Ａ"): "A", 0x3000: " ", 0x01: "", ord("…"): "...", ord("①"): "1", 0x1D400: "A"}
    normalizer = normalizers.Precompiled(precompiled_charsmap(norm))
    assert normalizer.normalize_str("Ａ\u3000x\x01…①𝐀") == "A x...1A"
    # bytes the trie does not know (every lead byte, ASCII to 4-byte) must neither match nor crash
    assert normalizer.normalize_str("abc 中文 ÿ 😀 \U0010ffff") == "abc 中文 ÿ 😀 \U0010ffff"


def test_unknown_char_regex_matches_only_characters_outside_the_pieces() -> None:
    from tokenizers import Regex, pre_tokenizers

    split = pre_tokenizers.Split(Regex(unknown_char_regex(["ab", "cd", "\u2581中"])), behavior="isolated")
    assert [s for s, _ in split.pre_tokenize_str("abxyc中")] == ["ab", "x", "y", "c中"]
