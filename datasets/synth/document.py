"""Assembly of one synthetic disclosure: books → tables → pages → PDF + ground truth.

Versions: `synth-1.9` draws every table in the document's one style (bench-v1 pins it, bit
for bit). `synth-2.0` (the default) draws the very same books, tables and text (the main
random stream is consumed exactly as in 1.9) and adds, from a stream of its own, a style
per table (`table_style`), a wide revenue table in some documents (`tables_wide`) and A3
pages for it; `style_overrides` forces any of these (see `table_style.StyleOverrides`).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fiscalocr.model import Document, DocumentFacts, Source, Table

from . import narrative, pages
from .amounts import draw_style as draw_amount_style
from .books import draw_books
from .canvas import Canvas
from .layout import A3_LANDSCAPE, LANDSCAPE, PORTRAIT, Flow, draw_style
from .names import draw_department
from .plan import plan_tables
from .render import render_table
from .table_style import StyleOverrides, TableStyler
from .tables_wide import WIDE_COLS, widen

GENERATOR_VERSION = "synth-2.0"
VERSIONS = ("synth-1.9", "synth-2.0")
Kind = Literal["budget", "final_account"]


@dataclass(frozen=True)
class SynthDocument:
    """A clean born-digital PDF and its exact ground truth."""

    name: str
    pdf: bytes
    truth: Document


def generate_document(
    seed: int,
    kind: Kind | None = None,
    version: str = GENERATOR_VERSION,
    style_overrides: StyleOverrides | None = None,
) -> SynthDocument:
    """Generate one document; the same (seed, kind, version, overrides) always gives the
    same bytes (on a machine with the same fonts installed)."""
    if version not in VERSIONS:
        raise ValueError(f"unknown generator version {version!r}; choose from {VERSIONS}")
    if style_overrides is not None and version == "synth-1.9":
        raise ValueError("synth-1.9 has one style per document: it takes no style overrides")
    rng = random.Random(seed)
    drawn: Kind = rng.choice(["budget", "final_account"])  # always drawn: same stream either way
    kind = kind or drawn
    year = rng.randint(2015, 2026)
    dept = draw_department(rng)
    books = draw_books(rng, kind, year, dept, draw_amount_style(rng))
    base_specs = plan_tables(rng, books)
    style = draw_style(rng)
    styler = TableStyler(seed, overrides=style_overrides) if version != "synth-1.9" else None
    specs, wide_size = list(base_specs), LANDSCAPE
    if styler is not None:
        n_cols = styler.wide_cols(WIDE_COLS[kind])
        at = next(i for i, spec in enumerate(specs) if spec.type == "revenue")
        if n_cols:
            specs[at] = widen(styler.rng, books, specs[at], n_cols)
            wide_size = A3_LANDSCAPE if styler.wide_on_a3() else LANDSCAPE
    canvas = Canvas()
    flow = Flow(canvas, style)
    doc_word = "部门预算" if kind == "budget" else "部门决算"
    pages.cover(flow, rng, dept.name, year, doc_word)
    contents_page = pages.reserve_contents(flow)
    toc: list[tuple[int, str, int]] = []  # (level, text, page index)
    toc.append((0, "第一部分 概况", flow.index + 1))
    pages.overview(flow, rng, books)
    toc.append(
        (0, f"第二部分 {year}年{doc_word}{'报表' if kind == 'budget' else '表'}", flow.index + 1)
    )
    tables: list[Table] = []
    for i, (base, spec) in enumerate(zip(base_specs, specs, strict=True)):
        odds = landscape_odds(base.n_cols)
        landscape = base.landscape if base.landscape is not None else rng.random() < odds
        same_page = (
            i > 0 and rng.random() < 0.2 and (flow.page.width > flow.page.height) == landscape
        )
        if styler is not None:
            landscape = landscape or spec.wide
            flow.landscape_size = wide_size if spec.wide else style.landscape_size
            wanted = flow.landscape_size if landscape else PORTRAIT
            same_page = same_page and (flow.page.width, flow.page.height) == wanted
        if not same_page:
            flow.new_page("tables", landscape)
        if i == 0:
            part_heading(flow, toc[-1][1])
        toc.append((1, spec.title, flow.index))
        table_id = f"t{i + 1}"
        table_style = styler.for_table(table_id, spec.type, spec.repeat_header) if styler else None
        tables.append(render_table(flow, spec, table_id, rng, table_style))
    flow.landscape_size = style.landscape_size
    explanation_title = "第三部分 " + (
        "情况说明" if kind == "final_account" else f"{year}年度{doc_word}情况说明"
    )
    flow.new_page("explanation")
    toc.append((0, explanation_title, flow.index))
    part_heading(flow, explanation_title)
    for heading in narrative.explanation(flow, rng, books):
        toc.append((1, heading, flow.index))
    flow.new_page("glossary")
    toc.append((0, "第四部分 名词解释", flow.index))
    part_heading(flow, "第四部分 名词解释")
    pages.glossary(flow, rng, kind)
    style_for = styler.for_table if styler is not None else None
    appendix = pages.appendix(flow, rng, books, len(tables), style_for)
    if appendix:
        toc.append((0, "第五部分 附件", appendix[0].pages[0] - 1))
        tables += appendix
    if rng.random() < 0.3:
        pages.back_page(flow, rng, books)
    first_numbered = 2
    pages.contents(
        flow, contents_page, [(lvl, text, idx - first_numbered + 1) for lvl, text, idx in toc]
    )
    flow.page_numbers(first_numbered, rng)
    name = f"synth-{seed}-{'budget' if kind == 'budget' else 'final'}"
    pdf = canvas.to_pdf(title=f"{dept.name}{year}年度{doc_word}公开", subject=version)
    truth = Document(
        source=Source(
            file=f"{name}.pdf",
            sha256=hashlib.sha256(pdf).hexdigest(),
            page_count=len(flow.pages),
            size_bytes=len(pdf),
        ),
        document=DocumentFacts(kind=kind, department=dept.name, year=year, kind_conf=1.0),
        pages=flow.pages,
        tables=tables,
        generator=version,
    )
    return SynthDocument(name=name, pdf=pdf, truth=truth)


def landscape_odds(n_cols: int) -> float:
    """Wide tables are usually printed landscape, though some are squeezed into portrait."""
    return 0.85 if n_cols >= 9 else 0.6 if n_cols >= 7 else 0.15


def part_heading(flow: Flow, text: str) -> None:
    flow.line_of_text(
        text,
        flow.style.body_size + 5,
        face=flow.style.title_face,
        align="c",
        bold=True,
        block="heading",
        gap=2.4,
    )


def generate_corpus(
    n_docs: int, seed: int, out_dir: Path, version: str = GENERATOR_VERSION
) -> list[Path]:
    """Write n documents (kinds alternating) as `<name>.pdf` + `<name>.gt.json`; returns the PDFs.

    Document i uses seed `seed * 100_003 + i`, so corpora with different seeds do not share
    documents and any single document can be regenerated on its own.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n_docs):
        kind: Kind = "budget" if i % 2 == 0 else "final_account"
        doc = generate_document(seed * 100_003 + i, kind, version)
        pdf_path = out_dir / f"{doc.name}.pdf"
        pdf_path.write_bytes(doc.pdf)
        (out_dir / f"{doc.name}.gt.json").write_text(doc.truth.to_json(), encoding="utf-8")
        paths.append(pdf_path)
    return paths
