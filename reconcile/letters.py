"""The digits an amount read with letters for digits may stand for (``94A0.41``).

A blurred or worn digit often comes out of the recogniser as the letter it resembles
most: a round ``0`` as ``é``/``o``/``€``, a ``4`` as ``A``, an ``8`` as ``#``. Such a
reading is no number, so layout gives the cell no value and no rule could see it
(bench-v2 heavy p6: 14 of one table's 54 lost amounts). Which readings count is the
model's (:mod:`fiscalocr.model.lettered`); here each is turned into the digit strings it
may stand for, so that reconciliation may choose one under its usual acceptance rules,
recording what was read. A letter's digit comes first from the recogniser's own
alternatives for that character, then from the table of shapes that print alike.
"""

from __future__ import annotations

import math
from itertools import product

from fiscalocr.model.lettered import DIGITS_OF, letter_positions
from fiscalocr.model.text import normalise_text


def letter_readings(
    text: str,
    evidence_chars: list[list[tuple[str, float]]] | None,
    lookalike_cost: float,
    floor_prob: float,
) -> list[tuple[str, float]]:
    """Every digit string ``text`` may stand for, with its cost: per letter, a digit the
    recogniser offered for it is priced by their odds (at least ``-log`` of
    ``floor_prob`` against the letter when only the shape table offers it); a look-alike
    with no evidence at all costs ``lookalike_cost``."""
    t = normalise_text(text)
    spots = letter_positions(t)
    if not spots:
        return []
    per_spot: list[list[tuple[str, float]]] = []
    for i in spots:
        options: dict[str, float] = {}
        choices = dict(evidence_chars[i]) if evidence_chars is not None else None
        for digit in sorted(set("0123456789")):
            looks = digit in DIGITS_OF.get(t[i], set())
            if choices is None:
                if looks:
                    options[digit] = lookalike_cost
                continue
            p_read = max(choices.values(), default=1.0)
            p_new = choices.get(digit, floor_prob if looks else 0.0)
            if p_new > 0:
                options[digit] = max(0.2, math.log(p_read / p_new))
        if not options:
            return []
        per_spot.append(sorted(options.items(), key=lambda kv: (kv[1], kv[0])))
    out = []
    for combo in product(*per_spot):
        chars = list(t)
        for i, (digit, _) in zip(spots, combo, strict=True):
            chars[i] = digit
        out.append(("".join(chars), sum(cost for _, cost in combo)))
    return out
