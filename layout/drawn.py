"""Rules a born-digital page draws, taken as the layout stage's own :class:`RuleLine`.

The OCR stage reads them from the PDF's drawing commands (``PageWork.drawn_rules``); here
they only meet the same joining and plausibility filters the raster's rules pass, so a
table drawn cell by cell (one path per cell border) gives the same long rules a scan of
it would, and a word's underline is still no table rule.
"""

from __future__ import annotations

from collections.abc import Sequence

from fiscalocr.model import DrawnRule

from .geometry import RuleLine
from .options import LayoutOptions
from .rules import keep_plausible, merge_collinear


def rules_from_drawing(drawn: Sequence[DrawnRule], options: LayoutOptions) -> list[RuleLine]:
    """The drawn rules joined along their lines and filtered like detected ones.

    Pieces are joined only across ``snap_pt``: a drawing has no breaks from damage, so a
    wider gap between two drawn pieces is a real one (a spanning cell), which the raster
    path's bridging would close.
    """
    pieces = [RuleLine(r.orientation, r.pos, r.start, r.end, r.thickness) for r in drawn]
    merged = merge_collinear(pieces, options.snap_pt, options.snap_pt)
    return keep_plausible(merged, options)
