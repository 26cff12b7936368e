"""Pie charts of spending structure, as explanation sections often carry (结构图).

A chart is graphics plus a legend; the legend's lines are ground truth like any text,
and the chart is recorded as an `other` block so layout stages learn it is not a table.
"""

from __future__ import annotations

import random

from .amounts import percent
from .canvas import SectorOp
from .fonts import text_width
from .layout import Flow

PALETTE = [
    (0.27, 0.45, 0.77),
    (0.93, 0.49, 0.19),
    (0.65, 0.65, 0.65),
    (1.0, 0.75, 0.0),
    (0.36, 0.61, 0.84),
    (0.44, 0.68, 0.28),
    (0.15, 0.27, 0.47),
    (0.62, 0.28, 0.09),
]


def pie(flow: Flow, rng: random.Random, title: str, parts: list[tuple[str, int]]) -> None:
    """A titled pie chart with a legend giving each part's share of the whole."""
    parts = [(name, cents) for name, cents in parts if cents > 0]
    whole = sum(c for _, c in parts)
    if whole <= 0 or len(parts) < 2:
        return
    radius = rng.uniform(55, 80)
    size = flow.style.body_size - 1.5
    height = max(2 * radius, len(parts) * size * 1.8) + size * 4
    flow.ensure(height)
    top = flow.y
    flow.line_of_text(title, flow.style.body_size, align="c", bold=True, block="other", gap=2.0)
    cx, cy = flow.left + (flow.right - flow.left) * 0.3, flow.y + radius
    angle = rng.uniform(-90, 0)
    for i, (_, cents) in enumerate(parts):
        sweep = 360.0 * cents / whole
        flow.canvas.sector(
            flow.index, SectorOp(cx, cy, radius, angle, sweep, PALETTE[i % len(PALETTE)])
        )
        angle += sweep
    x = cx + radius + 40
    y = cy - len(parts) * size * 0.9
    for i, (name, cents) in enumerate(parts):
        flow.canvas.fill(
            flow.index, (x, y + size * 0.1, x + size, y + size * 1.1), PALETTE[i % len(PALETTE)]
        )
        text = f"{name} {percent(cents, whole)}%"
        box = flow.text(x + size * 1.6, y + size, text, flow.style.body_face, size)
        flow.block("other", text, box)
        y += size * 1.8
    bottom = max(cy + radius, y) + size
    legend_right = (
        x
        + size * 1.6
        + max(text_width(flow.style.body_face, f"{n} 100.00%", size) for n, _ in parts)
    )
    flow.block("other", title, (cx - radius, top, min(flow.right, legend_right), bottom))
    flow.y = bottom + size
