"""From the frame boxes are read in back to the page as displayed.

The ocr stage reads a scan upright and level: it turns the page clockwise by
``Page.rotation`` and then levels it by ``Page.skew_deg`` (an OpenCV rotation about the
centre by ``-skew_deg``); every bbox is in PDF points of that read frame. Anything drawn
or written on the original page (the searchable PDF's text, the HTML overlay) must undo
both, or it lands beside the ink.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from fiscalocr.model import BBox, Page

Point = tuple[float, float]


@dataclass(frozen=True)
class PageFrame:
    width: float
    """Width of the read frame (the page turned upright), points."""
    height: float
    rotation: int = 0
    skew_deg: float = 0.0

    @classmethod
    def of(cls, page: Page) -> PageFrame:
        return cls(page.width, page.height, page.rotation, page.skew_deg)

    @property
    def displayed_size(self) -> tuple[float, float]:
        """Width and height of the page as displayed (a quarter turn swaps them)."""
        if self.rotation in (90, 270):
            return self.height, self.width
        return self.width, self.height

    def to_displayed(self, point: Point) -> Point:
        """A point of the read frame on the page as displayed."""
        return self._unturn(self._unlevel(point))

    def quad(self, bbox: BBox) -> list[Point]:
        """The box's corners on the displayed page: top-left, top-right, bottom-right,
        bottom-left of the text as read (so top-left to top-right runs along the text)."""
        x0, y0, x1, y1 = bbox
        return [self.to_displayed(p) for p in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]

    def _unlevel(self, point: Point) -> Point:
        """Undo the levelling: rotate back about the centre (OpenCV's convention)."""
        if not self.skew_deg:
            return point
        theta = math.radians(self.skew_deg)
        cos, sin = math.cos(theta), math.sin(theta)
        cx, cy = self.width / 2.0, self.height / 2.0
        dx, dy = point[0] - cx, point[1] - cy
        return cos * dx + sin * dy + cx, -sin * dx + cos * dy + cy

    def _unturn(self, point: Point) -> Point:
        """Undo the clockwise quarter turns (read frame ``width`` x ``height``)."""
        x, y = point
        if self.rotation == 90:
            return y, self.width - x
        if self.rotation == 180:
            return self.width - x, self.height - y
        if self.rotation == 270:
            return self.height - y, x
        return x, y
