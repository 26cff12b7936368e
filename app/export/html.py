"""``<stem>.html``: one self-contained review page per document (jinja2 template).

Each page image is embedded (JPEG, data URI) with the cell grid drawn over it as SVG, in
the colours of :mod:`.marks`: repaired (from → to, the rules), flagged (the rules and
findings naming the cell), corrected. The table is shown beside the image, the findings
below; ``n``/``p`` (or ``j``/``k``) move the focus from one flagged cell to the next. The
same template, with ``review`` on, is what ``fiscalocr review`` serves: there a flagged
cell can be corrected in place (Enter or a click edits it, Esc goes back to the cells).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from fiscalocr.model import Document, Table

from .atomic import atomic_write_text
from .marks import CellMarks, cell_marks, person_position
from .page_frame import PageFrame

TEMPLATES = Path(__file__).parent / "templates"
PAGE_TEMPLATE = "document.html.j2"
INDEX_TEMPLATE = "index.html.j2"
IMAGE_DPI = 110
"""Resolution of the embedded page images: digits stay legible, a page stays ~150 kB."""
JPEG_QUALITY = 70
RENDERED_DOCUMENTS_KEPT = 4
"""Documents whose page images the review server keeps rendered (a few MB each)."""


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
    cells: list[CellView] = field(default_factory=list)


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
) -> str:
    """The page as a string; ``review`` adds the correction form, posting with ``version``."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["j2", "html"])
    )
    marks = cell_marks(doc)
    tables = [_table_view(t, marks) for t in doc.tables]
    views = {c.key: c for t in tables for row in t.rows for c in row}
    pages = _page_views(doc, source, views)
    flagged = [c.key for t in tables for row in t.rows for c in row if c.status == "flagged"]
    return env.get_template(PAGE_TEMPLATE).render(
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


def _page_views(doc: Document, source: Path | None, views: dict[str, CellView]) -> list[PageView]:
    images = _page_images(doc, source)
    out = []
    for page in doc.pages:
        if page.width <= 0:
            continue
        frame = PageFrame.of(page)
        width, height = frame.displayed_size
        view = PageView(page.page, width, height, images.get(page.page))
        for cell in views.values():
            if cell.page != page.page:
                continue
            table = doc.table(cell.table)
            bbox = table.cell_at(cell.row, cell.col).bbox
            cell.points = " ".join(f"{x:.1f},{y:.1f}" for x, y in frame.quad(bbox))
            view.cells.append(cell)
        out.append(view)
    return out


def _page_images(doc: Document, source: Path | None) -> dict[int, str]:
    """Each read page of ``source`` as a JPEG data URI, the page as displayed; nothing
    when the file is missing or is not the one the document was read from."""
    if source is None or not Path(source).is_file():
        return {}
    stat = Path(source).stat()
    pages = tuple(p.page for p in doc.pages)
    key = (str(Path(source).resolve()), stat.st_mtime_ns, stat.st_size)
    return dict(_rendered_pages(*key, doc.source.sha256, pages))


@lru_cache(maxsize=RENDERED_DOCUMENTS_KEPT)
def _rendered_pages(
    path: str, mtime_ns: int, size: int, sha256: str, pages: tuple[int, ...]
) -> tuple[tuple[int, str], ...]:
    """Rendered once per file version: the review server re-renders a page on each load."""
    from fiscalocr.ocr import open_source

    images = []
    with open_source(path) as opened:
        if opened.sha256 != sha256:
            return ()
        for number in pages:
            if 1 <= number <= opened.page_count:
                pix = opened.doc[number - 1].get_pixmap(dpi=IMAGE_DPI)
                jpeg = pix.tobytes("jpg", jpg_quality=JPEG_QUALITY)
                images.append((number, "data:image/jpeg;base64," + base64.b64encode(jpeg).decode()))
    return tuple(images)


def render_index(site, names: list[tuple[str, str]]) -> str:
    """The review server's front page: each document, its checks and flagged cells."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

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
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["j2", "html"])
    )
    return env.get_template(INDEX_TEMPLATE).render(rows=rows, outdir=str(site.outdir))
