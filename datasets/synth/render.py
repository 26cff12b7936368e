"""Drawing a table spec onto pages, and the ground-truth `Table` it yields.

Column widths come from the content (amount columns never wrap; name and header cells
wrap), the font shrinks when a table is too wide, rows flow over pages (the header
repeated or not), and every cell's box is its ruled rectangle on the page it sits on. A
`TableStyle` says which rules and fills are drawn (`grid`); a table cut at the page edge
ends there, its last column's box clipped to the page and its text inside that box. A wide
spec (`TableSpec.wide`) keeps its amount columns as narrow as their figures, so header
cells wrap over several lines, as on Jiangsu's A3 sheets.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass

from fiscalocr.model import Cell, Table, TableRegion, parse_amount

from .fonts import ascender_descender, text_width
from .grid import Extent, cell_rules, extent, region_rules, zebra_row
from .layout import Flow, wrap
from .spec import SpecCell, TableSpec
from .table_style import TableStyle, legacy_style

PAD = 3.0  # horizontal padding inside a cell, points
MIN_SIZE = 6.0  # smallest table font size
LINE_H = 1.25  # line height of wrapped cell text, times the font size
WRAPPABLE = {"text", "header", "label"}
HEADER_EM = 5.0  # a header cell asks for at most this many font sizes of width
WIDE_HEADER_EM = 3.0  # ... in a wide table (its headers wrap over three lines or more)
WIDE_NAME_EM = 18.0  # a wide table's spare width widens its name columns up to this
WIDE_SLACK_EM = 1.0  # ... and its other columns by at most this


@dataclass
class Geometry:
    xs: list[float]  # column boundaries, n_cols + 1
    heights: list[float]  # row heights
    size: float
    lines: dict[int, list[str]]  # id(cell) -> wrapped lines
    face: str


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
            need = min(need, (WIDE_HEADER_EM if spec.wide else HEADER_EM) * size + 2 * PAD)
        elif cell.kind in WRAPPABLE:
            need = min(need, 16 * size + 2 * PAD)
        widths[cell.col] = max(widths[cell.col], need)
    return widths


def _fit_columns(
    spec: TableSpec, face: str, base: float, avail: float, rng: random.Random, fill_all: bool
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
    if fill_all:  # drawn all the same: the draws stay in step with an uncut table's
        fill = max(fill, avail)
    extra = max(0.0, fill - sum(natural))
    if spec.wide:  # the spare width left over stays unused, unless the table must fill it
        natural, spare = _widen_names(spec, natural, extra, size)
        extra = spare if fill_all else 0.0
    total = sum(natural)
    return [w + extra * w / total for w in natural], size


def _widen_names(
    spec: TableSpec, widths: list[float], extra: float, size: float
) -> tuple[list[float], float]:
    """A wide table's spare width goes to its name columns (up to WIDE_NAME_EM) and at most
    WIDE_SLACK_EM to each other column, so amount columns stay about as narrow as their
    figures and their headers wrap; returns the widths and the width still spare."""
    names = sorted({c.col for c in spec.cells if c.kind == "text" and c.colspan == 1})
    widths = list(widths)
    for col in names:
        give = min(extra / max(1, len(names)), max(0.0, WIDE_NAME_EM * size - widths[col]))
        widths[col] += give
        extra -= give
    others = [c for c in range(len(widths)) if c not in names]
    give = min(extra / max(1, len(others)), WIDE_SLACK_EM * size)
    for col in others:
        widths[col] += give
    return widths, extra - give * len(others)


def _geometry(
    spec: TableSpec,
    face: str,
    base: float,
    avail: float,
    row_factor: float,
    rng,
    fill_all: bool = False,
) -> Geometry:
    widths, size = _fit_columns(spec, face, base, avail, rng, fill_all)
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
    return Geometry(xs, heights, size, lines, face)


def _break_allowed(spec: TableSpec) -> list[bool]:
    """allowed[r]: a page may end just before row r (no body cell spans across it)."""
    allowed = [True] * (spec.n_rows + 1)
    for cell in spec.cells:
        for r in range(cell.row + 1, cell.row + cell.rowspan):
            allowed[r] = False
    return allowed


def render_table(
    flow: Flow,
    spec: TableSpec,
    table_id: str,
    rng: random.Random,
    style: TableStyle | None = None,
) -> Table:
    """Draw the table at the flow's cursor (title, meta line, grid, notes).

    style: how its rules and fills are drawn; None draws it in the document's one style,
    as synth-1.9 did.
    """
    st = flow.style
    ts = style or legacy_style(st, spec.repeat_header)
    face = ts.face or st.table_face
    avail = (flow.page.width if ts.cut_right else flow.right) - flow.left
    geo = _geometry(spec, face, st.table_size, avail, st.row_factor, rng, ts.cut_right)
    x0 = flow.left + ((flow.right - flow.left) - (geo.xs[-1])) / 2
    if ts.cut_right and geo.xs[-1] <= flow.page.width:
        x0 = min(flow.left, flow.page.width - geo.xs[-1])  # too wide: into the left margin
    elif ts.cut_right:  # wider than the page even so: drawn uncut (its text must stay on it)
        ts = dataclasses.replace(ts, cut_right=False)
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
    ext = extent(x0, geo.xs[-1], ts, flow.page.width)
    row_tops: dict[int, float] = {}
    region_top, region_first = flow.y, 0
    header_bottom: float | None = region_top + header_h if spec.header_rows else None
    draw = _RowDrawer(flow, spec, geo, by_row, ext, ts)
    y = flow.y
    r = 0
    while r < spec.n_rows:
        block_end = r + 1
        while block_end < spec.n_rows and not allowed[block_end]:
            block_end += 1
        block_h = sum(geo.heights[i] for i in range(r, block_end))
        min_row = spec.header_rows if region_first == 0 else region_first
        if r > min_row and y + block_h > flow.bottom:
            _close_region(flow, table, ext, region_top, y, region_first, r - 1, ts, header_bottom)
            flow.new_page(flow.page.section, flow.page.width > flow.page.height)
            y = flow.y
            region_top, region_first, header_bottom = y, r, None
            if ts.repeat_header and spec.header_rows:
                draw(header, y, region_top, record=None)
                y += header_h
                header_bottom = y
        for i in range(r, block_end):
            row_tops[i] = y
            y += geo.heights[i]
        draw(list(range(r, block_end)), row_tops[r], region_top, record=table)
        r = block_end
    _close_region(flow, table, ext, region_top, y, region_first, spec.n_rows - 1, ts, header_bottom)
    flow.y = y + 4
    _draw_notes(flow, spec, x0)
    table.pages = sorted({reg.page for reg in table.regions})
    return table


class _RowDrawer:
    """Draws rows of one table: fills, each cell's rules and text, and its truth cell."""

    def __init__(self, flow: Flow, spec: TableSpec, geo: Geometry, by_row, ext: Extent, ts):
        self.flow, self.spec, self.geo, self.by_row, self.ext, self.ts = (
            flow,
            spec,
            geo,
            by_row,
            ext,
            ts,
        )

    def __call__(
        self, rows: list[int], top: float, region_top: float, record: Table | None
    ) -> None:
        flow, spec, geo, ext, ts = self.flow, self.spec, self.geo, self.ext, self.ts
        st = flow.style
        tops = {}
        y = top
        for r in rows:
            tops[r] = y
            y += geo.heights[r]
        if ts.zebra_fill is not None:
            for r in rows:
                if r >= spec.header_rows and zebra_row(r - spec.header_rows):
                    band = (ext.left, tops[r], ext.right, tops[r] + geo.heights[r])
                    flow.canvas.fill(flow.index, band, ts.zebra_fill)
        for r in rows:
            for cell in self.by_row.get(r, []):
                bottom = tops[r] + sum(geo.heights[i] for i in range(r, r + cell.rowspan))
                box = (
                    ext.left + geo.xs[cell.col],
                    tops[r],
                    min(ext.left + geo.xs[cell.col + cell.colspan], ext.right),
                    bottom,
                )
                is_header = cell.kind == "header"
                if is_header and ts.header_fill is not None:
                    flow.canvas.fill(flow.index, box, ts.header_fill)
                group = is_header and cell.colspan > 1 and r + cell.rowspan < spec.header_rows
                for (x0, y0, x1, y1), width in cell_rules(
                    ts, box, cell.col, ext, region_top, group
                ):
                    flow.canvas.rule(flow.index, x0, y0, x1, y1, width, ts.rule_gray)
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
    face, size = geo.face, geo.size
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
    ext: Extent,
    top: float,
    bottom: float,
    first: int,
    last: int,
    ts: TableStyle,
    header_bottom: float | None,
) -> None:
    """Outer rules of the table's part on this page, and its region record."""
    for (x0, y0, x1, y1), width in region_rules(ts, ext, top, bottom, header_bottom):
        flow.canvas.rule(flow.index, x0, y0, x1, y1, width, ts.rule_gray)
    box = (round(ext.left, 2), round(top, 2), round(ext.right, 2), round(bottom, 2))
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
