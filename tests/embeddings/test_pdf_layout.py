"""Reading order of text boxes: bands top to bottom, columns left to right inside a band, a
column's boxes top to bottom; paragraph breaks that line up across columns cut no band."""

from __future__ import annotations

from collections.abc import Mapping

from embeddings.pdf_layout import Box, reading_order

# name -> (x0, y0, x1, y1); y grows upwards, as in PDF space
Layout = Mapping[str, Box]


def order(layout: Layout) -> list[str]:
    return reading_order(list(layout), lambda name: layout[name])


def test_two_columns_whose_paragraphs_break_at_the_same_height_read_column_by_column() -> None:
    page = {
        "headline": (100, 780, 400, 800),
        "left 1": (40, 600, 200, 760),
        "left 2": (40, 500, 200, 590),
        "right 1": (220, 600, 380, 760),
        "right 2": (220, 520, 380, 590),
    }
    assert order(page) == ["headline", "left 1", "left 2", "right 1", "right 2"]


def test_a_byline_over_one_column_and_a_second_article_under_the_first() -> None:
    page = {
        "headline A": (200, 780, 400, 800),
        "byline A": (270, 756, 345, 766),  # centred, over the middle column only
        "A col 1": (40, 630, 200, 743),
        "A caption": (217, 664, 360, 673),
        "A col 2": (217, 630, 378, 655),
        "A col 3": (395, 640, 556, 743),
        "headline B": (190, 578, 406, 596),
        "B col 1 top": (40, 538, 200, 562),
        "B col 1 foot": (40, 509, 200, 533),
        "B col 2": (217, 495, 378, 562),
        "B col 3": (395, 523, 556, 562),
    }
    assert order(page) == [
        "headline A",
        "byline A",
        "A col 1",
        "A caption",
        "A col 2",
        "A col 3",
        "headline B",
        "B col 1 top",
        "B col 1 foot",
        "B col 2",
        "B col 3",
    ]


def test_one_column_reads_top_to_bottom_and_trivial_pages_stay_as_they_are() -> None:
    assert order({"b": (40, 500, 200, 590), "a": (60, 600, 200, 760), "c": (40, 400, 190, 480)}) == [
        "a",
        "b",
        "c",
    ]
    assert order({"only": (0, 0, 10, 10)}) == ["only"]
    assert order({}) == []
