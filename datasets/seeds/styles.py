"""Drawing styles of the seed renders: deliberately unlike the synthetic generator's.

The generator draws every rule itself in black on portrait pages. These styles leave the
drawing to a browser's table layout: ``office`` is a word processor's default table (thin
light-grey hairlines, a shaded header, sans-serif), ``print`` a browser printing a web page
(collapsed 1 px black borders, serif, wide tables on landscape pages, tables flowing one
after another), once with the header repeated on each page a table breaks onto and once
without (``print-norepeat``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderStyle:
    name: str
    font_family: str
    body_pt: float
    table_pt: float
    border: str  # CSS border of every cell
    header_fill: str  # CSS background of header cells ("none" for none)
    repeat_header: bool  # header rows in <thead>: Chromium repeats them after a page break
    landscape_min_cols: int  # a table this wide goes on a landscape page
    table_per_page: bool  # each table starts a new page
    margin_mm: float
    cell_padding: str

    def table_font_pt(self, n_cols: int) -> float:
        """Smaller type for wider tables, so every column fits without clipping."""
        for max_cols, shrink in WIDTH_SHRINK_PT:
            if n_cols <= max_cols:
                return self.table_pt - shrink
        return self.table_pt - WIDTH_SHRINK_PT[-1][1] - 1.0


# (up to this many columns, points off the table font)
WIDTH_SHRINK_PT: tuple[tuple[int, float], ...] = ((6, 0.0), (9, 0.5), (12, 1.5), (16, 2.5))

SANS = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", sans-serif'
SERIF = '"AR PL UMing CN", "Noto Serif CJK SC", "Noto Serif CJK TC", serif'

STYLES: dict[str, RenderStyle] = {
    "office": RenderStyle(
        name="office",
        font_family=SANS,
        body_pt=10.5,
        table_pt=9.0,
        border="0.5px solid #bfbfbf",
        header_fill="#f2f2f2",
        repeat_header=True,
        landscape_min_cols=10,
        table_per_page=True,
        margin_mm=20.0,
        cell_padding="2px 4px",
    ),
    "print": RenderStyle(
        name="print",
        font_family=SERIF,
        body_pt=11.0,
        table_pt=9.5,
        border="1px solid #000",
        header_fill="none",
        repeat_header=True,
        landscape_min_cols=7,
        table_per_page=False,
        margin_mm=12.0,
        cell_padding="1px 3px",
    ),
}
STYLES["print-norepeat"] = RenderStyle(
    **{**STYLES["print"].__dict__, "name": "print-norepeat", "repeat_header": False}
)
STYLE_NAMES: tuple[str, ...] = tuple(STYLES)
