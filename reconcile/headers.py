"""What the header and the stub say: column roles, panels, row codes and labels.

Rules are built from what the table itself prints (header texts, 科目编码, 类/款/项),
never from the classifier's type alone: a mislabelled table still gets checked.
A *panel* is one label/code stub with the amount columns that follow it; summary tables
print two or more panels side by side (收入 | 支出).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .grid import DenseTable, cell_amount, looks_numeric

_INDEX_HEADERS = ("行次", "栏次", "档次")
_CODE_HEADERS = ("编码", "代码", "科目代码")
_SPLIT_CODE_HEADERS = {"类": 0, "款": 1, "项": 2}
_TOTAL_WORDS = ("合计", "小计", "总计")
_DASH = re.compile(r"[-—–/]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CODE = re.compile(r"\d{3}(\d{2}){0,2}")
ITEM_MARK = "、丶,，.．"
"""What follows a Chinese ordinal (一、) as printed or as OCR reads it (丶, a comma)."""
CHINESE_ITEM = re.compile(rf"^[一二三四五六七八九十]+[{ITEM_MARK}]")
"""A top-level item label: 一、一般公共服务支出, or 四丶住房保障支出 as read."""
_NUMBERING = re.compile(
    rf"^(?:[一二三四五六七八九十]+[{ITEM_MARK}]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|[①②③④⑤⑥⑦⑧⑨⑩])"
)


def strip_numbering(label: str) -> str:
    """'一、一般公共服务支出' → '一般公共服务支出'; '①公务用车购置费' → '公务用车购置费'."""
    return _NUMBERING.sub("", label).replace("(类)", "").replace("（类）", "")


def is_total_header(text: str) -> bool:
    return any(w in text for w in _TOTAL_WORDS) and "其中" not in text


@dataclass
class Panel:
    """One stub (code/label columns) and the amount columns it labels."""

    code_cols: list[int] = field(default_factory=list)
    label_cols: list[int] = field(default_factory=list)
    amount_cols: list[int] = field(default_factory=list)
    split_codes: bool = False

    @property
    def columns(self) -> list[int]:
        return sorted(self.code_cols + self.label_cols + self.amount_cols)


@dataclass
class TableLayout:
    """Roles of columns, the panels, and each panel's row codes and labels."""

    grid: DenseTable
    header_text: dict[int, str]
    leaf_text: dict[int, str]
    header_path: dict[int, list[tuple[int, int]]]
    roles: dict[int, str]
    panels: list[Panel]
    _codes: dict[tuple[int, ...], dict[int, str]] = field(default_factory=dict)

    def row_label(self, panel: Panel, row: int, raw: bool = False) -> str:
        """Non-numeric text of the stub columns of this row, numbering stripped (unless
        ``raw``: the numbering tells top-level items 一、 from their 1. sub-items)."""
        parts = []
        for col in sorted(panel.code_cols + panel.label_cols):
            text = self.grid.text(row, col)
            if col in panel.code_cols and text in _SPLIT_CODE_HEADERS:
                continue  # 类|款|项 printed on the 合计 row: header words, not its label
            if text and not text.isdigit():
                parts.append(text)
        label = "".join(dict.fromkeys(parts))
        return label if raw else strip_numbering(label)

    def row_codes(self, panel: Panel) -> dict[int, str]:
        """Row → classification code; split 类/款/项 columns carry blank parts down."""
        key = tuple(panel.columns)
        if key not in self._codes:
            self._codes[key] = self._read_codes(panel)
        return self._codes[key]

    def _read_codes(self, panel: Panel) -> dict[int, str]:
        codes: dict[int, str] = {}
        carry = ["", "", ""]
        for row in self.grid.data_rows():
            code = self._code_of_row(panel, row, carry)
            if code:
                codes[row] = code
        return codes

    def _code_of_row(self, panel: Panel, row: int, carry: list[str]) -> str | None:
        if not panel.split_codes:
            for col in panel.code_cols:
                text = self.grid.text(row, col)
                if _CODE.fullmatch(text):
                    return text
            return None
        parts = {}
        for col in panel.code_cols:
            level = _SPLIT_CODE_HEADERS.get(self.leaf_text.get(col, ""))
            text = self.grid.text(row, col)
            if level is not None and text.isdigit():
                parts[level] = text
        if not parts:
            return None
        deepest = max(parts)
        for level in range(deepest + 1):
            if level in parts:
                carry[level] = parts[level]
        for level in range(deepest + 1, 3):
            carry[level] = ""
        code = "".join(carry[: deepest + 1])
        if len(parts[deepest]) in (3, 5, 7):  # the full code printed in its own column
            code = parts[deepest]
        return code if _CODE.fullmatch(code) else None


def analyse(grid: DenseTable) -> TableLayout:
    """Read the header and stub of one table."""
    split = shared_split_code_row(grid)
    if split is not None and grid.header_rows > split[0]:
        grid.header_rows, grid._data_rows = split[0], None  # the row is data (合计)
    paths = {c: _header_path(grid, c) for c in range(grid.n_cols)}
    texts = {c: "".join(grid.text(r, cc) for r, cc in paths[c]) for c in range(grid.n_cols)}
    leaves = {c: grid.text(*paths[c][-1]) if paths[c] else "" for c in range(grid.n_cols)}
    if split is not None:
        for col, word in zip(split[1], _SPLIT_CODE_HEADERS, strict=True):
            leaves[col], texts[col] = word, texts[col] + word
    roles = {c: _column_role(grid, c, texts[c], leaves[c]) for c in range(grid.n_cols)}
    return TableLayout(grid, texts, leaves, paths, roles, _panels(grid, roles, leaves))


SPLIT_SEARCH_ROWS = 2
"""How far below the header a 类|款|项 row sharing its row with data is looked for."""


def shared_split_code_row(grid: DenseTable) -> tuple[int, list[int]] | None:
    """The row printing 类 | 款 | 项 in three adjacent columns *and* amounts (the 合计 row of
    the Shanghai split-code layout, ruled as one row with the header's last line), with the
    three columns; None when the 类|款|项 cells sit in a header row of their own."""
    words = list(_SPLIT_CODE_HEADERS)
    for row in range(min(grid.n_rows, grid.header_rows + SPLIT_SEARCH_ROWS)):
        texts = [grid.text(row, c) if grid.anchor(row, c) else "" for c in range(grid.n_cols)]
        for col in range(grid.n_cols - 2):
            if texts[col : col + 3] != words:
                continue
            rest = [grid.anchor(row, c) for c in range(col + 3, grid.n_cols)]
            if any(cell_amount(c) is not None and looks_numeric(c.text) for c in rest if c):
                return row, [col, col + 1, col + 2]
    return None


def _header_path(grid: DenseTable, col: int) -> list[tuple[int, int]]:
    """Anchors of the header cells above this column, top first, each once."""
    path: list[tuple[int, int]] = []
    for row in range(grid.header_rows):
        if grid.is_index_row(row):  # 栏次 1 2 3 … printed under the header
            continue
        cell = grid.cell(row, col)
        if cell is not None and (cell.row, cell.col) not in path and cell.text.strip():
            path.append((cell.row, cell.col))
    return path


def _column_role(grid: DenseTable, col: int, header: str, leaf: str) -> str:
    """'index' (行次), 'code', 'label', 'amount' or 'empty'."""
    if any(h in leaf for h in _INDEX_HEADERS):
        return "index"
    values = [grid.text(r, col) for r in grid.data_rows()]
    values = [v for v in values if v and not _DASH.fullmatch(v)]  # '—' prints a zero
    if any(h in header for h in _CODE_HEADERS) or leaf in _SPLIT_CODE_HEADERS:
        return "code"
    if not values:
        return "empty" if not header else "amount"
    codes = [v for v in values if _CODE.fullmatch(v)]
    if len(codes) >= 3 and len(codes) >= 0.8 * len(values) and _has_prefix_pair(codes):
        return "code"
    cjk = sum(1 for v in values if _CJK.search(v))
    numeric = sum(1 for v in values if looks_numeric(v))
    if cjk > numeric:  # a note row under a one-row table must not make it a label column
        return "label"
    if any(looks_numeric(v) for v in values):
        if _is_row_numbering(grid, col):
            return "index"
        return "amount"
    return "label"


def _has_prefix_pair(codes: list[str]) -> bool:
    short = {c for c in codes if len(c) == 3}
    return any(len(c) > 3 and c[:3] in short for c in codes)


def _is_row_numbering(grid: DenseTable, col: int) -> bool:
    """A headerless 行次 column: 1, 2, 3 … going down."""
    numbers = [cell_amount(grid.anchor(r, col)) for r in grid.data_rows()]
    numbers = [n for n in numbers if n is not None]
    if len(numbers) < 4 or any(n != int(n) for n in numbers):
        return False
    return sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if b == a + 1) >= 0.8 * (
        len(numbers) - 1
    )


def _panels(grid: DenseTable, roles: dict[int, str], leaves: dict[int, str]) -> list[Panel]:
    """Split columns into stubs + amounts; a stub after amounts starts a new panel."""
    panels: list[Panel] = []
    current: Panel | None = None
    for col in range(grid.n_cols):
        role = roles[col]
        if role in ("code", "label"):
            if current is None or current.amount_cols:
                current = Panel()
                panels.append(current)
            (current.code_cols if role == "code" else current.label_cols).append(col)
        elif role == "amount":
            if current is None:
                current = Panel()
                panels.append(current)
            current.amount_cols.append(col)
    for panel in panels:
        split = [c for c in panel.code_cols if leaves[c] in _SPLIT_CODE_HEADERS]
        panel.split_codes = len(panel.code_cols) > 1 and bool(split)
    return [p for p in panels if p.amount_cols]
