"""The HTML report of an evaluation run (figures, plots, worst pages with overlays)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from fiscalocr.model import FiscalOcrError

from ..items import EvalItem
from ..metrics import Metrics
from ..scoring import score_document
from . import html, plots
from .overlay import draw_overlay
from .pages import page_findings, worst_pages

WORST_PAGES = 12

PageImages = Callable[[str, int], "np.ndarray | None"]

log = logging.getLogger(__name__)


def _page_image(page_images: PageImages | None, name: str, page_no: int) -> np.ndarray | None:
    """The app's raster of the page; a page that cannot be read gets the blank canvas."""
    if page_images is None:
        return None
    try:
        return page_images(name, page_no)
    except (FiscalOcrError, OSError, ValueError) as error:
        log.warning("report: no image of %s page %d (%s)", name, page_no, error)
        return None


def write_html_report(
    metrics: Metrics,
    items: Sequence[EvalItem],
    out_dir: Path,
    page_images: PageImages | None = None,
    worst: int = WORST_PAGES,
) -> Path:
    """Write ``index.html`` with its plots, page pictures and a copy of the metrics
    (``metrics.json``) into ``out_dir``; return the index's path.

    ``page_images(name, page_no)`` gives the rasterised page (1-based page number), or
    None; without it, boxes are drawn on a blank canvas of the page's size.
    """
    out_dir = Path(out_dir)
    (out_dir / "pages").mkdir(parents=True, exist_ok=True)
    figures = [
        plots.accuracy_by_level(metrics, out_dir / "accuracy_by_level.png"),
        plots.time_per_stage(metrics, out_dir / "time_per_stage.png"),
    ]
    findings = [
        f
        for item in items
        for f in page_findings(item, score_document(item.predicted, item.truth, with_teds=False))
    ]
    sections = []
    for rank, page in enumerate(worst_pages(findings, worst), 1):
        image = _page_image(page_images, page.item.name, page.page.page)
        name = f"pages/{rank:02d}-{html.slug(page.item.name)}-p{page.page.page}.png"
        draw_overlay(page, image).save(out_dir / name)
        sections.append(html.page_section(page, name))
    (out_dir / "metrics.json").write_text(metrics.model_dump_json(indent=1), encoding="utf-8")
    index = out_dir / "index.html"
    index.write_text(
        html.render(
            metrics,
            [p.name for p in figures if p is not None],
            sections,
            html.losses_table([c for f in findings for c in f.cells]),
        ),
        encoding="utf-8",
    )
    return index
