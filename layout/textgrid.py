"""Virtual rules from text alignment, for weakly ruled and unruled table parts.

* Rows: a band between two printed rules that holds several rows of amounts (a 三线表
  body) is cut between its text rows, unless the lower row is only the wrapped tail of
  the upper one (tight spacing, no amount, under the upper row's text).
* Columns: when a region has no inner vertical rules, the columns are the vertical
  strips that no body text crosses; a header piece that crosses such a strip makes a
  column span.
* Edges: a column of text just outside the outermost rule (missing outer border)
  widens the grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from .bands import centred_in, cut_in_gap, empty_strips, first_body_y, stands_across
from .erased_columns import erased_column_rules
from .geometry import RuleLine, centre, interval_overlap
from .grid import edge_covered, grid_lines
from .header_columns import is_column_numbering, with_empty_columns
from .header_spans import header_groups, merged_between, total_row_groups
from .options import LayoutOptions
from .pieces import Piece, is_numeric_text, row_gap, text_rows

_TIGHT_GAP_RATIO = 0.45
_EDGE_SEARCH_PT = 160.0
_EDGE_PAD_PT = 2.0


def _data_row_gap(rows: list[list[Piece]]) -> float | None:
    """The smallest gap between two adjacent text rows that both hold amounts: what
    separates two data rows of this table (None when no two such rows touch)."""
    gaps = [
        row_gap(upper, lower)
        for upper, lower in zip(rows, rows[1:], strict=False)
        if any(is_numeric_text(p.text) for p in upper)
        and any(is_numeric_text(p.text) for p in lower)
    ]
    return min(gaps) if gaps else None


_WRAP_SHARE_OF_ROW_GAP = 0.6
"""A wrapped label's second line sits closer under its first than one data row under the
next (a cell's line spacing against the row pitch): at least as far as two amount rows
are apart, a label-only row is a row of its own (a 收支总表 listing classes with no
amount, typeset at one pitch: bench-v2's medium p4)."""


def _is_wrapped_tail(upper: list[Piece], lower: list[Piece], data_gap: float | None = None) -> bool:
    """The lower text row only continues text of the upper one (a wrapped label)."""
    if any(is_numeric_text(p.text) for p in lower):
        return False
    height = median(p.bbox[3] - p.bbox[1] for p in upper + lower)
    gap = row_gap(upper, lower)
    if gap > _TIGHT_GAP_RATIO * height:
        return False
    if data_gap is not None and gap >= _WRAP_SHARE_OF_ROW_GAP * data_gap:
        return False
    return all(
        any(interval_overlap(p.bbox[0], p.bbox[2], u.bbox[0], u.bbox[2]) > 0 for u in upper)
        for p in lower
    )


def row_rules(
    xs: list[float], ys: list[float], pieces: Sequence[Piece], options: LayoutOptions
) -> list[RuleLine]:
    """Virtual horizontals between the text rows of bands that hold several data rows,
    and above a row numbering the columns (``栏次 1 2 3``) that shares a band."""
    out: list[RuleLine] = []
    for top, bottom in zip(ys, ys[1:], strict=False):
        band = [p for p in pieces if centred_in(p, xs[0], top, xs[-1], bottom)]
        rows = text_rows(band, options.same_text_row_ratio)
        stacked = _stacked_amounts(rows)
        data_gap = _data_row_gap(rows)
        for upper, lower in zip(rows, rows[1:], strict=False):
            if not stacked and not is_column_numbering(lower):
                continue  # a header row over the 栏次 row: cut even with no amounts
            if _is_wrapped_tail(upper, lower, data_gap):
                continue
            y = (max(p.bbox[3] for p in upper) + min(p.bbox[1] for p in lower)) / 2
            out.append(RuleLine("h", y, xs[0], xs[-1], virtual=True))
    return out


def _stacked_amounts(rows: list[list[Piece]]) -> bool:
    """Whether two text rows hold amounts one above the other (in one column): several
    data rows in the band. Amounts side by side beside a wrapped label, one of them ("—")
    sitting a little higher, are one row."""
    numeric = [[p for p in row if is_numeric_text(p.text)] for row in rows]
    for i, upper in enumerate(numeric):
        for lower in numeric[i + 1 :]:
            if any(
                interval_overlap(a.bbox[0], a.bbox[2], b.bbox[0], b.bbox[2]) > 0
                for a in upper
                for b in lower
            ):
                return True
    return False


def column_positions(
    left: float, right: float, body: Sequence[Piece], min_gap: float, header: Sequence[Piece] = ()
) -> list[float]:
    """Inner column lines: middles of the strips no body piece crosses.

    Each strip gets one line, in its widest stretch free of header text (a header centred
    over short left-aligned labels or right-aligned amounts lies beside them, in the
    strip). A column the body leaves empty is found from the header that names it
    (:mod:`.header_columns`).
    """
    gaps = empty_strips(left, right, body, min_gap)
    inside = [p for p in header if p.bbox[2] > left and p.bbox[0] < right]
    cuts = [cut_in_gap(g0, g1, inside, min_gap) for g0, g1 in gaps]
    return with_empty_columns(cuts, gaps, body, inside)


def column_rules(
    xs: list[float],
    ys: list[float],
    pieces: Sequence[Piece],
    options: LayoutOptions,
    rules: Sequence[RuleLine] = (),
) -> list[RuleLine]:
    """Virtual verticals per band at the text columns, broken where text crosses them or
    where a header cell or a total label spans (:mod:`.header_spans`)."""
    left, right = xs[0], xs[-1]
    body_top = first_body_y(ys, xs, pieces)
    body = [p for p in pieces if centred_in(p, left, body_top, right, ys[-1])]
    header = [p for p in pieces if centred_in(p, left, ys[0], right, body_top)]
    positions = column_positions(left, right, body, options.min_column_gap_pt, header)
    columns = [left, *positions, right]
    out: list[RuleLine] = []
    half = options.min_column_gap_pt / 2
    for top, bottom in zip(ys, ys[1:], strict=False):
        band = [p for p in pieces if centred_in(p, left, top, right, bottom)]
        if bottom <= body_top + options.snap_pt:
            cells = list(zip(columns, columns[1:], strict=False))
            above = [edge_covered(rules, "h", top, a, b, options) for a, b in cells]
            below = [edge_covered(rules, "h", bottom, a, b, options) for a, b in cells]
            groups = header_groups(columns, band, above, below, options.min_column_gap_pt)
        else:
            groups = total_row_groups(columns, band)
        spanned = merged_between(groups)
        for x, merged in zip(positions, spanned, strict=True):
            crossing = stands_across(band, x, half)
            if not crossing and not merged:
                out.append(RuleLine("v", x, top, bottom, virtual=True))
    return out


def _column_of_text(outside: Sequence[Piece], options: LayoutOptions) -> bool:
    """Text outside the outermost rule in two rows or more: a column whose border is
    missing. Pieces of one row are a stray mark read as text (augraphy's dirt beside a
    real continuation page's frame read ``.<382.``, two pieces of one line, and made an
    extra column, so the page did not join its table)."""
    return len(text_rows(list(outside), options.same_text_row_ratio)) >= 2


def widen_to_text(
    rules: list[RuleLine], pieces: Sequence[Piece], options: LayoutOptions
) -> list[RuleLine]:
    """Add an outer edge where a column of text sits outside the outermost rule (in two
    rows or more)."""
    xs, ys = grid_lines(rules, options)
    top, bottom = ys[0], ys[-1]
    rows = [p for p in pieces if top < centre(p.bbox)[1] < bottom]
    added: list[RuleLine] = []
    left_out = [
        p
        for p in rows
        if xs[0] - _EDGE_SEARCH_PT < p.bbox[0] and p.bbox[2] < xs[0] - options.min_column_gap_pt / 2
    ]
    if _column_of_text(left_out, options):
        x = min(p.bbox[0] for p in left_out) - _EDGE_PAD_PT
        added.append(RuleLine("v", x, top, bottom, virtual=True))
        added += [
            RuleLine("h", r.pos, x, r.start, virtual=True)
            for r in rules
            if r.orientation == "h" and abs(r.start - xs[0]) <= options.join_pt
        ]
    right_out = [
        p
        for p in rows
        if p.bbox[0] > xs[-1] + options.min_column_gap_pt / 2
        and p.bbox[2] < xs[-1] + _EDGE_SEARCH_PT
    ]
    if _column_of_text(right_out, options):
        x = max(p.bbox[2] for p in right_out) + _EDGE_PAD_PT
        added.append(RuleLine("v", x, top, bottom, virtual=True))
        added += [
            RuleLine("h", r.pos, r.end, x, virtual=True)
            for r in rules
            if r.orientation == "h" and abs(r.end - xs[-1]) <= options.join_pt
        ]
    return rules + added


def _separated(first: Sequence[Piece], second: Sequence[Piece], crossing: bool) -> bool:
    """Text on both sides, none across, an amount or code on at least one side."""
    return (
        bool(first)
        and bool(second)
        and not crossing
        and any(is_numeric_text(p.text) for p in [*first, *second])
    )


def _nearest_text(
    band: Sequence[Piece],
    lines: list[float],
    edge: int,
    step: int,
    across: tuple[float, float],
    orientation: str,
    rules: list[RuleLine],
    options: LayoutOptions,
) -> list[Piece]:
    """The text of the first cell holding any, going from grid line ``edge`` back
    (``step`` -1: left, or up) or on (+1: right, or down) through unruled edges only.

    ``band`` is the row's (``orientation`` "v": ``lines`` are the column lines) or the
    column's text ("h": ``lines`` are the row lines), ``across`` the band's extent. A
    faded rule segment can leave an empty cell between two amounts (seed 000 p9:
    ``190.00`` under 合计 and under 项目支出, nothing under 基本支出, and no rule left
    between them in that row): the row's cell then spanned all three columns and held
    ``190.00 190.00``. A phantom row 4 pt tall does the same down a column (bench-v2
    medium p11 under augraphy: ``27.43`` above it and below it, in one cell). The two
    amounts are still clearly separate, one cell apart.
    """
    axis = 0 if orientation == "v" else 1
    cell = edge - 1 if step < 0 else edge
    while 0 <= cell < len(lines) - 1:
        found = [p for p in band if lines[cell] <= centre(p.bbox)[axis] < lines[cell + 1]]
        if found:
            return found
        beyond = cell if step < 0 else cell + 1
        if beyond <= 0 or beyond >= len(lines) - 1:
            return []
        if edge_covered(rules, orientation, lines[beyond], *across, options):
            return []
        cell += step
    return []


def split_rules(
    rules: list[RuleLine], pieces: Sequence[Piece], options: LayoutOptions
) -> list[RuleLine]:
    """Virtual rule segments where a rule is missing (faded, broken) but the body text
    on its two sides is clearly separate: two cells, not one span."""
    xs, ys = grid_lines(rules, options)
    if len(xs) < 3 and len(ys) < 3:
        return []
    body_top = first_body_y(ys, xs, pieces)
    half = options.min_column_gap_pt / 2
    out: list[RuleLine] = []
    for r in range(len(ys) - 1):
        top, bottom = ys[r], ys[r + 1]
        if top < body_top - options.snap_pt:
            out += _header_splits(rules, pieces, xs, (top, bottom), body_top, options)
            continue
        band = [p for p in pieces if centred_in(p, xs[0], top, xs[-1], bottom)]
        for c in range(1, len(xs) - 1):
            x = xs[c]
            if edge_covered(rules, "v", x, top, bottom, options):
                continue
            left = _nearest_text(band, xs, c, -1, (top, bottom), "v", rules, options)
            right = _nearest_text(band, xs, c, 1, (top, bottom), "v", rules, options)
            crossing = stands_across(band, x, half)
            if _separated(left, right, crossing):
                out.append(RuleLine("v", x, top, bottom, virtual=True))
    for r in range(1, len(ys) - 1):
        y = ys[r]
        if y < body_top - options.snap_pt:  # inside the header: its cells may span rows
            continue
        for c in range(len(xs) - 1):
            if edge_covered(rules, "h", y, xs[c], xs[c + 1], options):
                continue
            column = [p for p in pieces if centred_in(p, xs[c], ys[0], xs[c + 1], ys[-1])]
            span = (xs[c], xs[c + 1])
            above = _nearest_text(column, ys, r, -1, span, "h", rules, options)
            below = _nearest_text(column, ys, r, 1, span, "h", rules, options)
            crossing = any(p.bbox[1] < y - half and p.bbox[3] > y + half for p in column)
            # the header's foot: header text above, the first body row's below (a total
            # row's label 合计 under 科目编码), whatever the two texts are
            foot = abs(y - body_top) <= options.snap_pt and bool(above) and bool(below)
            if (foot and not crossing) or _separated(above, below, crossing):
                out.append(RuleLine("h", y, xs[c], xs[c + 1], virtual=True))
    return out


def _header_splits(
    rules: list[RuleLine],
    pieces: Sequence[Piece],
    xs: list[float],
    band_y: tuple[float, float],
    body_top: float,
    options: LayoutOptions,
) -> list[RuleLine]:
    """Virtual segments of a column rule that faded in one header row only.

    A header cell may span columns, so the body's rule (a separated amount on each side)
    says nothing there. What does: a column rule printed down the body below, and in the
    header row a text in each of the two cells either side, each wholly inside its own
    column and clear of the line. A spanning header's one text is centred over the span
    and crosses the line.
    Seed 000 print-norepeat p9 (our fading): ``合计基本支出项目支出`` in one cell over
    three body columns whose rules are printed in the body.
    """
    top, bottom = band_y
    band = [p for p in pieces if centred_in(p, xs[0], top, xs[-1], bottom)]
    out = []
    for c in range(1, len(xs) - 1):
        x = xs[c]
        if edge_covered(rules, "v", x, top, bottom, options):
            continue
        if not _printed_down_body(rules, x, body_top, options):
            continue
        left = [p for p in band if xs[c - 1] <= centre(p.bbox)[0] < x]
        right = [p for p in band if x <= centre(p.bbox)[0] < xs[c + 1]]
        # clear of the line: one header text the OCR broke in two (功能分类科 | 目编码,
        # sh-putuo-justice p12) has its two halves' ends at the line
        clear = options.min_column_gap_pt
        inside = all(p.bbox[2] <= x - clear for p in left) and all(
            p.bbox[0] >= x + clear for p in right
        )
        if left and right and inside:
            out.append(RuleLine("v", x, top, bottom, virtual=True))
    return out


def _printed_down_body(
    rules: list[RuleLine], x: float, body_top: float, options: LayoutOptions
) -> bool:
    """A printed rule at ``x`` runs at least two rows' height in the body (faded, it
    may be printed in pieces: seed 000 p9's starts eight rows down)."""
    return any(
        r.orientation == "v"
        and not r.virtual
        and abs(r.pos - x) <= options.snap_pt
        and r.end >= body_top + 2 * options.min_band_pt
        and r.length >= 2 * options.min_band_pt
        for r in rules
    )


def complete_rules(
    rules: list[RuleLine], pieces: Sequence[Piece], options: LayoutOptions
) -> list[RuleLine]:
    """Printed rules of a region plus the virtual rules its text implies."""
    rules = widen_to_text(rules, pieces, options)
    xs, ys = grid_lines(rules, options)
    if len(xs) < 2 or len(ys) < 2:
        return rules
    rules = rules + row_rules(xs, ys, pieces, options)
    xs, ys = grid_lines(rules, options)
    inner_v = [
        r
        for r in rules
        if r.orientation == "v" and xs[0] + options.snap_pt < r.pos < xs[-1] - options.snap_pt
    ]
    if not inner_v:
        rules = rules + column_rules(xs, ys, pieces, options, rules)
    rules = rules + erased_column_rules(rules, pieces, options)
    return rules + split_rules(rules, pieces, options)
