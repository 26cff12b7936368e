"""Builders of tiny hand-made documents for the eval tests."""

from __future__ import annotations

import pytest

from fiscalocr.model import Cell, Document, Line, Page, Source, Table, parse_amount

CELL_W, CELL_H = 60.0, 20.0
ORIGIN = (50.0, 100.0)


def cell(
    row: int, col: int, text: str, page: int = 1, rowspan: int = 1, colspan: int = 1, **kw
) -> Cell:
    """A cell on a regular grid of 60×20 pt boxes; value parsed from the text."""
    x0 = ORIGIN[0] + col * CELL_W
    y0 = ORIGIN[1] + row * CELL_H
    box = (x0, y0, x0 + colspan * CELL_W, y0 + rowspan * CELL_H)
    kw.setdefault("value", parse_amount(text))
    return Cell(
        row=row, col=col, rowspan=rowspan, colspan=colspan, page=page, bbox=box, text=text, **kw
    )


def table(rows: list[list[str]], table_id: str = "t1", **kw) -> Table:
    cells = [cell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row)]
    return Table(
        id=table_id, n_rows=len(rows), n_cols=max(map(len, rows)), cells=cells, pages=[1], **kw
    )


def line(text: str, x0: float, y0: float, w: float = 40.0, h: float = 12.0) -> Line:
    return Line(text=text, bbox=(x0, y0, x0 + w, y0 + h), conf=1.0)


def document(tables=(), lines=(), section="tables", pages=1, **facts) -> Document:
    page_list = [
        Page(
            page=n, width=595.0, height=842.0, section=section, lines=list(lines) if n == 1 else []
        )
        for n in range(1, pages + 1)
    ]
    return Document(
        source=Source(file="x.pdf", sha256="0", page_count=pages),
        document=facts or {"kind": "budget", "department": "某某局", "year": 2024},
        pages=page_list,
        tables=list(tables),
    )


class Build:
    cell = staticmethod(cell)
    table = staticmethod(table)
    line = staticmethod(line)
    document = staticmethod(document)


@pytest.fixture
def build() -> type[Build]:
    return Build
