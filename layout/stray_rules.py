"""Rule pieces inside a table region that are not the table's rules, dropped before the
grid is built: a seal's rim, a scanner streak, a character stroke, the reverse side of
the sheet showing through. Pure functions of the region's rules (and, where text
decides, the page's lines).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from fiscalocr.model import SEAL_BOX_PAD, BBox, Line

from .crossing import lines_across
from .geometry import RuleLine
from .options import DEFAULT_OPTIONS, LayoutOptions
from .regions import region_bbox


def drop_stray_verticals(
    group: list[RuleLine], options: LayoutOptions = DEFAULT_OPTIONS, lines: Sequence[Line] = ()
) -> list[RuleLine]:
    """Drop vertical pieces floating inside a table: a seal's rim, a scanner streak, a
    character stroke crossing a row or two.

    A printed column rule reaches the table's top or bottom edge, or crosses many rows
    (a rule whose ends faded), or continues another vertical piece at its x (a header
    rule above a spanning row), or starts and ends on long horizontal rules (a form's
    short field separator). A piece that does none of these would cut a few rows into
    an extra column.
    """
    tol = options.join_pt
    group = _without_show_through(group, options.snap_pt, lines, tol)
    long_hs = [
        r
        for r in group
        if r.orientation == "h" and r.length >= _LONG_HRULE * options.min_horizontal_rule_pt
    ]
    group = _without_streaks(
        _without_faint_specks(group, long_hs, options.snap_pt), long_hs, options.snap_pt, lines
    )
    group = _without_slivers(group, lines, options.snap_pt)
    _, top, _, bottom = region_bbox(group)
    vs = [r for r in group if r.orientation == "v"]

    def lands(y: float, x: float, y_tol: float, x_tol: float) -> bool:
        return any(
            abs(h.pos - y) <= y_tol and h.start - x_tol <= x <= h.end + x_tol for h in long_hs
        )

    def ends_on_rules(v: RuleLine) -> bool:
        """One end exactly on a rule, the other at least near one (its rule may fade)."""
        tight = (_LANDING_PT, tol)
        loose = (tol, 2 * tol)
        return (lands(v.start, v.pos, *tight) and lands(v.end, v.pos, *loose)) or (
            lands(v.start, v.pos, *loose) and lands(v.end, v.pos, *tight)
        )

    kept = []
    for rule in group:
        if (
            rule.orientation == "h"
            or rule.start <= top + tol
            or rule.end >= bottom - tol
            or any(o is not rule and abs(o.pos - rule.pos) <= options.snap_pt for o in vs)
            or (ends_on_rules(rule) and not lines_across(rule, lines))
            or _crossings(rule, long_hs) >= _MANY_ROWS
        ):
            kept.append(rule)
    return kept


SEAL_PAD_SHARE = SEAL_BOX_PAD / (1 + 2 * SEAL_BOX_PAD)
"""Share of a recorded seal box's width that is padding beyond the ring on each side."""
RIM_TOL_SHARE = 0.06
"""A rim piece stands within this share of the box's width (at least 4 pt) of the ring's
extreme: only there is a circle straight enough, over a row's height, to pass for a rule."""


def without_seal_rims(rules: list[RuleLine], seals: Sequence[BBox], same: float) -> list[RuleLine]:
    """Rules without the seals' rims: pieces wholly inside a seal's box (``Page.seals``),
    at the ring's extreme (left or right for a vertical, top or bottom for a horizontal),
    that no piece outside the box continues at the same position.

    Where the ring crosses dark print or the scan's JPEG greys its red, the ink passes for
    black, and a one-row piece at the table's bottom edge passes every test of
    ``drop_stray_verticals`` (seed 000 p10: a rim piece cut the last row at x 109 and gave
    the page a column its table does not have, so it joined nothing and its 26 amounts
    reached no truth cell). A circle is near straight only at its extremes, so a piece
    elsewhere inside the box is the table's own (seed 000 p16: a seal covers a whole
    short table, whose column rules end inside the box); a table rule passing under the
    seal runs on beyond the box, so its pieces inside are kept too. Only an inked piece
    continues a rim piece: a faint one at its x is as often a glyph's edge (seed 002 p26,
    a faint piece after 中心 200 pt above kept a grey seal's rim as a column rule).
    """
    if not seals:
        return rules

    def inside(rule: RuleLine, box: BBox) -> bool:
        lo, across_lo, hi, across_hi = box if rule.orientation == "v" else _turned(box)
        return lo <= rule.pos <= hi and across_lo <= rule.start and rule.end <= across_hi

    def at_extreme(rule: RuleLine, box: BBox) -> bool:
        lo, _, hi, _ = box if rule.orientation == "v" else _turned(box)
        pad, tol = SEAL_PAD_SHARE * (hi - lo), max(4.0, RIM_TOL_SHARE * (hi - lo))
        return min(abs(rule.pos - (lo + pad)), abs(rule.pos - (hi - pad))) <= tol

    def continued(rule: RuleLine, boxes: list[BBox]) -> bool:
        return any(
            other is not rule
            and other.orientation == rule.orientation
            and abs(other.pos - rule.pos) <= same
            and not other.faint
            and not any(inside(other, box) for box in boxes)
            for other in rules
        )

    kept = []
    for rule in rules:
        boxes = [box for box in seals if inside(rule, box)]
        if not any(at_extreme(rule, box) for box in boxes) or continued(rule, boxes):
            kept.append(rule)
    return kept


def _turned(box: BBox) -> BBox:
    """(y0, x0, y1, x1): a box as a horizontal rule's (pos, start, end) reads it."""
    x0, y0, x1, y1 = box
    return (y0, x0, y1, x1)


def _without_show_through(
    group: list[RuleLine], same: float, lines: Sequence[Line] = (), tol: float = 4.0
) -> list[RuleLine]:
    """Faint rules of a table printed in ink that no inked rule continues: the reverse
    side's table showing through (a double-sided page's grid at other x and y), read by
    the faint-rule finder as grey hairlines.

    Per orientation, a table is printed in ink when its inked rules at least half the
    table long stand at ``_INKED_TABLE`` positions or more, and at no fewer positions
    than its faint rules as long: a grey hairline table scanned badly binarises only a
    few of its rules (2 of 10 on a heavy scan) and keeps its faint ones. Short faint
    pieces do not count against the ink: the reverse side of a real continuation page
    (our medium scan of js-party-office-2017 p13) showed through as 12 pieces at 9 other
    x, none a third of the table long, beside 7 inked column rules. A faint rule that is the
    table's own, printed too light to binarise, stays (:func:`_own_faded_rule`).
    """
    inked_rules = [r for r in group if not r.faint]
    if not inked_rules:
        return group
    box = region_bbox(inked_rules)
    extents = {"v": box[3] - box[1], "h": box[2] - box[0]}
    inked_at: dict[str, list[float]] = {}
    printed_in_ink: dict[str, bool] = {}
    for orientation, extent in extents.items():
        mine = [r for r in group if r.orientation == orientation]
        inked_at[orientation] = _positions(
            [r for r in mine if not r.faint and r.length >= extent / 2], same
        )
        faint_long = _positions([r for r in mine if r.faint and r.length >= extent / 2], same)
        printed_in_ink[orientation] = len(inked_at[orientation]) >= max(
            _INKED_TABLE, len(faint_long)
        )
    kept = list(group)
    for orientation, extent in extents.items():
        inked = inked_at[orientation]
        if not printed_in_ink[orientation] or not any(
            r.faint for r in group if r.orientation == orientation
        ):
            continue
        grey = not printed_in_ink["h" if orientation == "v" else "v"]
        crossing = [r for r in group if r.orientation != orientation and r.length >= _MEETS_RULE_PT]
        parallel = [r for r in inked_rules if r.orientation == orientation]
        # a line standing across an inked rule is one the OCR merged over cells (a
        # header's words on one baseline): no evidence against a faint rule
        unmerged = [line for line in lines if not any(lines_across(p, [line]) for p in parallel)]
        kept = [
            r
            for r in kept
            if r.orientation != orientation
            or not r.faint
            or any(abs(r.pos - x) <= same for x in inked)
            or _own_faded_rule(r, extent, crossing, unmerged, grey)
        ]
    return kept


def _own_faded_rule(
    rule: RuleLine,
    extent: float,
    crossing: Sequence[RuleLine],
    unmerged: Sequence[Line],
    grey_table: bool = False,
) -> bool:
    """A faint rule the table printed: at least half the table long, both ends on rules
    it meets (faint or inked; a spanning header's rule under part of the table counts),
    and no text line standing across it (bench-v2's medium page 6: two column rules under
    a spanning header, 151–500 and 170–498 pt, ends within 1.5 pt of the rows' rules). The
    reverse side's grid ends 2–4 pt off this one's rows and runs through its text.
    In a grey table (``grey_table``: the rules across are faint too) one end within
    ``_GREY_TABLE_LANDING_PT`` is enough.
    ``unmerged`` are the page's lines that stand across none of the table's inked rules."""
    if rule.length < extent / 2:
        return False
    landing = _GREY_TABLE_LANDING_PT if grey_table else _FADED_LANDING_PT

    def lands(at: float) -> bool:
        return any(
            abs(c.pos - at) <= landing and c.start - landing <= rule.pos <= c.end + landing
            for c in crossing
        )

    ends = (lands(rule.start), lands(rule.end))
    if not (any(ends) if grey_table else all(ends)):
        return False
    return lines_across(rule, unmerged) == 0


_MEETS_RULE_PT = 50.0
"""A rule a faded one may end on is longer than a seal's rim or a glyph stroke (a header
rule over two narrow columns is 90 pt)."""
_FADED_LANDING_PT = 2.0
"""How near a faded rule's ends come to the rules they meet: its ends fade too (1.5 pt
off on bench-v2's medium page 6), but not as far as another grid's rows (2.4 pt and more
on the real show-through page of ``test_stray_verticals``)."""


_GREY_TABLE_LANDING_PT = 8.0
"""How near a faint rule's ends must come to the rules they meet when the table's rules
across it are faint too (a grey table on textured paper, a few of its rules dark enough
to binarise): the faint finder places ends there only to within a few points (bench-v2
medium p10 under augraphy: a column rule 96–503 pt between rows at 85 and 497), and one
end landing is enough. A reverse side's grid shows through under a table printed in ink,
whose rows are inked."""


def _positions(rules: list[RuleLine], same: float) -> list[float]:
    """Distinct positions of rules, those within ``same`` of each other counted once."""
    out: list[float] = []
    for pos in sorted(r.pos for r in rules):
        if not out or pos - out[-1] > same:
            out.append(pos)
    return out


_INKED_TABLE = 3


def _crossings(v: RuleLine, long_hs: list[RuleLine]) -> int:
    return sum(v.start < h.pos < v.end and h.start <= v.pos <= h.end for h in long_hs)


def _without_faint_specks(
    group: list[RuleLine], long_hs: list[RuleLine], same_x: float
) -> list[RuleLine]:
    """A table whose column rules are printed in ink (two or more crossing many rows)
    has no faint column rule a row or two long: such a piece is the reverse side showing
    through, or JPEG noise beside text, and would cut one row into an extra column. A
    short faint piece that an inked vertical continues at its x (a header rule over a
    column rule, part of it too light to binarise) is kept. Another faint piece does not
    vouch for it: a paragraph's glyph edges leave faint pieces every few points, and
    at one x they kept each other (seed 002 p23, a performance form's text cells)."""
    inked = [
        v
        for v in group
        if v.orientation == "v" and not v.faint and _crossings(v, long_hs) >= _MANY_ROWS
    ]
    if len(inked) < 2:
        return group
    vs = [r for r in group if r.orientation == "v"]
    return [
        r
        for r in group
        if r.orientation == "h"
        or not r.faint
        or _crossings(r, long_hs) >= _MANY_ROWS
        or any(o is not r and not o.faint and abs(o.pos - r.pos) <= same_x for o in vs)
    ]


def _without_streaks(
    group: list[RuleLine], long_hs: list[RuleLine], same: float, lines: Sequence[Line]
) -> list[RuleLine]:
    """A vertical that runs past the table's outermost horizontal rules by more than
    ``_STREAK_OVERHANG_PT``, at one x where no other vertical does, is a copier's streak
    down the sheet, not a column rule (a table without a top rule has all its verticals
    overhang alike, and keeps them). A streak broken into pieces (bench-v2 heavy p5:
    5–210, 217–230 and 238–840 pt at one x, through the 预算数 column's amounts) goes
    whole: its overhanging pieces, and the pieces between at its x that text stands across."""
    if len(long_hs) < 2:
        return group
    h_top = min(h.pos for h in long_hs)
    h_bottom = max(h.pos for h in long_hs)
    vs = [r for r in group if r.orientation == "v"]

    def overhangs(v: RuleLine) -> bool:
        return v.start < h_top - _STREAK_OVERHANG_PT or v.end > h_bottom + _STREAK_OVERHANG_PT

    streaks = [v for v in vs if overhangs(v)]
    at = _positions(streaks, same)
    if len(at) != 1 or len(_positions(vs, same)) < 3:
        return group
    x = sum(v.pos for v in streaks) / len(streaks)

    def streak_piece(r: RuleLine) -> bool:
        if r.orientation != "v" or abs(r.pos - x) > same:
            return False
        return overhangs(r) or lines_across(r, lines) > 0

    return [r for r in group if not streak_piece(r)]


def _without_slivers(
    group: list[RuleLine], lines: Sequence[Line] = (), same: float = 2.0
) -> list[RuleLine]:
    """Short vertical pieces just outside the table's outermost long verticals: what is
    left of a copier streak down the margin beside the frame (our medium scan of
    js-party-office-2017 p12: pieces 6 pt left of the frame, 22 and 68 pt long, which
    kept each other as one rule and cut a 6 pt column no text can fill, and row rules
    run on 13 pt into the streak's ink). A column that narrow holds nothing; a real rule
    outside the frame is as long as the frame. Horizontals are clipped to the frame.

    Short pieces just inside the frame with no text between them and it go too:
    augraphy's worn rules and low-ink strokes left three pieces 8-11 pt inside the right
    frame of a real continuation page (sh-putuo-government-office-2025 p19, 33-45 pt
    long), which kept each other as a rule, cut an empty column, and stopped the page
    joining the table it continues. A piece within ``same`` of the frame is a piece of the
    frame itself (a broken frame rule), never a sliver."""
    vs = [r for r in group if r.orientation == "v"]
    if not vs:
        return group
    height = max(r.end for r in vs) - min(r.start for r in vs)
    frame = [r.pos for r in vs if r.length >= height / 2]
    if len(frame) < 2:
        return group
    left, right = min(frame), max(frame)

    def holds_text(a: float, b: float) -> bool:
        return any(a < (x.bbox[0] + x.bbox[2]) / 2 < b for x in lines)

    def sliver(r: RuleLine) -> bool:
        if r.orientation != "v" or r.length >= height / 2:
            return False
        outside = left - _SLIVER_PT <= r.pos < left or right < r.pos <= right + _SLIVER_PT
        inside_left = left + same < r.pos <= left + _SLIVER_PT and not holds_text(left, r.pos)
        inside_right = right - _SLIVER_PT <= r.pos < right - same and not holds_text(r.pos, right)
        return outside or inside_left or inside_right

    def clipped(r: RuleLine) -> RuleLine:
        """A horizontal that runs on into the streak's ink ends at the frame."""
        if r.orientation != "h":
            return r
        start = left if left - _SLIVER_PT <= r.start < left else r.start
        end = right if right < r.end <= right + _SLIVER_PT else r.end
        return r if (start, end) == (r.start, r.end) else replace(r, start=start, end=end)

    return [clipped(r) for r in group if not sliver(r)]


_SLIVER_PT = 16.0
"""Narrower than any column that holds text (a code column of 类/款/项 is 35 pt wide; a
streak's ink ran 13 pt past the frame on js-party-office-2017 p12)."""
_STREAK_OVERHANG_PT = 30.0
"""Longer than a missing top rule's header row leaves a column rule standing above the
first horizontal (20-25 pt); the streak on a real medium scan ran 76 pt past it."""
_LANDING_PT = 1.0
"""A printed vertical ends inside the horizontal rule it meets (within its thickness);
a seal's rim only passes near one (2.5 and 3.1 pt off on a medium scan)."""
_MANY_ROWS = 4
"""A vertical crossing this many horizontal rules is a column rule (a seal is smaller)."""
_LONG_HRULE = 2.0
"""Horizontals at least this many opening kernels long are rules, not a seal's rim."""
