"""Pure geometry of a scan: where an upright page point lands in the scanned image.

Frames:
- *upright frame*: PDF points of the page as read upright and deskewed (the pipeline's
  frame, and the frame every ground-truth bbox is written in);
- *scan frame*: pixels of the image the scanner wrote.

The scanner (1) turns the paper counter-clockwise (as displayed) by ``skew_deg`` about the
page centre, keeping the paper's canvas, then (2) turns the whole image counter-clockwise by ``rotation`` degrees
(a sheet fed sideways or upside down). A reader undoes (2) first, then (1), and is back in
the upright frame: so the truth needs no rotation of its own, only the content shift.
"""

from __future__ import annotations

import math

import numpy as np

BBox = tuple[float, float, float, float]


def skew_matrix_px(width_px: int, height_px: int, skew_deg: float) -> np.ndarray:
    """2x3 affine that turns the upright image counter-clockwise by ``skew_deg`` about its
    centre (the OCR stage's ``deskew_matrix`` is its inverse)."""
    import cv2

    centre = (width_px / 2.0, height_px / 2.0)
    return cv2.getRotationMatrix2D(centre, skew_deg, 1.0)


def shift_bbox(bbox: BBox, dx: float, dy: float, width: float, height: float) -> BBox:
    """Move a box by (dx, dy) points and clip it to the page."""
    x0, y0, x1, y1 = bbox
    return (
        _clip(x0 + dx, width),
        _clip(y0 + dy, height),
        _clip(x1 + dx, width),
        _clip(y1 + dy, height),
    )


def _clip(value: float, limit: float) -> float:
    return round(min(max(value, 0.0), limit), 2)


def upright_to_scan_px(
    points_pt: np.ndarray,
    width_pt: float,
    height_pt: float,
    dpi: float,
    skew_deg: float,
    rotation: int,
) -> np.ndarray:
    """Map (N, 2) upright points (PDF points) to scan pixels (x, y)."""
    scale = dpi / 72.0
    w_px, h_px = width_pt * scale, height_pt * scale
    pts = np.asarray(points_pt, dtype=float) * scale
    theta = math.radians(skew_deg)  # counter-clockwise as displayed (y down)
    cx, cy = w_px / 2.0, h_px / 2.0
    c, s = math.cos(theta), math.sin(theta)
    x, y = pts[:, 0] - cx, pts[:, 1] - cy
    xs, ys = c * x + s * y + cx, -s * x + c * y + cy
    return _turn_ccw(np.stack([xs, ys], axis=1), w_px, h_px, rotation)


def _turn_ccw(pts: np.ndarray, w: float, h: float, rotation: int) -> np.ndarray:
    """Where pixel (x, y) lands when the image (w x h) is turned counter-clockwise."""
    x, y = pts[:, 0], pts[:, 1]
    if rotation == 90:
        return np.stack([y, w - x], axis=1)
    if rotation == 180:
        return np.stack([w - x, h - y], axis=1)
    if rotation == 270:
        return np.stack([h - y, x], axis=1)
    return pts


def bbox_in_scan_px(
    bbox: BBox, width_pt: float, height_pt: float, dpi: float, skew_deg: float, rotation: int
) -> BBox:
    """Axis-aligned box, in scan pixels, around an upright box's four corners."""
    x0, y0, x1, y1 = bbox
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    mapped = upright_to_scan_px(corners, width_pt, height_pt, dpi, skew_deg, rotation)
    return (
        float(mapped[:, 0].min()),
        float(mapped[:, 1].min()),
        float(mapped[:, 0].max()),
        float(mapped[:, 1].max()),
    )
