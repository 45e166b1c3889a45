"""Radical code points fold to the characters they are drawn as, one code point for one."""

from __future__ import annotations

import unicodedata

from embeddings.radicals import FOLD, fold_radicals


def test_kangxi_and_supplement_radicals_from_a_pdf_text_layer_read_as_characters() -> None:
    # as Chromium's Noto CJK SC writes 青山县人民医院 and 长/门/雨 into a PDF's text layer
    assert fold_radicals("⻘⼭县⼈⺠医院，⻓期⻔诊，⼩⾬") == "青山县人民医院，长期门诊，小雨"


def test_ordinary_text_is_unchanged() -> None:
    text = "鹤壁市截至9月底共受理医疗纠纷案件106件。Hebi, 2025."
    assert fold_radicals(text) == text


def test_every_fold_is_one_radical_to_one_unified_ideograph() -> None:
    assert len(FOLD) > 280
    for radical, character in FOLD.items():
        assert 0x2E80 <= radical <= 0x2FDF
        assert len(character) == 1 and unicodedata.name(character).startswith("CJK UNIFIED IDEOGRAPH")


def test_kangxi_radicals_fold_as_unicode_normalisation_does_but_door_as_printed_in_simplified() -> None:
    for radical, character in FOLD.items():
        if radical >= 0x2F00 and radical != 0x2F3E:
            assert unicodedata.normalize("NFKC", chr(radical)) == character
    assert fold_radicals("⼾外活动") == "户外活动"  # NFKC would give the traditional 戶
