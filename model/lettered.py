"""Amounts read with a letter or symbol for a digit (``é.00``, ``94A0.41``, ``0.0€``).

A blurred or worn digit often comes out of the recogniser as the letter it resembles
most. Such a reading is no number; this says which readings are amounts once a letter or
two are read as digits, so that layout can warn of them and reconciliation can choose
their digits (``reconcile.candidates``). Only a reading that is an amount once at most
``MAX_LETTERS`` characters are read as digits, with more digits than letters, counts: a
label (``行政运行``) or a code glued to text is never an amount here.
"""

from __future__ import annotations

import re

from .text import normalise_text

_NUMERIC = re.compile(r"[-−]?[\d.,]+%?")

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

DIGITS_OF: dict[str, set[str]] = {}
for _digit, _letters in LOOKALIKE_DIGITS.items():
    for _letter in _letters:
        DIGITS_OF.setdefault(_letter, set()).add(_digit)

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
    if not all(t[i] in DIGITS_OF for i in spots):
        return []
    probe = "".join("0" if i in spots else ch for i, ch in enumerate(t))
    return spots if _NUMERIC.fullmatch(probe) else []


def is_lettered_amount(text: str) -> bool:
    """Whether ``text`` reads as an amount with one or two letters for digits."""
    return bool(letter_positions(text))
