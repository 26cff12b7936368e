"""Readings the print allows two ways, which no arithmetic settles: flagged, never guessed.

Layout gives a cell a second reading (``Cell.candidates``) when the grammar of a printed
amount allows two values for what was read (``1.234`` in a table of whole 元; ``42,252``
in a table that prints 万元 to three decimals, where a damaged point reads as a comma).
Reconciliation chooses between them wherever a rule binds the cell; a third decimal read in
a table printed to the cent (``156.951``, a speck after the last digit) is one no rule can
choose, since every rule sums in cents, so it is always flagged. A cell that no holding
rule confirms (a performance form has no arithmetic at all) keeps its first reading, and
the choice is reported as unresolved, so nothing tells the user a value it only guessed.
"""

from __future__ import annotations

from fiscalocr.model import Document, Unresolved, parse_amount
from fiscalocr.model.text import normalise_text

from .grid import to_cents
from .rules import CellRef, Rule

AMBIGUOUS_READING = "ambiguous_reading"
"""Rule id prefix of the unresolved entry that names such a cell."""


def ambiguous_unconfirmed(
    doc: Document, rules: list[Rule], values: dict[CellRef, int | None], flagged: set[CellRef]
) -> list[Unresolved]:
    """One unresolved entry per cell whose other readings no holding rule rules out.

    ``values`` are the amounts after repair; ``flagged`` the cells an unresolved rule
    already names (they need no second word).
    """
    confirmed = {ref for rule in rules if rule.holds(values) for ref in rule.cells}
    found = []
    for table in doc.tables:
        for cell in table.cells:
            if cell.value is None or not cell.candidates or cell.corrected:  # a person decided
                continue
            ref = CellRef(table.id, cell.row, cell.col)
            if ref in flagged:
                continue
            # a repair sets the value from cents (42.25 for 42.252): its text says what it became
            kept = (cell.value, _value(cell.text))
            others = [c for c in cell.candidates if _value(c) not in (None, *kept)]
            # a holding rule rules out only readings that differ in cents (``156.951`` and
            # ``156.95`` sum alike): those it cannot tell apart stay flagged
            if ref in confirmed:
                others = [c for c in others if _cents(c) == to_cents(cell.value)]
            if not others:
                continue
            found.append(
                Unresolved(
                    table=table.id,
                    rule=f"{AMBIGUOUS_READING}:{table.id}:r{cell.row}c{cell.col}",
                    cells=[(cell.row, cell.col)],
                    difference=None,
                    description=(
                        f"page {cell.page}: read “{cell.ocr_text or cell.text}”, kept as "
                        f"{cell.text}; the print also allows {', '.join(others)}, and no "
                        "rule decides"
                    ),
                )
            )
    return found


def _value(text: str) -> float | None:
    return parse_amount(normalise_text(text))


def _cents(text: str) -> int | None:
    return to_cents(_value(text))
