"""Cell spans of a transcribed table, inferred conservatively (pure functions).

The converter writes a merged header cell as its text followed by empty cells, and a
cell merged downwards as an empty cell under it. Only the header is read that way: the
rows before the first body row (an amount, a classification code or a 合计 in the first
column, a row whose only text is its label). In the header an empty cell joins the cell
above when that one is a single column, else the cell on its left when some header row
below has text in its column (a group heading over sub-columns); otherwise it stays an
empty cell. Body cells keep one column each. A performance form has no header; in its rows
a text runs right over the empty cells after it, as the form's merged fields do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .structure import PlacedCell

MAX_HEADER_ROWS = 4  # a statutory table's header never has more rows; more means no header
MIN_NUMBERING_CELLS = 2  # a column-numbering row (栏次 1 2 3 …) numbers at least this many

_AMOUNT = re.compile(r"\d[\d,]*\.\d+|\d{1,3}(,\d{3})+")  # as the truth builder reads them
_CODE = re.compile(r"\d{3,7}")
_TOTAL = re.compile(r"(部门)?合计|总计")
_NUMBERING_LABEL = re.compile(r"栏次|档次|行次")
_SMALL_INT = re.compile(r"\d{1,2}(\.0+)?")  # 栏次 numbers, printed 1 or 1.00


@dataclass
class _Span:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class PlacedGrid:
    n_rows: int
    n_cols: int
    header_rows: int
    cells: list[PlacedCell]


def place_cells(rows: list[list[str]], *, form: bool) -> PlacedGrid:
    """Placed cells of a table given as rows of cell texts (ragged rows allowed)."""
    n_cols = max((len(r) for r in rows), default=0)
    span_rows = 0 if form else header_span_rows(rows)
    header_rows = span_rows
    while header_rows < len(rows) and is_numbering_row(rows[header_rows]):
        header_rows += 1
    grid = [list(r) + [""] * (n_cols - len(r)) for r in rows]
    cells = _header_cells(grid[:span_rows])
    for r in range(span_rows, len(rows)):
        cells += _body_cells(rows[r], r, n_cols, form)
    cells, n_cols = drop_unseen_columns(cells, n_cols)
    return PlacedGrid(len(rows), n_cols, header_rows, cells)


def drop_unseen_columns(cells: list[PlacedCell], n_cols: int) -> tuple[list[PlacedCell], int]:
    """Merge columns that no cell edge separates: a printed grid has no line there, so the
    column does not exist on the page (a form whose every row spans its last two columns)."""
    edges = {0, n_cols} | {c.col for c in cells} | {c.col + c.colspan for c in cells}
    kept = sorted(e for e in edges if 0 <= e <= n_cols)
    index = {edge: i for i, edge in enumerate(kept)}
    if len(kept) == n_cols + 1:
        return cells, n_cols
    placed = [
        PlacedCell(c.row, index[c.col], c.text, c.rowspan, index[c.col + c.colspan] - index[c.col])
        for c in cells
    ]
    return placed, len(kept) - 1


def header_span_rows(rows: list[list[str]]) -> int:
    """Rows before the first body row, or 0 when none is found within MAX_HEADER_ROWS."""
    for r, row in enumerate(rows[: MAX_HEADER_ROWS + 1]):
        if is_numbering_row(row) or is_body_row(row):
            return r
    return 0


def is_body_row(row: list[str]) -> bool:
    texts = [t.replace(" ", "") for t in row]
    first = texts[0] if texts else ""
    if any(_AMOUNT.fullmatch(t) for t in texts):
        return True
    if _CODE.fullmatch(first):
        return True
    if _TOTAL.fullmatch(first):  # a 合计 row of amounts (a header may start with 合计 too)
        return all(not t or _AMOUNT.fullmatch(t) for t in texts[1:])
    return bool(first) and len(texts) > 1 and not any(texts[1:])


def is_numbering_row(row: list[str]) -> bool:
    """``栏次 | | 1 | 栏次 | | 2`` or ``1 | 2 | 3 …``: the columns' numbers, not data."""
    texts = [t.strip() for t in row if t.strip()]
    numbers = [t for t in texts if _SMALL_INT.fullmatch(t)]
    others = [t for t in texts if not _SMALL_INT.fullmatch(t)]
    return len(numbers) >= MIN_NUMBERING_CELLS and all(
        _NUMBERING_LABEL.fullmatch(t) for t in others
    )


def _header_cells(grid: list[list[str]]) -> list[PlacedCell]:
    owner: list[list[_Span]] = []
    spans: list[_Span] = []
    for r, row in enumerate(grid):
        owner.append([])
        for c, text in enumerate(row):
            cell = _join(grid, owner, r, c) if not text else None
            if cell is None:
                cell = _Span(r, c, text)
                spans.append(cell)
            owner[r].append(cell)
    return [PlacedCell(s.row, s.col, s.text, s.rowspan, s.colspan) for s in spans]


def _join(grid: list[list[str]], owner: list[list[_Span]], r: int, c: int) -> _Span | None:
    """The header cell an empty position (r, c) belongs to, extended to cover it."""
    if r > 0:
        up = owner[r - 1][c]
        if up.text and up.colspan == 1 and up.col == c and up.row + up.rowspan == r:
            up.rowspan += 1
            return up
    if c > 0:
        left = owner[r][c - 1]
        text_below = any(grid[k][c] for k in range(r + 1, len(grid)))
        if left.text and left.row == r and left.rowspan == 1 and text_below:
            left.colspan += 1
            return left
    return None


def _body_cells(row: list[str], r: int, n_cols: int, form: bool) -> list[PlacedCell]:
    if form:
        return _form_cells(row, r, n_cols)
    cells = [PlacedCell(r, c, text) for c, text in enumerate(row)]
    return cells + [PlacedCell(r, c, "") for c in range(len(row), n_cols)]


def _form_cells(row: list[str], r: int, n_cols: int) -> list[PlacedCell]:
    """A form row: each text runs right over the empty cells after it (the converter's
    merged form fields); empties before the first text stay cells of their own."""
    starts = [c for c, text in enumerate(row) if text]
    cells = [PlacedCell(r, c, "") for c in range(starts[0] if starts else len(row))]
    for i, c in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else n_cols
        cells.append(PlacedCell(r, c, row[c], 1, end - c))
    if not starts and len(row) < n_cols:
        cells += [PlacedCell(r, c, "") for c in range(len(row), n_cols)]
    return cells
