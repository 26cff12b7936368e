"""Raw counts for one document, so any group of documents folds by plain addition.

Rates are never averaged across documents: a corpus figure is total right ÷ total
counted, whatever the breakdown (overall, by level, by kind).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fiscalocr.model import (
    AMOUNTS_OUTSIDE_TABLES,
    AMOUNTS_UNCHECKED,
    AMOUNTS_WITHOUT_VALUE,
    BBox,
    Cell,
    Document,
    Table,
    parse_amount,
)

from .grid import canonical_grid
from .matching import TableMatch, match_tables, twins
from .teds import teds
from .text import ErrorCount, lines_errors, normalise_text
from .values import (
    RepairKey,
    after_value,
    before_value,
    repaired_from,
    same_amount,
    truth_value,
    unresolved_cells,
)

MISSING = "∅"  # label of a table or page that one side does not have


@dataclass
class CellOutcome:
    """One labelled amount: what was read before and after reconciliation."""

    truth_table: str
    truth_type: str
    page: int
    bbox: BBox
    truth_text: str
    truth_value: float | None
    read_text: str | None
    read_value: float | None
    ocr_text: str | None
    right_before: bool
    right_after: bool
    repaired: bool
    flagged: bool
    warned: bool = False
    """No value reached a cell, but the page's amounts-outside-tables warning covers it."""
    unchecked: bool = False
    """A value reached a cell of a table no rule checks, and the page's unchecked-amounts
    warning names it."""

    @property
    def reached_cell(self) -> bool:
        """Some predicted cell holds a value for this amount (right or wrong)."""
        return self.read_value is not None

    @property
    def wrong_unflagged(self) -> bool:
        """A wrong value reported with nothing saying so: the worst outcome for a user."""
        return self.reached_cell and not self.right_after and not self.flagged


@dataclass
class ReconCounts:
    checks_total: int = 0
    checks_passed_before: int = 0
    checks_passed_after: int = 0
    repairs: int = 0
    repairs_correct: int = 0
    false_repairs: int = 0
    unresolved: int = 0
    wrong_before: int = 0
    wrong_caught: int = 0


@dataclass
class TableCounts:
    tables: int = 0
    grid_exact: int = 0
    teds_sum: float = 0.0
    teds_structure_sum: float = 0.0
    teds_measured: bool = True
    type_pairs: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class DocCounts:
    """Everything one document contributes to the metrics."""

    text: ErrorCount = field(default_factory=ErrorCount)
    page_text: dict[int, ErrorCount] = field(default_factory=dict)
    cells: list[CellOutcome] = field(default_factory=list)
    tables: TableCounts = field(default_factory=TableCounts)
    section_pairs: list[tuple[str, str]] = field(default_factory=list)
    facts_right: dict[str, int] = field(default_factory=dict)
    recon: ReconCounts = field(default_factory=ReconCounts)


def score_text(predicted: Document, truth: Document) -> tuple[ErrorCount, dict[int, ErrorCount]]:
    """CER counts over the pages whose truth has lines (labelled text)."""
    read = {p.page: p.lines for p in predicted.pages}
    per_page = {
        page.page: lines_errors(read.get(page.page, []), page.lines)
        for page in truth.pages
        if page.lines
    }
    return sum(per_page.values(), ErrorCount()), per_page


def grid_signature(table: Table) -> tuple[int, int, frozenset]:
    """Rows, columns and the spanning cells of the canonical grid: what 'the right grid'
    means. Canonical, because grid lines no cell edge uses change nothing a reader sees
    (see :mod:`.grid`)."""
    grid = canonical_grid(table)
    return grid.n_rows, grid.n_cols, grid.spans()


def score_tables(match: TableMatch, with_teds: bool = True) -> TableCounts:
    counts = TableCounts(teds_measured=with_teds)
    for pair in match.pairs:
        counts.tables += 1
        if with_teds:
            counts.teds_sum += teds(pair.predicted, pair.truth)
            counts.teds_structure_sum += teds(pair.predicted, pair.truth, structure_only=True)
        if pair.predicted is not None:
            counts.grid_exact += grid_signature(pair.predicted) == grid_signature(pair.truth)
        counts.type_pairs.append(
            (pair.truth.type, pair.predicted.type if pair.predicted else MISSING)
        )
    counts.type_pairs += [(MISSING, extra.type) for extra in match.extra]
    return counts


def _outcome(
    truth_table: Table, cell: Cell, predicted: Table | None, repaired: dict, flagged: set
) -> CellOutcome:
    """Judge one labelled amount against its twins in the predicted table."""
    value = truth_value(cell)
    pid = predicted.id if predicted is not None else ""
    positional = predicted.cell_at(cell.row, cell.col) if predicted is not None else None
    if (
        positional is not None
        and same_amount(after_value(positional), value)
        and same_amount(before_value(pid, positional, repaired), value)
    ):
        candidates = [positional]  # right in place: no need to look for a box twin
    else:
        candidates = twins(cell, predicted)
    before = [before_value(pid, c, repaired) for c in candidates]
    after = [after_value(c) for c in candidates]
    right_after = [same_amount(v, value) for v in after]
    shown = candidates[right_after.index(True)] if any(right_after) else (candidates or [None])[0]
    key: RepairKey | None = (pid, shown.row, shown.col) if shown is not None else None
    return CellOutcome(
        truth_table=truth_table.id,
        truth_type=truth_table.type,
        page=cell.page,
        bbox=shown.bbox if shown is not None else cell.bbox,
        truth_text=cell.text,
        truth_value=value,
        read_text=shown.text if shown is not None else None,
        read_value=after_value(shown) if shown is not None else None,
        ocr_text=repaired.get(key, shown.text) if shown is not None else None,
        right_before=any(same_amount(v, value) for v in before),
        right_after=any(right_after),
        repaired=any((pid, c.row, c.col) in repaired for c in candidates),
        flagged=any((pid, c.row, c.col) in flagged for c in candidates),
    )


def score_cells(match: TableMatch, predicted: Document) -> list[CellOutcome]:
    repaired = repaired_from(predicted)
    flagged = unresolved_cells(predicted)
    outcomes = [
        _outcome(pair.truth, cell, pair.predicted, repaired, flagged)
        for pair in match.pairs
        for cell in pair.truth.cells
        if truth_value(cell) is not None
    ]
    warned = warned_boxes(predicted)
    unchecked = warned_boxes(predicted, (AMOUNTS_UNCHECKED,))
    for outcome in outcomes:
        if outcome.reached_cell:
            outcome.unchecked = _covered(outcome, unchecked)
        else:
            outcome.warned = _covered(outcome, warned)
    return outcomes


def _covered(outcome: CellOutcome, boxes: dict[int, list[BBox]]) -> bool:
    """Whether a warning's box on the amount's page overlaps where it stands."""
    return any(_overlaps(outcome.bbox, box) for box in boxes.get(outcome.page, []))


def warned_boxes(
    predicted: Document, codes: tuple[str, ...] = (AMOUNTS_OUTSIDE_TABLES, AMOUNTS_WITHOUT_VALUE)
) -> dict[int, list[BBox]]:
    """The boxes of each page's warnings of ``codes`` (by default: about amounts that
    reached no value)."""
    out: dict[int, list[BBox]] = {}
    for page in predicted.pages:
        for error in page.errors:
            if error.code in codes and error.bboxes:
                out.setdefault(page.page, []).extend(error.bboxes)
    return out


def _overlaps(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def score_repairs(match: TableMatch, predicted: Document, cells: list[CellOutcome]) -> ReconCounts:
    """Judge each repair by the truth of the cell it changed."""
    rec = predicted.reconciliation
    counts = ReconCounts(
        checks_total=rec.checks_total,
        checks_passed_before=rec.checks_passed_before,
        checks_passed_after=rec.checks_passed_after,
        unresolved=len(rec.unresolved),
    )
    truth_of = {pair.predicted.id: pair.truth for pair in match.pairs if pair.predicted is not None}
    for key, from_text in repaired_from(predicted).items():
        counts.repairs += 1
        table = predicted.table(key[0])
        cell = table.cell_at(key[1], key[2]) if table is not None else None
        truth_cells = twins(cell, truth_of.get(key[0])) if cell is not None else []
        values = [truth_value(t) for t in truth_cells if truth_value(t) is not None]
        if cell is not None and any(same_amount(after_value(cell), v) for v in values):
            counts.repairs_correct += 1
        elif any(same_amount(parse_amount(from_text), v) for v in values):
            counts.false_repairs += 1  # it was right and the repair broke it
    wrong = [c for c in cells if not c.right_before]
    counts.wrong_before = len(wrong)
    counts.wrong_caught = sum(c.repaired or c.flagged for c in wrong)
    return counts


def score_facts(predicted: Document, truth: Document) -> dict[str, int]:
    p, t = predicted.document, truth.document
    return {
        "kind": int(p.kind == t.kind),
        "department": int(normalise_text(p.department or "") == normalise_text(t.department or "")),
        "year": int(p.year == t.year),
    }


def score_sections(predicted: Document, truth: Document) -> list[tuple[str, str]]:
    read = {p.page: p.section for p in predicted.pages}
    return [(page.section, read.get(page.page, MISSING)) for page in truth.pages]


def score_document(predicted: Document, truth: Document, with_teds: bool = True) -> DocCounts:
    """All raw counts of one predicted document against its truth.

    ``with_teds=False`` skips the tree edit distances (the costly part) for callers that
    only need cell outcomes and text errors, such as the report's page pictures.
    """
    match = match_tables(predicted.tables, truth.tables)
    text, page_text = score_text(predicted, truth)
    cells = score_cells(match, predicted)
    return DocCounts(
        text=text,
        page_text=page_text,
        cells=cells,
        tables=score_tables(match, with_teds),
        section_pairs=score_sections(predicted, truth),
        facts_right=score_facts(predicted, truth),
        recon=score_repairs(match, predicted, cells),
    )
