"""Does printed text stand across a rule? A column rule separates text; a rule that runs
through the middle of text lines is not part of this table's grid.

A reverse side showing through, a copier streak or a seal's rim is drawn over the text,
so text lines straddle it; a table's own rules, even faded to grey, run in the gaps
between cells. Pure geometry on OCR line boxes (PDF points).
"""

from __future__ import annotations

from collections.abc import Sequence

from fiscalocr.model import Line

from .geometry import RuleLine

STRADDLE_PT = 3.0
"""How far a line must reach past the rule on both sides to stand across it: more than a
glyph's side bearing beside a rule (a cell's text touching its column rule, 1–2 pt on a
150 dpi scan), less than half a CJK glyph (5 pt at 10 pt type)."""


def lines_across(rule: RuleLine, lines: Sequence[Line], straddle: float = STRADDLE_PT) -> int:
    """How many text lines stand across ``rule`` within its extent."""
    count = 0
    for line in lines:
        x0, y0, x1, y1 = line.bbox
        if rule.orientation == "v":
            across = x0 < rule.pos - straddle and x1 > rule.pos + straddle
            within = rule.start < (y0 + y1) / 2 < rule.end
        else:
            across = y0 < rule.pos - straddle and y1 > rule.pos + straddle
            within = rule.start < (x0 + x1) / 2 < rule.end
        count += across and within
    return count
