"""Group rules into table regions: one region per table on the page.

Ruled tables are the rules that meet each other. Tables with horizontal rules only
(三线表, or a rule under every row) have nothing to meet, so stacked horizontals that
overlap are grouped unless a title-like line (…表, 单位：…) sits between them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fiscalocr.model import Line

from .geometry import RuleLine, interval_overlap, union_bbox
from .options import DEFAULT_OPTIONS, LayoutOptions
from .rules import touches

_TITLE_LIKE = re.compile(r"(表|单位[:：]|部门[:：]|公开\d+表)")
_MIN_HRULE_OVERLAP = 0.7


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def _title_between(lines: Sequence[Line], upper: RuleLine, lower: RuleLine) -> bool:
    """A title or unit line between two horizontals means two tables, not one."""
    for line in lines:
        cy = (line.bbox[1] + line.bbox[3]) / 2
        if upper.pos < cy < lower.pos and _TITLE_LIKE.search(line.text):
            lo, hi = min(upper.start, lower.start), max(upper.end, lower.end)
            if interval_overlap(line.bbox[0], line.bbox[2], lo, hi) > 0:
                return True
    return False


def _horizontal_lines(rules: list[RuleLine], options: LayoutOptions) -> list[list[int]]:
    """Indices of horizontal rules grouped per printed line (fragments of one faded or
    broken rule share a line), top to bottom."""
    hs = sorted(
        (i for i, r in enumerate(rules) if r.orientation == "h"), key=lambda i: rules[i].pos
    )
    lines: list[list[int]] = []
    for i in hs:
        if lines and rules[i].pos - rules[lines[-1][-1]].pos <= options.snap_pt:
            lines[-1].append(i)
        else:
            lines.append([i])
    return lines


def _table_text_between(lines: Sequence[Line], upper: RuleLine, lower: RuleLine) -> bool:
    """Whether the band between two horizontals holds table text: a row of two or more
    pieces side by side. A page number or a lone remark under a table does not, so a
    scanner's edge line below the table is not joined to it."""
    inside = [
        line
        for line in lines
        if upper.pos < (line.bbox[1] + line.bbox[3]) / 2 < lower.pos
        and interval_overlap(line.bbox[0], line.bbox[2], upper.start, upper.end) > 0
    ]
    for a in inside:
        for b in inside:
            same_row = interval_overlap(a.bbox[1], a.bbox[3], b.bbox[1], b.bbox[3]) > 0
            if same_row and a.bbox[2] < b.bbox[0]:
                return True
    return False


def _link_horizontal_stacks(
    rules: list[RuleLine], uf: _UnionFind, lines: Sequence[Line], options: LayoutOptions
) -> None:
    """Join stacked horizontal lines that overlap and have no title between them; far
    apart (a 三线表's header rule and bottom rule) only with table text between them."""
    stacks = []
    for group in _horizontal_lines(rules, options):
        start, end = min(rules[i].start for i in group), max(rules[i].end for i in group)
        if end - start >= options.min_table_width_pt:
            stacks.append((group, RuleLine("h", rules[group[0]].pos, start, end)))
    for (group_a, upper), (group_b, lower) in zip(stacks, stacks[1:], strict=False):
        overlap = interval_overlap(upper.start, upper.end, lower.start, lower.end)
        if overlap < _MIN_HRULE_OVERLAP * min(upper.length, lower.length):
            continue
        if _title_between(lines, upper, lower):
            continue
        far = lower.pos - upper.pos > options.max_hrule_table_gap_pt
        if far and not _table_text_between(lines, upper, lower):
            continue
        for i in group_a + group_b:
            uf.union(i, group_a[0])


def group_regions(
    rules: list[RuleLine], lines: Sequence[Line], options: LayoutOptions = DEFAULT_OPTIONS
) -> list[list[RuleLine]]:
    """Rules grouped per table, top to bottom; groups too small to be tables dropped."""
    uf = _UnionFind(len(rules))
    for i, a in enumerate(rules):
        for j in range(i + 1, len(rules)):
            b = rules[j]
            if a.orientation != b.orientation:
                h, v = (a, b) if a.orientation == "h" else (b, a)
                if touches(h, v, options.join_pt):
                    uf.union(i, j)
    _link_horizontal_stacks(rules, uf, lines, options)
    groups: dict[int, list[RuleLine]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(uf.find(i), []).append(rule)
    tables = [
        g
        for g in groups.values()
        if _is_table(g, options) and (_framed(g, options) or _holds_table_text(g, lines))
    ]
    return sorted(tables, key=lambda g: (region_bbox(g)[1], region_bbox(g)[0]))


def _is_table(group: list[RuleLine], options: LayoutOptions) -> bool:
    """Two long horizontals; or one crossed by a column rule (a frame with no outer
    border round two rows: a continuation's last lines). Such a cross must also hold
    table text (see ``group_regions``)."""
    box = region_bbox(group)
    if box[2] - box[0] < options.min_table_width_pt or box[3] - box[1] <= options.snap_pt:
        return False
    long_h = [r for r in group if r.orientation == "h" and r.length >= options.min_table_width_pt]
    if len(long_h) >= 2:
        return True
    band = options.min_band_pt
    return len(long_h) == 1 and (
        sum(
            1
            for v in group
            if v.orientation == "v"
            and v.start < long_h[0].pos - band < long_h[0].pos + band < v.end
        )
        >= 1
    )


def _framed(group: Sequence[RuleLine], options: LayoutOptions) -> bool:
    """Printed (not only faint) rules, two of them long horizontals."""
    return not all(r.faint for r in group) and (
        sum(1 for r in group if r.orientation == "h" and r.length >= options.min_table_width_pt)
        >= 2
    )


def _holds_table_text(group: Sequence[RuleLine], lines: Sequence[Line]) -> bool:
    """Rules too faint for the ink threshold make a table only round table text (the
    reverse side's grid showing through, or a shaded form, has none of its own)."""
    x0, y0, x1, y1 = region_bbox(group)
    return _table_text_between(lines, RuleLine("h", y0, x0, x1), RuleLine("h", y1, x0, x1))


def region_bbox(group: Sequence[RuleLine]) -> tuple[float, float, float, float]:
    boxes = []
    for r in group:
        if r.orientation == "h":
            boxes.append((r.start, r.pos, r.end, r.pos))
        else:
            boxes.append((r.pos, r.start, r.pos, r.end))
    return union_bbox(boxes)


_PROSE_OVERHANG_PT = 12.0


def is_underlined_prose(group: Sequence[RuleLine], lines: Sequence[Line]) -> bool:
    """Horizontal-only "tables" made of the underlines of fill-in blanks in narrative
    text (…合计 __17996.68__ 万元): the text runs on past the rules' ends, which a
    table's text never does."""
    if any(r.orientation == "v" for r in group):
        return False
    x0, y0, x1, y1 = region_bbox(group)
    for line in lines:
        cy = (line.bbox[1] + line.bbox[3]) / 2
        inside = y0 < cy < y1 and interval_overlap(line.bbox[0], line.bbox[2], x0, x1) > 0
        if inside and (
            line.bbox[0] < x0 - _PROSE_OVERHANG_PT or line.bbox[2] > x1 + _PROSE_OVERHANG_PT
        ):
            return True
    return False
