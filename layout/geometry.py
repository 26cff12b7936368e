"""Small pure geometry helpers shared by the layout modules (points, intervals, clusters)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

# BBox, centre and union_bbox are re-exported for the layout modules.
from fiscalocr.model.geometry import BBox, centre, union_bbox  # noqa: F401


@dataclass(frozen=True)
class RuleLine:
    """One printed table rule in PDF points: ``pos`` is y for horizontal, x for vertical.

    ``virtual`` rules are not printed: the stage inferred them from text alignment (a
    column gap, a row of amounts) so that weakly ruled tables use the same grid builder.
    ``faint`` rules are printed but too light for the ink threshold (grey hairlines): a
    region of only such rules must hold table text to be a table.
    """

    orientation: Literal["h", "v"]
    pos: float
    start: float
    end: float
    thickness: float = 1.0
    virtual: bool = False
    faint: bool = False

    @property
    def length(self) -> float:
        return self.end - self.start


def cluster_positions(values: Iterable[float], tol: float) -> list[float]:
    """Merge sorted positions closer than ``tol`` (a chain) into their mean."""
    ordered = sorted(values)
    if not ordered:
        return []
    groups: list[list[float]] = [[ordered[0]]]
    for value in ordered[1:]:
        if value - groups[-1][-1] <= tol:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


def interval_overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """Length of the overlap of [a0, a1] and [b0, b1] (0 when disjoint)."""
    return max(0.0, min(a1, b1) - max(a0, b0))


def covered_length(intervals: Sequence[tuple[float, float]], lo: float, hi: float) -> float:
    """How much of [lo, hi] the union of ``intervals`` covers."""
    clipped = sorted((max(lo, a), min(hi, b)) for a, b in intervals if b > lo and a < hi)
    total, cursor = 0.0, lo
    for a, b in clipped:
        a = max(a, cursor)
        if b > a:
            total += b - a
            cursor = b
    return total


def contains_point(box: BBox, x: float, y: float, margin: float = 0.0) -> bool:
    return box[0] - margin <= x <= box[2] + margin and box[1] - margin <= y <= box[3] + margin


def nearest_index(values: Sequence[float], target: float) -> int:
    return min(range(len(values)), key=lambda i: abs(values[i] - target))
