"""A fast engine reads every line; an accurate one re-reads only the lines in doubt.

A line is in doubt when the fast engine's confidence is low, or when it looks like an
amount (digits and separators only) yet breaks the printed-amount grammar
(``parse_amount``): a dropped comma, a colon for a point, a letter for a digit. Each doubtful
line is re-read once, from the same crop; the accurate reading replaces the fast one when
it is the better reading (an amount where the fast one was none, else a higher
confidence), and then records the accurate engine's name in ``Line.ocr_engine``. Lines
are never re-read twice: the cascade is one pass over the fast engine's output.
"""

from __future__ import annotations

import re

import numpy as np

from fiscalocr.model import Line, parse_amount

from .ctc import Placement

AMOUNT_LIKE = re.compile(r"^[-−+]?[\d.,:;·'`０-９．，：；\s]*\d[\d.,:;·'`０-９．，：；\s]*%?$")
"""Text made of digits and separators only: it can only be an amount or a code."""


def looks_like_broken_amount(text: str) -> bool:
    """Digits and separators that the strict amount grammar does not accept."""
    return bool(AMOUNT_LIKE.match(text.strip())) and parse_amount(text) is None


def in_doubt(line: Line | None, below_conf: float) -> bool:
    """Whether a fast reading is worth a second, accurate look."""
    if line is None:
        return False  # nothing was read: no ink the accurate model would find either
    return line.conf < below_conf or looks_like_broken_amount(line.text)


def better(second: Line | None, first: Line) -> bool:
    """The accurate reading wins when it is an amount where the fast one is a broken
    one, or reads with higher confidence."""
    if second is None:
        return False
    if looks_like_broken_amount(first.text) and parse_amount(second.text) is not None:
        return True
    return second.conf > first.conf


def reread_doubtful(
    accurate,
    crops: list[np.ndarray],
    places: list[Placement],
    lines: list[Line | None],
    below_conf: float,
) -> tuple[list[Line | None], int]:
    """``lines`` with the doubtful ones re-read by ``accurate``; and how many were re-read."""
    doubtful = [i for i, line in enumerate(lines) if in_doubt(line, below_conf)]
    if not doubtful:
        return lines, 0
    second = accurate.recognise([crops[i] for i in doubtful], [places[i] for i in doubtful])
    out = list(lines)
    for i, line in zip(doubtful, second, strict=True):
        if better(line, out[i]):
            out[i] = line.model_copy(update={"ocr_engine": accurate.name})
    return out, len(doubtful)
