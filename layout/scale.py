"""A page drawn larger than print: the layout's tolerances scaled to the page's text.

The stage measures in PDF points with tolerances made for print size: a rule is at most
4 pt thick, grid lines closer than 3 pt are one, a column gap is 4 pt. Some pages are
drawn several times larger than they were printed: a scan placed at 72 dpi (each pixel a
point, so a 300 dpi A4 scan makes a 2480×3508 pt page), or a PDF page scaled up. On a
5000 pt page of that kind every rule is several points thick, its two edges became two
grid lines, and a 5×3 table was found as 14×5 with empty sliver rows and columns, while
the document said ``ok``.

The body text tells the scale: table and body type is 9-12 pt, so the median text line of
a page is about :data:`PRINT_LINE_PT` high. A page whose median line is
:data:`MIN_SCALE` times that or more is read with every ``*_pt`` tolerance of
:class:`LayoutOptions` multiplied by the ratio, and a warning says so. A long page of
print-size text (a web page printed as one 5000 pt scroll) keeps its tolerances: its
text is print size. The few module constants in points (straddle and edge pads) are not
scaled; the named options are what decide rules, grids and placement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from statistics import median

from fiscalocr.model import PAGE_DRAWN_LARGE, ErrorRecord, Line

from .options import LayoutOptions

PRINT_LINE_PT = 13.0
"""Median text-line height of a print-size table page, in points (a 9 pt table drawn:
12.4; the same page scanned at 150 dpi and OCR-read: 13.9)."""
MIN_SCALE = 3.0
"""From this ratio on the page is drawn enlarged (a 26 pt cover title over little else is
not); below it the tolerances are left exactly as they are."""
MIN_LINES = 5
"""Fewer lines than this say nothing reliable about the body type."""


def print_scale(lines: Sequence[Line]) -> float:
    """How many times larger than print the page is drawn: 1.0 unless its median text
    line is at least :data:`MIN_SCALE` times a print-size one."""
    heights = [line.bbox[3] - line.bbox[1] for line in lines if line.bbox[3] > line.bbox[1]]
    if len(heights) < MIN_LINES:
        return 1.0
    scale = median(heights) / PRINT_LINE_PT
    return round(scale, 2) if scale >= MIN_SCALE else 1.0


def scaled_options(options: LayoutOptions, scale: float) -> LayoutOptions:
    """``options`` with every length in points (``*_pt``) multiplied by ``scale``."""
    if scale == 1.0:
        return options
    lengths = [f.name for f in fields(options) if f.name.endswith("_pt")]
    return replace(options, **{name: getattr(options, name) * scale for name in lengths})


def scale_warning(page_no: int, scale: float) -> ErrorRecord | None:
    """The page's record that it was measured at ``scale`` (None at print size)."""
    if scale == 1.0:
        return None
    return ErrorRecord(
        code=PAGE_DRAWN_LARGE,
        message=f"page {page_no} is drawn about {scale:.1f}× print size (its text lines are "
        f"{scale * PRINT_LINE_PT:.0f} pt high): tables were measured with tolerances "
        f"scaled to match",
        stage="layout",
        page=page_no,
        severity="warning",
    )
