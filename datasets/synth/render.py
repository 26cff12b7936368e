"""Drawing a table spec onto pages, and the ground-truth `Table` it yields.

Column widths come from the content (amount columns never wrap; name and header cells
wrap), the font shrinks when a table is too wide, rows flow over pages (the header
repeated or not), and every cell's box is its ruled rectangle on the page it sits on.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from fiscalocr.model import Cell, Table, TableRegion, parse_amount

from .fonts import ascender_descender, text_width
from .layout import Flow, wrap
from .spec import SpecCell, TableSpec

PAD = 3.0  # horizontal padding inside a cell, points
MIN_SIZE = 6.0  # smallest table font size
LINE_H = 1.25  # line height of wrapped cell text, times the font size
WRAPPABLE = {"text", "header", "label"}


@dataclass
class Geometry:
    xs: list[float]  # column boundaries, n_cols + 1
    heights: list[float]  # row heights
    size: float
    lines: dict[int, list[str]]  # id(cell) -> wrapped lines


def _indent(text: str) -> tuple[str, int]:
    stripped = text.lstrip(" ")
    return stripped, len(text) - len(stripped)


def _natural_widths(spec: TableSpec, face: str, size: float) -> list[float]:
    widths = [2 * PAD + 2 * size] * spec.n_cols
    for cell in spec.cells:
        if cell.colspan != 1:
            continue
        text, indent = _indent(cell.text)
        need = text_width(face, text, size) + indent * size * 0.5 + 2 * PAD
        if cell.kind == "header":
            need = min(need, 5 * size + 2 * PAD)
        elif cell.kind in WRAPPABLE:
            need = min(need, 16 * size + 2 * PAD)
        widths[cell.col] = max(widths[cell.col], need)
    return widths


def _fit_columns(
    spec: TableSpec, face: str, base: float, avail: float, rng: random.Random
) -> tuple[list[float], float]:
    natural = _natural_widths(spec, face, base)
    size = base
    if sum(natural) > avail:
        size = max(MIN_SIZE, base * avail / sum(natural))
        natural = _natural_widths(spec, face, size)
    if sum(natural) > avail:  # take the excess from wrappable columns
        wrappable = {c.col for c in spec.cells if c.kind in ("text", "label") and c.colspan == 1}
        flexible = sum(natural[c] for c in wrappable) or 1.0
        excess = sum(natural) - avail
        natural = [
            max(4 * size + 2 * PAD, w - excess * w / flexible) if c in wrappable else w
            for c, w in enumerate(natural)
        ]
    fill = avail if rng.random() < 0.85 else max(sum(natural), avail * rng.uniform(0.7, 1.0))
    extra = max(0.0, fill - sum(natural))
    total = sum(natural)
    return [w + extra * w / total for w in natural], size


def _geometry(
    spec: TableSpec, face: str, base: float, avail: float, row_factor: float, rng
) -> Geometry:
    widths, size = _fit_columns(spec, face, base, avail, rng)
    xs = [0.0]
    for w in widths:
        xs.append(xs[-1] + w)
    heights = [size * row_factor] * spec.n_rows
    lines: dict[int, list[str]] = {}
    for cell in spec.cells:
        text, indent = _indent(cell.text)
        inner = xs[cell.col + cell.colspan] - xs[cell.col] - 2 * PAD - indent * size * 0.5
        cell_lines = wrap(text, face, size, inner) if cell.kind in WRAPPABLE else [text]
        lines[id(cell)] = cell_lines
        need = len(cell_lines) * size * LINE_H + size * (row_factor - LINE_H)
        rows = range(cell.row, cell.row + cell.rowspan)
        have = sum(heights[r] for r in rows)
        if need > have:
            heights[cell.row + cell.rowspan - 1] += need - have
    return Geometry(xs, heights, size, lines)


def _break_allowed(spec: TableSpec) -> list[bool]:
    """allowed[r]: a page may end just before row r (no body cell spans across it)."""
    allowed = [True] * (spec.n_rows + 1)
    for cell in spec.cells:
        for r in range(cell.row + 1, cell.row + cell.rowspan):
            allowed[r] = False
    return allowed


def render_table(flow: Flow, spec: TableSpec, table_id: str, rng: random.Random) -> Table:
    """Draw the table at the flow's cursor (title, meta line, grid, notes)."""
    st = flow.style
    geo = _geometry(spec, st.table_face, st.table_size, flow.right - flow.left, st.row_factor, rng)
    x0 = flow.left + ((flow.right - flow.left) - (geo.xs[-1])) / 2
    start_h = 80 + sum(geo.heights[: spec.header_rows + 2])
    if flow.y + start_h > flow.bottom:
        flow.new_page(flow.page.section, flow.page.width > flow.page.height)
    _draw_caption(flow, spec)
    table = Table(
        id=table_id,
        type=spec.type,
        type_conf=1.0,
        title=spec.title,
        unit=spec.unit,
        n_rows=spec.n_rows,
        n_cols=spec.n_cols,
        header_rows=spec.header_rows,
        notes=([spec.empty_note] if spec.empty_note else []) + spec.notes,
    )
    header = list(range(spec.header_rows))
    allowed = _break_allowed(spec)
    by_row: dict[int, list[SpecCell]] = {}
    for cell in spec.cells:
        by_row.setdefault(cell.row, []).append(cell)
    header_h = sum(geo.heights[r] for r in header)
    row_tops: dict[int, float] = {}
    region_top, region_first = flow.y, 0
    y = flow.y
    r = 0
    while r < spec.n_rows:
        block_end = r + 1
        while block_end < spec.n_rows and not allowed[block_end]:
            block_end += 1
        block_h = sum(geo.heights[i] for i in range(r, block_end))
        min_row = spec.header_rows if region_first == 0 else region_first
        if r > min_row and y + block_h > flow.bottom:
            _close_region(flow, table, x0, geo, region_top, y, region_first, r - 1)
            flow.new_page(flow.page.section, flow.page.width > flow.page.height)
            y = flow.y
            region_top, region_first = y, r
            if spec.repeat_header and spec.header_rows:
                _draw_rows(flow, spec, geo, by_row, header, x0, y, record=None)
                y += header_h
        for i in range(r, block_end):
            row_tops[i] = y
            y += geo.heights[i]
        _draw_rows(
            flow, spec, geo, by_row, list(range(r, block_end)), x0, row_tops[r], record=table
        )
        r = block_end
    _close_region(flow, table, x0, geo, region_top, y, region_first, spec.n_rows - 1)
    flow.y = y + 4
    _draw_notes(flow, spec, x0)
    table.pages = sorted({reg.page for reg in table.regions})
    return table


def _draw_rows(
    flow: Flow,
    spec: TableSpec,
    geo: Geometry,
    by_row,
    rows: list[int],
    x0: float,
    top: float,
    record: Table | None,
) -> None:
    st = flow.style
    tops = {}
    y = top
    for r in rows:
        tops[r] = y
        y += geo.heights[r]
    for r in rows:
        for cell in by_row.get(r, []):
            bottom = tops[r] + sum(geo.heights[i] for i in range(r, r + cell.rowspan))
            box = (x0 + geo.xs[cell.col], tops[r], x0 + geo.xs[cell.col + cell.colspan], bottom)
            is_header = cell.kind == "header"
            if is_header and st.header_fill is not None:
                flow.canvas.fill(flow.index, box, st.header_fill)
            flow.canvas.rule(flow.index, box[0], box[1], box[2], box[1], st.rule_width)
            if cell.col > 0 or not st.open_sides:
                flow.canvas.rule(flow.index, box[0], box[1], box[0], box[3], st.rule_width)
            bold = cell.bold and st.total_bold or is_header and st.header_bold
            _draw_cell_text(flow, cell, geo, box, bold)
            if record is not None:
                text, _ = _indent(cell.text)
                value = parse_amount(text) if cell.kind == "amount" else None
                record.cells.append(
                    Cell(
                        row=cell.row,
                        col=cell.col,
                        rowspan=cell.rowspan,
                        colspan=cell.colspan,
                        page=flow.page.page,
                        bbox=tuple(round(v, 2) for v in box),
                        text=text,
                        ocr_text=text,
                        value=value,
                        conf=1.0,
                        is_header=is_header,
                    )
                )


def _draw_cell_text(flow: Flow, cell: SpecCell, geo: Geometry, box, bold: bool) -> None:
    face, size = flow.style.table_face, geo.size
    lines = [ln for ln in geo.lines[id(cell)] if ln]
    if not lines:
        return
    _, indent = _indent(cell.text)
    asc, desc = ascender_descender(face)
    block_h = (len(lines) - 1) * size * LINE_H
    baseline = (box[1] + box[3]) / 2 - block_h / 2 + (asc + desc) * size / 2
    align = cell.align or {"amount": "r", "header": "c", "index": "c", "label": "c"}.get(
        cell.kind, "l"
    )
    for line in lines:
        width = text_width(face, line, size)
        if align == "r":
            x = box[2] - PAD - width
        elif align == "c":
            x = (box[0] + box[2] - width) / 2
        else:
            x = box[0] + PAD + indent * size * 0.5
        flow.text(x, baseline, line, face, size, bold)
        baseline += size * LINE_H


def _close_region(
    flow: Flow,
    table: Table,
    x0: float,
    geo: Geometry,
    top: float,
    bottom: float,
    first: int,
    last: int,
) -> None:
    """Outer rules of the table's part on this page, and its region record."""
    st = flow.style
    x1 = x0 + geo.xs[-1]
    edges = [((x0, top), (x1, top)), ((x0, bottom), (x1, bottom))]
    if not st.open_sides:
        edges += [((x1, top), (x1, bottom)), ((x0, top), (x0, bottom))]
    for a, b in edges:
        flow.canvas.rule(flow.index, a[0], a[1], b[0], b[1], st.outer_width)
    box = (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))
    table.regions.append(TableRegion(page=flow.page.page, bbox=box, first_row=first, last_row=last))
    flow.block("table", table.title or "", box, table_id=table.id)


def _draw_caption(flow: Flow, spec: TableSpec) -> None:
    st = flow.style
    if spec.label:
        flow.line_of_text(
            spec.label,
            st.table_size + 1,
            align=random.Random(spec.title).choice("lr"),
            block="other",
            gap=1.6,
        )
    flow.line_of_text(
        spec.title,
        st.body_size + 4,
        face=st.title_face,
        align="c",
        bold=True,
        block="title",
        gap=2.0,
    )
    size = st.table_size + 0.5
    unit = (
        f"{random.Random(spec.title + 'u').choice(['单位：', '金额单位：'])}{spec.unit}"
        if spec.unit
        else ""
    )
    parts = [(spec.meta_left, "l"), (spec.meta_middle, "c"), (unit, "r")]
    baseline = flow.y + size
    for text, align in parts:
        if not text:
            continue
        width = text_width(st.body_face, text, size)
        x = {"l": flow.left, "c": (flow.left + flow.right - width) / 2, "r": flow.right - width}[
            align
        ]
        box = flow.text(x, baseline, text, st.body_face, size)
        flow.block("other", text, box)
    flow.y += size * 1.9


def _draw_notes(flow: Flow, spec: TableSpec, x0: float) -> None:
    size = flow.style.table_size
    for note in ([spec.empty_note] if spec.empty_note else []) + spec.notes:
        flow.line_of_text(note, size, align="l", block="table_note", gap=1.7)
    flow.y += size
