"""The stage's entry point: build the rules, find suspects, repair, report.

``reconcile_document`` fills ``doc.reconciliation`` and, for each accepted repair, sets the
cell's ``text``/``value``/``repaired`` while ``ocr_text`` keeps what was read. A cell that
satisfies all its rules is never a suspect; a repair needs a clear margin; a rule that
stays violated is reported (as a likely misprint when the OCR evidence is confident).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from fiscalocr.model import Cell, Document, Page, Reconciliation
from fiscalocr.model.lettered import is_lettered_amount
from fiscalocr.model.text import normalise_text

from . import (
    audit,
    narrative_amounts,
    rules_columns,
    rules_cross,
    rules_hierarchy,
    rules_identities,
    rules_narrative,
    rules_outline,
    rules_summary,
)
from .ambiguous import ambiguous_unconfirmed
from .candidates import Candidate, generate
from .evidence import cell_evidence
from .grid import DenseTable, cell_amount, looks_numeric, numeric_core, to_cents
from .headers import analyse
from .options import ReconcileOptions
from .report import repair_record, unresolved_amount, unresolved_rule, unresolved_share
from .rules import CellRef, Rule, RuleBook, TableContext
from .solver import Choice, solve
from .unchecked import NO_AMOUNT_COLUMN, NO_AMOUNTS, NO_RULE, unchecked_amount_warnings

Reread = Callable[[Cell], list[str]]
DEFAULT_OPTIONS = ReconcileOptions()
LARGE_GAP_SHARE = 0.1
FORM_TYPES = {"performance_target", "performance_evaluation"}
"""Forms of text and scores, not arithmetic: no rules are built for them."""


def reconcile_document(
    doc: Document, options: ReconcileOptions = DEFAULT_OPTIONS, reread: Reread | None = None
) -> None:
    """Check every amount against the disclosure's arithmetic; repair what is certain."""
    built = build_rules(doc, options)
    shares = built.shares
    rec, left = _repair(doc, built.book.rules, built.values, built.grids, options, reread)
    rec.skipped = built.book.skipped + built.share_skips
    rec.checks_total += len(shares)
    passed = sum(1 for s in shares if s.holds())
    rec.checks_passed_before += passed
    rec.checks_passed_after += passed
    rec.unresolved += [unresolved_share(s) for s in shares if not s.holds()]
    after = {**built.values, **_repaired_values(doc, rec)}
    rec.checks_total += len(built.amounts)
    rec.checks_passed_before += sum(1 for a in built.amounts if a.holds(built.values))
    rec.checks_passed_after += sum(1 for a in built.amounts if a.holds(after))
    rec.unresolved += [unresolved_amount(a) for a in built.amounts if not a.holds(after)]
    flagged = {
        CellRef(u.table, row, col) for u in rec.unresolved if u.table for row, col in u.cells
    }
    rec.unresolved += ambiguous_unconfirmed(doc, built.book.rules, after, flagged)
    doc.reconciliation = rec
    doc.findings = audit.findings(doc, built, left, after)
    checked = {(r.table, r.row, r.col) for rule in built.book.rules for r in rule.cells}
    checked |= {(r.table, r.row, r.col) for a in built.amounts for r, _ in a.places}
    amounts = {(r.table, r.row, r.col) for r, v in built.values.items() if v is not None}
    unchecked_amount_warnings(doc, checked, amounts)


@dataclass
class BuiltRules:
    """Every rule of one document, with the amounts as read and the grids they address."""

    book: RuleBook
    values: dict[CellRef, int | None]
    grids: dict[str, DenseTable]
    shares: list[rules_narrative.ShareCheck]
    share_skips: list
    amounts: list[narrative_amounts.AmountCheck]
    contexts: dict[str, TableContext]


def build_rules(doc: Document, options: ReconcileOptions = DEFAULT_OPTIONS) -> BuiltRules:
    """All rules of contract §4 that the document's tables and narrative allow."""
    contexts = [_context(t.id, DenseTable.of(t)) for t in doc.tables]
    book = RuleBook(options)
    for ctx in contexts:  # a table printed in whole 元 rounds each term to 1 元
        book.steps[ctx.table_id] = 10 ** max(2 - _decimals(ctx.grid, list(ctx.values)), 0)
    for ctx, table in zip(contexts, doc.tables, strict=True):
        if table.type in FORM_TYPES:
            continue
        rules_hierarchy.build(ctx, book, table.type)
        rules_columns.build(ctx, book)
        rules_summary.build(ctx, book, table.type)
        rules_outline.build(ctx, book, table.type)
    tables = doc.tables
    rules_cross.build(
        contexts, book, {t.id: t.unit for t in tables}, {t.id: t.type for t in tables}
    )
    rules_identities.build(
        [c for c, t in zip(contexts, tables, strict=True) if t.type not in FORM_TYPES],
        book,
        {t.id: t.type for t in tables},
        {t.id: t.unit for t in tables},
    )
    _say_unchecked(contexts, doc, book)
    shares, share_skips = rules_narrative.build(doc, options.narrative_pct_slack)
    values: dict[CellRef, int | None] = {}
    for ctx in contexts:
        values.update(ctx.values)
    grids = {ctx.table_id: ctx.grid for ctx in contexts}
    amounts = narrative_amounts.build(
        doc, contexts, {t.id: t.unit for t in tables}, {t.id: t.type for t in tables}
    )
    by_id = {ctx.table_id: ctx for ctx in contexts}
    return BuiltRules(book, values, grids, shares, share_skips, amounts, by_id)


def _say_unchecked(contexts: list[TableContext], doc: Document, book: RuleBook) -> None:
    """Every arithmetic table that got no rule at all is listed in ``skipped`` with why."""
    checked = {ref.table for rule in book.rules for ref in rule.cells}
    for ctx, table in zip(contexts, doc.tables, strict=True):
        if table.type in FORM_TYPES or ctx.table_id in checked:
            continue
        if not any(v is not None for v in ctx.values.values()):
            reason = NO_AMOUNTS
        elif not ctx.values:
            reason = NO_AMOUNT_COLUMN
        else:
            reason = NO_RULE
        book.skip(f"{ctx.table_id}:table", reason)


def _repaired_values(doc: Document, rec: Reconciliation) -> dict[CellRef, int | None]:
    """Amounts of the cells this run repaired."""
    out: dict[CellRef, int | None] = {}
    for repair in rec.repairs:
        cell = doc.table(repair.table).cell_at(repair.row, repair.col)
        out[CellRef(repair.table, cell.row, cell.col)] = to_cents(cell.value)
    return out


def _context(table_id: str, grid: DenseTable) -> TableContext:
    layout = analyse(grid)
    values: dict[CellRef, int | None] = {}
    for panel in layout.panels:
        for col in panel.amount_cols:
            for row in grid.data_rows():
                cell = grid.cell(row, col)
                if cell is not None and cell.col in panel.amount_cols:  # not a spanning label
                    values[CellRef(table_id, cell.row, cell.col)] = to_cents(cell_amount(cell))
    return TableContext(table_id, grid, layout, values)


def _decimals(grid: DenseTable, refs: list[CellRef]) -> int:
    """The table's usual number of decimals (a lost point is judged against it)."""
    counts: Counter[int] = Counter()
    for ref in refs:
        cell = grid.cover.get((ref.row, ref.col))
        if cell is not None and cell_amount(cell) is not None:
            counts[len(normalise_text(cell.text).rstrip("%").partition(".")[2])] += 1
    return counts.most_common(1)[0][0] if counts else 2


def _repair(
    doc, rules: list[Rule], values, grids: dict[str, DenseTable], options, reread
) -> tuple[Reconciliation, list[tuple[Rule, bool]]]:
    """The reconciliation block, and each rule left violated with whether the OCR
    evidence says the source itself prints it so."""
    violated = [r for r in rules if not r.holds(values)]

    def readable(ref: CellRef, text_test) -> bool:
        """The cell's text passes ``text_test`` and no person corrected it (their word)."""
        cell = grids[ref.table].cover.get((ref.row, ref.col))
        return cell is not None and text_test(cell.text) and not cell.corrected

    suspects = {ref for r in violated for ref in r.cells if readable(ref, _amount_like)}
    # a reading with letters for digits is no value, not zero: its rules cannot say
    # whether it holds, so it is a suspect whatever they say
    lettered = {
        ref
        for r in rules
        for ref in r.cells
        if values.get(ref) is None and readable(ref, is_lettered_amount)
    }
    suspects |= lettered
    pages = {p.page: p for p in doc.pages}
    decimals = {
        tid: _decimals(g, [r for r in values if r.table == tid]) for tid, g in grids.items()
    }
    options_of: dict[CellRef, list[Candidate]] = {}
    confident: set[CellRef] = set()
    for ref in suspects:
        cell = grids[ref.table].cover[(ref.row, ref.col)]
        options_of[ref], sure = _candidates(
            cell, values.get(ref), decimals[ref.table], pages, options, reread
        )
        if sure:
            confident.add(ref)
    keep = dict.fromkeys(lettered, options.cost_unread_kept)
    outcome = solve(suspects, options_of, rules, values, options, keep)
    accepted = _accept(outcome.choices, rules, values, options, lettered)
    after = dict(values)
    after.update({c.ref: c.candidate.cents for c in accepted})
    rec = Reconciliation(
        checks_total=len(rules),
        checks_passed_before=len(rules) - len(violated),
        checks_passed_after=sum(1 for r in rules if r.holds(after)),
    )
    for choice in accepted:
        cell = grids[choice.ref.table].cover[(choice.ref.row, choice.ref.col)]
        fixed = [r.id for r in violated if choice.ref in r.cells and r.holds(after)]
        if not fixed and choice.ref in lettered:  # read at last: the rules it now meets
            fixed = [r.id for r in rules if choice.ref in r.cells and r.holds(after)]
        rec.repairs.append(repair_record(choice, cell.text, cell.page, cell.bbox, fixed))
        _apply(cell, choice.candidate)
    left: list[tuple[Rule, bool]] = []
    for rule in rules:
        if not rule.holds(after):
            sure = all(ref in confident or not values.get(ref) for ref in rule.cells)
            note = _unsolved_note(rule, outcome)
            if sure and _large_gap(rule, after):
                sure, note = False, "gap too large for a misprint: rows or columns may be missing"
            rec.unresolved.append(unresolved_rule(rule, after, sure, note))
            left.append((rule, sure))
    return rec, left


def _unsolved_note(rule: Rule, outcome) -> str:
    """Why the solver left a violated rule alone, when it did not try."""
    if any(rule.cells[0] in group for group in outcome.too_large):
        return "too many suspects to solve"
    if any(ref in group for group in outcome.out_of_range for ref in rule.cells):
        return "a value too large to be an amount (a misread?): not solved"
    return ""


def _amount_like(text: str) -> bool:
    return looks_numeric(text) or numeric_core(text) is not None


def _candidates(cell: Cell, cents, decimals: int, pages: dict[int, Page], options, reread):
    """Candidates for one suspect and whether the OCR evidence confidently backs the reading."""
    evidence = cell_evidence(cell, pages.get(cell.page))
    rereads: list[str] = []
    if reread is not None:
        try:
            rereads = list(reread(cell))
        except Exception:  # a failed re-read only means less evidence
            rereads = []
    others = [c for c in (cell.candidates or []) if normalise_text(c) != normalise_text(cell.text)]
    found = generate(cell.text, cents, decimals, evidence, rereads + others, options)
    sure = (evidence is not None and evidence.confident(options.confident_char_prob)) or (
        normalise_text(cell.text) in {normalise_text(r) for r in rereads}
    )
    return found, sure


def _large_gap(rule: Rule, values: dict[CellRef, int | None]) -> bool:
    """A gap above a tenth of the largest figure looks like lost rows, not a misprint."""
    largest = max((abs(values.get(ref) or 0) for ref in rule.cells), default=0)
    return abs(rule.residual(values)) > LARGE_GAP_SHARE * largest


def _accept(
    choices: list[Choice], rules: list[Rule], values, options, lettered=frozenset()
) -> list[Choice]:
    """Keep changes with a clear margin that fix a violated rule and break none. A reading
    with letters for digits (``lettered``) that gets a value all its rules hold with is a
    fix in itself: it had no value before."""
    kept = [c for c in choices if c.margin >= options.min_margin]
    while True:
        after = dict(values)
        after.update({c.ref: c.candidate.cents for c in kept})
        good = []
        for choice in kept:
            mine = [r for r in rules if choice.ref in r.cells]
            fixes = any(not r.holds(values) and r.holds(after) for r in mine) or (
                choice.ref in lettered and all(r.holds(after) for r in mine)
            )
            harms = any(r.holds(values) and not r.holds(after) for r in mine)
            if fixes and not harms:
                good.append(choice)
        good = _anchored(good, rules, values)
        if len(good) == len(kept):
            return kept
        kept = good


def _anchored(choices: list[Choice], rules: list[Rule], values) -> list[Choice]:
    """The changes pinned by a rule that holds on readings other than guesses.

    A change counts only when some rule holding after the repair binds it to cells that
    were read (unchanged) or to changes already pinned this way. Two cells changed to agree
    with each other (``2,003`` and ``2,00.3`` both made ``20.03`` when the truth,
    ``2,000.39``, is no candidate) pin nothing: the rule they share holds, but only
    between two guesses, while the rules binding them to the rest stay broken.
    """
    after = dict(values)
    after.update({c.ref: c.candidate.cents for c in choices})
    changed = {c.ref for c in choices}
    pinned: set[CellRef] = set()
    grew = True
    while grew:
        grew = False
        for choice in choices:
            if choice.ref in pinned:
                continue
            for rule in rules:
                if choice.ref not in rule.cells or not rule.holds(after):
                    continue
                others = [ref for ref in rule.cells if ref != choice.ref]
                if all(ref not in changed or ref in pinned for ref in others):
                    pinned.add(choice.ref)
                    grew = True
                    break
    return [c for c in choices if c.ref in pinned]


def _apply(cell: Cell, candidate: Candidate) -> None:
    cell.ocr_text = cell.ocr_text or cell.text
    cell.text = candidate.text
    cell.value = candidate.cents / 100
    cell.repaired = True
