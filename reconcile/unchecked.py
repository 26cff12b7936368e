"""Amounts that no rule checks, said on the page that prints them.

A table whose header or stub reconciliation does not understand (a heavy scan reads
``合计`` as ``合号`` and the classification codes as words) gets no rule at all: it is
listed in ``reconciliation.skipped``, but each of its amounts goes out looking as
trustworthy as a checked one. On bench-v2's heavy budget that was 41 wrong amounts of
547 with nothing naming them. So every page holding such amounts gets a warning with
their count and boxes, as the amounts that reach no cell do: a reader knows which
figures no arithmetic stands behind.
"""

from __future__ import annotations

from collections.abc import Collection

from fiscalocr.model import AMOUNTS_UNCHECKED, Document, ErrorRecord, SkippedRule

NO_AMOUNTS = "table prints no amounts: nothing to check"
NO_AMOUNT_COLUMN = "no amount column understood"
NO_RULE = "no rule could be built from its header and stub"
UNCHECKED_REASONS = (NO_RULE, NO_AMOUNT_COLUMN)
"""The ``{table}:table`` skip reasons that leave read amounts unchecked (a table that
prints no amount has nothing to check, and a form is text and scores)."""
_SHOWN = 4


def unchecked_tables(skipped: list[SkippedRule]) -> set[str]:
    """Ids of the tables whose amounts no rule checks."""
    return {
        s.rule.removesuffix(":table")
        for s in skipped
        if s.rule.endswith(":table") and s.reason in UNCHECKED_REASONS
    }


def unchecked_amount_warnings(
    doc: Document,
    checked: Collection[tuple[str, int, int]] | None = None,
    amounts: Collection[tuple[str, int, int]] = (),
) -> None:
    """Replace each page's unchecked-amounts warning with one for this reconciliation
    (a re-run after a correction must not say it twice).

    ``checked`` holds the (table, row, col) of every cell some rule adds up, ``amounts``
    those of the cells the rule builders took for amounts (not codes or counts); an
    amount in a table that has rules but none over its cell is named too. A table
    whose header is read only in part gets a few hierarchy rules and no column rule
    (bench-v2 heavy p6, once its codes were read: 19 wrong amounts lost the table-wide
    warning and no rule covered them). Tables without amount rules by design (forms)
    are left out, as before.
    """
    for page in doc.pages:
        page.errors = [e for e in page.errors if e.code != AMOUNTS_UNCHECKED]
    tables = unchecked_tables(doc.reconciliation.skipped)
    ruled = {table for table, _, _ in checked} if checked is not None else set()
    found: dict[int, list] = {}
    for table in doc.tables:
        whole = table.id in tables
        if not whole and table.id not in ruled:
            continue
        for cell in table.cells:
            if cell.is_header or cell.value is None:
                continue
            at = (table.id, cell.row, cell.col)
            if whole or (at in amounts and at not in checked):  # type: ignore[operator]
                found.setdefault(cell.page, []).append((table.id, cell))
    pages = {p.page: p for p in doc.pages}
    for page_no, cells in sorted(found.items()):
        page = pages.get(page_no)
        if page is None:
            continue
        ids = ", ".join(dict.fromkeys(tid for tid, _ in cells))
        shown = ", ".join(c.text for _, c in cells[:_SHOWN]) + (" …" if len(cells) > _SHOWN else "")
        page.errors.append(
            ErrorRecord(
                code=AMOUNTS_UNCHECKED,
                message=f"{len(cells)} amount(s) in table {ids} that no arithmetic rule"
                f" covers ({shown}): read, but not checked",
                stage="reconcile",
                page=page_no,
                severity="warning",
                count=len(cells),
                bboxes=[tuple(round(v, 1) for v in c.bbox) for _, c in cells],  # type: ignore[misc]
            )
        )
