"""From a grid with placed text to a contract :class:`Table` fragment (one page's part).

Values follow the contract's number rule, except in code columns (201 / 20113 /
2011301, or split 类/款/项), which stay text: a code is a name, not an amount. A reading
whose separators a scan damaged (``21.968.00``, ``10:208.94``) is read by the grammar of a
printed amount (:func:`~fiscalocr.model.read_amount`) against the table's usual number of
decimals: ``text`` becomes the printed form, ``ocr_text`` keeps what was read, and the
cell says ``separators_fixed``. A second reading the grammar allows goes to
``candidates`` for reconciliation to choose.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from fiscalocr.model import (
    CENT_DIGITS,
    Cell,
    Table,
    TableRegion,
    cut_to_the_cent,
    looks_like_amount,
    point_read_as_comma,
    read_amount,
)

from .grid import CellGrid
from .header_columns import COLUMN_NUMBERING_LABEL
from .placement import CellText

_CODE_HEADER = re.compile(r"(编码|代码|编号|^类$|^款$|^项$)")
_CODE_TEXT = re.compile(r"^\d{2,7}$")
_CODE_LENGTHS = {3, 5, 7}


def _is_amount(text: str) -> bool:
    return looks_like_amount(text)


def header_row_count(cells: Sequence[Cell], n_rows: int) -> int:
    """Leading rows before the first row of amounts, grown to cover header row spans.

    A label spanning down into rows of amounts (a form's 项目资金 beside its 年度资金总额
    and 其中 rows) does not make those rows header: their amounts must keep their values.
    """
    first_body = None
    for r in range(n_rows):
        row = sorted((c for c in cells if c.row == r and c.text.strip()), key=lambda c: c.col)
        if row and COLUMN_NUMBERING_LABEL.match(row[0].text.strip()):
            continue
        if any(_is_amount(c.text) for c in row):
            first_body = r
            break
    if first_body is None:
        return 1 if n_rows > 1 else 0
    count = first_body
    grown = True
    while grown:
        grown = False
        for c in cells:
            if c.row < count < c.row + c.rowspan and not _amounts_in_rows(
                cells, count, c.row + c.rowspan
            ):
                count, grown = c.row + c.rowspan, True
    return count


def _amounts_in_rows(cells: Sequence[Cell], first: int, end: int) -> bool:
    return any(first <= c.row < end and _is_amount(c.text) for c in cells)


def code_columns(cells: Sequence[Cell], n_cols: int, header_rows: int) -> set[int]:
    """Columns that hold classification codes, by their header or by their content."""
    codes: set[int] = set()
    for col in range(n_cols):
        above = [c for c in cells if c.row < header_rows and c.col <= col < c.col + c.colspan]
        lowest = max(above, key=lambda c: c.row + c.rowspan, default=None)
        if lowest is not None and _CODE_HEADER.search(lowest.text.replace(" ", "")):
            codes.add(col)
            continue
        body = [
            c.text
            for c in cells
            if c.row >= header_rows and c.col == col and c.colspan == 1 and c.text
        ]
        looks_like_codes = bool(body) and all(_CODE_TEXT.match(t) for t in body)
        if looks_like_codes and (
            any(t.startswith("0") for t in body) or all(len(t) in _CODE_LENGTHS for t in body)
        ):
            codes.add(col)
    return _only_left_of_labels(codes, cells, header_rows)


def _only_left_of_labels(codes: set[int], cells: Sequence[Cell], header_rows: int) -> set[int]:
    """Codes print left of the amounts: a content-guessed code column right of an amount
    column is an amount column of round numbers."""
    amount_cols = [
        c.col
        for c in cells
        if c.row >= header_rows
        and c.colspan == 1
        and _is_amount(c.text)
        and not _CODE_TEXT.match(c.text)
    ]
    if not amount_cols:
        return codes
    first_amount = min(amount_cols)
    return {col for col in codes if col < first_amount}


def decimal_counts(texts: Sequence[str]) -> Counter[int]:
    """How many cleanly printed amounts among ``texts`` carry 0, 1, 2, 3 … decimals.

    Its most common count is the table's usual number of decimals (a lost point is
    judged against it); any count of 3 means the table prints 万元 to the 10 元, so a
    lone comma before three digits may be its point."""
    counts: Counter[int] = Counter()
    for text in texts:
        readings = read_amount(text)
        if readings and not readings[0].separators_fixed:
            counts[len(readings[0].text.rstrip("%").partition(".")[2])] += 1
    return counts


def prints_thousands_commas(texts: Sequence[str], thousandths: bool) -> bool:
    """Whether any of ``texts`` shows its print grouping thousands with commas.

    ``1,879.36``, ``1,234,567`` and a damaged ``21.968.00`` show it; a lone ``42,252``
    shows it only where the table prints no third decimals (there it may be ``42.252``
    with its point read as a comma). Only a print that groups can have had a comma read
    as a point, so only in a document where some table shows it (``join_tables``) is a
    lone ``1.234`` read as 1,234 first.
    """
    for text in texts:
        readings = read_amount(text)
        printed = readings[0].text if readings else ""
        if "," in printed and (not thousandths or printed.count(",") + printed.count(".") >= 2):
            return True
    return False


def _body_cells(table: Table) -> list[Cell]:
    """The body cells that may hold amounts (code columns left out); sets ``header_rows``."""
    table.header_rows = header_row_count(table.cells, table.n_rows)
    codes = code_columns(table.cells, table.n_cols, table.header_rows)
    return [
        c
        for c in table.cells
        if c.row >= table.header_rows and not (c.col in codes and c.colspan == 1)
    ]


def _read_texts(cells: Sequence[Cell]) -> list[str]:
    return [c.ocr_text if c.separators_fixed else c.text for c in cells]


def groups_thousands(table: Table) -> bool:
    """Whether the table's own print shows thousands commas (``prints_thousands_commas``)."""
    texts = _read_texts(_body_cells(table))
    return prints_thousands_commas(texts, decimal_counts(texts)[3] > 0)


def assign_values(table: Table, document_groups: bool = False) -> None:
    """Set ``header_rows``, ``is_header`` and ``value`` of every cell (in place).

    Runs again on a joined table, so a cell's reading always starts from ``ocr_text``.
    ``document_groups``: another table of the document shows thousands commas, so this
    one, printed by the same hand, may have had one read as a point even where none of
    its own shows (seed 000 p18: ``110,000`` read ``110.000`` beside zeros).
    """
    body = _body_cells(table)
    texts = _read_texts(body)
    counts = decimal_counts(texts)
    decimals = counts.most_common(1)[0][0] if counts else None
    thousandths = counts[3] > 0
    grouped = document_groups or prints_thousands_commas(texts, thousandths)
    amounts = {id(c) for c in body}
    for cell in table.cells:
        cell.is_header = cell.row < table.header_rows
        if cell.separators_fixed:  # read again from what OCR saw
            cell.text, cell.separators_fixed, cell.candidates = cell.ocr_text, False, None
        cell.value = None
        if id(cell) in amounts:
            _read_value(cell, decimals, thousandths, grouped)


def _read_value(
    cell: Cell, decimals: int | None, thousandths: bool = False, grouped: bool = True
) -> None:
    readings = read_amount(cell.text, decimals, grouped)
    if not readings:
        return
    best, others = readings[0], readings[1:]
    cell.value = best.value
    if best.separators_fixed:
        cell.ocr_text = cell.ocr_text or cell.text
        cell.text, cell.separators_fixed = best.text, True
    candidates = [r.text for r in others]
    as_point = point_read_as_comma(best.text) if thousandths else None
    if as_point is not None and as_point not in candidates:
        candidates.append(as_point)
    # a third decimal in a table printed to the cent: flagged, never passed on as sure
    to_the_cent = cut_to_the_cent(best.text) if decimals == CENT_DIGITS else None
    if to_the_cent is not None and to_the_cent not in candidates:
        candidates.append(to_the_cent)
    if candidates:
        cell.candidates = candidates


def make_fragment(grid: CellGrid, placed: dict[int, CellText], page_no: int, index: int) -> Table:
    """One page's table fragment with id ``p{page}t{index}``."""
    cells = []
    for i, gc in enumerate(grid.cells):
        slot = placed.get(i)
        text = slot.text if slot else ""
        cells.append(
            Cell(
                row=gc.row,
                col=gc.col,
                rowspan=gc.rowspan,
                colspan=gc.colspan,
                page=page_no,
                bbox=gc.bbox,
                text=text,
                ocr_text=text,
                conf=slot.conf if slot else 1.0,
            )
        )
    table = Table(
        id=f"p{page_no}t{index}",
        pages=[page_no],
        n_rows=grid.n_rows,
        n_cols=grid.n_cols,
        cells=cells,
        regions=[
            TableRegion(page=page_no, bbox=grid.bbox, first_row=0, last_row=max(0, grid.n_rows - 1))
        ],
    )
    assign_values(table)
    return table
