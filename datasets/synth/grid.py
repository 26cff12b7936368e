"""Which rules a table style draws: small pure functions from boxes to segments.

A cell draws its top edge and its left edge (the next row and column draw the others); a
table's part on one page then draws its frame. That order is the one synth-1.9 drew in,
so a 1.9 style gives the same drawing operations, in the same order, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from .canvas import BBox
from .table_style import TableStyle

Segment = tuple[float, float, float, float]
RuleStroke = tuple[Segment, float]  # a printed rule to draw: a segment and its stroke width
CUT_OVERSHOOT = 8.0  # points: the rules of a cut table run this far past the page edge
CMID_INSET = 2.0  # points: a booktabs rule under a header group stops short of its edges
SAME = 0.01  # points: two coordinates closer than this are the same


@dataclass(frozen=True)
class Extent:
    """Where a table's part on a page sits horizontally."""

    left: float  # the table's left edge
    right: float  # its right edge (the page edge when cut)
    rule_end: float  # where its horizontal rules end (past the page edge when cut)


def extent(x0: float, width: float, style: TableStyle, page_width: float) -> Extent:
    """A cut table ends at the page edge and its rules run on past it; any other table ends
    where its columns end."""
    if style.cut_right:
        right = min(x0 + width, page_width)
        return Extent(x0, right, right + CUT_OVERSHOOT)
    return Extent(x0, x0 + width, x0 + width)


def _h(ext: Extent, x0: float, x1: float, y: float) -> Segment:
    """A horizontal rule from x0 to x1, run on past the page edge at the table's right end."""
    runs_on = ext.rule_end != ext.right and abs(x1 - ext.right) < SAME
    return (x0, y, ext.rule_end if runs_on else x1, y)


def cell_rules(
    style: TableStyle,
    box: BBox,
    col: int,
    ext: Extent,
    region_top: float,
    header_group_bottom: bool,
) -> list[RuleStroke]:
    """The rules a cell draws: its top edge and its left edge, as the style has them.

    header_group_bottom: the cell is a spanning header cell above other header cells (booktabs
    draws a short rule under it).
    """
    x0, y0, x1, y1 = box
    inner = style.rule_width
    if style.grid == "booktabs":
        if header_group_bottom:
            return [((x0 + CMID_INSET, y1, x1 - CMID_INSET, y1), inner)]
        return []
    rules: list[RuleStroke] = []
    if style.frame or abs(y0 - region_top) >= SAME:
        rules.append((_h(ext, x0, x1, y0), inner))
    verticals = style.grid == "full" or (style.grid == "open_sides" and col > 0)
    if verticals and (col > 0 or style.frame):
        rules.append(((x0, y0, x0, y1), inner))
    return rules


def region_rules(
    style: TableStyle, ext: Extent, top: float, bottom: float, header_bottom: float | None
) -> list[RuleStroke]:
    """The frame of a table's part on one page (top, bottom, right, left, as 1.9 drew it);
    booktabs: top and bottom rules and the rule under the header."""
    outer = style.outer_width
    top_rule, bottom_rule = (
        (ext.left, top, ext.rule_end, top),
        (ext.left, bottom, ext.rule_end, bottom),
    )
    if style.grid == "booktabs":
        rules = [(top_rule, outer), (bottom_rule, outer)]
        if header_bottom is not None:
            rules.append(((ext.left, header_bottom, ext.rule_end, header_bottom), style.rule_width))
        return rules
    if not style.frame:
        return []
    rules = [(top_rule, outer), (bottom_rule, outer)]
    if style.grid == "full":
        if not style.cut_right:
            rules.append(((ext.right, top, ext.right, bottom), outer))
        rules.append(((ext.left, top, ext.left, bottom), outer))
    return rules


def zebra_row(body_index: int) -> bool:
    """Every second body row is shaded, the first one not."""
    return body_index % 2 == 1
