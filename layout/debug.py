"""Draw what the stage saw on a page: rules, cells, cell text, OCR lines.

Drawn through PyMuPDF (not OpenCV) because it prints CJK text with its built-in font,
so a person can read each cell's text where the stage put it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from fiscalocr.model import Page, Table

from .geometry import BBox, RuleLine
from .options import DEFAULT_OPTIONS, LayoutOptions

RULE_COLOUR = (0.9, 0.1, 0.1)
VIRTUAL_RULE_COLOUR = (1.0, 0.6, 0.0)
CELL_COLOUR = (0.1, 0.3, 0.95)
HEADER_FILL = (0.85, 0.9, 1.0)
TEXT_COLOUR = (0.0, 0.55, 0.0)
LINE_COLOUR = (0.6, 0.6, 0.6)
SEAL_COLOUR = (0.6, 0.0, 0.7)


def _png(image: np.ndarray) -> bytes:
    import cv2

    bgr = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2BGR)
    ok, data = cv2.imencode(".png", bgr)
    return data.tobytes()


def _seen(
    image: np.ndarray, page: Page, px_per_pt: float, options: LayoutOptions
) -> tuple[list[RuleLine], list[BBox]]:
    """Printed rules as detected plus the rules the stage inferred from text, and the
    seal boxes whose rims were filtered out."""
    from fiscalocr.model import PageWork

    from .analyse import find_layout

    layout = find_layout(
        PageWork(page=page.model_copy(deep=True), image=image, px_per_pt=px_per_pt), options
    )
    rules = layout.rules + [r for grid in layout.grids for r in grid.rules if r.virtual]
    return rules, layout.seals


def draw_debug(
    image: np.ndarray | None,
    page: Page,
    tables: Sequence[Table],
    path: str | Path,
    rules: Sequence[RuleLine] | None = None,
    options: LayoutOptions = DEFAULT_OPTIONS,
) -> Path:
    """Write a PNG of the page with rules (red, inferred ones orange), cells (blue, header
    cells shaded), each cell's text (green), the OCR line boxes (grey) and the seals'
    boxes (purple: the recorded ones, and the grey rings when the page is analysed again).

    When ``rules`` is None and an image is given the page is analysed again, so the
    picture shows exactly the rules detection saw and those inferred from text.
    """
    import pymupdf

    doc = pymupdf.open()
    canvas = doc.new_page(width=page.width, height=page.height)
    scale = 2.0
    seals = list(page.seals)
    if image is not None:
        canvas.insert_image(canvas.rect, stream=_png(image))
        scale = image.shape[1] / page.width
        if rules is None:
            rules, seals = _seen(image, page, scale, options)
    for box in seals:
        canvas.draw_rect(pymupdf.Rect(box), color=SEAL_COLOUR, width=1.0, dashes="[3] 0")
    for line in page.lines:
        canvas.draw_rect(pymupdf.Rect(line.bbox), color=LINE_COLOUR, width=0.3)
    for table in tables:
        for cell in table.cells:
            if cell.page != page.page:
                continue
            rect = pymupdf.Rect(cell.bbox)
            canvas.draw_rect(
                rect,
                color=CELL_COLOUR,
                fill=HEADER_FILL if cell.is_header else None,
                fill_opacity=0.3,
                width=0.8,
            )
            label = f"{cell.row},{cell.col} {cell.text}"[:40]
            canvas.insert_text(
                (rect.x0 + 1, rect.y0 + 5), label, fontname="china-s", fontsize=4, color=TEXT_COLOUR
            )
        for region in table.regions:
            if region.page == page.page:
                canvas.insert_text(
                    (region.bbox[0], region.bbox[1] - 2),
                    f"{table.id} {table.n_rows}x{table.n_cols}",
                    fontname="china-s",
                    fontsize=6,
                    color=CELL_COLOUR,
                )
    for rule in rules or []:
        colour = VIRTUAL_RULE_COLOUR if rule.virtual else RULE_COLOUR
        a, b = (
            ((rule.start, rule.pos), (rule.end, rule.pos))
            if rule.orientation == "h"
            else ((rule.pos, rule.start), (rule.pos, rule.end))
        )
        canvas.draw_line(a, b, color=colour, width=1.0)
    out = Path(path)
    canvas.get_pixmap(matrix=pymupdf.Matrix(scale, scale)).save(str(out))
    return out
