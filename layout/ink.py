"""Which OCR lines are a seal's own text (公章 rim characters), by the colour of their ink.

PaddleOCR reads the characters round a red seal's rim (上海市…局) as text lines. Left in,
they widen a table by a phantom column, or land in cells. Black text under a seal is
still mostly black ink; the rim text has almost none, which tells the two apart.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from fiscalocr.model import Line

from .options import LayoutOptions

_SAMPLE_STEP = 8


def seal_lines(
    lines: Sequence[Line], image: np.ndarray | None, px_per_pt: float, options: LayoutOptions
) -> set[int]:
    """Indices of ``lines`` printed in coloured ink only (nothing to do on a grey scan)."""
    if image is None or image.ndim != 3:
        return set()
    brightness = image.max(axis=2)
    paper = float(np.median(brightness[::_SAMPLE_STEP, ::_SAMPLE_STEP]))
    found = set()
    for index, line in enumerate(lines):
        x0, y0, x1, y1 = (max(0, int(v * px_per_pt)) for v in line.bbox)
        box = image[y0:y1, x0:x1]
        if box.size == 0:
            continue
        bright = box.max(axis=2).astype(np.int16)
        chroma = bright - box.min(axis=2)
        coloured = chroma > options.max_rule_chroma
        black = ~coloured & (bright < options.black_ink_ratio * paper)
        marked = int(coloured.sum() + black.sum())
        if marked and black.sum() < options.max_seal_black_share * marked:
            found.add(index)
    return found
