"""The reading order of a PDF page's text boxes: a recursive XY-cut that does not cut columns.

pdfminer.six groups characters into lines and lines into boxes well, but orders the boxes by a
proximity heuristic that reads a multi-column article row by row whenever its columns' paragraph
breaks fall at the same height (and none of its ``boxes_flow`` settings reads both a headline over
columns and columns side by side right). Newspapers read band by band (a headline, then the columns
under it, then the next article) and, inside a band, column by column.

So the boxes are cut along whitespace that runs all the way through them:

* across (a band ends) at the highest gap that no column continues over. A column continues when
  a box just above the gap and one just below it are column mates: they overlap along x by at
  least ``MATES`` of the wider one's width. A headline over three columns, or a byline over one,
  is no column mate of the boxes around it; two paragraphs of one column are;
* else down (columns, left to right);
* recursively; boxes with neither cut read top to bottom.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

B = TypeVar("B")
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF space: y grows upwards
MATES = 0.8


def reading_order(boxes: Sequence[B], bbox: Callable[[B], Box]) -> list[B]:
    """``boxes`` in reading order; ``bbox`` gives each one's ``(x0, y0, x1, y1)``."""
    if len(boxes) <= 1:
        return list(boxes)
    bands = _groups(boxes, lambda b: (-bbox(b)[3], -bbox(b)[1]))  # top to bottom
    for cut in range(1, len(bands)):
        above = [b for band in bands[:cut] for b in band]
        below = [b for band in bands[cut:] for b in band]
        if not _column_continues(above, below, bbox):
            return reading_order(above, bbox) + reading_order(below, bbox)
    columns = _groups(boxes, lambda b: (bbox(b)[0], bbox(b)[2]))  # left to right
    if len(columns) > 1:
        return [box for column in columns for box in reading_order(column, bbox)]
    return sorted(boxes, key=lambda b: (-bbox(b)[3], bbox(b)[0]))


def _groups(boxes: Sequence[B], extent: Callable[[B], tuple[float, float]]) -> list[list[B]]:
    """The boxes in groups separated by gaps that no box crosses along one axis, in order."""
    ordered = sorted(boxes, key=lambda b: extent(b)[0])
    groups: list[list[B]] = [[ordered[0]]]
    reach = extent(ordered[0])[1]
    for box in ordered[1:]:
        start, end = extent(box)
        if start > reach:
            groups.append([])
        groups[-1].append(box)
        reach = max(reach, end)
    return groups


def _column_continues(above: list[B], below: list[B], bbox: Callable[[B], Box]) -> bool:
    """Whether a box at the foot of ``above`` and one at the head of ``below`` are column mates."""
    feet = [a for a in above if not any(_overlap(a, o, bbox) > 0 and bbox(o)[3] <= bbox(a)[1] for o in above)]
    heads = [
        b for b in below if not any(_overlap(b, o, bbox) > 0 and bbox(o)[1] >= bbox(b)[3] for o in below)
    ]
    return any(_mates(a, b, bbox) for a in feet for b in heads)


def _overlap(a: B, b: B, bbox: Callable[[B], Box]) -> float:
    return min(bbox(a)[2], bbox(b)[2]) - max(bbox(a)[0], bbox(b)[0])


def _mates(a: B, b: B, bbox: Callable[[B], Box]) -> bool:
    wider = max(bbox(a)[2] - bbox(a)[0], bbox(b)[2] - bbox(b)[0])
    return _overlap(a, b, bbox) >= MATES * wider
