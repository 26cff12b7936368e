"""What a table is before it is drawn: a grid of cells with spans, kinds and styling.

A spec is layout-free (no coordinates); `render` decides widths, pages and boxes. Cell
kinds decide parsing: only `amount` cells get a `value` in the ground truth; codes and
行次 numbers are text.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .amounts import AmountStyle, fmt_amount
from .codes import function_name

CellKind = str  # "header" | "code" | "text" | "amount" | "index" | "label"


@dataclass
class SpecCell:
    row: int
    col: int
    text: str
    kind: CellKind = "text"
    rowspan: int = 1
    colspan: int = 1
    bold: bool = False
    align: str = ""  # "l" | "c" | "r"; empty: from kind


@dataclass
class TableSpec:
    type: str
    title: str
    unit: str | None
    n_cols: int
    header_rows: int
    cells: list[SpecCell] = field(default_factory=list)
    col_weights: list[float] | None = None  # relative widths; None: from content
    label: str = ""  # 预算公开表1 / 公开01表
    meta_left: str = ""  # 部门名称：...
    meta_middle: str = ""  # 2022年度
    notes: list[str] = field(default_factory=list)
    empty_note: str = ""  # 本表无数据 (drawn under the table, not a cell)
    landscape: bool | None = None  # None: decided by width
    repeat_header: bool = True
    wide: bool = False  # amount columns as narrow as their figures, headers wrap (synth-2.0)

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    def add(self, row: int, col: int, text: str, kind: CellKind = "text", **kw) -> SpecCell:
        cell = SpecCell(row, col, text, kind, **kw)
        self.cells.append(cell)
        return cell

    def add_row(self, texts: Sequence[str], kinds: Sequence[CellKind], bold: bool = False) -> int:
        row = self.n_rows
        for col, (text, kind) in enumerate(zip(texts, kinds, strict=True)):
            self.add(row, col, text, kind, bold=bold)
        return row


def add_header(spec: TableSpec, rows: list[list[tuple[str, int, int]]]) -> None:
    """Lay out header rows given as (text, rowspan, colspan) in reading order.

    Positions already covered by a span from an earlier row are skipped, exactly as an
    HTML table is read.
    """
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        col = 0
        for text, rowspan, colspan in row:
            while (r, col) in covered:
                col += 1
            spec.add(r, col, text, "header", rowspan=rowspan, colspan=colspan, align="c")
            for rr in range(r, r + rowspan):
                for cc in range(col, col + colspan):
                    covered.add((rr, cc))
            col += colspan
    spec.header_rows = len(rows)


def hierarchy_codes(leaves: Sequence[str]) -> list[str]:
    """类, 款 and 项 codes in print order (each parent before its children)."""
    out: list[str] = []
    for leaf in sorted(leaves):
        for code in (leaf[:3], leaf[:5], leaf):
            if code not in out:
                out.append(code)
    return out


@dataclass(frozen=True)
class CodeLayout:
    """How a classification table prints its codes."""

    split: bool  # 类/款/项 in three columns vs one 科目编码 column
    indent: bool  # names indented by level
    total_first: bool  # 合计 row on top vs at the bottom

    @property
    def n_code_cols(self) -> int:
        return 4 if self.split else 2


def draw_code_layout(rng: random.Random) -> CodeLayout:
    return CodeLayout(
        split=rng.random() < 0.3, indent=rng.random() < 0.3, total_first=rng.random() < 0.85
    )


def code_header(layout: CodeLayout, code_title: str = "科目编码") -> list[tuple[str, int, int]]:
    """Second-level header cells of the code columns."""
    if layout.split:
        return [("类", 1, 1), ("款", 1, 1), ("项", 1, 1), ("科目名称", 1, 1)]
    return [(code_title, 1, 1), ("科目名称", 1, 1)]


def add_code_rows(
    spec: TableSpec,
    layout: CodeLayout,
    codes: Sequence[str],
    values: Callable[[str], Sequence[int]],
    style: AmountStyle,
    year: int,
    economic_names: Callable[[str], str] | None = None,
    extra_cols: Callable[[str], Sequence[tuple[str, str]]] | None = None,
) -> None:
    """The total row and one row per code, amounts printed in the document's style."""
    name_of = economic_names or (lambda c: function_name(c, year))
    top = [c for c in codes if len(c) == 3]
    n_amount = len(values(top[0])) if top else 0
    total = [sum(values(c)[i] for c in top) for i in range(n_amount)]
    pre = [(t, "index") for t in extra_cols("")] if extra_cols else []

    def total_row() -> None:
        lead = ["合计"] + [""] * (layout.n_code_cols - 1)
        texts = lead + [t for t, _ in pre] + [fmt_amount(v, style) for v in total]
        kinds = ["label"] * layout.n_code_cols + [k for _, k in pre] + ["amount"] * n_amount
        row = spec.add_row(texts, kinds, bold=True)
        _merge_label(spec, row, layout.n_code_cols)

    if layout.total_first:
        total_row()
    for code in codes:
        level = {3: 0, 5: 1}.get(len(code), 2)
        name = ("  " * level if layout.indent else "") + name_of(code)
        if layout.split:
            parts = [
                code[:3],
                code[3:5] if len(code) >= 5 else "",
                code[5:7] if len(code) == 7 else "",
            ]
            lead = [*parts, name]
        else:
            lead = [code, name]
        extra = [t for t, _ in extra_cols(code)] if extra_cols else []
        texts = lead + extra + [fmt_amount(v, style) for v in values(code)]
        kinds = (
            ["code"] * (len(lead) - 1) + ["text"] + ["index"] * len(extra) + ["amount"] * n_amount
        )
        spec.add_row(texts, kinds, bold=level == 0 and not layout.indent)
    if not layout.total_first:
        total_row()


def _merge_label(spec: TableSpec, row: int, width: int) -> None:
    """Make the 合计 label span the code columns (as real tables print it)."""
    if width <= 1:
        return
    cells = [c for c in spec.cells if c.row == row and c.col < width]
    for cell in cells:
        if cell.col == 0:
            cell.colspan = width
            cell.align = "c"
        else:
            spec.cells.remove(cell)


def code_table_header(
    spec: TableSpec,
    layout: CodeLayout,
    amount_rows: list[list[tuple[str, int, int]]],
    code_title: str = "科目编码",
    column_numbers: bool = False,
) -> None:
    """Header of a classification table: 项目 over the code columns, amounts beside.

    `amount_rows` are the header rows of the amount columns; the code columns take
    "项目" over all but the last header row and the code/name titles in the last. With
    `column_numbers` a 栏次 row numbers the amount columns (final-account style).
    """
    height = len(amount_rows)
    n_amount = sum(cs for _, _, cs in amount_rows[0])
    rows: list[list[tuple[str, int, int]]] = []
    for r, amount_row in enumerate(amount_rows):
        lead: list[tuple[str, int, int]] = []
        if height > 1 and r == 0:
            lead = [("项目", height - 1, layout.n_code_cols)]
        if r == height - 1:
            lead = code_header(layout, code_title)
        rows.append(lead + amount_row)
    if column_numbers:
        rows.append(
            [("栏次", 1, layout.n_code_cols)] + [(str(i + 1), 1, 1) for i in range(n_amount)]
        )
    add_header(spec, rows)
