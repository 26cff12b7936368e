"""Labels for what the pipeline read, taken from the truth it should have read.

Training pairs a predicted document (noisy OCR, tables as layout found them) with its
truth. Pages pair by number. A predicted table takes the type of the truth table it
overlaps most on a shared page; one that overlaps none is something that is not a
statutory table, hence ``other``.
"""

from __future__ import annotations

from fiscalocr.model import Document, Table
from fiscalocr.model.geometry import iou

from .text import box_overlap_share, table_boxes_on_page

# A predicted box matches a truth box above this IoU, or when this share of it lies inside.
MATCH_IOU = 0.3
MATCH_CONTAINED = 0.7


def _pages_of(table: Table) -> set[int]:
    return set(table.pages) | {r.page for r in table.regions} | {c.page for c in table.cells}


def table_match_score(pred: Table, truth: Table) -> float:
    """Best overlap of any part of ``pred`` with ``truth`` on a page they share."""
    best = 0.0
    for page in _pages_of(pred) & _pages_of(truth):
        for a in table_boxes_on_page(pred, page):
            for b in table_boxes_on_page(truth, page):
                overlap = iou(a, b)
                if overlap >= MATCH_IOU or box_overlap_share(a, b) >= MATCH_CONTAINED:
                    best = max(best, overlap, box_overlap_share(a, b))
    return best


def table_labels(pred: Document, truth: Document) -> list[str]:
    """The truth type of each predicted table (``other`` when it matches none)."""
    labels = []
    for table in pred.tables:
        scored = [(table_match_score(table, t), t.type) for t in truth.tables]
        best = max(scored, default=(0.0, "other"))
        labels.append(best[1] if best[0] > 0 else "other")
    return labels


def page_labels(pred: Document, truth: Document) -> list[str | None]:
    """The truth section of each predicted page (None when truth lacks that page)."""
    sections = {p.page: p.section for p in truth.pages}
    return [sections.get(p.page) for p in pred.pages]
