"""Render one seed in one style to a born-digital PDF, derive its truth, check the truth.

The truth is the text-layer truth of :func:`fiscalocr.datasets.realpdf.derive_ground_truth`
(the builder the real PDFs use), checked against the parsed seed by :mod:`.check`; a
render whose glyphs run off the page (a table too wide) is refused, as clipped text would
be truth that no scan shows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from fiscalocr.model import Document

from .check import TruthCheck, check_truth
from .chromium import print_to_pdf
from .html import document_html
from .parse import parse_seed
from .styles import STYLES

SEED_RENDER_VERSION = "seedrender-1.0"  # bump when the parser, the HTML or the styles change
PAGE_EDGE_TOL_PT = 0.5  # a glyph box may touch the page edge by this much (rounding)


@dataclass(frozen=True)
class RenderedSeed:
    name: str  # <seed stem>-<style>
    pdf: Path
    truth: Document
    check: TruthCheck
    off_page: list[int]  # pages with a glyph outside the page


def render_name(seed_path: Path, style: str) -> str:
    return f"{seed_path.stem}-{style}"


def render_seed(seed_path: str | Path, style: str, out_dir: str | Path) -> RenderedSeed:
    """Write ``<name>.html``, ``<name>.pdf``, ``<name>.gt.json`` and ``<name>.check.json``
    into ``out_dir``. The PDF is reprinted only when the HTML changed."""
    from fiscalocr.datasets.realpdf import derive_ground_truth

    seed_path, out = Path(seed_path), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    seed = parse_seed(seed_path)
    name = render_name(seed_path, style)
    html = document_html(seed, STYLES[style])
    html_path, pdf_path = out / f"{name}.html", out / f"{name}.pdf"
    if not pdf_path.is_file() or not html_path.is_file() or html_path.read_text("utf-8") != html:
        html_path.write_text(html, encoding="utf-8")
        print_to_pdf(html_path, pdf_path)
    truth = derive_ground_truth(pdf_path)
    check = check_truth(seed, truth)
    off_page = pages_with_glyphs_off_page(pdf_path)
    (out / f"{name}.gt.json").write_text(truth.to_json(), encoding="utf-8")
    (out / f"{name}.check.json").write_text(
        json.dumps(check_report(check, off_page), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return RenderedSeed(name, pdf_path, truth, check, off_page)


def pages_with_glyphs_off_page(pdf_path: str | Path) -> list[int]:
    """1-based pages on which some character's box leaves the page (clipped text)."""
    import pymupdf

    bad = []
    with pymupdf.open(pdf_path) as doc:
        for number, page in enumerate(doc, start=1):
            area = page.rect + (
                -PAGE_EDGE_TOL_PT,
                -PAGE_EDGE_TOL_PT,
                PAGE_EDGE_TOL_PT,
                PAGE_EDGE_TOL_PT,
            )
            for block in page.get_text("rawdict")["blocks"]:
                chars = (
                    ch
                    for line in block.get("lines", [])
                    for span in line["spans"]
                    for ch in span["chars"]
                )
                if any(
                    ch["c"].strip() and not area.contains(pymupdf.Rect(ch["bbox"])) for ch in chars
                ):
                    bad.append(number)
                    break
    return bad


def check_report(check: TruthCheck, off_page: list[int]) -> dict:
    """The check as JSON: per table found/type/shape/amounts and the first wrong cells."""
    return {
        "exact": check.exact and not off_page,
        "summary": check.summary(),
        "off_page": off_page,
        "facts": list(check.facts),
        "facts_expected": list(check.facts_expected),
        "extra_tables": check.extra_tables,
        "tables": [
            {
                "title": t.title,
                "found": t.found,
                "type": t.type,
                "shape_seed": list(t.shape_seed),
                "shape_truth": list(t.shape_truth),
                "amounts": t.amounts,
                "amounts_right": t.amounts_right,
                "cells_wrong": t.cells_wrong[:10],
            }
            for t in check.tables
        ],
    }
