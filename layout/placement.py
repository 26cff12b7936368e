"""Put text into cells, character by character.

A character belongs to the cell holding its centre, so a line that OCR glued across a
cell border (``24,458.43二、…``) falls apart into its cells by itself. When the boxes
were only estimated (no per-character boxes from the engine) and a recogniser is at
hand, each cell's part of the line is read again from the crop instead.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from fiscalocr.model import Line, TextRecognizer

from .geometry import BBox, centre, contains_point, union_bbox
from .grid import CellGrid
from .options import LayoutOptions
from .pieces import Char, join_fragments, line_chars, text_rows_of_fragments


@dataclass
class CellText:
    """What landed in one cell: fragments (one per line part) and their confidence."""

    fragments: list[tuple[str, BBox]] = field(default_factory=list)
    conf: float = 1.0

    @property
    def text(self) -> str:
        return join_fragments([t for t, _ in text_rows_of_fragments(self.fragments)])


class CellLocator:
    """Finds the cell holding a point by bisecting the grid lines (pages hold thousands
    of characters and hundreds of cells)."""

    def __init__(self, grid: CellGrid, margin: float) -> None:
        self.grid, self.margin = grid, margin
        self.owner = [[-1] * grid.n_cols for _ in range(grid.n_rows)]
        for index, cell in enumerate(grid.cells):
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    self.owner[r][c] = index

    def __call__(self, ch: Char) -> int | None:
        cx, cy = centre(ch.bbox)
        xs, ys = self.grid.xs, self.grid.ys
        if not (
            xs[0] - self.margin <= cx <= xs[-1] + self.margin
            and ys[0] - self.margin <= cy <= ys[-1] + self.margin
        ):
            return None
        col = min(max(bisect.bisect_right(xs, cx) - 1, 0), self.grid.n_cols - 1)
        row = min(max(bisect.bisect_right(ys, cy) - 1, 0), self.grid.n_rows - 1)
        index = self.owner[row][col]
        return index if index >= 0 else None


def _reread(
    image: np.ndarray, px_per_pt: float, boxes: list[BBox], recognizer: TextRecognizer
) -> list[str]:
    """Read crops of the page again (one per cell part of a glued line)."""
    height, width = image.shape[:2]
    crops = []
    for x0, y0, x1, y1 in boxes:
        a, b = max(0, int(x0 * px_per_pt)), min(width, int(x1 * px_per_pt))
        c, d = max(0, int(y0 * px_per_pt) - 2), min(height, int(y1 * px_per_pt) + 2)
        crops.append(image[c:d, a:b])
    results = recognizer(crops)
    return [r.text for r in results]


def _line_in_cell(line: BBox, cell: BBox, clearance: float) -> BBox:
    """The part of a line's box inside a cell, kept clear of the cell's rules."""
    return (max(line[0], cell[0] + clearance), line[1], min(line[2], cell[2] - clearance), line[3])


def place_text(
    grid: CellGrid,
    lines: Sequence[Line],
    options: LayoutOptions,
    image: np.ndarray | None = None,
    px_per_pt: float = 1.0,
    recognizer: TextRecognizer | None = None,
    skip: set[int] | frozenset[int] = frozenset(),
) -> tuple[dict[int, CellText], set[int]]:
    """Cell index -> text; and the indices of lines that belong to this table (the
    lines in ``skip``, a seal's text, are never placed)."""
    placed: dict[int, CellText] = {}
    pending: list[_Fragment] = []
    used: set[int] = set()
    locate = CellLocator(grid, options.char_in_cell_margin_pt)
    gx0, gy0, gx1, gy1 = grid.bbox
    for index, line in enumerate(lines):
        if index in skip:
            continue
        cx, cy = centre(line.bbox)
        if not contains_point((gx0, gy0, gx1, gy1), cx, cy, options.char_in_cell_margin_pt):
            continue
        chars = line_chars(line, index)
        by_cell: dict[int, list[Char]] = {}
        for ch in chars:
            if ch.text.isspace():
                continue
            cell = locate(ch)
            if cell is not None:
                by_cell.setdefault(cell, []).append(ch)
        if not by_cell:
            continue
        used.add(index)
        parts = {
            cell: ("".join(c.text for c in cs), union_bbox(c.bbox for c in cs))
            for cell, cs in by_cell.items()
        }
        estimated = any(c.estimated for c in chars)
        if estimated and len(parts) > 1 and recognizer is not None and image is not None:
            keys = list(parts)
            crops = [
                _line_in_cell(line.bbox, grid.cells[k].bbox, options.rule_clearance_pt)
                for k in keys
            ]
            texts = _reread(image, px_per_pt, crops, recognizer)
            parts = {k: (t, parts[k][1]) for k, t in zip(keys, texts, strict=True)}
        for cell, (text, box) in parts.items():
            pending.append(_Fragment(cell, text, box, index, line.bbox, line.conf))
    for frag in _without_double_reads(pending, options.same_line_share):
        slot = placed.setdefault(frag.cell, CellText())
        slot.fragments.append((frag.text, frag.box))
        slot.conf = min(slot.conf, frag.conf)
    return placed, used


@dataclass(frozen=True)
class _Fragment:
    cell: int
    text: str
    box: BBox
    line: int
    line_box: BBox  # the whole line's detected box
    conf: float


DOUBLE_READ_OVERLAP = 0.5
"""Share of a fragment's width that the detected box of a longer line placed in the same
cell must cover for the fragment to be a second reading of the same ink."""


def _without_double_reads(fragments: list[_Fragment], same_line_share: float) -> list[_Fragment]:
    """Drop the short readings of ink that a longer line in the same cell already read.

    The detector sometimes opens a cell's text box a few points early, over the last
    digit of the amount to its left (``5一、一般公共服务支出`` beside ``91,016,775.35``),
    or finds a one-digit box astride the border between two amounts; that digit, placed
    by its position, lands in the amount's cell and reads ``91,016,775.35 5``. A
    fragment lying over a longer line's box in its cell, on the same text row, is that
    line's ink read twice. A line glued across a border with nothing else in the next
    cell keeps both parts. The next line of a wrapped header cell (``收入`` under
    ``营预算拨款``) is no second reading: such boxes overlap by a point at most.
    """
    by_cell: dict[int, list[_Fragment]] = {}
    for frag in fragments:
        by_cell.setdefault(frag.cell, []).append(frag)

    def doubled(frag: _Fragment) -> bool:
        width = max(frag.box[2] - frag.box[0], 1e-6)
        for other in by_cell[frag.cell]:
            if other.line == frag.line or len(other.text) <= len(frag.text):
                continue
            across = min(frag.box[2], other.line_box[2]) - max(frag.box[0], other.line_box[0])
            rows = min(frag.box[3], other.line_box[3]) - max(frag.box[1], other.line_box[1])
            height = max(frag.box[3] - frag.box[1], 1e-6)
            if rows > same_line_share * height and across >= DOUBLE_READ_OVERLAP * width:
                return True
        return False

    return [f for f in fragments if not doubled(f)]
