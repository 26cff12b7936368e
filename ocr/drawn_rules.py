"""A born-digital page's table rules, read from its drawing commands.

On a text-layer page the rules are drawn as vector paths, exactly. Finding them again on
a 200 dpi render (ink threshold, faint-rule ridges, glyph strokes, seal rings) made
layout take 0.75 s a page, over seven times the text-layer reading itself (cProfile,
one 23-page file), and could still miss a light-grey hairline or take a glyph stroke
for a rule. Read from the paths, a whole page converts in about 40 ms (26 pages a
second on the 18 real PDFs, ``benchmarks/text_layer_speed.py``).

Only pages that carry no large image are read this way: a scan with a text layer (or a
table pasted in as a picture) has its rules in pixels, and its layout must look there.
"""

from __future__ import annotations

from typing import Any

from fiscalocr.model import DrawnRule

from .raster import image_share

MAX_IMAGE_SHARE = 0.10
"""Pages whose images cover more than this share of the page keep the raster path: a
logo or a seal picture covers 1-5 % of an A4 page, a pasted table or a scan far more."""

MAX_RULE_THICKNESS_PT = 2.0
"""A filled rectangle thinner than this is a rule drawn as a bar (office suites draw cell
borders so); anything thicker is a fill (zebra shading, a header background)."""

MIN_RULE_LENGTH_PT = 2.0
"""Shorter paths are glyph parts or dots, never a table rule."""

MAX_RULE_BRIGHTNESS = 0.9
"""Mean of a path's RGB colour (0 black, 1 white) above which it is a background or an
invisible white rule, not a printed one. Light-grey hairlines (0.75-0.85) stay rules."""

STRAIGHT_TOL_PT = 0.5
"""A line whose ends differ by less than this across its direction is straight."""


def drawn_rules(page: Any) -> list[DrawnRule] | None:
    """The page's straight dark rules in displayed points, or None when the page carries
    images over ``MAX_IMAGE_SHARE`` of its area (its rules must be found on the raster)."""
    if image_share(page) > MAX_IMAGE_SHARE:
        return None
    turn = page.rotation_matrix  # drawings come in the unrotated frame, text as displayed
    rules: list[DrawnRule] = []
    for path in page.get_drawings():
        stroke, fill = path.get("color"), path.get("fill")
        width = path.get("width") or 1.0
        for item in path["items"]:
            if item[0] == "l" and _dark(stroke):
                rules += _line_rule(item[1] * turn, item[2] * turn, width)
            elif item[0] == "re":
                rules += _rect_rules(item[1] * turn, stroke, fill, width)
    return [r for r in rules if r.end - r.start >= MIN_RULE_LENGTH_PT]


def _dark(colour: Any) -> bool:
    return bool(colour) and sum(colour) / len(colour) <= MAX_RULE_BRIGHTNESS


def _line_rule(p: Any, q: Any, width: float) -> list[DrawnRule]:
    if abs(p.y - q.y) <= STRAIGHT_TOL_PT:
        return [DrawnRule("h", (p.y + q.y) / 2, min(p.x, q.x), max(p.x, q.x), width)]
    if abs(p.x - q.x) <= STRAIGHT_TOL_PT:
        return [DrawnRule("v", (p.x + q.x) / 2, min(p.y, q.y), max(p.y, q.y), width)]
    return []


def _rect_rules(r: Any, stroke: Any, fill: Any, width: float) -> list[DrawnRule]:
    r = r.normalize()  # a turned rectangle may come with its corners swapped
    if _dark(fill) and min(r.width, r.height) <= MAX_RULE_THICKNESS_PT:
        if r.width >= r.height:
            return [DrawnRule("h", (r.y0 + r.y1) / 2, r.x0, r.x1, r.height)]
        return [DrawnRule("v", (r.x0 + r.x1) / 2, r.y0, r.y1, r.width)]
    if _dark(stroke):
        return [
            DrawnRule("h", r.y0, r.x0, r.x1, width),
            DrawnRule("h", r.y1, r.x0, r.x1, width),
            DrawnRule("v", r.x0, r.y0, r.y1, width),
            DrawnRule("v", r.x1, r.y0, r.y1, width),
        ]
    return []
