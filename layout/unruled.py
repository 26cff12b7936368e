"""Tables printed without any rules: found from rows of aligned amounts.

A run of text rows that each hold at least two separate amounts is a table body (a
paragraph that quotes figures is one piece per line, so it never qualifies); so is a run
of rows that each hold a label and one amount, the amounts in one column (right edges
aligned) and printed as money (a decimal point, a thousands separator or four digits:
not a table of contents' page numbers). Rows of several non-numeric pieces just above it
are its header, a header cell's wrapped second line included, but not the line naming
the department or the unit. The region gets virtual
top and bottom rules, and the usual text-alignment machinery (:mod:`.textgrid`) cuts it
into rows and columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from statistics import median_high

from .blocks import NOTE_PATTERN
from .geometry import BBox, RuleLine, union_bbox
from .options import LayoutOptions
from .pieces import Piece, is_numeric_text, row_gap, text_rows

_MIN_BODY_ROWS = 3
_MIN_AMOUNTS_PER_ROW = 2
_MAX_HEADER_ROWS = 3
_MAX_ROW_GAP_RATIO = 2.5
_EDGE_PAD_PT = 2.0
_MONEY = re.compile(r"[.,]\d|\d{4}")
_PAGE_HEAD = re.compile(r"(?:部门|单位)(?:名称)?\s*[:：]")
"""The line over a table naming its department or unit (``部门名称：…``, ``金额单位：元``):
page furniture, not a header row (seed 002's office render, p10: taken in as the header's
first row, it crossed the gap between codes and names, the two columns were cut as one,
and the table lost its hierarchy rules)."""


def _amounts(row: Sequence[Piece]) -> int:
    return sum(1 for p in row if _is_amount(p.text))


_LEADING_DIGITS = re.compile(r"^[-−]?\d.*\d")
"""Two digits or more, the first leading: a lone digit or a ``.2`` cut off an amount is
a fragment of text (full-width digits in a sentence leave a gap round each digit)."""


def _is_amount(text: str) -> bool:
    return is_numeric_text(text) and bool(_LEADING_DIGITS.match(text))


def _labelled_money(row: Sequence[Piece]) -> Piece | None:
    """The row's amount when it is a label and money beside it (two or more pieces)."""
    money = [p for p in row if _is_amount(p.text) and _MONEY.search(p.text)]
    return money[-1] if len(row) >= 2 and money else None


def _one_amount_column(rows: Sequence[list[Piece]], align_pt: float) -> bool:
    """At least ``_MIN_BODY_ROWS`` rows of label and money whose amounts end at one x."""
    ends = sorted(m.bbox[2] for m in map(_labelled_money, rows) if m is not None)
    return any(sum(1 for e in ends if abs(e - end) <= align_pt) >= _MIN_BODY_ROWS for end in ends)


def _row_box(row: Sequence[Piece]) -> BBox:
    return union_bbox(p.bbox for p in row)


def _runs(rows: list[list[Piece]], align_pt: float) -> list[tuple[int, int]]:
    """Index ranges of consecutive rows holding amounts with at least three rows of two
    or more amounts, or three of a label and money in one column. A label-only row may
    sit between two amount rows; more of them (and those after the last amount row) stay
    in the run when they continue its label columns (:func:`_continues_labels`)."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for i in range(len(rows) + 1):
        has = (
            i < len(rows)
            and not _ends_body(rows, start, i)
            and (
                _amounts(rows[i]) > 0
                or (
                    start is not None
                    and (
                        (i + 1 < len(rows) and _amounts(rows[i + 1]) > 0)
                        or _continues_labels(rows[start:i], rows[i])
                    )
                )
            )
        )
        if has and start is None:
            start = i
        elif not has and start is not None:
            if (
                sum(1 for r in rows[start:i] if _amounts(r) >= _MIN_AMOUNTS_PER_ROW)
                >= _MIN_BODY_ROWS
            ) or _one_amount_column(rows[start:i], align_pt):
                runs.append((start, i))
            start = None
    return runs


_BODY_GAP_RATIO = 4.0
"""Rows of one table body stand at most this many row heights apart (the blank between
two rows; a page's line pitch leaves 0.5-0.7, a sparse body's empty rows 1-2)."""


def _ends_body(rows: list[list[Piece]], start: int | None, i: int) -> bool:
    """Row ``i`` cannot belong to the body run from ``start``: it is a note (``注：…``),
    or it stands far below the row above, as the page number does under a table (seed
    002's office render, p10: ``注：本表反映…`` under the body and the page's ``10`` well
    below it, that counted as an amount, kept the run going; the note then crossed every
    column gap and the codes and names were cut as one column)."""
    if start is None:
        return False
    if NOTE_PATTERN.search(rows[i][0].text):
        return True
    height = median_high(_row_box(r)[3] - _row_box(r)[1] for r in rows[start:i])
    return row_gap(rows[i - 1], rows[i]) > _BODY_GAP_RATIO * height


_SPARSE_GAP_RATIO = 1.2
"""A continuing label row lies at most this many row heights below the row above it
(the table's own line pitch leaves 0.5-0.7); a heading after a table stands further off."""
_LABEL_ALIGN_RATIO = 0.75
"""Its pieces start within this many row heights of a label that an amount row starts."""


def _continues_labels(run: Sequence[list[Piece]], row: Sequence[Piece]) -> bool:
    """A row of labels only that carries on a rule-less table's label columns: close
    under the run, its first piece starting where a label of one of the run's amount
    rows starts (a line the OCR split, ``十 | 七、金融支出``, is one label), none reaching into a column of amounts, and no note.

    A 收支总表 lists every function class, and a small department has amounts in 5 of
    its 27 rows (bench-v2's medium p4-5, photocopied with no rule left): without this
    the run broke at the first two label-only rows and the table was never found.
    """
    if not run or any(_is_amount(p.text) for p in row) or NOTE_PATTERN.search(row[0].text):
        return False
    height = median_high(_row_box(r)[3] - _row_box(r)[1] for r in run)
    if row_gap(run[-1], row) > _SPARSE_GAP_RATIO * height:
        return False
    amount_rows = [r for r in run if _amounts(r) > 0]
    amounts = [p.bbox for r in amount_rows for p in r if _is_amount(p.text)]
    label_starts = [p.bbox[0] for r in amount_rows for p in r if not _is_amount(p.text)]
    return any(
        abs(row[0].bbox[0] - x) <= _LABEL_ALIGN_RATIO * height for x in label_starts
    ) and not any(p.bbox[0] < a[2] and a[0] < p.bbox[2] for p in row for a in amounts)


def _with_header(rows: list[list[Piece]], first: int, pitch: float) -> int:
    """Grow a body upwards over header rows (several pieces, no amounts, close above);
    a row of a header cell's wrapped last line alone goes with the row above it."""
    top = first
    while top > 0 and first - top < _MAX_HEADER_ROWS:
        above = rows[top - 1]
        gap = _row_box(rows[top])[1] - _row_box(above)[3]
        if _amounts(above) or gap > _MAX_ROW_GAP_RATIO * pitch:
            break
        if any(_PAGE_HEAD.search(p.text.replace(" ", "")) for p in above):
            break
        if len(above) < 2:
            if top < 2 or not _wraps_under(rows[top - 2], above):
                break
            top -= 1
            continue
        top -= 1
    return top


def _wraps_under(upper: Sequence[Piece], lower: Sequence[Piece]) -> bool:
    """Every piece of ``lower`` sits right under a piece of ``upper`` (a wrapped line)."""
    return len(upper) >= 2 and all(
        any(
            u.bbox[0] <= p.bbox[2]
            and p.bbox[0] <= u.bbox[2]
            and p.bbox[1] - u.bbox[3] <= (u.bbox[3] - u.bbox[1])
            for u in upper
        )
        for p in lower
    )


def unruled_regions(
    pieces: Sequence[Piece], taken: Sequence[BBox], options: LayoutOptions
) -> list[list[RuleLine]]:
    """Virtual outer rules of every rule-less table among pieces outside ``taken`` boxes."""
    free = [p for p in pieces if not any(_inside(p.bbox, box) for box in taken)]
    # left to right in each row: the first piece is the row's label, the last its last
    # amount (text_rows keeps them in the order of their centres' heights; bench-v2 medium
    # p10 under augraphy: 国有资本经营预算支出 came before its 二十二, and the label run broke)
    rows = [
        sorted(row, key=lambda p: p.bbox[0]) for row in text_rows(free, options.same_text_row_ratio)
    ]
    regions = []
    for start, stop in _runs(rows, options.amount_align_pt):
        heights = [_row_box(r)[3] - _row_box(r)[1] for r in rows[start:stop]]
        pitch = sum(heights) / len(heights)
        first = _with_header(rows, start, pitch)
        x0, y0, x1, y1 = union_bbox(_row_box(r) for r in rows[first:stop])
        x0, y0, x1, y1 = x0 - _EDGE_PAD_PT, y0 - _EDGE_PAD_PT, x1 + _EDGE_PAD_PT, y1 + _EDGE_PAD_PT
        regions.append(
            [
                RuleLine("h", y0, x0, x1, virtual=True),
                RuleLine("h", y1, x0, x1, virtual=True),
                RuleLine("v", x0, y0, y1, virtual=True),
                RuleLine("v", x1, y0, y1, virtual=True),
            ]
        )
    return regions


def _inside(box: BBox, region: BBox) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return region[0] <= cx <= region[2] and region[1] <= cy <= region[3]
