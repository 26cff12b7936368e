"""Pairing predicted tables with truth tables, and predicted cells with truth cells.

Tables pair by where they sit (per-page region overlap), then the rest by title: a table
found in the right place but titled differently is still the same table, and a table
whose regions were drawn badly is still found by its title. Cells pair by grid position;
numeric scoring also accepts the cell under the same box (an offset grid, e.g. one extra
header row detected, should not turn every correctly read amount into an error).
"""

from __future__ import annotations

from dataclasses import dataclass

from fiscalocr.model import Cell, Table

from .geometry import area, intersection, iou, union_box
from .text import normalise_text

# Regions must overlap this much (IoU summed over pages) for two tables to be one table.
MIN_TABLE_IOU = 0.3
# A predicted cell under a truth cell must overlap it this much to stand in for it.
MIN_CELL_IOU = 0.3


@dataclass
class TablePair:
    """A truth table and the predicted table taken for it (None when missed)."""

    truth: Table
    predicted: Table | None


@dataclass
class TableMatch:
    pairs: list[TablePair]
    extra: list[Table]  # predicted tables with no truth table


def footprint(table: Table) -> dict[int, tuple[float, float, float, float]]:
    """Per page, the box the table covers: its regions, else the union of its cells."""
    boxes: dict[int, tuple[float, float, float, float]] = {}
    for region in table.regions:
        boxes[region.page] = (
            union_box([boxes[region.page], region.bbox]) if region.page in boxes else region.bbox
        )
    if boxes:
        return boxes
    by_page: dict[int, list] = {}
    for cell in table.cells:
        if area(cell.bbox) > 0:
            by_page.setdefault(cell.page, []).append(cell.bbox)
    return {page: union_box(cells) for page, cells in by_page.items()}


def region_iou(a: Table, b: Table) -> float:
    """Shared area over joint area, summed over every page either table covers."""
    fa, fb = footprint(a), footprint(b)
    inter = sum(intersection(fa[p], fb[p]) for p in fa.keys() & fb.keys())
    total = sum(area(box) for box in fa.values()) + sum(area(box) for box in fb.values())
    union = total - inter
    return inter / union if union > 0 else 0.0


def _title_key(table: Table) -> str:
    return normalise_text(table.title or "")


def match_tables(predicted: list[Table], truth: list[Table]) -> TableMatch:
    """Greedy pairing: best region overlap first, then equal titles on shared pages."""
    scored = [
        (region_iou(p, t), pi, ti) for pi, p in enumerate(predicted) for ti, t in enumerate(truth)
    ]
    taken_p: dict[int, int] = {}  # truth index -> predicted index
    used_p: set[int] = set()
    for score, pi, ti in sorted(scored, reverse=True):
        if score < MIN_TABLE_IOU:
            break
        if ti not in taken_p and pi not in used_p:
            taken_p[ti] = pi
            used_p.add(pi)
    for ti, t in enumerate(truth):
        if ti in taken_p or not _title_key(t):
            continue
        for pi, p in enumerate(predicted):
            same_pages = not (t.pages and p.pages) or set(t.pages) & set(p.pages)
            if pi not in used_p and _title_key(p) == _title_key(t) and same_pages:
                taken_p[ti] = pi
                used_p.add(pi)
                break
    pairs = [
        TablePair(t, predicted[taken_p[ti]] if ti in taken_p else None)
        for ti, t in enumerate(truth)
    ]
    extra = [p for pi, p in enumerate(predicted) if pi not in used_p]
    return TableMatch(pairs, extra)


def twins(cell: Cell, other: Table | None) -> list[Cell]:
    """Cells of ``other`` that may stand for ``cell``: same grid position, then same place."""
    if other is None:
        return []
    positional = other.cell_at(cell.row, cell.col)
    found = [positional] if positional is not None else []
    placed = box_twin(cell, other)
    if placed is not None and placed is not positional:
        found.append(placed)
    return found


def box_twin(cell: Cell, other: Table) -> Cell | None:
    """The cell of ``other`` on the same page that overlaps ``cell`` most (IoU ≥ 0.3)."""
    best, best_iou = None, MIN_CELL_IOU
    for candidate in other.cells:
        if candidate.page == cell.page:
            overlap = iou(candidate.bbox, cell.bbox)
            if overlap >= best_iou:
                best, best_iou = candidate, overlap
    return best
