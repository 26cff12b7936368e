"""Bands of a table region: which text sits in a band, where the header ends, which
vertical strips the body leaves empty, where a column line goes in one, and whether text
stands across a line. Shared by the text-grid completion and the erased column finder."""

from __future__ import annotations

from collections.abc import Sequence

from .geometry import centre
from .header_columns import is_column_numbering
from .pieces import Piece, is_numeric_text


def centred_in(piece: Piece, x0: float, y0: float, x1: float, y1: float) -> bool:
    cx, cy = centre(piece.bbox)
    return x0 <= cx <= x1 and y0 <= cy <= y1


def first_body_y(ys: list[float], xs: list[float], pieces: Sequence[Piece]) -> float:
    """Top of the first band that holds an amount: everything above is header. A band
    numbering the columns (``栏次 1 2 3``) is header, though its numbers are numeric."""
    for top, bottom in zip(ys, ys[1:], strict=False):
        band = [p for p in pieces if centred_in(p, xs[0], top, xs[-1], bottom)]
        if any(is_numeric_text(p.text) for p in band) and not is_column_numbering(band):
            return top
    return ys[0]


def cut_in_gap(g0: float, g1: float, header: Sequence[Piece], min_gap: float) -> float:
    """The column line inside one empty body strip, where header text leaves most room.

    Header pieces reaching into the strip are clipped to it; the widest free stretch
    between them (and the strip's ends) gets the line in its middle. No free stretch:
    the strip's middle.
    """
    occupied = sorted(
        (max(g0, p.bbox[0]), min(g1, p.bbox[2]))
        for p in header
        if p.bbox[2] > g0 and p.bbox[0] < g1
    )
    clusters: list[list[float]] = [[g0, g0]]
    for a, b in occupied:
        if a <= clusters[-1][1] + min_gap / 2:
            clusters[-1][1] = max(clusters[-1][1], b)
        else:
            clusters.append([a, b])
    if clusters[-1][1] >= g1 - min_gap / 2:
        clusters[-1][1] = g1
    else:
        clusters.append([g1, g1])
    free = [(left[1], right[0]) for left, right in zip(clusters, clusters[1:], strict=False)]
    if not free:
        return (g0 + g1) / 2
    a, b = max(free, key=lambda f: f[1] - f[0])
    return (a + b) / 2


def empty_strips(
    left: float, right: float, body: Sequence[Piece], min_gap: float
) -> list[tuple[float, float]]:
    """The vertical strips inside ``[left, right]``, at least ``min_gap`` wide, that no
    body piece crosses, between pieces (not at the edges)."""
    spans = sorted((max(left, p.bbox[0]), min(right, p.bbox[2])) for p in body)
    gaps, cursor = [], None
    for a, b in spans:
        if cursor is not None and a - cursor >= min_gap:
            gaps.append((cursor, a))
        cursor = b if cursor is None else max(cursor, b)
    return gaps


MAX_WIDTH_PER_CHAR = 4.0
"""A piece boxed wider than this many times the body's median width per character was
boxed by something besides its ink (a copier streak or a seal glued to the line, seed
002 p10: ``33.52`` boxed over 132 pt where its digits take 25): its box shows no gap."""


def boxed_as_printed(pieces: Sequence[Piece]) -> list[Piece]:
    """``pieces`` without those whose box is far wider than their characters."""

    def per_char(piece: Piece) -> float:
        return (piece.bbox[2] - piece.bbox[0]) / max(1, len(piece.text.replace(" ", "")))

    if not pieces:
        return []
    widths = sorted(per_char(p) for p in pieces)
    typical = widths[len(widths) // 2]
    return [p for p in pieces if per_char(p) <= MAX_WIDTH_PER_CHAR * typical]


def stands_across(pieces: Sequence[Piece], x: float, half: float) -> bool:
    """Whether a piece reaches more than ``half`` past ``x`` on both sides."""
    return any(p.bbox[0] < x - half and p.bbox[2] > x + half for p in pieces)
