"""Build :class:`Table` objects from a text grid: hand-made tables for tests and benchmarks.

Each row is a tab-separated string; a cell written ``<`` continues the cell to its left
(colspan) and ``^`` the cell above (rowspan). Cells get a synthetic bbox on a 60×20 pt
grid so evidence lookups by position work.
"""

from __future__ import annotations

from fiscalocr.model import Cell, Document, Line, Page, Source, Table, parse_amount

CELL_W, CELL_H = 60.0, 20.0


def cell_box(row: int, col: int, rowspan: int = 1, colspan: int = 1, top: float = 50.0):
    x0, y0 = 20.0 + col * CELL_W, top + row * CELL_H
    return (x0, y0, x0 + colspan * CELL_W, y0 + rowspan * CELL_H)


def table_from_rows(
    table_id: str,
    rows: list[str],
    header_rows: int,
    unit: str | None = "万元",
    table_type: str = "other",
    page: int = 1,
    title: str | None = None,
) -> Table:
    grid = [r.split("\t") for r in rows]
    n_cols = max(len(r) for r in grid)
    grid = [r + [""] * (n_cols - len(r)) for r in grid]
    cells: list[Cell] = []
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text in ("<", "^"):
                continue
            colspan = 1
            while c + colspan < n_cols and grid[r][c + colspan] == "<":
                colspan += 1
            rowspan = 1
            while r + rowspan < len(grid) and grid[r + rowspan][c] == "^":
                rowspan += 1
            header = r < header_rows
            cells.append(
                Cell(
                    row=r,
                    col=c,
                    rowspan=rowspan,
                    colspan=colspan,
                    page=page,
                    bbox=cell_box(r, c, rowspan, colspan),
                    text=text,
                    ocr_text=text,
                    value=None if header else parse_amount(text),
                    is_header=header,
                )
            )
    return Table(
        id=table_id,
        type=table_type,
        title=title,
        unit=unit,
        pages=[page],
        n_rows=len(grid),
        n_cols=n_cols,
        header_rows=header_rows,
        cells=cells,
    )


def explanation_page(*lines: str, page: int = 2) -> Page:
    """A narrative page (情况说明) holding ``lines``, one under the other."""
    return Page(
        page=page,
        width=595,
        height=842,
        section="explanation",
        lines=[
            Line(text=t, bbox=(50, 50 + 20 * i, 500, 66 + 20 * i), conf=0.99)
            for i, t in enumerate(lines)
        ],
    )


def document_of(*tables: Table, pages: list[Page] | None = None) -> Document:
    """A document holding only these tables (and these pages, if given)."""
    return Document(
        source=Source(file="handbuilt.pdf", sha256="0" * 64, page_count=1),
        pages=pages or [Page(page=1, width=595, height=842, section="tables")],
        tables=list(tables),
    )


CODE_NAMES = {
    "201": "一般公共服务支出",
    "20113": "商贸事务",
    "2011301": "行政运行",
    "2011308": "招商引资",
    "2011350": "事业运行",
    "2011399": "其他商贸事务支出",
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "20899": "其他社会保障和就业支出",
    "2089999": "其他社会保障和就业支出",
    "210": "卫生健康支出",
    "21007": "计划生育事务",
    "2100799": "其他计划生育事务支出",
    "21011": "行政事业单位医疗",
    "2101101": "行政单位医疗",
    "2101102": "事业单位医疗",
    "221": "住房保障支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
}
"""Function classification codes and their official names (facts of the seed documents)."""


def _fmt(x: float) -> str:
    return f"{x:.2f}" if round(x, 2) else ""


def coded_rows(
    leaves: dict[str, tuple[float, float]], year_header: str = "2024年预算数"
) -> list[str]:
    """A 支出总表 grid (合计 | 基本支出 | 项目支出 by code) with every parent summed exactly
    from its 7-digit leaves, and a 合计 row on top."""
    sums: dict[str, list[int]] = {}
    for code, (basic, project) in leaves.items():
        for prefix in (code[:3], code[:5], code):
            acc = sums.setdefault(prefix, [0, 0])
            acc[0] += round(basic * 100)
            acc[1] += round(project * 100)
    top = [v for k, v in sums.items() if len(k) == 3]
    basic_total, project_total = sum(v[0] for v in top), sum(v[1] for v in top)
    rows = [f"项目\t<\t{year_header}\t<\t<", "科目编码\t科目名称\t合计\t基本支出\t项目支出"]
    rows.append(
        f"合计\t\t{_fmt((basic_total + project_total) / 100)}\t{_fmt(basic_total / 100)}"
        f"\t{_fmt(project_total / 100)}"
    )
    for code in sorted(sums):
        b, p = sums[code]
        rows.append(
            f"{code}\t{CODE_NAMES[code]}\t{_fmt((b + p) / 100)}\t{_fmt(b / 100)}\t{_fmt(p / 100)}"
        )
    return rows


def misread(table: Table, row: int, col: int, text: str) -> str:
    """Make the cell at (row, col) read ``text`` as the OCR would have (text and
    ``ocr_text``, no value); returns what it said before."""
    cell = table.cell_at(row, col)
    before = cell.text
    cell.text = cell.ocr_text = text
    cell.value = None
    return before
