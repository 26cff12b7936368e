"""Every amount of a document as one tidy record: what it is, where, and how sure we are.

The row label, classification code and column header path come from the same reading of
the table's header and stub that reconciliation builds its rules from
(:func:`fiscalocr.reconcile.table_layout`), so a figure is named the same way in a check
and in the archive dataset.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from fiscalocr.model import Document, Table

from .marks import CellMarks, cell_marks

HEADER_PATH_SEPARATOR = " / "
UNIT_IN_YUAN = {"元": 1.0, "千元": 1_000.0, "万元": 10_000.0}


@dataclass(frozen=True)
class Figure:
    """One amount cell of one table (the archive dataset's row)."""

    source_file: str
    source_sha256: str
    document_kind: str
    department: str | None
    year: int | None
    table_id: str
    table_type: str
    table_title: str | None
    row: int
    """1-based, as a person counts the table's rows (header rows included)."""
    col: int
    """1-based, as a person counts the table's columns."""
    row_label: str | None
    classification_code: str | None
    column_header: str | None
    unit: str | None
    value: float
    value_yuan: float | None
    text: str
    ocr_text: str
    repaired: bool
    flagged: bool
    corrected: bool
    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def as_dict(self) -> dict:
        return asdict(self)


def column_headers(table: Table) -> dict[int, str]:
    """Column → header path (``2024年预算数 / 合计``), for every column with a header."""
    from fiscalocr.reconcile import table_layout

    layout = table_layout(table)
    grid = layout.grid
    return {
        col: HEADER_PATH_SEPARATOR.join(grid.text(r, c) for r, c in path)
        for col, path in layout.header_path.items()
        if path
    }


def document_figures(doc: Document, marks: CellMarks | None = None) -> list[Figure]:
    """Every cell of ``doc`` holding an amount in an amount column, in table order."""
    from fiscalocr.reconcile import table_layout

    marks = marks or cell_marks(doc)
    out: list[Figure] = []
    for table in doc.tables:
        layout = table_layout(table)
        headers = column_headers(table)
        stub_of = {col: panel for panel in layout.panels for col in panel.amount_cols}
        for cell in table.cells:
            if cell.is_header or cell.value is None or cell.row < layout.grid.header_rows:
                continue
            panel = stub_of.get(cell.col)
            if panel is None:
                continue
            label = layout.row_label(panel, cell.row) or None
            code = layout.row_codes(panel).get(cell.row)
            out.append(_figure(doc, table, cell, marks, label, code, headers.get(cell.col)))
    return out


def _figure(doc, table, cell, marks, label, code, header) -> Figure:
    scale = UNIT_IN_YUAN.get(table.unit or "")
    percent = cell.text.strip().endswith("%")
    return Figure(
        source_file=doc.source.file,
        source_sha256=doc.source.sha256,
        document_kind=doc.document.kind,
        department=doc.document.department,
        year=doc.document.year,
        table_id=table.id,
        table_type=table.type,
        table_title=table.title,
        row=cell.row + 1,
        col=cell.col + 1,
        row_label=label,
        classification_code=code,
        column_header=header,
        unit="%" if percent else table.unit,
        value=cell.value,
        value_yuan=None if scale is None or percent else round(cell.value * scale, 2),
        text=cell.text,
        ocr_text=cell.ocr_text,
        repaired=marks.is_repaired(table, cell),
        flagged=marks.is_flagged(table, cell),
        corrected=cell.corrected,
        page=cell.page,
        x0=round(cell.bbox[0], 2),
        y0=round(cell.bbox[1], 2),
        x1=round(cell.bbox[2], 2),
        y1=round(cell.bbox[3], 2),
    )
