"""The contract's number rule, shared by every stage that turns cell text into `value`,
and the grammar of a printed amount, which reads one whose separators were damaged.

``value`` is the amount as printed: thousands separators removed; ``—``, ``——``, ``-``
and blank give None; a percentage gives the number before ``%``; a cell that is not a
number (a label, a code such as ``2011301``) gives None. Codes are text, not amounts:
callers that know a column holds codes must not parse it.

:func:`parse_amount` is the strict rule (clean print, truth builders). :func:`read_amount`
adds what a scan does to separators: at 150 dpi with heavy JPEG the recogniser reads a
thousands comma as a point and a decimal point as a colon (``21.968.00``, ``10:208.94``,
``1,879:36``) and picks up stray end punctuation (``15844.04.``, ``307.82:``,
``*24.00``). Every digit of such a reading is right; only the separators are not, so the
grammar of a printed amount decides them: digits come in groups of three after a first
group of one to three, and a final separator before one or two digits is the decimal
point. The reading never changes, adds or drops a digit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DASHES = {"", "-", "—", "——", "–", "－", "---", "/"}
_AMOUNT = re.compile(r"^[-−+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－％：；", "0123456789.,-%:;")

_SEPARATORS = ".,:;·'`"
"""What a damaged thousands comma or decimal point is read as (a colon for a point, a
point for a comma, a raised dot or an apostrophe for either)."""
_NEVER_PRINTED = ":;"
"""Marks no printed amount holds: where no grouping of the digits explains one as a
damaged separator, it is a speck between two digits, and dropping it changes no digit."""
_DROP_NEVER_PRINTED = str.maketrans("", "", _NEVER_PRINTED)
_STRAY_END = _SEPARATORS + "。，、*|丨]"
"""Punctuation a reading picks up at its ends from specks and rules (``307.82:``; the
real-PDF scans under augraphy: ``*24.00`` from a speck, ``60.00]`` from a cell's corner)."""
_GROUPED = re.compile(r"^([-−+]?)(\d+(?:[" + re.escape(_SEPARATORS) + r"]\d+)*)(%?)$")
_SPLIT = re.compile("[" + re.escape(_SEPARATORS) + "]")
CENT_DIGITS = 2
"""Disclosures print amounts to the cent, so the grammar reads a final group of three
digits as thousands. The exception, a 万元 table printed to the 10 元 (``42.252``), is
the caller's to know: layout then offers :func:`point_read_as_comma` as a second reading."""


_DATE_TIME_STAMP = re.compile(
    r"^(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([01]\d|2[0-3])[0-5]\d[0-5]\d$"
)
"""A form's 填报日期 stamp (``20240111171542``: date and time, fourteen digits, no
separators). No disclosure prints an amount of twenty trillion without a comma."""


def normalise_amount_text(text: str) -> str:
    """Fold full-width digits and punctuation and drop inner spaces."""
    return text.translate(_FULLWIDTH).replace(" ", "").replace("\u3000", "").strip()


def parse_amount(text: str | None) -> float | None:
    """Parse a printed amount; None when the text is not a number."""
    if text is None:
        return None
    s = normalise_amount_text(text)
    if s in _DASHES or not _AMOUNT.match(s) or _DATE_TIME_STAMP.match(s):
        return None
    s = s.rstrip("%").replace(",", "").replace("−", "-")
    try:
        return float(s)
    except ValueError:
        return None


@dataclass(frozen=True)
class AmountReading:
    """One way to read an amount-shaped text: its printed form and its value.

    ``separators_fixed`` says the printed form differs from the reading only in its
    separators (and stray end punctuation): the digits are exactly those read.
    """

    text: str
    value: float
    separators_fixed: bool = False


def read_amount(
    text: str | None, decimals: int | None = None, grouped: bool = True
) -> list[AmountReading]:
    """The readings the grammar of a printed amount allows for ``text``, most likely first.

    A clean amount gives itself. A reading with damaged separators gives the amount its
    digit groups spell. ``decimals``, when known (the table's usual number of decimals),
    rejects a grammar reading with another fraction length (in a table printed to the
    cent, ``10:208`` is no amount the grammar can decide), and puts a grammar reading that
    fits the table before a strict one that doesn't (``1.234`` in a table of whole 元 is
    1,234), unless ``grouped`` is False: a document that shows no thousands comma
    anywhere printed the lone point it was read with (seed 002's performance forms print
    ``42.252`` 万元 beside whole scores, ``100`` and ``10``). Two readings mean two
    values: the caller keeps the second as a candidate for reconciliation to choose. An
    empty list means the text is no amount the grammar can read without changing a digit.
    """
    if text is None:
        return []
    s = normalise_amount_text(text)
    strict = parse_amount(s)
    readings = [AmountReading(s, strict)] if strict is not None else []
    trimmed = _trim_stray_ends(s)
    grammar = _grammar_reading(s, trimmed, decimals)
    if grammar is None and any(mark in trimmed for mark in _NEVER_PRINTED):
        # a colon or semicolon no reading of the groups explains is a speck: '74:3.39'
        grammar = _grammar_reading(s, trimmed.translate(_DROP_NEVER_PRINTED), decimals)
    if grammar is None or (strict is not None and grammar.value == strict):
        return readings
    strict_misfits = decimals is not None and _fraction_digits(s) != decimals
    if not grouped and _LONE_POINT_GROUP.match(s):
        strict_misfits = False
    return [grammar, *readings] if strict is None or strict_misfits else [*readings, grammar]


_LONE_THOUSANDS_COMMA = re.compile(r"^([-−]?\d{1,3}),(\d{3})$")
_LONE_POINT_GROUP = re.compile(r"^[-−]?\d{1,3}\.\d{3}$")
"""``42.252``: three decimals, or one thousands group whose comma was read as a point."""


def point_read_as_comma(text: str | None) -> str | None:
    """``42,252`` read again as ``42.252``, or None when ``text`` is not of that shape.

    A table in 万元 sometimes prints to three decimals (``42.252`` 万元, to the 10 元), and a
    damaged point then reads as a comma: the digits alone cannot tell the two apart. Only
    a caller that knows the table prints three decimals should offer this reading, and
    then as a second one, for the arithmetic (or a reviewer) to settle.
    """
    match = _LONE_THOUSANDS_COMMA.match(normalise_amount_text(text or ""))
    return f"{match.group(1)}.{match.group(2)}" if match else None


def cut_to_the_cent(text: str | None) -> str | None:
    """``156.951`` read again as ``156.95``, or None when ``text`` carries no more than
    :data:`CENT_DIGITS` decimals.

    In a table printed to the cent, a speck or a rule end after the last digit reads as one
    more digit, and reconciliation, which sums in cents, cannot see it. Only a caller that
    knows the table prints to the cent should offer this reading, and as a second one: it
    drops digits that were read, so the arithmetic (or a reviewer) must settle it.
    """
    s = normalise_amount_text(text or "")
    if parse_amount(s) is None or _fraction_digits(s) <= CENT_DIGITS:
        return None
    whole, _, fraction = s.rstrip("%").partition(".")
    return f"{whole}.{fraction[:CENT_DIGITS]}"


def looks_like_amount(text: str | None) -> bool:
    """An amount as printed, or as a scan damaged its separators."""
    return bool(read_amount(text))


def _trim_stray_ends(s: str) -> str:
    start, end = 0, len(s)
    while start < end and s[start] in _STRAY_END:
        start += 1
    while end > start and s[end - 1] in _STRAY_END:
        end -= 1
    return s[start:end]


def _fraction_digits(s: str) -> int:
    return len(s.rstrip("%").partition(".")[2])


def _grammar_reading(original: str, s: str, decimals: int | None) -> AmountReading | None:
    """The printed amount that the digit groups of ``s`` spell, or None.

    The last separator is the decimal point when one or two digits follow it; every
    other separator is a thousands comma, so the groups before it are one to three
    digits, then exactly three each.
    """
    match = _GROUPED.match(s)
    if match is None:
        return None
    sign, body, percent = match.groups()
    groups = _SPLIT.split(body)
    if len(groups) > 1 and len(groups[-1]) <= CENT_DIGITS:
        whole, fraction = groups[:-1], groups[-1]
    else:
        whole, fraction = groups, ""
    if decimals is not None and len(fraction) != decimals:
        return None
    if not _thousands_grouped(whole):
        return None
    printed = (
        ("-" if sign in ("-", "−") else "")
        + ",".join(whole)
        + ("." + fraction if fraction else "")
        + percent
    )
    value = parse_amount(printed)
    if value is None:
        return None
    return AmountReading(printed, value, separators_fixed=printed != original)


def _thousands_grouped(groups: list[str]) -> bool:
    first, rest = groups[0], groups[1:]
    if rest and not 1 <= len(first) <= 3:
        return False
    if rest and first[0] == "0":  # '0,125' and '01,234' are never printed
        return False
    return all(len(g) == 3 for g in rest)
