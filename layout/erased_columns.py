"""Virtual column rules where a ruled column's body holds two columns of amounts.

A worn scan (augraphy's ``LinesDegradation``, a photocopy of a photocopy) can erase a
column rule from top to bottom while its neighbours survive. The grid then has one wide
column where the page has two or three, and each of its cells holds several amounts side
by side (``193.74 191.90 191.90``), which read as no number at all. The text still shows
the columns: a vertical strip no body text crosses, with amounts on both sides of it in
the same rows. Each such strip gets a virtual rule, in every band where no text stands
across it.

Why side by side in the same rows: a strip alone is weak evidence (right-aligned amounts
of different widths leave one on the left of every column), but two amounts in one row
of one cell are never one amount. A label beside an amount (``204 公共安全支出``) or
an amount beside a note is not split: both sides must hold amounts, each printed as a
table prints one (with its decimals or thousands groups). A number the OCR broke at a
wide gap between its digits (``2175`` | ``2.28`` for 21752.28 in a 16-column table of a
seed render) is not two amounts.
"""

from __future__ import annotations

from collections.abc import Sequence

from .bands import (
    boxed_as_printed,
    centred_in,
    cut_in_gap,
    empty_strips,
    first_body_y,
    stands_across,
)
from .geometry import RuleLine
from .grid import grid_lines
from .options import LayoutOptions
from .pieces import Piece, text_rows
from .unplaced import is_table_amount

MIN_SIDE_BY_SIDE_ROWS = 2
"""Rows in which amounts stand on both sides of the strip before it is a column line: one
row could be a reading that glued two words; two rows are a column."""


def _side_by_side_rows(body: Sequence[Piece], g0: float, g1: float, ratio: float) -> int:
    """How many text rows hold a printed amount left of the strip and another right of it."""
    count = 0
    for row in text_rows(body, ratio):
        amounts = [p for p in row if is_table_amount(p.text)]
        if any(p.bbox[2] <= g0 for p in amounts) and any(p.bbox[0] >= g1 for p in amounts):
            count += 1
    return count


def column_cuts(
    left: float, right: float, body: Sequence[Piece], header: Sequence[Piece], options
) -> list[float]:
    """Where the erased column lines of one ruled column run (empty: none erased)."""
    cuts = []
    for g0, g1 in empty_strips(left, right, boxed_as_printed(body), options.min_column_gap_pt):
        rows = _side_by_side_rows(body, g0, g1, options.same_text_row_ratio)
        if rows >= MIN_SIDE_BY_SIDE_ROWS:
            cuts.append(cut_in_gap(g0, g1, header, options.min_column_gap_pt))
    return cuts


def erased_column_rules(
    rules: list[RuleLine], pieces: Sequence[Piece], options: LayoutOptions
) -> list[RuleLine]:
    """Virtual vertical rules at the column lines the text shows and the print lost.

    In the body, a band gets the rule unless text stands across it. In the header, only a
    band with text on both sides of it does: a header cell over both columns (``本年收入``)
    stays one cell.
    """
    xs, ys = grid_lines(rules, options)
    if len(xs) < 2 or len(ys) < 2:
        return []
    body_top = first_body_y(ys, xs, pieces)
    half = options.min_column_gap_pt / 2
    out: list[RuleLine] = []
    for left, right in zip(xs, xs[1:], strict=False):
        body = [p for p in pieces if centred_in(p, left, body_top, right, ys[-1])]
        header = [p for p in pieces if centred_in(p, left, ys[0], right, body_top)]
        for x in column_cuts(left, right, body, header, options):
            for top, bottom in zip(ys, ys[1:], strict=False):
                band = [p for p in pieces if centred_in(p, left, top, right, bottom)]
                if stands_across(band, x, half):
                    continue
                in_header = bottom <= body_top + options.snap_pt
                both_sides = any(p.bbox[2] <= x for p in band) and any(p.bbox[0] >= x for p in band)
                if not in_header or both_sides:
                    out.append(RuleLine("v", x, top, bottom, virtual=True))
    return out
