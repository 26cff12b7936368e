"""``<stem>.html``: one self-contained review page per document (jinja2 template).

Each page image (:mod:`.page_images`) is embedded as a JPEG data URI that the browser
decodes only when the page scrolls near (a 300-page document is not 300 decoded images at
once), with the cell grid drawn over it as SVG, in the colours of :mod:`.marks`: repaired (from → to, the rules), flagged (the rules and
findings naming the cell), corrected. The table is shown beside the image, the findings
below; ``n``/``p`` (or ``j``/``k``) move the focus from one flagged cell to the next. The
same template, with ``review`` on, is what ``fiscalocr review`` serves: there a flagged
cell can be corrected in place (Enter or a click edits it, Esc goes back to the cells).

Size (``benchmarks/html_pages.py``, BENCHMARKS.md): a 300-page scanned document with a
30 x 5 table per page gives a 52.2 MB file written in 9.6 CPU-seconds (was 71.7 MB and
18.9 s), 79% of it page images; the review server's page of it is 10.9 MB, its images
fetched one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from fiscalocr.model import Document, Table

from .atomic import atomic_write_text
from .marks import CellMarks, cell_marks, person_position
from .page_frame import PageFrame
from .page_images import page_data_uris

TEMPLATES = Path(__file__).parent / "templates"
PAGE_TEMPLATE = "document.html.j2"
INDEX_TEMPLATE = "index.html.j2"


@dataclass
class CellView:
    table: str
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    status: str
    note: str
    numeric: bool
    is_header: bool
    page: int
    points: str = ""
    """SVG polygon points on the displayed page, in points."""

    @property
    def key(self) -> str:
        return f"{self.table}-{self.row}-{self.col}"


@dataclass
class PageView:
    page: int
    width: float
    height: float
    image: str | None
    """A data URI (embedded, decoded when scrolled near) or a URL (the review server's)."""
    cells: list[CellView] = field(default_factory=list)
    """The marked cells (repaired, flagged, corrected): each its own polygon, clickable."""
    grid: str = ""
    """The outlines of all other cells as one SVG path: one element per page, not one per
    cell (a 300-page document has some 45,000 cells)."""
    grid_keys: str = ""
    """The cells of ``grid``, in its order (the page outlines a selected one from it)."""

    @property
    def embedded(self) -> bool:
        return bool(self.image) and self.image.startswith("data:")


@dataclass
class TableView:
    id: str
    title: str
    caption: str
    rows: list[list[CellView]]


def html_path(out_base: Path) -> Path:
    return out_base.with_name(out_base.name + ".html")


def write_html(doc: Document, out_base: Path, source: Path | None) -> Path:
    path = html_path(out_base)
    atomic_write_text(path, render_document(doc, source))
    return path


def render_document(
    doc: Document,
    source: Path | None,
    *,
    review: bool = False,
    version: str | None = None,
    name: str | None = None,
    image_url: Callable[[int], str] | None = None,
) -> str:
    """The page as a string; ``review`` adds the correction form, posting with ``version``.

    ``image_url(page)``, when given, is where the browser fetches each page image (the
    review server); without it the images are embedded.
    """
    marks = cell_marks(doc)
    tables = [_table_view(t, marks) for t in doc.tables]
    views = {c.key: c for t in tables for row in t.rows for c in row}
    pages = _page_views(doc, source, views, image_url)
    flagged = [c.key for t in tables for row in t.rows for c in row if c.status == "flagged"]
    return (
        _environment()
        .get_template(PAGE_TEMPLATE)
        .render(
            doc=doc,
            name=name or doc.source.file,
            tables=tables,
            pages=pages,
            flagged=flagged,
            review=review,
            version=version or "",
            findings=doc.findings,
            rec=doc.reconciliation,
            has_images=any(p.image for p in pages),
        )
    )


@lru_cache(maxsize=1)
def _environment():
    """The templates, autoescaped; block tags leave no blank lines or indentation behind
    (the page of a long document holds tens of thousands of cells)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["j2", "html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _table_view(table: Table, marks: CellMarks) -> TableView:
    rows: dict[int, list[CellView]] = {}
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        status = marks.status(table, cell)
        rows.setdefault(cell.row, []).append(
            CellView(
                table=table.id,
                row=cell.row,
                col=cell.col,
                rowspan=cell.rowspan,
                colspan=cell.colspan,
                text=cell.text,
                status=status,
                note=_note(table, cell, marks, status),
                numeric=cell.value is not None,
                is_header=cell.is_header,
                page=cell.page,
            )
        )
    caption = f"{table.type} · 单位 {table.unit or '-'} · 第 {','.join(map(str, table.pages))} 页"
    title = f"{table.id} {table.title or ''}".strip()
    return TableView(table.id, title, caption, [rows[r] for r in sorted(rows)])


def _note(table: Table, cell, marks: CellMarks, status: str) -> str:
    where = f"{table.id} {person_position(cell.row, cell.col)}"
    parts = [where]
    if cell.corrected and cell.correction is not None:
        parts.append(f"人工更正: {cell.correction.before} → {cell.correction.text}")
    if marks.is_repaired(table, cell):
        repair = marks.repair(table, cell)
        read = repair.from_ if repair is not None else cell.ocr_text
        rules = f" ({', '.join(repair.rules)})" if repair is not None else ""
        parts.append(f"修复: {read} → {cell.text}{rules}")
    parts.extend(f"待核: {reason}" for reason in marks.reasons(table, cell))
    if status == "" and cell.ocr_text and cell.ocr_text != cell.text:
        parts.append(f"识别为 {cell.ocr_text}")
    return " · ".join(parts)


def _page_views(
    doc: Document,
    source: Path | None,
    views: dict[str, CellView],
    image_url: Callable[[int], str] | None,
) -> list[PageView]:
    numbers = tuple(p.page for p in doc.pages if p.width > 0)
    if image_url is not None:
        images = {n: image_url(n) for n in numbers} if source is not None else {}
    else:
        images = page_data_uris(source, doc.source.sha256, numbers)
    boxes = {f"{t.id}-{c.row}-{c.col}": c.bbox for t in doc.tables for c in t.cells}
    on_page: dict[int, list[CellView]] = {}
    for cell in views.values():
        on_page.setdefault(cell.page, []).append(cell)
    out = []
    for page in doc.pages:
        if page.width <= 0:
            continue
        frame = PageFrame.of(page)
        width, height = frame.displayed_size
        view = PageView(page.page, width, height, images.get(page.page))
        outlines, keys = [], []
        for cell in on_page.get(page.page, []):
            corners = [f"{x:.1f},{y:.1f}" for x, y in frame.quad(boxes[cell.key])]
            if cell.status:
                cell.points = " ".join(corners)
                view.cells.append(cell)
            else:
                outlines.append("M" + " L".join(corners) + "Z")
                keys.append(cell.key)
        view.grid, view.grid_keys = "".join(outlines), " ".join(keys)
        out.append(view)
    return out


def render_index(site, names: list[tuple[str, str]]) -> str:
    """The review server's front page: each document, its checks and flagged cells."""
    from .review import load

    rows = []
    for name, quoted in names:
        try:
            doc, _ = load(site.json_path(name))
        except (OSError, ValueError):  # not a document (or gone): listed, not linked
            rows.append((name, None, None, 0))
            continue
        marks = cell_marks(doc)
        flagged = sum(1 for t in doc.tables for c in t.cells if marks.is_flagged(t, c))
        rows.append((name, quoted, doc, flagged))
    return _environment().get_template(INDEX_TEMPLATE).render(rows=rows, outdir=str(site.outdir))
