"""Classifier accuracy on the real born-digital disclosures (../shared/real-pdfs).

Nothing here trains on these files and nothing derived from them is written into the
repository. Each PDF is read from its text layer (lines) and PyMuPDF's table finder
(cell grids), then labelled by rules that were checked by hand against the pages:

* table type from the table's printed title (contract §2 keywords); a title-less table
  at the top of a page continues the previous page's last table;
* section from the part headings (第一部分 … 概况, 第二部分 … 表, 第三部分 … 说明,
  第四部分 名词解释, 附件), page 1 = cover, 目录 pages = contents.

The repo's trained classifiers then label the same Documents and the script prints
accuracy and confusion per collection (js = Jiangsu, sh = Shanghai Putuo).

    .venv/bin/python benchmarks/classify_real_pdfs.py [--dir ../shared/real-pdfs] [--show]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from real_pdf_labels import PAGE_TYPES, norm, section_of, type_from_title

from fiscalocr.classify import classify_document, load_classifiers
from fiscalocr.model import Cell, Document, Line, Page, Source, Table, TableRegion

TITLE_WINDOW_PT = 110.0  # a title sits at most this far above its table
CONTINUATION_TOP_SHARE = 0.25  # a title-less table starting this high continues the last


def page_lines(page) -> list[Line]:
    lines = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            text = "".join(span["text"] for span in line["spans"]).strip()
            if text:
                lines.append(Line(text=text, bbox=tuple(line["bbox"]), conf=1.0))
    return lines


def page_tables(page, number: int, start_id: int) -> list[Table]:
    tables = []
    for k, found in enumerate(page.find_tables().tables):
        if found.row_count < 2 or found.col_count < 2:
            continue
        cells = []
        for r, row in enumerate(found.rows):
            texts = found.extract()[r]
            for c, box in enumerate(row.cells):
                if box is None:
                    continue
                text = (texts[c] or "").replace("\n", "")
                cells.append(
                    Cell(row=r, col=c, page=number, bbox=tuple(box), text=text, ocr_text=text)
                )
        tables.append(
            Table(
                id=f"t{start_id + k}",
                pages=[number],
                n_rows=found.row_count,
                n_cols=found.col_count,
                cells=cells,
                regions=[
                    TableRegion(
                        page=number,
                        bbox=tuple(found.bbox),
                        first_row=0,
                        last_row=found.row_count - 1,
                    )
                ],
            )
        )
    return tables


def title_above(table: Table, lines: list[Line]) -> str | None:
    top = table.regions[0].bbox[1]
    near = [
        ln
        for ln in lines
        if top - TITLE_WINDOW_PT <= ln.bbox[3] <= top + 2 and "表" in norm(ln.text)
    ]
    near = [ln for ln in near if not re.match(r"^(公开)?\d+表$|^单位|^部门", norm(ln.text))]
    return max(near, key=lambda ln: ln.bbox[3]).text if near else None


CACHE = Path(__file__).resolve().parents[1] / ".cache" / "classify" / "real"


def extract_pdf(path: Path) -> Document:
    """Lines and table grids from the text layer (cached: the table finder is slow)."""
    import pymupdf

    cached = CACHE / f"{path.stem}.json"
    if cached.is_file():
        return Document.model_validate_json(cached.read_text(encoding="utf-8"))
    pages, tables = [], []
    for index, raw in enumerate(pymupdf.open(path)):
        number = index + 1
        lines = page_lines(raw)
        found = page_tables(raw, number, len(tables) + 1)
        for table in found:
            table.title = title_above(table, lines)
        tables += found
        pages.append(
            Page(
                page=number,
                width=raw.rect.width,
                height=raw.rect.height,
                text_source="pdf_text",
                lines=lines,
            )
        )
    doc = Document(
        source=Source(file=path.name, sha256="-", page_count=len(pages)), pages=pages, tables=tables
    )
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(doc.to_json(), encoding="utf-8")
    return doc


def labels_of(doc: Document) -> tuple[list[str], list[str | None], list[str]]:
    """Hand-checked page sections; table types and where each type label came from.

    A table's label comes from its printed title (``title``), the hand map of a
    title-less file (``hand``), or, for a title-less table at the top of a page, the
    previous table (``continuation``); a title-less table that is none of these is left
    unlabelled (None) and out of the score rather than guessed.
    """
    name = doc.source.file
    sections = [section_of(name, p.page) for p in doc.pages]
    heights = {p.page: p.height for p in doc.pages}
    types: list[str | None] = []
    sources: list[str] = []
    last_type: str | None = None
    for table in doc.tables:
        page = table.pages[0]
        top_share = table.regions[0].bbox[1] / max(1.0, heights[page])
        if page in PAGE_TYPES.get(name, {}):
            label, source = PAGE_TYPES[name][page], "hand"
        elif table.title:
            label, source = type_from_title(table.title), "title"
        elif top_share < CONTINUATION_TOP_SHARE and last_type:
            label, source = last_type, "continuation"
        else:
            label, source = None, "none"
        types.append(label)
        sources.append(source)
        last_type = label
    return sections, types, sources


def confusion_rows(truth: list[str], pred: list[str]) -> list[str]:
    pairs = Counter(zip(truth, pred, strict=True))
    return [f"    {t:34s} -> {p:34s} {n}" for (t, p), n in sorted(pairs.items()) if t != p]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--dir", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "real-pdfs"
    )
    ap.add_argument("--models", type=Path, default=None)
    ap.add_argument("--show", action="store_true", help="print every label for hand-checking")
    args = ap.parse_args(argv)
    if not args.dir.is_dir():
        print(f"no real PDFs at {args.dir}: nothing to measure")
        return 0
    classifiers = load_classifiers(args.models)
    totals: dict[str, dict[str, list]] = {}
    for path in sorted(args.dir.glob("*.pdf")):
        doc = extract_pdf(path)
        sections, types, sources = labels_of(doc)
        classify_document(doc, classifiers)
        on_table_page = [
            sections[t.pages[0] - 1] == "tables" and label is not None
            for t, label in zip(doc.tables, types, strict=True)
        ]
        has_text = [bool(p.lines) for p in doc.pages]
        got_s = [p.section for p in doc.pages]
        got_t = [t.type for t in doc.tables]
        coll = totals.setdefault(
            path.name[:2], {"st": [], "sp": [], "tt": [], "tp": [], "src": [], "facts": []}
        )
        coll["st"] += [s for s, keep in zip(sections, has_text, strict=True) if keep]
        coll["sp"] += [s for s, keep in zip(got_s, has_text, strict=True) if keep]
        coll["tt"] += [t for t, keep in zip(types, on_table_page, strict=True) if keep]
        coll["tp"] += [t for t, keep in zip(got_t, on_table_page, strict=True) if keep]
        coll["src"] += [s for s, keep in zip(sources, on_table_page, strict=True) if keep]
        coll["facts"].append(
            (path.name, doc.document.kind, doc.document.department, doc.document.year)
        )
        if args.show:
            print(f"== {path.name}")
            for p, want in zip(doc.pages, sections, strict=True):
                first = norm(" ".join(ln.text for ln in p.lines[:3]))[:40]
                print(
                    f"  p{p.page:<3} {want:12s} {p.section:12s} {'' if want == p.section else 'XX'} {first}"
                )
            for t, want in zip(doc.tables, types, strict=True):
                mark = "" if want == t.type else "XX"
                print(
                    f"  {t.id:5s} p{t.pages[0]:<3} {want or '-':34s} {t.type:34s} {t.type_conf:.2f} {mark} {norm(t.title)[:30]}"
                )
    for name, c in totals.items():
        sec = sum(a == b for a, b in zip(c["st"], c["sp"], strict=True)) / max(1, len(c["st"]))
        typ = sum(a == b for a, b in zip(c["tt"], c["tp"], strict=True)) / max(1, len(c["tt"]))
        print(f"[{name}] pages {len(c['st'])}: section accuracy {sec:.3f}")
        print("\n".join(confusion_rows(c["st"], c["sp"])))
        print(f"[{name}] tables {len(c['tt'])}: table-type accuracy {typ:.3f}")
        for src in ("title", "hand", "continuation"):
            pick = [(a, b) for a, b, s in zip(c["tt"], c["tp"], c["src"], strict=True) if s == src]
            if pick:
                acc = sum(a == b for a, b in pick) / len(pick)
                print(f"    labelled by {src}: {len(pick)} tables, accuracy {acc:.3f}")
        print("\n".join(confusion_rows(c["tt"], c["tp"])))
        for facts in c["facts"]:
            print("   facts", *facts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
