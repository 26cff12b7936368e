"""Other readings of a suspect cell, each with a cost (−log of how likely it is).

Sources, cheapest evidence first: a re-read of the crop at another scale; the
recogniser's per-character alternatives (CTC); letters read for the digits they resemble
(``94A0.41``); and the confusions OCR makes on printed digits — look-alike digits, a digit
dropped or added, a decimal point lost or moved, a thousands comma read as a point. CTC probabilities, when present, price every digit
swap, so a confidently read digit is expensive to change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import product

from fiscalocr.model import parse_amount
from fiscalocr.model.lettered import DIGITS_OF, letter_positions
from fiscalocr.model.text import normalise_text

from .evidence import Evidence
from .grid import numeric_core, to_cents
from .options import ReconcileOptions

_LOOKALIKE_GROUPS = ("08693", "174", "568", "27")
CONFUSIONS: dict[str, set[str]] = {d: set() for d in "0123456789"}
for _group in _LOOKALIKE_GROUPS:
    for _d in _group:
        CONFUSIONS[_d] |= set(_group) - {_d}


@dataclass(frozen=True)
class Candidate:
    text: str
    cents: int
    cost: float
    source: str


def _format(raw: str, with_commas: bool) -> str | None:
    """Clean a digit string ('1234.5'), re-group thousands if the reading had commas."""
    sign = "-" if raw.startswith(("-", "−")) else ""
    body = raw.lstrip("-−").replace(",", "")
    if body.count(".") > 1 or not body.replace(".", "").isdigit():
        return None
    whole, _, frac = body.partition(".")
    if not whole or (len(whole) > 1 and whole[0] == "0"):
        return None
    whole_text = f"{int(whole):,}" if with_commas else whole
    return sign + whole_text + ("." + frac if "." in body else "")


class _Pool:
    """Candidates by amount, keeping the cheapest way to reach each amount."""

    def __init__(self, read_cents, with_commas: bool, decimals: int, options: ReconcileOptions):
        self.read_cents, self.with_commas, self.options = read_cents, with_commas, options
        self.decimals = decimals
        self.best: dict[int, Candidate] = {}

    def add(self, raw: str, cost: float, source: str) -> None:
        text = _format(raw, self.with_commas)
        value = parse_amount(text) if text else None
        if text is None or value is None:
            return
        if self.decimals and len(text.partition(".")[2]) != self.decimals:
            return  # a 2-decimal table prints every amount with 2 decimals
        cents = to_cents(value)
        if cents == self.read_cents or cost > self.options.max_candidate_cost:
            return
        old = self.best.get(cents)
        if old is None or cost < old.cost:
            self.best[cents] = Candidate(text, cents, cost, source)


def _swap_cost(
    evidence: Evidence | None,
    pos: int,
    new: str,
    lookalike: bool,
    o: ReconcileOptions,
    blind_cost: float | None = None,
) -> float:
    """What reading ``new`` at ``pos`` costs: by the recogniser's odds of it against what
    it read (a look-alike it did not list at the floor probability), or without evidence
    ``blind_cost`` (default: a look-alike digit's) for a look-alike and nothing else."""
    if evidence is None:
        blind = o.cost_confusion if blind_cost is None else blind_cost
        return blind if lookalike else math.inf
    choices = dict(evidence.chars[pos])
    p_read = max(choices.values(), default=1.0)
    p_new = choices.get(new, o.ctc_floor_prob if lookalike else 0.0)
    if p_new <= 0.0:
        return math.inf
    return max(0.2, math.log(p_read / p_new))


def generate(
    text: str,
    read_cents: int | None,
    decimals: int,
    evidence: Evidence | None,
    rereads: list[str],
    options: ReconcileOptions,
) -> list[Candidate]:
    """Every plausible other reading of ``text`` priced by the evidence, cheapest first."""
    s = normalise_text(text).rstrip("%")
    core = numeric_core(s)
    pool = _Pool(read_cents, "," in s or s.count(".") > 1, decimals, options)
    # letters first, on the whole reading: a letter at either end (``é.00``, ``0.0€``) is
    # a digit, and the glued-characters step below would strip it as a neighbour's text
    _letters(s, evidence, pool, options)
    if core is not None:  # a neighbour's characters glued on: read what is left
        s = core.rstrip("%")
        pool.add(s.replace(",", ""), options.cost_glued_characters, "glued")
    plain = s.replace(",", "")
    _swaps(s, evidence, pool, options)
    _drops_and_adds(plain, decimals, pool, options)
    _points(s, plain, decimals, pool, options)
    agreed = False
    for other in rereads:
        o = normalise_text(other).rstrip("%")
        if o == s:
            agreed = True
        elif o:
            pool.add(o.replace(",", ""), options.cost_reread, "reread")
    # ties broken by amount: the solver's search (and so what a time-limited solve
    # finds) follows this order, which must not change from one process to the next
    out = sorted(pool.best.values(), key=lambda c: (c.cost, c.cents))
    if agreed:
        bonus = options.reread_agreement_bonus
        out = [
            Candidate(c.text, c.cents, c.cost + bonus, c.source) if c.source != "reread" else c
            for c in out
            if c.cost + bonus <= options.max_candidate_cost or c.source == "reread"
        ]
    return out


def _letters(s: str, evidence: Evidence | None, pool: _Pool, o: ReconcileOptions) -> None:
    """Each letter read for a digit (``94A0.41``, see ``model.lettered``) replaced by the
    digits it may stand for: those the recogniser listed for it, or the shape table's."""
    per_spot = []
    for pos in letter_positions(s):
        shapes = DIGITS_OF.get(s[pos], set())
        costs = {
            d: _swap_cost(evidence, pos, d, d in shapes, o, o.cost_letter_for_digit)
            for d in "0123456789"
        }
        per_spot.append((pos, [(d, c) for d, c in costs.items() if c < math.inf]))
    if not per_spot or not all(options for _, options in per_spot):
        return
    for combo in product(*(options for _, options in per_spot)):
        chars = list(s)
        for (pos, _), (digit, _) in zip(per_spot, combo, strict=True):
            chars[pos] = digit
        pool.add("".join(chars).replace(",", ""), sum(c for _, c in combo), "letters")


def _swaps(s: str, evidence: Evidence | None, pool: _Pool, o: ReconcileOptions) -> None:
    """One digit replaced by a look-alike, or by any CTC alternative."""
    for pos, ch in enumerate(s):
        if not ch.isdigit():
            continue
        options = set(CONFUSIONS[ch])
        if evidence is not None:
            options |= {a for a, _ in evidence.chars[pos] if a.isdigit()}
        for new in sorted(options - {ch}):  # a set's order changes per process
            cost = _swap_cost(evidence, pos, new, new in CONFUSIONS[ch], o)
            if cost < math.inf:
                pool.add(s[:pos] + new + s[pos + 1 :], cost, "ctc" if evidence else "confusion")


def _drops_and_adds(plain: str, decimals: int, pool: _Pool, o: ReconcileOptions) -> None:
    """A digit lost (insert one) or a digit too many (delete one) in the whole part, or
    in the fraction when the fraction has the wrong length."""
    whole, point, frac = plain.partition(".")
    for pos in range(len(whole) + 1):
        for d in "0123456789":
            pool.add(whole[:pos] + d + whole[pos:] + point + frac, o.cost_digit_dropped, "drop")
    for pos in range(len(whole)):
        if len(whole) > 1:
            pool.add(whole[:pos] + whole[pos + 1 :] + point + frac, o.cost_digit_added, "add")
    if point and len(frac) < decimals:
        for pos in range(len(frac) + 1):
            for d in "0123456789":
                pool.add(whole + "." + frac[:pos] + d + frac[pos:], o.cost_digit_dropped, "drop")
    if point and len(frac) > decimals > 0:
        for pos in range(len(frac)):
            pool.add(whole + "." + frac[:pos] + frac[pos + 1 :], o.cost_digit_added, "add")


def _points(s: str, plain: str, decimals: int, pool: _Pool, o: ReconcileOptions) -> None:
    """Decimal point lost or moved; thousands comma and point mistaken for each other."""
    digits = plain.replace(".", "")
    if decimals > 0 and "." not in plain and len(digits) > decimals:
        pool.add(digits[:-decimals] + "." + digits[-decimals:], o.cost_point_lost, "point")
    if "." in plain and decimals > 0:
        for pos in range(1, len(digits)):
            if len(digits) - pos == decimals:
                pool.add(digits[:pos] + "." + digits[pos:], o.cost_point_moved, "point")
    if s.count(".") > 1:  # '1.234.56': all but the last point were commas
        head, _, tail = s.rpartition(".")
        pool.add(head.replace(".", "") + "." + tail, o.cost_separator, "separator")
    if s.count(".") == 1 and len(s.rpartition(".")[2]) == 3 and decimals != 3:
        pool.add(s.replace(".", ""), o.cost_separator, "separator")  # '1.234' was '1,234'
    if "," in s and "." not in s:
        head, _, tail = s.rpartition(",")
        if len(tail) == decimals:
            pool.add(head.replace(",", "") + "." + tail, o.cost_separator, "separator")
    if decimals == 0 and "." in plain:
        pool.add(digits, o.cost_point_moved, "point")
