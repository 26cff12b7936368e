"""Choose the cheapest set of readings that makes every rule hold, and prove it unique.

One CP-SAT model per connected group of suspect cells (cells in violated rules, linked by
the rules they share). Each suspect picks exactly one option — as read (cost 0) or a
candidate (cost = −log prob, in hundredths); each rule either holds within its
tolerance or is *broken* at a fixed cost (a misprint in the source is allowed, never
forced away). After the optimum, each changed cell is re-solved with its chosen value
forbidden: the cost difference is that cell's margin, and only a clear margin is kept.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .candidates import Candidate
from .options import ReconcileOptions
from .rules import CellRef, Rule

SCALE = 100
"""Costs are handed to CP-SAT as integers in hundredths of a nat."""
WALL_LIMIT_FACTOR = 10
"""A solve stops at ``solver_seconds`` of CP-SAT's deterministic time (its own work
count, about a second of work on a 2020s core), or at this many times that in wall
seconds, whichever comes first: the second only on a machine many times overloaded."""


@dataclass
class Choice:
    ref: CellRef
    candidate: Candidate
    margin: float
    rules: list[str]


@dataclass
class Outcome:
    choices: list[Choice] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)
    too_large: list[set[CellRef]] = field(default_factory=list)
    out_of_range: list[set[CellRef]] = field(default_factory=list)
    """Groups left unsolved because a rule's sum would overflow the solver's integers."""


MAX_TERM_CENTS = 10**16
"""The largest |coefficient × cents| a rule term may carry into CP-SAT, whose linear
expressions are 64-bit integers (about 9.2e18). 10^16 cents is 10^14 元, a hundred times
a national budget, so no printed amount comes near it; a larger value is a misread, such
as two cells' digits glued into one 20-digit string (seen on a real scan:
``Linear constraints only accept integer values`` at 9.1e19), and posing it would crash the
document's reconciliation. Such a group is left for the report, not solved."""


def _in_range(group: set[CellRef], options_of, rules: list[Rule], values) -> bool:
    """Every term any rule touching ``group`` could take fits ``MAX_TERM_CENTS``, and no
    rule's sum can leave 62 bits."""
    for rule in rules:
        bound = 0  # the largest |sum| the rule could reach
        for ref, coef in rule.terms:
            options = [values.get(ref) or 0]
            if ref in group:
                options += [c.cents for c in options_of.get(ref, [])]
            term = max(abs(coef * v) for v in options)
            if term > MAX_TERM_CENTS:
                return False
            bound += term
        if bound >= 2**62:
            return False
    return True


def components(suspects: set[CellRef], rules: list[Rule]) -> list[set[CellRef]]:
    """Suspects linked by a shared rule, via union-find."""
    parent = {s: s for s in suspects}

    def find(x: CellRef) -> CellRef:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for rule in rules:
        inside = [ref for ref in rule.cells if ref in parent]
        for a, b in zip(inside, inside[1:], strict=False):
            parent[find(a)] = find(b)
    groups: dict[CellRef, set[CellRef]] = {}
    for s in sorted(suspects, key=_place):  # the same order in every process
        groups.setdefault(find(s), set()).add(s)
    return list(groups.values())


def _place(ref: CellRef) -> tuple[str, int, int]:
    return (ref.table, ref.row, ref.col)


def solve(
    suspects: set[CellRef],
    options_of: dict[CellRef, list[Candidate]],
    rules: list[Rule],
    values: dict[CellRef, int | None],
    opts: ReconcileOptions,
    keep_cost: dict[CellRef, float] | None = None,
) -> Outcome:
    """``keep_cost``: what leaving a suspect as read costs, for readings known to be no
    amount (letters for digits); 0 for every other suspect."""
    outcome = Outcome()
    for group in components(suspects, rules):
        if len(group) > opts.max_suspects:
            outcome.too_large.append(group)
            continue
        touching = [r for r in rules if any(ref in group for ref in r.cells)]
        if not _in_range(group, options_of, touching, values):
            outcome.out_of_range.append(group)
            continue
        _Component(group, options_of, touching, values, opts, keep_cost or {}).run(outcome)
    return outcome


class _Component:
    def __init__(self, group, options_of, rules, values, opts: ReconcileOptions, keep_cost) -> None:
        from ortools.sat.python import cp_model

        self.cp = cp_model
        self.group = sorted(group, key=_place)
        self.rules, self.values, self.opts = rules, values, opts
        self.model = cp_model.CpModel()
        self.pick: dict[CellRef, list] = {}
        self.opts_of: dict[CellRef, list[Candidate | None]] = {}
        for ref in self.group:
            cands: list[Candidate | None] = [None, *options_of.get(ref, [])]
            self.opts_of[ref] = cands
            self.pick[ref] = [self.model.NewBoolVar("") for _ in cands]
            self.model.AddExactlyOne(self.pick[ref])
        self.broken = {r.id: self.model.NewBoolVar(r.id) for r in rules}
        cost_terms = []
        per_cent = round(opts.residual_cost_per_cent * SCALE)
        for rule in rules:
            miss = self._constrain(rule)
            if miss is not None and per_cent:
                cost_terms.append(per_cent * miss)
        for ref in self.group:
            for var, cand in zip(self.pick[ref], self.opts_of[ref], strict=True):
                cost = keep_cost.get(ref, 0.0) if cand is None else cand.cost
                if cost:
                    cost_terms.append(round(cost * SCALE) * var)
        break_cost = round(opts.break_cost * SCALE)
        self.model.Minimize(sum(cost_terms) + sum(break_cost * b for b in self.broken.values()))

    def _constrain(self, rule: Rule):
        """Rule holds within tolerance unless broken; returns |residual| when it holds."""
        constant, expr = 0, []
        for ref, coef in rule.terms:
            if ref in self.pick:
                read = self.values.get(ref) or 0
                for var, cand in zip(self.pick[ref], self.opts_of[ref], strict=True):
                    value = read if cand is None else cand.cents
                    if value:
                        expr.append(coef * value * var)
            else:
                constant += coef * (self.values.get(ref) or 0)
        total = sum(expr) + constant
        ok = self.broken[rule.id].Not()
        self.model.Add(total <= rule.tolerance).OnlyEnforceIf(ok)
        self.model.Add(total >= -rule.tolerance).OnlyEnforceIf(ok)
        if rule.tolerance == 0:
            return None
        miss = self.model.NewIntVar(0, rule.tolerance, "")
        self.model.Add(miss >= total).OnlyEnforceIf(ok)
        self.model.Add(miss >= -total).OnlyEnforceIf(ok)
        return miss

    def _solve(self, forbid=None):
        solver = self.cp.CpSolver()
        # a deterministic limit, so the same document gets the same repairs however
        # loaded the machine is (a wall-clock limit made a 24-cell group of a real
        # scan solve or time out with the load); the wall limit is only a safety net
        solver.parameters.max_deterministic_time = self.opts.solver_seconds
        solver.parameters.max_time_in_seconds = WALL_LIMIT_FACTOR * self.opts.solver_seconds
        solver.parameters.num_workers = 1
        self.model.ClearAssumptions()
        if forbid is not None:
            self.model.AddAssumptions([forbid.Not()])
        status = solver.Solve(self.model)
        if status == self.cp.OPTIMAL:
            return solver, solver.ObjectiveValue() / SCALE
        if status == self.cp.FEASIBLE:  # timed out: only the bound is safe to compare
            return None, solver.BestObjectiveBound() / SCALE
        return None, math.inf

    def run(self, outcome: Outcome) -> None:
        solver, best = self._solve()
        if solver is None:  # no proven optimum (time limit): repair nothing here
            return
        chosen = {
            ref: next(i for i, v in enumerate(self.pick[ref]) if solver.Value(v))
            for ref in self.group
        }
        outcome.broken |= {rid for rid, b in self.broken.items() if solver.Value(b)}
        for ref, index in chosen.items():
            cand = self.opts_of[ref][index]
            if cand is None:
                continue
            _, alternative = self._solve(forbid=self.pick[ref][index])
            rules = [r.id for r in self.rules if ref in r.cells and r.id not in outcome.broken]
            outcome.choices.append(Choice(ref, cand, alternative - best, rules))
