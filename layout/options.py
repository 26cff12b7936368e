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
    # --- faint rules (grey hairlines), see ``faint`` ----------------------------------
    find_faint_rules: bool = True
    """Look for rules too light for the ink threshold (off: ink rules only, to compare)."""
    paper_window_pt: float = 12.0
    """The paper's local brightness is the brightest of a neighbourhood this wide: wider
    than any stroke, narrower than the lighting varies."""
    faint_reach_pt: float = 1.5
    """Across a faint rule, the paper this far off on both sides (at least 3 px) is
    compared with its centre: beyond a scanned hairline's smear (3-4 px wide at 110-150
    dpi), closer than the text of the next row."""
    faint_window_pt: float = 12.0
    """The ridge is averaged along the rule over this length: the noise of a poor scan
    averages out, a rule's end moves by a point or so."""
    faint_end_window_pt: float = 3.0
    """A faint rule's ends are placed with a window this short (the long one smears them
    on by up to half its length, a phantom narrow column at the table's edge)."""
    faint_min_valid_share: float = 0.3
    """Share of that window that must be clear of text and dark ink for a measurement:
    a rule is followed across a text box that overlaps it, not made up inside a line."""
    faint_glyph_inset: float = 0.15
    """Text boxes (a font's line height, a detector's padded box) reach above and below
    the ink by about this share of their height; only the rest is kept out of the faint
    measure, so a rule a row's box nearly touches is still measured."""
    faint_min_contrast: float = 4.0
    """A faint rule is at least this much darker (0-255, paper = 255) than the paper on
    both sides: a 0.5 pt #c0c0c0 hairline at 110 dpi, faded, is 8-11; the reverse side's
    print showing through, blurred, 2-3."""
    faint_noise_factor: float = 4.0
    """…and stands this many times the page's own noise of that measure above it."""
    faint_low_share: float = 0.5
    """Along a faint rule, the response may dip to this share of the threshold (between
    JPEG blocks) as long as the whole run's mean clears it."""
    page_edge_margin_pt: float = 8.0
    """Lines this close to the page's edge are the scanned sheet's border, not rules."""
    min_table_width_pt: float = 60.0
    """Smaller ruled structures (boxes round a page number, underlines) are not tables."""

    # --- weakly ruled tables ------------------------------------------------------------
    min_column_gap_pt: float = 4.0
    """An empty vertical strip at least this wide separates two text columns."""
    amount_align_pt: float = 2.0
    """Right-aligned amounts of one column end within this of each other (a rule-less
    list of labels and amounts is a table only when they do)."""
    max_hrule_table_gap_pt: float = 60.0
    """Horizontal rules further apart than this are not one unruled-side table."""

    # --- text placement -----------------------------------------------------------------
    char_in_cell_margin_pt: float = 1.0
    """A character belongs to the cell holding its centre, allowing this slack."""
    rule_clearance_pt: float = 1.5
    """A cell crop re-read by the recogniser stays this far inside the cell's rules."""
    same_line_share: float = 0.5
    """Two boxes are one text line when they overlap by this share of a box's height
    (the boxes of a wrapped cell's successive lines overlap by a point or so)."""
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
    page_furniture_chars: int = 6
    """A line of at most this many characters below a table or above its continuation is
    page furniture (a page number, ``（续表）``, a short running head), not body text: a
    continuation whose columns differ joins only across such lines (``mixed_columns``)."""


DEFAULT_OPTIONS = LayoutOptions()
"""The defaults, shared: the options are frozen, so one instance serves every call."""
