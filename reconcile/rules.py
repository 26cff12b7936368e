"""A rule is a linear identity over cells: Σ coefficient × amount = 0 within a tolerance.

Every family (hierarchy, column identities, summary rows, 三公, across tables) produces
:class:`Rule` objects; the solver and the report only ever see this one shape. Amounts
are integers in hundredths of the table's unit, so a tolerance is a whole number too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fiscalocr.model import SkippedRule

from .grid import CENTS, DenseTable
from .headers import TableLayout
from .options import ReconcileOptions


@dataclass(frozen=True)
class CellRef:
    table: str
    row: int
    col: int


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    table: str | None
    terms: tuple[tuple[CellRef, int], ...]
    tolerance: int
    description: str

    @property
    def cells(self) -> list[CellRef]:
        return [ref for ref, _ in self.terms]

    def residual(self, values: dict[CellRef, int | None]) -> int:
        """Σ coefficient × amount; blank cells count as zero."""
        return sum(coef * (values.get(ref) or 0) for ref, coef in self.terms)

    def holds(self, values: dict[CellRef, int | None]) -> bool:
        return abs(self.residual(values)) <= self.tolerance


@dataclass
class TableContext:
    """One table as the rule builders see it."""

    table_id: str
    grid: DenseTable
    layout: TableLayout
    values: dict[CellRef, int | None]

    def ref(self, row: int, col: int) -> CellRef:
        cell = self.grid.cell(row, col)
        if cell is None:
            return CellRef(self.table_id, row, col)
        return CellRef(self.table_id, cell.row, cell.col)


@dataclass
class RuleBook:
    """Rules built so far, rules that could not be built, and ids already used."""

    options: ReconcileOptions
    rules: list[Rule] = field(default_factory=list)
    skipped: list[SkippedRule] = field(default_factory=list)
    _ids: set[str] = field(default_factory=set)
    _signatures: set[frozenset] = field(default_factory=set)

    steps: dict[str, int] = field(default_factory=dict)
    """Per table, the last printed digit in hundredths (1 for 0.01, 100 for whole 元)."""

    def tolerance(self, n_parts: int, table: str | None = None) -> int:
        """Largest miss rounding can make in ``total = Σ n_parts``.

        Each printed figure is its exact book figure rounded to the last printed digit,
        off by at most half a step; the total and its ``n`` parts together are off by
        at most ``(n + 1) / 2`` steps, and a miss is a whole number of steps. A total of
        one printed part is the same book figure rounded the same way: no slack. (A step
        per term, the contract's loose wording, hides a misread last digit in every
        rule of more than one term.)
        """
        if n_parts <= 1:
            return 0
        step = max(round(self.options.tolerance_per_term * CENTS), self.steps.get(table, 1))
        return step * ((n_parts + 1) // 2)

    def add_row_sums(
        self,
        rule_id: str,
        family: str,
        ctx: TableContext,
        total_row: int,
        part_rows: list[int],
        description: str,
        cols: list[int],
    ) -> None:
        """``total_row = Σ part_rows`` in each column of ``cols``, one rule per column;
        ``{col}`` becomes the column: its grid index in ``rule_id`` (an identifier, as the
        JSON counts), its number from 1 in ``description`` (a person reads it)."""
        for col in cols:
            self.add_sum(
                rule_id.replace("{col}", str(col)),
                family,
                ctx.values,
                ctx.ref(total_row, col),
                [ctx.ref(r, col) for r in part_rows],
                description.replace("{col}", str(col + 1)),
                ctx.table_id,
            )

    def add_sum(
        self,
        rule_id: str,
        family: str,
        ctx_values: dict[CellRef, int | None],
        total: CellRef,
        parts: list[CellRef],
        description: str,
        table: str | None,
        exact: bool = False,
    ) -> Rule | None:
        """total = Σ parts. Not built when every cell is blank (nothing to check) or the
        same identity already exists under another family."""
        if total not in ctx_values:  # a label spanning into the amount column
            return None
        parts = [p for p in dict.fromkeys(parts) if p != total and p in ctx_values]
        if not parts:
            return None
        if all(ctx_values.get(ref) is None for ref in [total, *parts]):
            return None
        terms = ((total, 1), *((p, -1) for p in parts))
        signature = frozenset(terms)
        if signature in self._signatures:
            return None
        self._signatures.add(signature)
        printed = sum(1 for p in parts if ctx_values.get(p) is not None)
        tol = (
            0 if exact else self.tolerance(max(printed, 1), table)
        )  # blank parts carry no rounding
        rule = Rule(self._unique(rule_id), family, table, terms, tol, description)
        self.rules.append(rule)
        return rule

    def add_identity(
        self,
        rule_id: str,
        ctx_values: dict[CellRef, int | None],
        terms: list[tuple[CellRef, int]],
        description: str,
        table: str | None,
    ) -> Rule | None:
        """Σ coefficient × cell = 0 between different figures (年末 = 年初 + 收入 − 支出,
        a total printed in one table against another's parts); the first term is the
        figure the others determine. Built only when every cell exists and one is printed;
        the rounding tolerance counts the printed terms besides the first."""
        if any(ref not in ctx_values for ref, _ in terms) or len(terms) < 2:
            return None
        if len({ref for ref, _ in terms}) < len(terms):
            return None
        if all(ctx_values.get(ref) is None for ref, _ in terms):
            return None
        signature = frozenset(terms)
        if signature in self._signatures:
            return None
        self._signatures.add(signature)
        tol = self.identity_tolerance(ctx_values, terms, table)
        rule = Rule(self._unique(rule_id), "identity", table, tuple(terms), tol, description)
        self.rules.append(rule)
        return rule

    def identity_tolerance(
        self,
        ctx_values: dict[CellRef, int | None],
        terms: list[tuple[CellRef, int]],
        table: str | None,
    ) -> int:
        """The rounding tolerance of an identity: by the printed terms besides the first,
        at the coarsest step of the tables it spans."""
        printed = sum(1 for ref, _ in terms[1:] if ctx_values.get(ref) is not None)
        tables = {ref.table for ref, _ in terms}
        step_table = table if len(tables) == 1 else None
        return max(
            (self.tolerance(max(printed, 1), t) for t in tables),
            default=self.tolerance(max(printed, 1), step_table),
        )

    def skip(self, rule_id: str, reason: str) -> None:
        self.skipped.append(SkippedRule(rule=self._unique(rule_id), reason=reason))

    def _unique(self, rule_id: str) -> str:
        candidate, n = rule_id, 2
        while candidate in self._ids:
            candidate, n = f"{rule_id}#{n}", n + 1
        self._ids.add(candidate)
        return candidate


def row_span(rows: list[int]) -> str:
    """'rows1-4' for a contiguous run, else 'rows1,3,7'."""
    rows = sorted(rows)
    if rows and rows == list(range(rows[0], rows[-1] + 1)):
        return f"rows{rows[0]}-{rows[-1]}" if len(rows) > 1 else f"row{rows[0]}"
    return "rows" + ",".join(map(str, rows))
