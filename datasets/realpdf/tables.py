"""One page's tables from its rules and characters: cells, text, values, title, unit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fiscalocr.model import COLUMN_NUMBERING_LABELS, Cell, Line, Table, TableRegion, parse_amount

from .chars import Char, cell_text, chars_inside, line_text, page_chars, union, visual_lines
from .rules import VectorGrid, build_grid, group_tables, page_segments

TITLE_SEARCH_PT = 90.0  # a title sits at most this far above its table
LINE_SPLIT_GAP = 2.0  # glyph heights: a wider gap splits a text line into two lines
MIN_TABLE_ROWS = 2

_UNIT = re.compile(r"单位\s*[：:]\s*(万元|千元|元)")
_NOT_TITLE = re.compile(
    r"^(单位|部门|编制部门|编制单位|预算单位|填报单位)\s*[：:]|^表[一二三四五六七八九十\d]+$|^第\d+页|^\d+$"
    r"|^(预算|部门|决算)?公开表\s*\d+$|^公开\s*\d+\s*表$"  # a table's number (公开01表), not its title
)
_CODE_HEADER = re.compile(r"编码|代码|编号|^类$|^款$|^项$|行次|栏次|序号")
_CODE_VALUE = re.compile(r"^\d{2,7}$")
_COLUMN_NUMBER = re.compile(r"\d{1,2}(\.0+)?")  # 栏次 numbers, printed 1 or 1.00
_NUMBERING_LABEL = re.compile("|".join(COLUMN_NUMBERING_LABELS))
_AMOUNT_LOOK = re.compile(r"\d[\d,]*\.\d+|\d{1,3}(,\d{3})+")


@dataclass
class PageTable:
    """A table fragment found on one page, before fragments are joined."""

    grid: VectorGrid
    table: Table
    has_title: bool
    header_texts: list[str] = field(default_factory=list)


@dataclass
class PageRead:
    lines: list[Line]
    tables: list[PageTable]
    head_lines: list[str]


def read_page(page, page_no: int) -> PageRead:
    """Tables and text lines of one born-digital page (1-based ``page_no``)."""
    chars = page_chars(page)
    grids = [g for g in (build_grid(grp) for grp in group_tables(page_segments(page))) if g]
    grids = [g for g in grids if len(g.ys) - 1 >= MIN_TABLE_ROWS and chars_inside(chars, g.bbox)]
    inside = {id(c) for g in grids for c in chars_inside(chars, g.bbox)}
    free = [c for c in chars if id(c) not in inside]
    free_lines = _split_lines(free)
    lines = list(free_lines)
    tables = []
    floor = 0.0
    for grid in grids:
        table, cell_lines = _grid_table(grid, chars, page_no)
        lines += cell_lines
        above = [ln for ln in free_lines if floor <= ln.bbox[3] <= grid.bbox[1] + 1]
        floor = grid.bbox[3]
        title, unit = _title_and_unit(above, grid.bbox[1])
        table.title, table.unit = title, unit
        header = [c.text for c in table.cells if c.row < max(table.header_rows, 1)]
        tables.append(PageTable(grid, table, title is not None, header))
    lines.sort(key=lambda ln: (round(ln.bbox[1]), ln.bbox[0]))
    head = [ln.text for ln in sorted(free_lines, key=lambda ln: ln.bbox[1])]
    return PageRead(lines, tables, head)


def _split_lines(chars: list[Char]) -> list[Line]:
    """Text lines outside tables; a wide gap (columns, tab stops) splits a line."""
    out: list[Line] = []
    for vline in visual_lines(chars):
        run: list[Char] = []
        for ch in vline:
            height = ch.bbox[3] - ch.bbox[1]
            if run and ch.bbox[0] - run[-1].bbox[2] > LINE_SPLIT_GAP * height:
                out.append(_make_line(run))
                run = []
            run.append(ch)
        if run:
            out.append(_make_line(run))
    return out


def _make_line(chars: list[Char]) -> Line:
    text, boxes = line_text(chars)
    return Line(
        text=text, bbox=_round(union(boxes)), conf=1.0, char_boxes=[_round(b) for b in boxes]
    )


def _round(b) -> tuple[float, float, float, float]:
    return (round(b[0], 2), round(b[1], 2), round(b[2], 2), round(b[3], 2))


def _grid_table(grid: VectorGrid, chars: list[Char], page_no: int) -> tuple[Table, list[Line]]:
    cells, lines = [], []
    for gc in grid.cells:
        mine = chars_inside(chars, gc.bbox)
        for vline in visual_lines(mine):
            lines.append(_make_line(vline))
        text = cell_text(mine)
        cells.append(Cell(row=gc.row, col=gc.col, rowspan=gc.rowspan, colspan=gc.colspan,
                          page=page_no, bbox=_round(gc.bbox), text=text, ocr_text=text))  # fmt: skip
    n_rows, n_cols = len(grid.ys) - 1, len(grid.xs) - 1
    header_rows = _header_rows(cells, n_rows)
    fill_values(cells, header_rows)
    table = Table(id="", n_rows=n_rows, n_cols=n_cols, header_rows=header_rows, cells=cells,
                  pages=[page_no], regions=[TableRegion(page=page_no, bbox=_round(grid.bbox),
                                                        first_row=0, last_row=n_rows - 1)])  # fmt: skip
    return table, lines


def _header_rows(cells: list[Cell], n_rows: int) -> int:
    """Rows before the first one that holds an amount (``1,234.50``-like) are header; a
    row numbering the columns (栏次 1.00 2.00 …) is header too, also when no amount follows
    (a table printed empty)."""
    numbering_end = 0
    for row in range(n_rows):
        texts = [c.text.replace(" ", "") for c in cells if c.row == row and c.text.strip()]
        if _numbering_row(texts):
            numbering_end = row + 1
        elif any(_AMOUNT_LOOK.fullmatch(t) for t in texts):
            return row
    return numbering_end


def _numbering_row(texts: list[str]) -> bool:
    numbers = [t for t in texts if _COLUMN_NUMBER.fullmatch(t)]
    return len(numbers) >= 2 and all(
        _NUMBERING_LABEL.fullmatch(t) or _COLUMN_NUMBER.fullmatch(t) for t in texts
    )


def fill_values(cells: list[Cell], header_rows: int) -> None:
    """Values for body cells; code and row-number columns stay text (contract §1)."""
    code_cols = _code_columns(cells, header_rows)
    for cell in cells:
        cell.is_header = cell.row < header_rows
        numeric = not cell.is_header and cell.col not in code_cols
        cell.value = parse_amount(cell.text) if numeric else None


def _code_columns(cells: list[Cell], header_rows: int) -> set[int]:
    codes: set[int] = set()
    for cell in cells:
        if cell.row < header_rows and cell.colspan == 1 and _CODE_HEADER.search(cell.text.strip()):
            codes.add(cell.col)
    by_col: dict[int, list[str]] = {}
    for cell in cells:
        if cell.row >= header_rows and cell.text:
            by_col.setdefault(cell.col, []).append(cell.text)
    for col, texts in by_col.items():
        if (
            texts
            and all(_CODE_VALUE.match(t) for t in texts)
            and any(len(t) in (3, 5, 7) for t in texts)
        ):
            codes.add(col)
    return codes


def _title_and_unit(above: list[Line], table_top: float) -> tuple[str | None, str | None]:
    """The nearest title-like line above the table (every statutory title names a 表),
    and a ``单位：`` near it."""
    near = [ln for ln in above if table_top - ln.bbox[3] <= TITLE_SEARCH_PT]
    unit = next((m.group(1) for ln in near if (m := _UNIT.search(ln.text))), None)
    for line in sorted(near, key=lambda ln: -ln.bbox[3]):
        text = line.text.strip()
        if (
            "表" in text
            and not _NOT_TITLE.search(text)
            and not _UNIT.search(text)
            and len(text) >= 4
        ):
            return text, unit
    return None, unit
