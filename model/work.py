"""What travels between per-page stages besides the contract types.

:class:`PageWork` is the one argument of every per-page stage (OCR, layout): each stage
reads what earlier ones left and fills its own slot. It is a plain dataclass of numpy
arrays and pydantic models, so it pickles and can cross into a worker process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

import numpy as np

from .document import Line, Page, Table


@dataclass(frozen=True)
class DrawnRule:
    """A straight rule a born-digital page draws (a PDF line or a thin filled rectangle),
    in PDF points of the page as displayed: ``pos`` is y for a horizontal rule, x for a
    vertical one, ``start``/``end`` its extent along the other axis.

    The OCR stage reads them from the drawing commands, so layout can take a text-layer
    page's rules exactly instead of finding them again on a raster it would first have to
    render (the text-layer path's main cost).
    """

    orientation: Literal["h", "v"]
    pos: float
    start: float
    end: float
    thickness: float = 1.0


@dataclass
class PageWork:
    """One page on its way through the pipeline.

    ``image`` is the page as read, upright and deskewed (None when the page came from its
    text layer and was not rasterised). ``px_per_pt`` maps PDF points to image pixels:
    ``pixel = point * px_per_pt``. Every bbox the ocr stage writes is in PDF points of that
    same upright, deskewed frame (``page.rotation`` and ``page.skew_deg`` say what was
    applied to the page as displayed), so image and boxes always agree.
    """

    page: Page
    image: np.ndarray | None = None
    px_per_pt: float = 1.0
    tables: list[Table] = field(default_factory=list)
    drawn_rules: list[DrawnRule] | None = None
    """The page's rules from its drawing commands (a born-digital page with no large
    image), or None: its rules, if any, must be found on ``image``."""

    def drop_image(self) -> None:
        """Free the raster once no stage needs it (a 500-page file must stream)."""
        self.image = None


class TextRecognizer(Protocol):
    """Re-reads image crops (e.g. one table cell) without detection.

    The app passes the OCR stage's recogniser to stages that want a second look at a
    crop (layout's glued-line splitting, reconciliation's re-read at another scale), so
    those stages never import ``ocr`` themselves. Each result is a :class:`Line` whose
    bbox is in the crop's own pixel frame.
    """

    def __call__(self, crops: list[np.ndarray]) -> list[Line]: ...
