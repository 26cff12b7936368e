"""Small pure functions on ``[x0, y0, x1, y1]`` boxes (PDF points), shared by the matchers.

Kept free of numpy so that matching a handful of tables stays cheap and easy to test.
"""

from __future__ import annotations

from collections.abc import Iterable

from fiscalocr.model import BBox
from fiscalocr.model.geometry import area, centre, intersection, iou, union_bbox

__all__ = ["area", "centre", "contains_point", "intersection", "iou", "union_box"]


def union_box(boxes: Iterable[BBox]) -> BBox | None:
    """The smallest box holding every box given; None for none."""
    boxes = list(boxes)
    return union_bbox(boxes) if boxes else None


def contains_point(box: BBox, point: tuple[float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]
