"""Amounts read with a letter or symbol for a digit (``é.00``, ``94A0.41``, ``0.0€``).

A blurred or worn digit often comes out of the recogniser as the letter it resembles
most: a round ``0`` as ``é``/``o``/``€``, a ``4`` as ``A``, an ``8`` as ``#``. Such a
reading is no number, so layout gives the cell no value, no rule sees it and the amount
is lost without a word (bench-v2 heavy p6: 14 of one table's 54 lost amounts). Here such
a reading is recognised as a damaged amount, so that reconciliation may choose its digit
under the usual acceptance rules, recording what was read.

Only a reading that is an amount once at most ``MAX_LETTERS`` characters are read as
digits, with more digits than letters, counts: a label (``行政运行``) or a code glued to
text is never an amount here. Which digit a letter stands for comes first from the
recogniser's own alternatives for that character, then from a short table of shapes
that print alike.
"""

from __future__ import annotations

import math
from itertools import product

from fiscalocr.model.text import normalise_text

from .grid import looks_numeric

LOOKALIKE_DIGITS: dict[str, str] = {
    "0": "OoDQUuμncCeéè€",
    "1": "Iil|!",
    "2": "Zz",
    "3": "$",
    "4": "A",
    "5": "Ss",
    "6": "Gb",
    "7": "T",
    "8": "B#&",
    "9": "gq",
}
"""Printed digits and the letters and symbols a recogniser reads them as (seen on bench-v2
heavy scans: ``é``/``€``/``n`` for 0, ``A`` for 4, ``#`` for 8, ``T`` for 7, ``$`` for 3)."""

_DIGITS_OF: dict[str, set[str]] = {}
for _digit, _letters in LOOKALIKE_DIGITS.items():
    for _letter in _letters:
        _DIGITS_OF.setdefault(_letter, set()).add(_digit)

MAX_LETTERS = 2
"""A reading with more letters than this is text, not a damaged amount."""

_AMOUNT_CHARS = set("0123456789.,-−%")


def letter_positions(text: str) -> list[int]:
    """Positions of the characters of ``text`` (normalised) that are no part of an
    amount, when reading each as a digit could make it one; [] otherwise."""
    t = normalise_text(text)
    spots = [i for i, ch in enumerate(t) if ch not in _AMOUNT_CHARS]
    digits = sum(ch.isdigit() for ch in t)
    if not spots or len(spots) > MAX_LETTERS or digits <= len(spots):
        return []
    if not all(t[i] in _DIGITS_OF for i in spots):
        return []
    probe = "".join("0" if i in spots else ch for i, ch in enumerate(t))
    return spots if looks_numeric(probe) else []


def is_lettered_amount(text: str) -> bool:
    """Whether ``text`` reads as an amount with one or two letters for digits."""
    return bool(letter_positions(text))


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
            looks = digit in _DIGITS_OF.get(t[i], set())
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
