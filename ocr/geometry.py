"""Small pure geometry helpers for text-box quads and page turns.

Conventions: image pixels, origin top-left, y down. Angles are in degrees and
counter-clockwise positive as seen on screen (OpenCV's ``getRotationMatrix2D`` sense): a
text line rising to the right has a positive angle.
"""

from __future__ import annotations

import math

import numpy as np

ELONGATED = 2.0  # long side / short side above which a box shows its text direction


def box_axes(quads: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per quad: (long side length, short side length, angle of the long side).

    The angle is folded into (-90, 90]; a box whose long side is vertical has |angle|
    near 90.
    """
    if len(quads) == 0:
        empty = np.zeros(0)
        return empty, empty, empty
    top = quads[:, 1] - quads[:, 0]  # edge p0 -> p1
    side = quads[:, 2] - quads[:, 1]  # edge p1 -> p2
    top_len = np.hypot(top[:, 0], top[:, 1])
    side_len = np.hypot(side[:, 0], side[:, 1])
    long_vec = np.where((top_len >= side_len)[:, None], top, side)
    angles = np.degrees(np.arctan2(-long_vec[:, 1], long_vec[:, 0]))  # y down -> ccw positive
    angles = (angles + 90.0) % 180.0 - 90.0  # fold to [-90, 90)
    angles = np.where(angles == -90.0, 90.0, angles)
    return np.maximum(top_len, side_len), np.minimum(top_len, side_len), angles


def quarter_turn_points(points: np.ndarray, rotation: int, width: int, height: int) -> np.ndarray:
    """Map points of a ``width`` x ``height`` image turned clockwise by ``rotation``."""
    x, y = points[..., 0], points[..., 1]
    if rotation == 90:
        mapped = (height - y, x)
    elif rotation == 180:
        mapped = (width - x, height - y)
    elif rotation == 270:
        mapped = (y, width - x)
    else:
        return points.copy()
    return np.stack(mapped, axis=-1).astype(np.float32)


def turn_image(image: np.ndarray, rotation: int) -> np.ndarray:
    """``image`` turned clockwise by 0/90/180/270 degrees."""
    import cv2

    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return cv2.rotate(image, codes[rotation]) if rotation in codes else image


def deskew_matrix(skew_deg: float, width: int, height: int) -> np.ndarray:
    """The 2x3 affine that turns content skewed by ``skew_deg`` (ccw) back to level."""
    import cv2

    return cv2.getRotationMatrix2D((width / 2.0, height / 2.0), -skew_deg, 1.0)


def deskew_image(image: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """Apply ``deskew_matrix`` on the same canvas, filling uncovered corners with white."""
    import cv2

    height, width = image.shape[:2]
    return cv2.warpAffine(
        image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255)
    )


def quad_rect(quad: np.ndarray, width: int, height: int) -> tuple[int, int, int, int] | None:
    """The quad's axis-aligned pixel rectangle clipped to the image; None if empty."""
    x0 = max(0, int(math.floor(float(quad[:, 0].min()))))
    y0 = max(0, int(math.floor(float(quad[:, 1].min()))))
    x1 = min(width, int(math.ceil(float(quad[:, 0].max()))))
    y1 = min(height, int(math.ceil(float(quad[:, 1].max()))))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    return x0, y0, x1, y1


def weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cumulative, cumulative[-1] / 2.0)])
