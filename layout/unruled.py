"""Tables printed without any rules: found from rows of aligned amounts.

A run of text rows that each hold at least two separate amounts is a table body (a
paragraph that quotes figures is one piece per line, so it never qualifies); rows of
several non-numeric pieces just above it are its header. The region gets virtual top and
bottom rules, and the usual text-alignment machinery (:mod:`.textgrid`) cuts it into
rows and columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from .geometry import BBox, Rule, union_bbox
from .options import LayoutOptions
from .pieces import Piece, is_numeric_text
from .textgrid import text_rows

_MIN_BODY_ROWS = 3
_MIN_AMOUNTS_PER_ROW = 2
_MAX_HEADER_ROWS = 3
_MAX_ROW_GAP_RATIO = 2.5
_EDGE_PAD_PT = 2.0


def _amounts(row: Sequence[Piece]) -> int:
    return sum(1 for p in row if is_numeric_text(p.text))


def _row_box(row: Sequence[Piece]) -> BBox:
    return union_bbox(p.bbox for p in row)


def _runs(rows: list[list[Piece]]) -> list[tuple[int, int]]:
    """Index ranges of consecutive rows holding amounts (a label-only row may sit
    between two of them) with at least three rows of two or more amounts."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for i in range(len(rows) + 1):
        has = i < len(rows) and (
            _amounts(rows[i]) > 0
            or (start is not None and i + 1 < len(rows) and _amounts(rows[i + 1]) > 0)
        )
        if has and start is None:
            start = i
        elif not has and start is not None:
            if (
                sum(1 for r in rows[start:i] if _amounts(r) >= _MIN_AMOUNTS_PER_ROW)
                >= _MIN_BODY_ROWS
            ):
                runs.append((start, i))
            start = None
    return runs


def _with_header(rows: list[list[Piece]], first: int, pitch: float) -> int:
    """Grow a body upwards over header rows (several pieces, no amounts, close above)."""
    top = first
    while top > 0 and first - top < _MAX_HEADER_ROWS:
        above = rows[top - 1]
        gap = _row_box(rows[top])[1] - _row_box(above)[3]
        if len(above) < 2 or _amounts(above) or gap > _MAX_ROW_GAP_RATIO * pitch:
            break
        top -= 1
    return top


def unruled_regions(
    pieces: Sequence[Piece], taken: Sequence[BBox], options: LayoutOptions
) -> list[list[Rule]]:
    """Virtual outer rules of every rule-less table among pieces outside ``taken`` boxes."""
    free = [p for p in pieces if not any(_inside(p.bbox, box) for box in taken)]
    rows = text_rows(free, options.same_text_row_ratio)
    regions = []
    for start, stop in _runs(rows):
        heights = [_row_box(r)[3] - _row_box(r)[1] for r in rows[start:stop]]
        pitch = sum(heights) / len(heights)
        first = _with_header(rows, start, pitch)
        x0, y0, x1, y1 = union_bbox(_row_box(r) for r in rows[first:stop])
        x0, y0, x1, y1 = x0 - _EDGE_PAD_PT, y0 - _EDGE_PAD_PT, x1 + _EDGE_PAD_PT, y1 + _EDGE_PAD_PT
        regions.append(
            [
                Rule("h", y0, x0, x1, virtual=True),
                Rule("h", y1, x0, x1, virtual=True),
                Rule("v", x0, y0, y1, virtual=True),
                Rule("v", x1, y0, y1, virtual=True),
            ]
        )
    return regions


def _inside(box: BBox, region: BBox) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return region[0] <= cx <= region[2] and region[1] <= cy <= region[3]
