"""A page rendered again exactly as it was read, for second looks at small regions.

Reconciliation asks for another reading of a suspect cell. The cell's bbox is in points
of the upright, deskewed page, so the page is rendered at a higher scale and the same
quarter turn and deskew are applied: the bbox then maps onto the new raster by
``point * px_per_pt``. No detection runs.
"""

from __future__ import annotations

import numpy as np

from fiscalocr.model import BBox, Page

from .geometry import deskew_image, deskew_matrix, turn_image
from .raster import POINTS_PER_INCH, capped_dpi, render_bgr
from .seal import without_seals
from .source import PdfSource

CROP_PAD_PT = 1.5  # points of margin around a cell crop, so edge strokes survive


def render_as_read(source: PdfSource, page: Page, scale: float = 1.5) -> tuple[np.ndarray, float]:
    """The page's upright, deskewed raster at ``scale`` x its reading dpi (within
    ``MAX_RASTER_PIXELS``), and px per point."""
    pdf_page = source.doc.load_page(page.page - 1)
    dpi = capped_dpi(pdf_page, (page.dpi or 200.0) * scale)
    image = turn_image(render_bgr(pdf_page, dpi), page.rotation)
    if page.skew_deg:
        image = deskew_image(image, deskew_matrix(page.skew_deg, image.shape[1], image.shape[0]))
    return without_seals(image, dpi / POINTS_PER_INCH), dpi / POINTS_PER_INCH


def crop_points(
    image: np.ndarray, px_per_pt: float, bbox: BBox, pad_pt: float = CROP_PAD_PT
) -> np.ndarray | None:
    """The pixels under ``bbox`` (points) with a small margin; None when empty."""
    height, width = image.shape[:2]
    x0 = max(0, int((bbox[0] - pad_pt) * px_per_pt))
    y0 = max(0, int((bbox[1] - pad_pt) * px_per_pt))
    x1 = min(width, int(np.ceil((bbox[2] + pad_pt) * px_per_pt)))
    y1 = min(height, int(np.ceil((bbox[3] + pad_pt) * px_per_pt)))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    return np.ascontiguousarray(image[y0:y1, x0:x1])
