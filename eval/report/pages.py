"""Which pages lose the most accuracy, and what went wrong on each."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from fiscalocr.model import Page

from ..items import EvalItem
from ..lines import LineOutcome, line_outcomes
from ..scoring import CellOutcome, DocCounts
from ..text import ErrorCount


@dataclass
class PageFindings:
    """One page of one document, with its labelled amounts and text errors."""

    item: EvalItem
    page: Page
    cells: list[CellOutcome] = field(default_factory=list)
    text: ErrorCount | None = None

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
    def badness(self) -> tuple[int, float]:
        """Wrong amounts first (they are what users act on), then CER."""
        return len(self.wrong), (self.text.rate or 0.0) if self.text else 0.0


def page_findings(item: EvalItem, counts: DocCounts) -> list[PageFindings]:
    by_page = {page.page: PageFindings(item, page) for page in item.truth.pages}
    for cell in counts.cells:
        if cell.page in by_page:
            by_page[cell.page].cells.append(cell)
    for number, errors in counts.page_text.items():
        if number in by_page:
            by_page[number].text = errors
    return list(by_page.values())


def worst_pages(findings: list[PageFindings], limit: int) -> list[PageFindings]:
    """The ``limit`` pages with most wrong amounts (then highest CER); clean pages never."""
    flawed = [f for f in findings if f.badness > (0, 0.0)]
    return sorted(flawed, key=lambda f: f.badness, reverse=True)[:limit]
