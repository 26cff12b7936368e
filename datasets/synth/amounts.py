"""Amount arithmetic: integer cents, bottom-up sums, and printing in 元, 千元 or 万元.

Real books are kept in 元 to the cent; a 万元 table rounds every printed cell from its
own 元 figure, so a printed parent can differ from the sum of its printed children by
0.01 per term. Drawing integer cents and rounding only at print time reproduces exactly
that (contract §4: "本套报表金额单位转换时可能存在尾数误差").
"""

from __future__ import annotations

import random
from dataclasses import dataclass

CENTS_PER_UNIT = {"元": 100, "千元": 100_000, "万元": 1_000_000}  # 1 万元 = 1,000,000 cents
UNITS = ["元"] * 4 + ["万元"] * 7 + ["千元"]  # 千元 is rare in published documents


@dataclass(frozen=True)
class AmountStyle:
    """How a document prints amounts."""

    unit: str  # "元" | "万元" | "千元"
    thousands: bool  # 1,234.56 vs 1234.56
    zero: str  # how a zero prints in a table: "", "0.00", "-", "—"


def draw_style(rng: random.Random) -> AmountStyle:
    unit = rng.choice(UNITS)
    return AmountStyle(
        unit=unit,
        thousands=rng.random() < (0.6 if unit == "元" else 0.3),
        zero=rng.choice(["", "", "", "0.00", "-", "—"]),
    )


def in_hundredths(cents: int, unit: str) -> int:
    """The printed figure in hundredths of `unit`, rounded half up (as spreadsheets do)."""
    per = CENTS_PER_UNIT[unit]
    return (cents * 100 + per // 2) // per


def fmt_hundredths(h: int, thousands: bool) -> str:
    sign = "-" if h < 0 else ""
    h = abs(h)
    whole, frac = divmod(h, 100)
    whole_s = f"{whole:,}" if thousands else str(whole)
    return f"{sign}{whole_s}.{frac:02d}"


def fmt_amount(cents: int, style: AmountStyle, blank_zero: bool = True) -> str:
    """Print an amount as a table cell shows it."""
    h = in_hundredths(cents, style.unit)
    if h == 0 and blank_zero:
        return style.zero
    return fmt_hundredths(h, style.thousands)


def fmt_quoted(cents: int, style: AmountStyle) -> str:
    """An amount as narrative text quotes it, unit included (always the table's figure)."""
    return fmt_hundredths(in_hundredths(cents, style.unit), style.thousands) + style.unit


def percent(part: int, whole: int) -> str:
    """part / whole as a percentage with two decimals ('0.00' when whole is zero)."""
    if whole == 0:
        return "0.00"
    h = (abs(part) * 10000 * 2 + abs(whole)) // (2 * abs(whole))  # hundredths of a percent
    return fmt_hundredths(h if part * whole >= 0 else -h, False)


def partition(rng: random.Random, total: int, n: int, min_share: float = 0.02) -> list[int]:
    """Split `total` cents into n positive parts with random weights, summing exactly."""
    if n <= 0:
        return []
    weights = [rng.random() + min_share for _ in range(n)]
    scale = sum(weights)
    parts = [int(total * w / scale) for w in weights]
    parts[-1] += total - sum(parts)
    return parts


def draw_cents(rng: random.Random, low_yuan: float, high_yuan: float, round_to: int = 1) -> int:
    """A log-uniform amount in cents between two 元 bounds, optionally rounded to whole 元."""
    import math

    yuan = math.exp(rng.uniform(math.log(low_yuan), math.log(high_yuan)))
    cents = int(yuan * 100)
    if round_to > 1:
        cents = max(round_to, cents // round_to * round_to)
    return cents
