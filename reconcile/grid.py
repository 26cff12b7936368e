"""A dense view of one table: which cell covers each position, its text and amount.

Layout gives cells as anchors with spans; rules address positions. Blank or missing cells
count as zero in the arithmetic (the disclosures leave zero amounts blank).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fiscalocr.model import Cell, Table, parse_amount
from fiscalocr.model.text import normalise_text

CENTS = 100
"""Amounts are compared as integers in hundredths of the table's unit."""


def format_cents(cents: int) -> str:
    """Hundredths of the table's unit as the tables print them (24,606,775.35)."""
    return f"{cents / CENTS:,.2f}"


_INDEX_LABELS = ("栏次", "档次")
"""Row labels of the column-number row printed under a header (行次 heads a column)."""
_DIGITS = re.compile(r"\d")


def to_cents(value: float | None) -> int | None:
    """Amount → integer hundredths (None stays None)."""
    return None if value is None else round(value * CENTS)


def cell_amount(cell: Cell | None) -> float | None:
    """The cell's amount: ``value`` when layout set it, else the contract's number rule."""
    if cell is None:
        return None
    if cell.value is not None:
        return cell.value
    return parse_amount(normalise_text(cell.text))


_AMOUNT_CHARS = "0123456789.,-−%"


def numeric_core(text: str) -> str | None:
    """The amount inside a reading with stray characters glued to its ends
    ("合24,458.43" → "24,458.43"), or None when there is no such amount."""
    t = normalise_text(text)
    start, end = 0, len(t)
    while start < end and t[start] not in _AMOUNT_CHARS:
        start += 1
    while end > start and t[end - 1] not in _AMOUNT_CHARS:
        end -= 1
    core = t[start:end]
    return core if core != t and looks_numeric(core) else None


def looks_numeric(text: str) -> bool:
    """Digits with separators only: an amount, possibly garbled ("1.234.56")."""
    t = normalise_text(text)
    return bool(t) and bool(_DIGITS.search(t)) and re.fullmatch(r"[-−]?[\d.,]+%?", t) is not None


@dataclass
class DenseTable:
    """Position → covering cell for one table, plus its header/data row split.

    Not a grid of lines: layout's ``CellGrid`` is where a table's cells sit on the page;
    this is the contract ``Table`` made dense, every (row, col) answering with the cell
    that covers it, which is how the arithmetic rules address amounts."""

    table: Table
    cover: dict[tuple[int, int], Cell] = field(default_factory=dict)
    n_rows: int = 0
    n_cols: int = 0
    header_rows: int = 0
    _data_rows: list[int] | None = None

    @classmethod
    def of(cls, table: Table) -> DenseTable:
        grid = cls(table=table)
        for cell in table.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    grid.cover[(r, c)] = cell
            grid.n_rows = max(grid.n_rows, cell.row + cell.rowspan)
            grid.n_cols = max(grid.n_cols, cell.col + cell.colspan)
        grid.n_rows = max(grid.n_rows, table.n_rows)
        grid.n_cols = max(grid.n_cols, table.n_cols)
        grid.header_rows = table.header_rows or grid._infer_header_rows()
        return grid

    def cell(self, row: int, col: int) -> Cell | None:
        return self.cover.get((row, col))

    def anchor(self, row: int, col: int) -> Cell | None:
        """The cell only if it starts at (row, col): a spanning cell is counted once."""
        cell = self.cover.get((row, col))
        return cell if cell is not None and (cell.row, cell.col) == (row, col) else None

    def text(self, row: int, col: int) -> str:
        cell = self.cover.get((row, col))
        return normalise_text(cell.text) if cell is not None else ""

    def amount(self, row: int, col: int) -> float | None:
        return cell_amount(self.anchor(row, col))

    def row_texts(self, row: int) -> list[str]:
        return [self.text(row, c) for c in range(self.n_cols)]

    def is_index_row(self, row: int) -> bool:
        """A 栏次 row or a row of column numbers (1 2 3 …): not data."""
        texts = [t for t in self.row_texts(row) if t]
        if any(t in _INDEX_LABELS for t in texts):
            return True
        numbers = [parse_amount(t) for t in texts]
        if len(numbers) < 3 or any(n is None or n != int(n) for n in numbers):
            return False
        ints = [int(n) for n in numbers if n is not None]
        return all(b == a + 1 for a, b in zip(ints, ints[1:], strict=False))

    def is_banner_row(self, row: int) -> bool:
        """One cell across the whole width (a 注： note, a section title): not data."""
        cell = self.cover.get((row, 0))
        return self.n_cols > 2 and cell is not None and cell.colspan >= self.n_cols

    def data_rows(self) -> list[int]:
        if self._data_rows is None:
            self._data_rows = [
                r
                for r in range(self.header_rows, self.n_rows)
                if not self.is_index_row(r) and not self.is_banner_row(r)
            ]
        return self._data_rows

    def _infer_header_rows(self) -> int:
        """Leading rows marked as header or holding no amount (layout may leave it 0)."""
        count = 0
        for row in range(self.n_rows):
            cells = [self.anchor(row, c) for c in range(self.n_cols)]
            cells = [c for c in cells if c is not None]
            if cells and all(c.is_header for c in cells):
                count += 1
                continue
            has_amount = any(cell_amount(c) is not None for c in cells)
            if has_amount or self.is_index_row(row):
                break
            count += 1
        return count if count < self.n_rows else 0
