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
import unicodedata
from collections import Counter
from pathlib import Path

from fiscalocr.classify import classify_document, load_classifiers
from fiscalocr.model import Cell, Document, Line, Page, Source, Table, TableRegion

TITLE_WINDOW_PT = 110.0  # a title sits at most this far above its table
CONTINUATION_TOP_SHARE = 0.25  # a title-less table starting this high continues the last

TYPE_RULES: list[tuple[str, str]] = [
    (r"三公", "three_public"),
    (r"机关运行经费", "operating_costs"),
    (r"政府采购", "procurement"),
    (r"绩效目标", "performance_target"),
    (r"绩效自评", "performance_evaluation"),
    (r"相关信息统计", "info_statistics"),
    (r"国有资本经营", "state_capital"),
    (r"政府性基金", "gov_fund"),
    (r"项目支出.*预算表|项目支出表", "project_expenditure"),
    (
        r"一般公共预算.*基本支出|财政拨款基本支出|一般公共预算.*明细表",
        "general_budget_basic_expenditure",
    ),
    (r"一般公共预算", "general_budget_expenditure"),
    (r"财政拨款.*(收支|收入支出).*总表", "appropriation_summary"),
    (r"财政拨款.*支出", "appropriation_expenditure"),
    (r"(收支|收入支出).*总表", "revenue_expenditure_summary"),
    (r"收入", "revenue"),
    (r"支出", "expenditure"),
]
# Hand-checked section of every page: (first page, section) runs per file. Each page is
# labelled by the section that holds most of it; blank pages are left out of the score.
SECTION_RUNS: dict[str, list[tuple[int, str]]] = {
    "js-cppcc-office-2017-budget-tables.pdf": [(1, "tables")],
    "js-cppcc-office-2017-budget.pdf": [
        (1, "cover"),
        (2, "overview"),
        (8, "explanation"),
        (20, "glossary"),
    ],
    "js-cppcc-office-2018-budget-tables.pdf": [(1, "tables")],
    "js-cppcc-office-2018-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (8, "explanation"),
        (16, "glossary"),
    ],
    "js-high-court-2017-budget.pdf": [
        (1, "cover"),
        (2, "overview"),
        (12, "tables"),
        (19, "explanation"),
        (27, "glossary"),
    ],
    "js-high-court-2018-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (10, "tables"),
        (17, "explanation"),
        (25, "glossary"),
    ],
    "js-npc-office-2017-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (7, "tables"),
        (24, "explanation"),
        (30, "glossary"),
    ],
    "js-npc-office-2018-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (8, "tables"),
        (19, "explanation"),
        (30, "glossary"),
    ],
    "js-party-office-2017-budget-tables.pdf": [(1, "tables")],
    "js-party-office-2017-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (6, "explanation"),
        (13, "glossary"),
    ],
    "js-party-office-2018-budget-tables.pdf": [(1, "cover"), (2, "contents"), (3, "tables")],
    "js-party-office-2018-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (6, "explanation"),
        (13, "glossary"),
    ],
    "js-procuratorate-2017-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (10, "tables"),
        (19, "explanation"),
        (24, "glossary"),
    ],
    "js-procuratorate-2018-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (14, "tables"),
        (24, "explanation"),
        (31, "glossary"),
    ],
    "sh-putuo-government-office-2025-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (5, "glossary"),
        (6, "explanation"),
        (8, "tables"),
        (21, "explanation"),
        (22, "appendix"),
    ],
    "sh-putuo-justice-bureau-2026-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (4, "overview"),
        (7, "glossary"),
        (8, "explanation"),
        (10, "tables"),
        (22, "explanation"),
        (23, "appendix"),
    ],
    "sh-putuo-planning-resources-2024-final-account.pdf": [
        (1, "cover"),
        (2, "contents"),
        (4, "overview"),
        (7, "tables"),
        (20, "explanation"),
        (29, "glossary"),
    ],
    "sh-putuo-wanli-street-2025-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (5, "glossary"),
        (6, "explanation"),
        (9, "tables"),
        (30, "explanation"),
        (31, "appendix"),
    ],
}
# Files whose table pages carry no printed title: the type of each page's table(s), read
# by hand from the file's own numbering (表一…/公开01表…) and the sibling 目录.
_JS2017 = [
    "revenue_expenditure_summary",
    "revenue",
    "expenditure",
    "appropriation_summary",
    "appropriation_expenditure",
    "general_budget_basic_expenditure",
    "gov_fund",
    "general_budget_expenditure",
    "general_budget_basic_expenditure",
    "operating_costs",
    "three_public",
    "procurement",
]
_JS2018 = [
    "revenue_expenditure_summary",
    "revenue",
    "expenditure",
    "appropriation_summary",
    "appropriation_expenditure",
    "general_budget_basic_expenditure",
    "general_budget_expenditure",
    "general_budget_basic_expenditure",
    "three_public",
    "gov_fund",
    "operating_costs",
    "procurement",
]
PAGE_TYPES: dict[str, dict[int, str]] = {
    "js-cppcc-office-2017-budget-tables.pdf": {**dict(enumerate(_JS2017, 1)), 13: "procurement"},
    "js-cppcc-office-2018-budget-tables.pdf": dict(enumerate(_JS2018, 1)),
    "js-party-office-2017-budget-tables.pdf": {
        **dict(enumerate(_JS2017, 1)),
        13: "procurement",
        14: "procurement",
    },
    "js-party-office-2018-budget-tables.pdf": {**dict(enumerate(_JS2018, 3)), 15: "procurement"},
}


def norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def type_from_title(title: str | None) -> str:
    t = norm(title)
    if not re.search(r"表", t):
        return "other"
    return next((label for pattern, label in TYPE_RULES if re.search(pattern, t)), "other")


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


def section_of(name: str, number: int) -> str:
    runs = SECTION_RUNS.get(name, [(1, "other")])
    return [label for first, label in runs if first <= number][-1]


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
