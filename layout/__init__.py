"""The layout stage: table grids with spans, text in cells, page blocks, tables joined
across pages.

Public API (what the app calls): :class:`LayoutOptions`, :func:`analyse_page`,
:func:`join_tables`, :func:`draw_debug`; for inspection :func:`find_layout` returns every
intermediate structure (rules, grids, placed text) of a page.
"""

from .analyse import PageLayout, analyse_page, find_layout
from .debug import draw_debug
from .geometry import RuleLine
from .grid import CellGrid, GridCell
from .join import join_tables
from .options import LayoutOptions
from .unplaced import unread_cell_warnings

__all__ = [
    "CellGrid",
    "GridCell",
    "LayoutOptions",
    "PageLayout",
    "RuleLine",
    "analyse_page",
    "draw_debug",
    "find_layout",
    "join_tables",
    "unread_cell_warnings",
]
