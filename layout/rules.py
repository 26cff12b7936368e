"""Find printed table rules on the page raster (OpenCV morphology).

Why morphology: a rule is a long thin run of ink; opening the binarised page with a long
flat kernel keeps rules and erases text. Pieces of one broken or doubled rule are then
merged at the segment level with named tolerances, never by dilating the raster (that
would glue characters into false rules).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from fiscalocr.model.raster import brightest_channel, darkest_channel

from .faint import faint_rules
from .geometry import BBox, RuleLine, covered_length
from .options import DEFAULT_OPTIONS, LayoutOptions


def binarise(image: np.ndarray, px_per_pt: float, options: LayoutOptions) -> np.ndarray:
    """Ink mask (255 = ink) that keeps faint rules: adaptive, not global, threshold.

    On a colour scan, a bright coloured ink (a red seal, a blue signature) is not ink
    here: table rules are printed black or grey, and a seal's ring and star otherwise
    leave short vertical and horizontal pieces that cut cells apart. The threshold works
    on each pixel's brightest channel, so a grey rule under a red seal (grey times red)
    still stands out from the seal around it, and is kept.
    """
    import cv2

    block = max(3, int(options.threshold_block_pt * px_per_pt) | 1)
    brightness = brightest_channel(image)
    ink = cv2.adaptiveThreshold(
        brightness,
        255,
        cv2.ADAPTIVE_THRESH_MEAN_C,
        cv2.THRESH_BINARY_INV,
        block,
        options.threshold_offset,
    )
    if image.ndim == 3:
        paper = paper_brightness(brightness)
        coloured = (chroma(image, brightness) > options.max_rule_chroma) & (
            brightness > options.seal_brightness_ratio * paper
        )
        ink[coloured] = 0
    return ink


_SAMPLE_STEP = 8
"""Every 8th pixel is enough to know the paper's brightness (the median)."""


def paper_brightness(brightness: np.ndarray) -> float:
    """The page's typical brightness (its paper), from every 8th pixel of a brightness map."""
    return float(np.median(brightness[::_SAMPLE_STEP, ::_SAMPLE_STEP]))


def chroma(image: np.ndarray, brightness: np.ndarray | None = None) -> np.ndarray:
    """Per pixel, the spread between its largest and smallest colour channel (0 = grey);
    pass ``brightness`` (the largest channel) when it is already computed."""
    top = brightest_channel(image) if brightness is None else brightness
    return top.astype(np.int16) - darkest_channel(image)


def _segments(
    mask: np.ndarray, horizontal: bool, px_per_pt: float, max_thick: float
) -> list[RuleLine]:
    """Connected pieces of an opened mask as rules in points."""
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    rules = []
    for x, y, w, h, area in stats[1:count]:
        length = w if horizontal else h
        thickness = area / max(length, 1)
        if thickness / px_per_pt > max_thick:
            continue
        if horizontal:
            rules.append(
                RuleLine(
                    "h",
                    (y + h / 2) / px_per_pt,
                    x / px_per_pt,
                    (x + w) / px_per_pt,
                    thickness / px_per_pt,
                )
            )
        else:
            rules.append(
                RuleLine(
                    "v",
                    (x + w / 2) / px_per_pt,
                    y / px_per_pt,
                    (y + h) / px_per_pt,
                    thickness / px_per_pt,
                )
            )
    return rules


def merge_collinear(
    rules: list[RuleLine], snap: float, gap: float, long_gap: float = 0.0, long_piece: float = 0.0
) -> list[RuleLine]:
    """Join pieces on one line (broken rules) and parallel twins (doubled rules).

    Pieces are taken in order along the line; each joins the run whose last piece lies
    within ``snap`` of its position and closer than ``gap`` along the line, so a sloped
    rule's pieces, drifting a point at a time, stay one rule. A wider gap, up to
    ``long_gap``, is bridged between two pieces both at least ``long_piece`` long: a rule
    interrupted by a seal or a blot, not two rules. The run's position is the
    length-weighted mean of its pieces.

    Pieces are never chained by position alone. A paragraph's glyph edges leave short
    faint pieces every two or three points across a cell; chained by position, they
    linked every column rule of a performance form (seed 002 p23) into one group, and
    the rules that overlapped along the line were averaged into one rule between them.
    """
    merged: list[RuleLine] = []
    for orientation in ("h", "v"):
        runs: list[_Run] = []
        by_pos: dict[int, list[_Run]] = {}  # runs by their last piece's position // snap
        for rule in sorted(
            (r for r in rules if r.orientation == orientation), key=lambda r: (r.start, r.pos)
        ):
            key = int(rule.pos // snap)
            near = [
                run
                for k in (key - 1, key, key + 1)
                for run in by_pos.get(k, ())
                if abs(run.last.pos - rule.pos) <= snap
                and run.bridges(rule, gap, long_gap, long_piece)
            ]
            if not near:
                run = _Run([rule], rule, len(runs))
                runs.append(run)
                by_pos.setdefault(key, []).append(run)
                continue
            run = min(near, key=lambda r: (abs(r.last.pos - rule.pos), r.index))
            before = int(run.last.pos // snap)
            run.add(rule)
            after = int(run.last.pos // snap)
            if after != before:
                by_pos[before].remove(run)
                by_pos.setdefault(after, []).append(run)
        merged += [_combine(run.pieces, orientation) for run in runs]
    return merged


@dataclass
class _Run:
    """Pieces joined so far into one rule, and the one reaching furthest along the line."""

    pieces: list[RuleLine]
    last: RuleLine
    index: int
    """Order of creation: of two runs equally near a piece, the older takes it."""

    def add(self, rule: RuleLine) -> None:
        self.pieces.append(rule)
        if rule.end > self.last.end:
            self.last = rule

    def bridges(self, rule: RuleLine, gap: float, long_gap: float, long_piece: float) -> bool:
        """Whether ``rule`` continues this run: closer than ``gap`` along the line, or
        within ``long_gap`` when both it and the run's last piece are long."""
        reach = self.last.end
        if rule.start <= reach + gap:
            return True
        return rule.start <= reach + long_gap and min(self.last.length, rule.length) >= long_piece


def _combine(pieces: list[RuleLine], orientation: str) -> RuleLine:
    weight = sum(p.length for p in pieces) or 1.0
    pos = sum(p.pos * p.length for p in pieces) / weight
    return RuleLine(
        orientation,  # type: ignore[arg-type]
        pos,
        min(p.start for p in pieces),
        max(p.end for p in pieces),
        max(p.thickness for p in pieces),
        faint=all(p.faint for p in pieces),
    )


def touches(h: RuleLine, v: RuleLine, tol: float) -> bool:
    """Whether a horizontal and a vertical rule meet (cross or end on each other)."""
    return h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol


def keep_plausible(rules: list[RuleLine], options: LayoutOptions) -> list[RuleLine]:
    """Drop short strokes that are characters: a true rule reaches another rule."""
    hs = [r for r in rules if r.orientation == "h"]
    vs = [r for r in rules if r.orientation == "v"]
    tol = options.join_pt
    long_v = 2.0 * options.min_vertical_rule_pt
    keep_v = []
    for v in vs:
        ends = sum(
            1
            for h in hs
            if h.start - tol <= v.pos <= h.end + tol
            and (
                abs(h.pos - v.start) <= tol or abs(h.pos - v.end) <= tol or v.start < h.pos < v.end
            )
        )
        if (ends >= 2 and _fills_its_row(v, hs, tol)) or (v.length >= long_v and ends >= 1):
            keep_v.append(v)
    keep_h = [
        h
        for h in hs
        if h.length >= 2 * options.min_horizontal_rule_pt or any(touches(h, v, tol) for v in keep_v)
    ]
    return keep_h + keep_v


_MIN_ROW_FILL = 0.7
"""Share of its row a stroke inside one row must run to be a rule segment."""


def _fills_its_row(v: RuleLine, hs: list[RuleLine], tol: float) -> bool:
    """A vertical stroke within one row reaches both its rules, not just comes within
    ``tol`` of them: a glyph's stroke centred in the row can (seed 000 print p7: the
    OCR lost the 十 of 十一、节能环保支出, and its 9 pt stroke in a 17 pt row stood 4 pt
    from each rule, a column line for the whole table)."""
    at = [h for h in hs if h.start - tol <= v.pos <= h.end + tol]
    if any(v.start + tol < h.pos < v.end - tol for h in at):
        return True  # crosses a rule: no one-row stroke
    above = [h.pos for h in at if h.pos <= v.start + tol]
    below = [h.pos for h in at if h.pos >= v.end - tol]
    if not above or not below:
        return True
    return v.length >= _MIN_ROW_FILL * (min(below) - max(above))


def _open(ink: np.ndarray, width: int, height: int) -> np.ndarray:
    import cv2

    return cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (width, height))
    )


def recover_short_pieces(
    long: list[RuleLine], short: list[RuleLine], options: LayoutOptions
) -> list[RuleLine]:
    """Short pieces that continue a long rule on its line (a rule broken into bits
    shorter than the opening kernel); grown piece by piece so a run of bits survives."""
    reach = options.min_horizontal_rule_pt
    accepted = list(long)
    pending = [s for s in short if s.orientation == "h"]
    grew = True
    while grew and pending:
        grew = False
        for piece in list(pending):
            if any(
                abs(piece.pos - rule.pos) <= options.snap_pt
                and rule.start - reach <= piece.end
                and piece.start <= rule.end + reach
                for rule in accepted
            ):
                accepted.append(piece)
                pending.remove(piece)
                grew = True
    return accepted


def detect_rules(
    image: np.ndarray,
    px_per_pt: float,
    options: LayoutOptions = DEFAULT_OPTIONS,
    char_boxes: Sequence[BBox] = (),
) -> list[RuleLine]:
    """All table rules on a page, in PDF points, broken pieces and doubled lines merged;
    pieces that are strokes of the given characters are dropped before merging."""
    ink = binarise(image, px_per_pt, options)
    h_len = max(5, int(options.min_horizontal_rule_pt * px_per_pt))
    v_len = max(5, int(options.min_vertical_rule_pt * px_per_pt))
    thick = options.max_rule_thickness_pt
    long_h = _segments(_open(ink, h_len, 1), True, px_per_pt, thick)
    short_h = _segments(_open(ink, v_len, 1), True, px_per_pt, thick)
    pieces = recover_short_pieces(long_h, short_h, options)
    pieces += _segments(_open(ink, 1, v_len), False, px_per_pt, thick)
    if options.find_faint_rules:
        brightness = brightest_channel(image)
        pieces += beside_no_ink_rule(
            faint_rules(brightness, px_per_pt, options, char_boxes), pieces, options
        )
    pieces = drop_character_strokes(pieces, char_boxes, options)
    merged = merge_collinear(
        pieces,
        options.snap_pt,
        options.gap_bridge_pt,
        options.long_gap_bridge_pt,
        options.min_horizontal_rule_pt,
    )
    merged = drop_page_edges(
        merged, image.shape[1] / px_per_pt, image.shape[0] / px_per_pt, options
    )
    return keep_plausible(drop_character_strokes(merged, char_boxes, options), options)


def beside_no_ink_rule(
    faint: list[RuleLine], ink: list[RuleLine], options: LayoutOptions
) -> list[RuleLine]:
    """Faint pieces that do not run alongside an inked rule a few points off: JPEG leaves
    a faint parallel band beside a black rule, and no two rules of a table are closer
    than its thinnest row (a piece within ``snap_pt`` is the same rule, and is kept)."""
    kept = []
    for piece in faint:
        alongside = [
            (rule.start, rule.end)
            for rule in ink
            if rule.orientation == piece.orientation
            and options.snap_pt < abs(rule.pos - piece.pos) < options.min_band_pt
        ]
        if covered_length(alongside, piece.start, piece.end) <= _BESIDE_SHARE * piece.length:
            kept.append(piece)
    return kept


_BESIDE_SHARE = 0.5


def drop_page_edges(
    rules: list[RuleLine], width: float, height: float, options: LayoutOptions = DEFAULT_OPTIONS
) -> list[RuleLine]:
    """Drop lines hugging the page's edge: the shadow of a scanned sheet's border, never a
    printed rule (print keeps a margin)."""
    margin = options.page_edge_margin_pt
    extent = {"h": height, "v": width}
    return [r for r in rules if margin < r.pos < extent[r.orientation] - margin]


def drop_character_strokes(
    rules: list[RuleLine], char_boxes: Sequence[BBox], options: LayoutOptions = DEFAULT_OPTIONS
) -> list[RuleLine]:
    """Drop short rule pieces that run through the middle of a character.

    Strokes of characters (or of characters on two wrapped lines) can reach from one rule
    to the next, or chain onto a rule end; a printed rule never passes through a glyph's
    middle. Long pieces are kept whatever text they cross (an OCR line glued across cells
    has estimated character boxes that may straddle a real rule).
    """
    limit = options.max_stroke_rule_pt
    return [
        r
        for r in rules
        if not any(
            _through_glyph(r, box) and r.length <= _stroke_limit(r, box, limit)
            for box in char_boxes
        )
    ]


def _stroke_limit(rule: RuleLine, box: BBox, limit: float) -> float:
    """Horizontal strokes of a large title run on over several glyphs (基金 …): a
    horizontal piece through glyph middles is a stroke up to a few glyphs long."""
    if rule.orientation == "h":
        return max(limit, _GLYPHS_PER_STROKE * (box[3] - box[1]))
    return limit


_GLYPHS_PER_STROKE = 4
_GLYPH_EDGE_PT = 0.5
"""A stroke this close to a glyph box edge may be a rule the box touches."""


def _through_glyph(rule: RuleLine, box: BBox) -> bool:
    x0, y0, x1, y1 = box if rule.orientation == "v" else (box[1], box[0], box[3], box[2])
    inset = min(_GLYPH_EDGE_PT, (x1 - x0) * 0.1)
    overlap = min(rule.end, y1) - max(rule.start, y0)
    return x0 + inset < rule.pos < x1 - inset and overlap > 0.5 * (y1 - y0)
