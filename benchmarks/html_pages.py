"""The ``--format html`` page of a long scanned document: its size and the time to write it.

Makes an image-only PDF of ``--pages`` A4 pages (a 200 dpi grey JPEG of a table page with
30 rows, as a scanner writes one) and a synthetic Document holding one 30 x 5 table per
page with a few flagged cells, so no OCR runs; then writes the html page and prints its
size, the share that is page images, and the wall and CPU time of the write; then the
review server's page of the same document (images fetched one by one, not embedded): its
size and the time to render it.

    .venv/bin/python benchmarks/html_pages.py [--pages 300] [--keep DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

SCAN_DPI = 200
ROWS, COLS = 30, 5
TOP, ROW_H = 90.0, 22.0
XS = [40.0, 250.0, 330.0, 410.0, 490.0, 560.0]


def scan_page_jpeg() -> bytes:
    """One page of a disclosure table, rastered grey at 200 dpi and JPEG-compressed."""
    import pymupdf

    drawn = pymupdf.open()
    page = drawn.new_page(width=595, height=842)
    page.insert_text((150, 60), "2024年部门支出预算表", fontname="china-s", fontsize=16)
    for r in range(ROWS + 1):
        page.draw_line((XS[0], TOP + r * ROW_H), (XS[-1], TOP + r * ROW_H), width=0.6)
    for x in XS:
        page.draw_line((x, TOP), (x, TOP + ROWS * ROW_H), width=0.6)
    for r in range(ROWS):
        y = TOP + r * ROW_H + 15
        page.insert_text((XS[0] + 4, y), f"项目支出第{r + 1}项", fontname="china-s", fontsize=10)
        for c in range(1, COLS):
            page.insert_text((XS[c] + 8, y), f"{(r + 1) * c * 37.25:,.2f}", fontsize=9)
    pix = page.get_pixmap(dpi=SCAN_DPI, colorspace=pymupdf.csGRAY)
    return pix.tobytes("jpg", jpg_quality=70)


def scanned_pdf(path: Path, pages: int) -> None:
    import pymupdf

    jpeg = scan_page_jpeg()
    out = pymupdf.open()
    xref = 0
    for _ in range(pages):
        page = out.new_page(width=595, height=842)
        if xref:
            page.insert_image(page.rect, xref=xref)
        else:
            xref = page.insert_image(page.rect, stream=jpeg)
    out.save(path)


def synthetic_document(path: Path, pages: int):
    """The Document a conversion of ``path`` might give: one table per page, row 5 of
    each table flagged by an unresolved rule."""
    from fiscalocr.model import (
        Cell,
        Document,
        Page,
        Reconciliation,
        Source,
        Table,
        Unresolved,
    )
    from fiscalocr.ocr.source import file_sha256

    tables, unresolved = [], []
    for p in range(1, pages + 1):
        cells = []
        for r in range(ROWS):
            for c in range(COLS):
                box = (XS[c], TOP + r * ROW_H, XS[c + 1], TOP + (r + 1) * ROW_H)
                text = f"项目支出第{r + 1}项" if c == 0 else f"{(r + 1) * c * 37.25:,.2f}"
                value = None if c == 0 else (r + 1) * c * 37.25
                cells.append(Cell(row=r, col=c, page=p, bbox=box, text=text, value=value))
        tid = f"t{p}"
        tables.append(
            Table(id=tid, type="expenditure", pages=[p], n_rows=ROWS, n_cols=COLS, cells=cells)
        )
        unresolved.append(
            Unresolved(table=tid, rule=f"{tid}:row5", cells=[(5, 1), (5, 2)], description="x")
        )
    return Document(
        source=Source(file=path.name, sha256=file_sha256(path), page_count=pages),
        pages=[Page(page=p, width=595, height=842) for p in range(1, pages + 1)],
        tables=tables,
        reconciliation=Reconciliation(unresolved=unresolved),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="write the PDF and html here")
    args = parser.parse_args(argv)
    from fiscalocr.app.export.html import render_document, write_html

    folder = args.keep or Path(tempfile.mkdtemp(prefix="html-pages-"))
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "long.pdf"
    scanned_pdf(source, args.pages)
    doc = synthetic_document(source, args.pages)
    wall, cpu = time.perf_counter(), time.process_time()
    path = write_html(doc, folder / "long", source)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    text = path.read_text(encoding="utf-8")
    review = time.perf_counter()
    served = render_document(
        doc, source, review=True, version="v", image_url=lambda n: f"/page/long/{n}.jpg"
    )
    review = time.perf_counter() - review
    images = sum(len(m) for m in re.findall(r"data:image/[a-z]+;base64,[A-Za-z0-9+/=]+", text))
    size = len(text.encode("utf-8"))
    print(
        f"| {args.pages} | {source.stat().st_size / 1e6:.1f} MB | {size / 1e6:.1f} MB | "
        f"{images / size:.0%} | {size / args.pages / 1e3:.0f} kB | {wall:.1f} s | {cpu:.1f} s | "
        f"{len(served.encode()) / 1e6:.1f} MB | {review:.1f} s |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
