"""Which OCR lines are a seal's own text (公章 rim characters), by the colour of their ink.

PaddleOCR reads the characters round a red seal's rim (上海市…局) as text lines. Left in,
they widen a table by a phantom column, or land in cells. Black text under a seal keeps
a good share of black ink; the rim text has almost none once the table rules crossing
its box are set aside, which tells the two apart.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from fiscalocr.model import Line
from fiscalocr.model.raster import brightest_channel

from .options import LayoutOptions
from .rules import chroma, paper_brightness


def seal_lines(
    lines: Sequence[Line], image: np.ndarray | None, px_per_pt: float, options: LayoutOptions
) -> set[int]:
    """Indices of ``lines`` printed in coloured ink only (nothing to do on a grey scan)."""
    if image is None or image.ndim != 3:
        return set()
    paper = paper_brightness(brightest_channel(image))
    found = set()
    for index, line in enumerate(lines):
        x0, y0, x1, y1 = (max(0, int(v * px_per_pt)) for v in line.bbox)
        box = image[y0:y1, x0:x1]
        if box.size == 0:
            continue
        bright = brightest_channel(box)
        coloured = chroma(box, bright) > options.max_rule_chroma
        black = ~coloured & (bright < options.black_ink_ratio * paper)
        # a table rule crossing the box is black but not the line's own ink
        ruled = (black.mean(axis=1) > _RULED_SHARE)[:, None] | (black.mean(axis=0) > _RULED_SHARE)
        black_ink = int((black & ~ruled).sum())
        marked = black_ink + int((coloured & ~ruled).sum())
        if marked and black_ink < options.max_seal_black_share * marked:
            found.add(index)
    return found


_RULED_SHARE = 0.5
"""A pixel row or column of a text box more than half black is a rule through it."""
