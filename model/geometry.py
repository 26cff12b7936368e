"""Small pure functions on ``[x0, y0, x1, y1]`` boxes, shared by every stage.

They live on the ground floor because layout, classify, reconcile and eval all match
boxes, and stages may not import each other.
"""

from __future__ import annotations

from collections.abc import Iterable

BBox = tuple[float, float, float, float]


def area(box: BBox) -> float:
    """Area of a box; 0 for degenerate (inverted or flat) boxes."""
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def intersection(a: BBox, b: BBox) -> float:
    """Area the two boxes share."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def iou(a: BBox, b: BBox) -> float:
    """Intersection over union; 0 when either box is degenerate."""
    inter = intersection(a, b)
    union = area(a) + area(b) - inter
    return inter / union if union > 0 else 0.0


def union_bbox(boxes: Iterable[BBox]) -> BBox:
    """The smallest box holding every box given (at least one)."""
    boxes = list(boxes)
    if not boxes:
        raise ValueError("union of no boxes")
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def centre(box: BBox) -> tuple[float, float]:
    return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
