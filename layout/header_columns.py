"""Empty columns of a table without column rules, found from the header that names them.

Text alignment finds a column only where body text stands in it. A column with no amount
on the page (``项目支出`` of a department with no projects) leaves no body text, and its
strip merges into a neighbour, so every cell after it is one column off against the truth.
Its header still names it: a header cell that sits over no body column, and that no
neighbouring column can claim, is an empty column and gets lines of its own.

Which neighbour claims a header cell is the whole question, because headers are centred
and bodies are not: a header centred over right-aligned amounts often lies wholly left of
them, and one over left-aligned labels wholly right of them. So a header cell in a gap
may head the amounts on its right or the labels on its left, if that column has no header
cell over it; each such column takes the nearest header cell that may head it, and only
an unclaimed one is a column. Pure functions of boxes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from fiscalocr.model import COLUMN_NUMBERING_LABELS

from .geometry import centre, interval_overlap
from .pieces import Piece, is_numeric_text, text_rows

Span = tuple[float, float]

COLUMN_NUMBERING_LABEL = re.compile("^(" + "|".join(COLUMN_NUMBERING_LABELS) + ")")
"""The label of a row that numbers the columns, as it starts a read (``tables`` uses it too)."""
_SMALL_NUMBER = re.compile(r"^\d{1,2}$")


def is_column_numbering(band: Sequence[Piece]) -> bool:
    """A row that numbers the columns: its amounts are all small whole numbers, and it is
    labelled 栏次/行次 or they run 1, 2, 3... from the left (a row of small counts is not
    1, 2, 3 in order). A header row naming a ``行次`` column holds no number: not this."""
    numeric = sorted((p for p in band if is_numeric_text(p.text)), key=lambda p: p.bbox[0])
    if not numeric or not all(_SMALL_NUMBER.match(p.text.strip()) for p in numeric):
        return False
    if any(COLUMN_NUMBERING_LABEL.match(p.text.strip()) for p in band):
        return True
    values = [int(p.text.strip()) for p in numeric]
    return (
        len(values) >= 2
        and values[0] <= 1
        and values == list(range(values[0], values[0] + len(values)))
    )


@dataclass
class _Column:
    span: Span
    numeric: bool
    header: Span | None = None

    def content(self) -> Span:
        """Extent of the column's body text and its header cell."""
        if self.header is None:
            return self.span
        return min(self.span[0], self.header[0]), max(self.span[1], self.header[1])


def leaf_header_spans(header: Sequence[Piece], row_ratio: float) -> list[Span]:
    """The x-extents of the header cells of the header's fullest text row (the one naming
    the most columns; the lowest of equals), a row numbering the columns (``栏次 1 2 3``)
    left out. Spanning cells above it (``项目``, ``本年支出``) name no column of their own."""
    rows = [row for row in text_rows(header, row_ratio) if not is_column_numbering(row)]
    if not rows:
        return []
    fullest = max(range(len(rows)), key=lambda i: (len(rows[i]), i))
    return sorted((p.bbox[0], p.bbox[2]) for p in rows[fullest])


def body_columns(gaps: Sequence[Span], body: Sequence[Piece]) -> list[_Column]:
    """The body's columns between its gaps, with whether most of their text is amounts."""
    if not body:
        return []
    first = min(p.bbox[0] for p in body)
    last = max(p.bbox[2] for p in body)
    edges = [first, *[x for gap in gaps for x in gap], last]
    columns = []
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        texts = [p.text for p in body if a - 1e-6 <= centre(p.bbox)[0] <= b + 1e-6]
        numeric = sum(1 for t in texts if is_numeric_text(t)) * 2 > len(texts)
        columns.append(_Column((a, b), numeric))
    return columns


def _claim(columns: list[_Column], leaves: Sequence[Span]) -> list[tuple[int, Span]]:
    """Give each header cell to a body column; return the unclaimed ones as
    ``(k, span)``: the empty column lies after body column ``k - 1`` and before ``k``."""
    pending = []
    for leaf in leaves:
        over = [c for c in columns if interval_overlap(*leaf, *c.span) > 0]
        if len(over) == 1 and over[0].header is None:
            over[0].header = leaf
        elif not over:
            pending.append(leaf)
    claims = []
    for n, leaf in enumerate(pending):
        k = sum(1 for c in columns if c.span[1] <= leaf[0])
        if k < len(columns) and columns[k].numeric and columns[k].header is None:
            claims.append((columns[k].span[0] - leaf[1], n, k))
        if k > 0 and not columns[k - 1].numeric and columns[k - 1].header is None:
            claims.append((leaf[0] - columns[k - 1].span[1], n, k - 1))
    claimed: set[int] = set()
    for _, n, j in sorted(claims):  # the nearest header cell wins its column
        if n not in claimed and columns[j].header is None:
            columns[j].header = pending[n]
            claimed.add(n)
    empty = [
        (sum(1 for c in columns if c.span[1] <= leaf[0]), leaf)
        for n, leaf in enumerate(pending)
        if n not in claimed
    ]
    return empty


def with_empty_columns(
    cuts: list[float],
    gaps: Sequence[Span],
    body: Sequence[Piece],
    header: Sequence[Piece],
    row_ratio: float = 0.5,
) -> list[float]:
    """``cuts`` (one per body gap) with lines round each header-named empty column.

    Only a header that names more columns than the body shows is looked at, so a table
    whose every column holds text keeps exactly the lines alignment gave it.
    """
    leaves = leaf_header_spans(header, row_ratio)
    columns = body_columns(gaps, body)
    if not columns or len(leaves) <= len(columns):
        return cuts
    empty = _claim(columns, leaves)
    if not empty:
        return cuts
    out = list(cuts)
    for k in sorted({k for k, _ in empty}):
        spans = [leaf for j, leaf in empty if j == k]
        low = columns[k - 1].content()[1] if k > 0 else None
        high = columns[k].content()[0] if k < len(columns) else None
        out = [x for x in out if not ((low is None or x > low) and (high is None or x < high))]
        edges = [low, *[x for s in spans for x in s], high]
        out += [
            (a + b) / 2
            for a, b in zip(edges[::2], edges[1::2], strict=True)
            if a is not None and b is not None
        ]
    return sorted(out)
