"""Which pages lose the most accuracy, and what went wrong on each."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from fiscalocr.model import Page, Table

from ..items import EvalItem
from ..lines import LineOutcome, line_outcomes
from ..matching import TablePair, match_tables
from ..scoring import CellOutcome, DocCounts, grid_signature
from ..text import ErrorCount


@dataclass
class PageFindings:
    """One page of one document: its labelled amounts, text errors and wrong grids."""

    item: EvalItem
    page: Page
    cells: list[CellOutcome] = field(default_factory=list)
    text: ErrorCount | None = None
    wrong_grids: list[TablePair] = field(default_factory=list)

    @cached_property
    def line_errors(self) -> list[LineOutcome]:
        """Lines read wrong, missed or invented (pages with labelled text only)."""
        if not self.page.lines:
            return []
        read = next((p.lines for p in self.item.predicted.pages if p.page == self.page.page), [])
        return line_outcomes(read, self.page.lines)

    @property
    def wrong(self) -> list[CellOutcome]:
        return [c for c in self.cells if not c.right_after]

    @property
    def badness(self) -> tuple[int, int, float, int]:
        """Wrong amounts first (they are what users act on), then wrong grids, then CER,
        then cells reconciliation touched (repaired or left unresolved)."""
        cer = (self.text.rate or 0.0) if self.text else 0.0
        touched = sum(c.repaired or c.flagged for c in self.cells)
        return len(self.wrong), len(self.wrong_grids), cer, touched


def grid_label(table: Table | None) -> str:
    if table is None:
        return "not found"
    rows, cols, spans = grid_signature(table)
    return f"{rows}×{cols}, {len(spans)} spanning"


def page_findings(item: EvalItem, counts: DocCounts) -> list[PageFindings]:
    by_page = {page.page: PageFindings(item, page) for page in item.truth.pages}
    for cell in counts.cells:
        if cell.page in by_page:
            by_page[cell.page].cells.append(cell)
    for number, errors in counts.page_text.items():
        if number in by_page:
            by_page[number].text = errors
    for pair in match_tables(item.predicted.tables, item.truth.tables).pairs:
        right = pair.predicted is not None and grid_signature(pair.predicted) == grid_signature(
            pair.truth
        )
        if not right:
            pages = set(pair.truth.pages) | {c.page for c in pair.truth.cells}
            for number in pages & by_page.keys():
                by_page[number].wrong_grids.append(pair)
    return list(by_page.values())


def worst_pages(findings: list[PageFindings], limit: int) -> list[PageFindings]:
    """The ``limit`` worst pages by :attr:`PageFindings.badness`; clean pages never."""
    flawed = [f for f in findings if any(f.badness)]
    return sorted(flawed, key=lambda f: f.badness, reverse=True)[:limit]
