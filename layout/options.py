"""Named tolerances of the layout stage (pdfplumber style: every magic number has a name).

All lengths are PDF points unless the name says otherwise, so one set of options works
at any rasterisation resolution; the stage converts with ``PageWork.px_per_pt``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LayoutOptions:
    """Tolerances for rule detection, grid building, text placement and joining."""

    # --- rule detection on the raster -------------------------------------------------
    threshold_block_pt: float = 7.0
    """Window of the adaptive threshold; larger than a stroke, smaller than a cell."""
    threshold_offset: int = 12
    """How much darker than its neighbourhood a pixel must be to count as ink (0-255)."""
    min_horizontal_rule_pt: float = 24.0
    """Opening kernel for horizontal rules: longer than any character stroke (一, ——)."""
    min_vertical_rule_pt: float = 9.0
    """Opening kernel for vertical rules; short strokes are then kept only if they touch
    horizontal rules (characters never reach from one rule to the next)."""
    max_stroke_rule_pt: float = 30.0
    """Verticals up to this long that pass through a glyph's middle are character strokes."""
    gap_bridge_pt: float = 6.0
    """Collinear rule pieces closer than this are one rule (broken, dashed, faint rules)."""
    long_gap_bridge_pt: float = 12.0
    """A wider gap is still bridged between two long pieces (a rule cut by a seal's star
    or a blot); narrower than any row or column, so a real span is never bridged."""
    snap_pt: float = 3.0
    """Rule positions closer than this are one grid line (doubled lines, thick lines)."""
    min_band_pt: float = 6.0
    """Thinner than any row or column: rule ends overshooting a border by less than this
    are not a missing outer border."""
    join_pt: float = 4.0
    """How far a rule end may fall short of the rule it meets and still touch it."""
    max_rule_chroma: int = 60
    """Ink whose colour channels differ more than this (0-255) is coloured (a seal), not
    a printed rule, unless it is also dark (see ``seal_brightness_ratio``)."""
    seal_brightness_ratio: float = 0.75
    """A seal's ink alone keeps its brightest channel above this share of the paper's
    brightness (red ink: about 0.8); a grey rule under the seal falls below it."""
    black_ink_ratio: float = 0.6
    """Uncoloured pixels darker than this share of the paper's brightness are black ink."""
    max_seal_black_share: float = 0.05
    """A text line with less black ink than this share of its ink is a seal's text (black
    text under a seal keeps 15-50 %)."""
    max_rule_thickness_pt: float = 4.0
    """Ink runs thicker than this are blobs (stamps, shaded cells), not rules."""
    min_boundary_cover: float = 0.6
    """Share of a cell edge a rule must cover to separate two cells; less means a span."""
    min_fragment_cover: float = 0.25
    """A printed piece covering this share of an edge, away from its ends, is what is
    left of a faded rule: the edge still separates."""
    page_edge_margin_pt: float = 8.0
    """Lines this close to the page's edge are the scanned sheet's border, not rules."""
    min_table_width_pt: float = 60.0
    """Smaller ruled structures (boxes round a page number, underlines) are not tables."""

    # --- weakly ruled tables ------------------------------------------------------------
    min_column_gap_pt: float = 4.0
    """An empty vertical strip at least this wide separates two text columns."""
    max_hrule_table_gap_pt: float = 60.0
    """Horizontal rules further apart than this are not one unruled-side table."""

    # --- text placement -----------------------------------------------------------------
    char_in_cell_margin_pt: float = 1.0
    """A character belongs to the cell holding its centre, allowing this slack."""
    rule_clearance_pt: float = 1.5
    """A cell crop re-read by the recogniser stays this far inside the cell's rules."""
    same_text_row_ratio: float = 0.5
    """Two lines whose vertical centres differ less than this × line height share a row."""

    # --- page blocks ----------------------------------------------------------------------
    title_search_pt: float = 110.0
    """How far above a table its title and unit may be printed."""
    unit_search_below_pt: float = 30.0
    """A unit line may also sit just below the table's top edge (inside its first band)."""
    paragraph_gap_ratio: float = 0.9
    """Lines closer than this × line height continue one paragraph."""

    # --- joining across pages ---------------------------------------------------------
    column_match_tol: float = 0.04
    """Relative column edges (share of table width) may differ this much between pages."""


DEFAULT_OPTIONS = LayoutOptions()
"""The defaults, shared: the options are frozen, so one instance serves every call."""
