"""Cell grids from a born-digital page's vector rules (pure geometry after extraction).

Rules are the page's inked strokes: stroked lines, and filled rectangles thin enough to be
a drawn line (many generators paint rules as 0.5-1 pt black rectangles; a browser paints
every cell border so). Any colour short of near-white is ink: a word processor's default
table draws light-grey hairlines, and a scan shows them. White filled rectangles (cell
backgrounds) are ignored: they are not rules, and taking them as rules is what makes
generic table finders see spurious grids on these files. Rules that touch
form one table; their x/y positions, clustered, form the grid; a grid boundary with no
rule along it joins its two neighbours into one spanning cell.
"""

from __future__ import annotations

from dataclasses import dataclass

SNAP_TOL = 2.0  # pt: rule positions closer than this are the same grid line
JOIN_TOL = 2.5  # pt: a rule ending this close to another one touches it
MAX_RULE_THICKNESS = 2.5  # pt: a filled rectangle thinner than this is a drawn line
MIN_RULE_LENGTH = 4.0  # pt
MIN_COVERAGE = 0.6  # share of a cell edge a rule must cover to separate two cells
INK_MAX = 0.9  # mean RGB (0..1) at or below which a colour is ink (#bfbfbf is 0.75), not paper


@dataclass(frozen=True)
class Segment:
    """A horizontal (``pos`` = y, span in x) or vertical (``pos`` = x, span in y) rule."""

    horizontal: bool
    pos: float
    start: float
    end: float


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: tuple[float, float, float, float]


@dataclass(frozen=True)
class VectorGrid:
    """The cell grid a born-digital page's vector rules draw: the truth a real PDF gives,
    read from its drawing commands, not found on a raster as layout's ``CellGrid`` is."""

    xs: list[float]
    ys: list[float]
    cells: list[GridCell]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


def page_segments(page) -> list[Segment]:
    """Every dark rule on a PyMuPDF page as a horizontal or vertical segment, in the frame
    of the page as displayed (drawings of a ``/Rotate`` page come unrotated)."""
    turn = page.rotation_matrix
    segments: list[Segment] = []
    for path in page.get_drawings():
        stroke, fill = path.get("color"), path.get("fill")
        for item in path["items"]:
            if item[0] == "l" and _ink(stroke):
                segments += _line_segment(item[1] * turn, item[2] * turn)
            elif item[0] == "re":
                segments += _rect_segments(item[1] * turn, stroke, fill)
    return [s for s in segments if s.end - s.start >= MIN_RULE_LENGTH]


def _ink(colour) -> bool:
    return colour is not None and sum(colour) / max(len(colour), 1) <= INK_MAX


def _line_segment(p, q) -> list[Segment]:
    if abs(p.y - q.y) <= SNAP_TOL / 2:
        return [Segment(True, (p.y + q.y) / 2, min(p.x, q.x), max(p.x, q.x))]
    if abs(p.x - q.x) <= SNAP_TOL / 2:
        return [Segment(False, (p.x + q.x) / 2, min(p.y, q.y), max(p.y, q.y))]
    return []


def _rect_segments(r, stroke, fill) -> list[Segment]:
    if _ink(fill) and min(r.width, r.height) <= MAX_RULE_THICKNESS:
        if r.width >= r.height:
            return [Segment(True, (r.y0 + r.y1) / 2, r.x0, r.x1)]
        return [Segment(False, (r.x0 + r.x1) / 2, r.y0, r.y1)]
    if _ink(stroke):
        return [
            Segment(True, r.y0, r.x0, r.x1),
            Segment(True, r.y1, r.x0, r.x1),
            Segment(False, r.x0, r.y0, r.y1),
            Segment(False, r.x1, r.y0, r.y1),
        ]
    return []


def _touch(a: Segment, b: Segment) -> bool:
    if a.horizontal == b.horizontal:
        return (
            abs(a.pos - b.pos) <= JOIN_TOL
            and a.start <= b.end + JOIN_TOL
            and b.start <= a.end + JOIN_TOL
        )
    h, v = (a, b) if a.horizontal else (b, a)
    return (
        h.start - JOIN_TOL <= v.pos <= h.end + JOIN_TOL
        and v.start - JOIN_TOL <= h.pos <= v.end + JOIN_TOL
    )


def group_tables(segments: list[Segment]) -> list[list[Segment]]:
    """Connected groups of touching rules with at least 2 horizontal and 2 vertical."""
    parent = list(range(len(segments)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(segments):
        for j in range(i + 1, len(segments)):
            if _touch(a, segments[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Segment]] = {}
    for i, seg in enumerate(segments):
        groups.setdefault(find(i), []).append(seg)
    tables = [g for g in groups.values() if _count(g, True) >= 2 and _count(g, False) >= 2]
    return sorted(tables, key=lambda g: min(s.pos for s in g if s.horizontal))


def _count(group: list[Segment], horizontal: bool) -> int:
    return sum(1 for s in group if s.horizontal == horizontal)


def cluster_positions(values: list[float], tol: float = SNAP_TOL) -> list[float]:
    """Sorted centres of positions that lie within ``tol`` of their neighbour."""
    clusters: list[list[float]] = []
    for v in sorted(values):
        if clusters and v - clusters[-1][-1] <= tol:
            clusters[-1].append(v)
        else:
            clusters.append([v])
    return [sum(c) / len(c) for c in clusters]


def build_grid(group: list[Segment]) -> VectorGrid | None:
    """The cell grid of one group of rules, spans found from missing rules."""
    ys = cluster_positions([s.pos for s in group if s.horizontal])
    xs = cluster_positions([s.pos for s in group if not s.horizontal])
    if len(xs) < 2 or len(ys) < 2:
        return None
    nr, nc = len(ys) - 1, len(xs) - 1
    owner = [[r * nc + c for c in range(nc)] for r in range(nr)]
    _merge_open_edges(group, xs, ys, owner)
    return VectorGrid(xs, ys, _cells_from_owner(owner, xs, ys))


def _covered(group: list[Segment], horizontal: bool, pos: float, lo: float, hi: float) -> bool:
    """Do rules at ``pos`` cover at least MIN_COVERAGE of [lo, hi]?"""
    covered = 0.0
    for s in group:
        if s.horizontal == horizontal and abs(s.pos - pos) <= SNAP_TOL:
            covered += max(0.0, min(s.end, hi) - max(s.start, lo))
    return covered >= MIN_COVERAGE * (hi - lo)


def _merge_open_edges(group, xs, ys, owner) -> None:
    nr, nc = len(owner), len(owner[0])
    parent = {i: i for i in range(nr * nc)}

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not _covered(group, False, xs[c + 1], ys[r], ys[r + 1]):
                parent[find(r * nc + c + 1)] = find(r * nc + c)
            if r + 1 < nr and not _covered(group, True, ys[r + 1], xs[c], xs[c + 1]):
                parent[find((r + 1) * nc + c)] = find(r * nc + c)
    for r in range(nr):
        for c in range(nc):
            owner[r][c] = find(r * nc + c)


def _cells_from_owner(owner, xs, ys) -> list[GridCell]:
    spans: dict[int, list[int]] = {}
    for r, row in enumerate(owner):
        for c, key in enumerate(row):
            box = spans.setdefault(key, [r, c, r, c])
            box[0], box[1] = min(box[0], r), min(box[1], c)
            box[2], box[3] = max(box[2], r), max(box[3], c)
    cells = [
        GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
        for r0, c0, r1, c1 in spans.values()
    ]
    return sorted(cells, key=lambda g: (g.row, g.col))
