"""The output contract (docs/contract.md §1) as pydantic v2 types.

Every stage fills its own slot of one :class:`Document`; nothing else travels between
stages. Field names of the contract are binding: we may add fields, never rename them.
Coordinates are PDF points, origin top-left of the page as displayed (PyMuPDF's
convention), ``[x0, y0, x1, y1]``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .labels import DocumentKind, SectionLabel, TableType

SCHEMA_VERSION = "1.0"

BBox = tuple[float, float, float, float]
TextSource = Literal["ocr", "pdf_text"]
Unit = Literal["元", "万元", "千元"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Source(_Model):
    file: str
    sha256: str
    page_count: int = Field(ge=0)
    size_bytes: int | None = None


class DocumentFacts(_Model):
    kind: DocumentKind = "unknown"
    department: str | None = None
    year: int | None = Field(default=None, description="fiscal year reported on")
    kind_conf: float | None = None


class CharAlternative(_Model):
    """One reading of one character position, from the recogniser's CTC output."""

    char: str
    prob: float


class Line(_Model):
    text: str
    bbox: BBox
    conf: float
    char_boxes: list[BBox] | None = Field(
        default=None, description="one box per character of text, when the engine gives them"
    )
    char_alternatives: list[list[CharAlternative]] | None = Field(
        default=None,
        description="per character of text, the recogniser's best alternatives (best first)",
    )
    ocr_engine: str | None = Field(
        default=None,
        description="engine that read this line when it is not the page's ocr_engine (the "
        "accurate engine of a cascade, which re-read a doubtful line); None otherwise",
    )


ErrorSeverity = Literal["error", "warning"]
AMOUNTS_OUTSIDE_TABLES = "amounts_outside_tables"
"""Warning code: amounts printed on a page outside every table found (they reach no
cell and no check); the record's ``count`` and ``bboxes`` say how many and where."""
PAGE_DRAWN_LARGE = "page_drawn_large"
"""Warning code: the page is drawn several times larger than print (a scan placed at
72 dpi, a scaled-up page), so layout measured it with its tolerances scaled to the text."""
AMOUNTS_UNCHECKED = "amounts_unchecked"
"""Warning code: amounts read into a table that reconciliation could build no rule for
(its header or stub not understood): they are reported but nothing checked them; the
record's ``count`` and ``bboxes`` say how many and where."""
AMOUNTS_WITHOUT_VALUE = "amounts_without_value"
"""Warning code: table cells holding an amount glued to other text (a label, a second
amount), so the cell got no value and no check sees it; ``bboxes`` are the cells'."""


class ErrorRecord(_Model):
    """A structured problem met while reading; never silently dropped.

    An ``error`` means something failed (the document becomes ``partial``); a
    ``warning`` means the reading went through but may have lost something a person
    should look at (amounts printed outside every table cell, say): it is reported on the
    summary line and in the run summary, and leaves the status alone.
    """

    code: str = Field(description="stable machine-readable code, e.g. 'ocr_failed'")
    message: str
    stage: str | None = None
    page: int | None = Field(default=None, description="1-based page, when page-level")
    severity: ErrorSeverity = "error"
    count: int | None = Field(default=None, description="how many items the problem concerns")
    bboxes: list[BBox] | None = Field(
        default=None, description="where on the page (PDF points, the page as read)"
    )

    @classmethod
    def from_exception(
        cls, error: BaseException, stage: str, page: int | None = None
    ) -> ErrorRecord:
        """The record of a failure: our own errors keep their code and message, anything
        else is ``internal_error`` with the exception's type (a bug, but one page's or one
        stage's, kept in the document instead of killing it)."""
        code = getattr(error, "code", None)
        if isinstance(code, str) and hasattr(error, "exit_code"):
            message = getattr(error, "message", None) or str(error)
        else:
            code, message = "internal_error", f"{type(error).__name__}: {error}".rstrip(": ")
        return cls(code=code, message=message, stage=stage, page=page)


BlockType = Literal[
    "title",
    "heading",
    "paragraph",
    "table",
    "table_note",
    "page_number",
    "header",
    "footer",
    "other",
]


class Block(_Model):
    """A region of a page in reading order (title, paragraph, table, note, ...)."""

    type: BlockType
    text: str = ""
    bbox: BBox
    table_id: str | None = None


SEAL_BOX_PAD = 0.05
"""A seal's box in ``Page.seals`` reaches this share of the ring's width (and height)
beyond the ring on each side, so that its whole ink is inside."""


class Page(_Model):
    page: int = Field(ge=1, description="1-based page number")
    width: float
    height: float
    rotation: Literal[0, 90, 180, 270] = 0
    skew_deg: float = 0.0
    text_source: TextSource = "ocr"
    section: SectionLabel = "other"
    section_conf: float | None = None
    lines: list[Line] = Field(default_factory=list)
    blocks: list[Block] = Field(default_factory=list)
    errors: list[ErrorRecord] = Field(default_factory=list)
    dpi: float | None = Field(default=None, description="resolution the page was read at")
    status: Literal["ok", "partial", "failed"] = Field(
        default="ok",
        description="ok; partial: read, but a stage failed on it (see errors); failed: "
        "the page could not be read at all (no lines, width and height 0)",
    )
    ocr_engine: str | None = Field(
        default=None,
        description="OCR engine that read the page's lines (e.g. ppocrv4, ppocrv6-small); "
        "None when they came from the text layer",
    )
    det_scale: float | None = Field(
        default=None,
        description="scale of the page raster the text detector read, when it was fitted "
        "to the page's text size (an A3 sheet, a 100 dpi scan); None: the fixed detector side",
    )
    seals: list[BBox] = Field(
        default_factory=list,
        description="boxes (points) of the official seals (公章) whose coloured ink was taken "
        "off the raster before it was read, each padded by SEAL_BOX_PAD of the ring's size; "
        "a rule piece inside one, at the ring's extreme, is the seal's rim",
    )


class CellCorrection(_Model):
    """Who changed a cell by hand, from what, to what, and when: the read is never lost."""

    before: str = Field(description="the cell's text before the correction (read or repaired)")
    text: str = Field(description="the reviewer's text, now the cell's text")
    reviewer: str | None = None
    at: str = Field(description="when, ISO 8601 UTC")


class Cell(_Model):
    row: int = Field(ge=0)
    col: int = Field(ge=0)
    rowspan: int = Field(default=1, ge=1)
    colspan: int = Field(default=1, ge=1)
    page: int = Field(ge=1)
    bbox: BBox
    text: str = Field(default="", description="final text, after any repair")
    ocr_text: str = Field(default="", description="what was read, before any repair")
    value: float | None = None
    conf: float = 1.0
    repaired: bool = False
    separators_fixed: bool = Field(
        default=False,
        description="text differs from ocr_text only in its separators: a damaged thousands "
        "comma or decimal point read by the grammar of a printed amount (21.968.00 → "
        "21,968.00, 10:208.94 → 10,208.94), stray end punctuation dropped; every digit is "
        "as read",
    )
    is_header: bool = False
    candidates: list[str] | None = Field(
        default=None, description="other readings of this cell that OCR evidence supports"
    )
    corrected: bool = Field(
        default=False,
        description="a person set text by hand (fiscalocr review); ocr_text keeps the read and "
        "correction the text it replaced",
    )
    correction: CellCorrection | None = Field(
        default=None, description="provenance of the latest hand correction, when corrected"
    )


class TableRegion(_Model):
    """Where one page's part of a table sits."""

    page: int = Field(ge=1)
    bbox: BBox
    first_row: int = Field(ge=0)
    last_row: int = Field(ge=0)


class Table(_Model):
    id: str
    type: TableType = "other"
    type_conf: float = 0.0
    title: str | None = None
    caption: str | None = Field(
        default=None,
        description="the table's printed number (公开表五, 公开07表, 表一), never its title",
    )
    unit: Unit | None = None
    pages: list[int] = Field(default_factory=list)
    n_rows: int = Field(default=0, ge=0)
    n_cols: int = Field(default=0, ge=0)
    header_rows: int = Field(default=0, ge=0, description="leading rows that form the header")
    cells: list[Cell] = Field(default_factory=list)
    regions: list[TableRegion] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering (row, col), spans included."""
        for cell in self.cells:
            if (
                cell.row <= row < cell.row + cell.rowspan
                and cell.col <= col < cell.col + cell.colspan
            ):
                return cell
        return None


class Repair(_Model):
    table: str
    row: int
    col: int
    from_: str = Field(alias="from")
    to: str
    rules: list[str]
    confidence: float
    page: int | None = None
    bbox: BBox | None = None


class Unresolved(_Model):
    table: str | None = Field(default=None, description="table of the rule; null for narrative")
    rule: str
    cells: list[tuple[int, int]] = Field(default_factory=list)
    difference: float | None = None
    description: str | None = None
    likely_source_error: bool = Field(
        default=False,
        description="OCR evidence agrees with what was read: a misprint in the source",
    )


class SkippedRule(_Model):
    rule: str
    reason: str


class Reconciliation(_Model):
    checks_total: int = 0
    checks_passed_before: int = 0
    checks_passed_after: int = 0
    repairs: list[Repair] = Field(default_factory=list)
    unresolved: list[Unresolved] = Field(default_factory=list)
    skipped: list[SkippedRule] = Field(default_factory=list)


FindingSeverity = Literal["error", "warning", "info"]


class FindingFigure(_Model):
    """One figure a finding is about: where it was printed and what it says."""

    label: str = Field(description="what the figure is, in the document's words (e.g. '合计')")
    value: float | None = Field(default=None, description="the figure as a number, in its unit")
    text: str | None = Field(default=None, description="the figure as printed or quoted")
    unit: Unit | None = None
    table: str | None = Field(default=None, description="table id; null for the narrative")
    row: int | None = Field(default=None, description="0-based row in the table")
    col: int | None = Field(default=None, description="0-based column in the table")
    page: int | None = Field(default=None, description="1-based page")
    bbox: BBox | None = None


class Finding(_Model):
    """Something a disclosure reviewer would act on: an inconsistency the document has.

    ``reconciliation.unresolved`` stays the machine view of the arithmetic; every unresolved
    rule is also a finding here, beside the narrative, structure and identity checks.
    """

    kind: str = Field(description="stable machine-readable family, e.g. 'sum_mismatch'")
    severity: FindingSeverity = "error"
    page: int | None = Field(default=None, description="1-based page where it shows first")
    bbox: BBox | None = None
    table: str | None = Field(default=None, description="table id, when one table is concerned")
    rule: str | None = Field(default=None, description="the rule or check that found it")
    figures: list[FindingFigure] = Field(default_factory=list)
    message: str = Field(description="what is wrong, in Chinese, for a person")


class StageTiming(_Model):
    stage: str
    seconds: float


class Document(_Model):
    schema_version: str = SCHEMA_VERSION
    source: Source
    document: DocumentFacts = Field(default_factory=DocumentFacts)
    pages: list[Page] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    reconciliation: Reconciliation = Field(default_factory=Reconciliation)
    findings: list[Finding] = Field(
        default_factory=list, description="inconsistencies a reviewer would act on"
    )
    status: Literal["ok", "partial", "failed"] = "ok"
    errors: list[ErrorRecord] = Field(default_factory=list)
    timings: list[StageTiming] = Field(default_factory=list)
    generator: str | None = Field(default=None, description="fiscalocr version that wrote this")
    options_key: str | None = Field(
        default=None,
        description="fingerprint of the conversion options that shape the output (pages, dpi, "
        "stages); a batch rerun keeps an output only when its options match",
    )

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, exclude_none=False, indent=1)

    def table(self, table_id: str) -> Table | None:
        return next((t for t in self.tables if t.id == table_id), None)
