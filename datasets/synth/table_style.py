"""How one table is drawn: rules, frame, fills, page edge, header on continued pages, face.

`synth-1.9` drew every table of a document in the document's one style (black rules, a full
grid or open sides). Real disclosures come from many templates: office-suite default borders
(thin light-grey rules), horizontal-only and booktabs-like tables, no outer frame, zebra
rows, tables whose right side runs to the page edge with no closing rule. `synth-2.0` draws
a house style per document and lets some tables depart from it (`TableStyler`), from a
random stream of its own so the 1.9 draws (books, tables, pages) stay exactly the same.

A test forces a style with `StyleOverrides`: fields of `TableStyle` for every table, or for
one table by id (``"t3"``) or type (``"revenue"``), applied after the random draws.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .fonts import FACES_V2, FontFace, available
from .layout import Style

Colour = float | tuple[float, float, float]  # a gray level or RGB, 0 black ... 1 white
GRIDS = ("full", "open_sides", "horizontal", "booktabs")


@dataclass(frozen=True)
class TableStyle:
    """The drawing of one table (all of its parts, on every page).

    grid: "full" rules every row and column boundary; "open_sides" leaves out the verticals at
    the table's left and right edges; "horizontal" has row rules only; "booktabs" has a top
    rule, a rule under the header (and under spanning header groups) and a bottom rule.
    """

    rule_width: float = 0.5  # inner rules, points
    outer_width: float = 0.5  # frame, booktabs top and bottom rules
    rule_gray: float = 0.0  # 0 black; #c8c8c8 is 200 / 255 = 0.784
    grid: str = "full"
    frame: bool = True  # outer rules round each page's part (ignored by booktabs)
    header_fill: Colour | None = None
    zebra_fill: Colour | None = None  # every second body row
    cut_right: bool = False  # runs to the right page edge, no closing rule
    repeat_header: bool = True  # header rows drawn again on continuation pages
    face: str | None = None  # None: the document's table face

    def __post_init__(self) -> None:
        if self.grid not in GRIDS:
            raise ValueError(f"grid {self.grid!r} is not one of {GRIDS}")


def legacy_style(style: Style, repeat_header: bool) -> TableStyle:
    """The one table style of a synth-1.9 document (drawn exactly as 1.9 drew it)."""
    return TableStyle(
        rule_width=style.rule_width,
        outer_width=style.outer_width,
        grid="open_sides" if style.open_sides else "full",
        header_fill=style.header_fill,
        repeat_header=repeat_header,
    )


@dataclass(frozen=True)
class StyleOdds:
    """The synth-2.0 style distribution (probabilities of one draw)."""

    black: float = 0.45  # rule colour: black, else dark grey, else light grey
    dark_gray: float = 0.20
    dark_range: tuple[float, float] = (0.25, 0.45)
    light_range: tuple[float, float] = (0xB0 / 255, 0xD0 / 255)  # office default borders
    light_widths: tuple[float, ...] = (0.25, 0.3, 0.4, 0.5, 0.75)
    widths: tuple[float, ...] = (0.25, 0.4, 0.5, 0.6, 0.75, 1.0, 1.2)
    heavier_outer: float = 0.4  # outer rules 1.5x or 2x the inner ones
    grid_weights: tuple[float, ...] = (0.55, 0.10, 0.20, 0.15)  # in the order of GRIDS
    no_frame: float = 0.2  # of full / open_sides / horizontal grids
    header_gray: float = 0.3  # header fill grey, else pale colour, else none
    header_pale: float = 0.2
    zebra: float = 0.15
    keep_house: float = 0.7  # a table keeps the document's house style
    cut_right: float = 0.1  # per table
    flip_repeat_header: float = 0.25  # per table, against the document's habit
    other_face: float = 0.2  # per table, a face other than the document's table face
    wide: float = 0.4  # per document: its revenue table is drawn wide (12-16 columns)
    wide_a3: float = 0.5  # a wide table on A3 landscape, else A4 landscape


ODDS = StyleOdds()
PALE = (
    (0.86, 0.92, 0.97),  # pale blue
    (0.89, 0.95, 0.88),  # pale green
    (1.00, 0.97, 0.85),  # pale yellow
    (0.98, 0.91, 0.86),  # pale orange
)


def _zebra_fill(rng: random.Random) -> Colour:
    """A light grey, or a pale colour lightened half way to white (zebra rows are paler
    than header fills)."""
    if rng.random() < 0.6:
        return round(rng.uniform(0.92, 0.97), 3)
    return tuple(round(c + (1 - c) / 2, 3) for c in rng.choice(PALE))  # type: ignore[return-value]


def draw_look(rng: random.Random, odds: StyleOdds = ODDS) -> TableStyle:
    """Rules, frame and fills (the parts a house style fixes)."""
    pick = rng.random()
    if pick < odds.black:
        gray, widths = 0.0, odds.widths
    elif pick < odds.black + odds.dark_gray:
        gray, widths = round(rng.uniform(*odds.dark_range), 3), odds.widths
    else:
        gray, widths = round(rng.uniform(*odds.light_range), 3), odds.light_widths
    width = rng.choice(widths)
    outer = width * rng.choice([1.5, 2.0]) if rng.random() < odds.heavier_outer else width
    grid = rng.choices(GRIDS, weights=odds.grid_weights)[0]
    if grid == "booktabs":
        outer = max(outer, width * 1.5)
    frame = grid == "booktabs" or rng.random() >= odds.no_frame
    pick = rng.random()
    header: Colour | None = None
    if pick < odds.header_gray:
        header = round(rng.uniform(0.82, 0.95), 3)
    elif pick < odds.header_gray + odds.header_pale:
        header = rng.choice(PALE)
    zebra = _zebra_fill(rng) if rng.random() < odds.zebra else None
    return TableStyle(
        rule_width=width,
        outer_width=round(min(outer, 2.0), 3),
        rule_gray=gray,
        grid=grid,
        frame=frame,
        header_fill=header,
        zebra_fill=zebra,
    )


@dataclass(frozen=True)
class StyleOverrides:
    """Styles a caller forces on a synth-2.0 document (applied after the random draws, so
    everything not forced is drawn as without overrides).

    every_table: TableStyle fields for every table, e.g. ``{"rule_width": 0.3,
    "rule_gray": 0.784}`` (0.3 pt #c8c8c8 rules). by_table: fields for one table, keyed by
    its id (``"t2"``) or type (``"revenue"``); the id wins. wide_cols: 12-16 draws the
    revenue table wide with that many columns, 0 never draws a wide table, None: by chance.
    a3: True/False forces the page size of a wide table (A3 or A4 landscape).
    """

    every_table: Mapping[str, Any] = field(default_factory=dict)
    by_table: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    wide_cols: int | None = None
    a3: bool | None = None


class TableStyler:
    """The styles of one synth-2.0 document, drawn from their own random stream."""

    def __init__(
        self,
        seed: int,
        faces: tuple[FontFace, ...] = FACES_V2,
        overrides: StyleOverrides | None = None,
        odds: StyleOdds = ODDS,
    ) -> None:
        self.rng = random.Random(f"synth-2.0 table styles {seed}")
        self.odds = odds
        self.overrides = overrides or StyleOverrides()
        self.faces = tuple(f for f in faces if available(f))
        self.house = draw_look(self.rng, odds)

    def for_table(self, table_id: str, table_type: str, repeat_header: bool) -> TableStyle:
        """The style of the next table (call in drawing order)."""
        rng, odds = self.rng, self.odds
        look = self.house if rng.random() < odds.keep_house else draw_look(rng, odds)
        cut = rng.random() < odds.cut_right
        repeat = repeat_header != (rng.random() < odds.flip_repeat_header)
        face = rng.choice(self.faces).key if rng.random() < odds.other_face else None
        style = dataclasses.replace(look, cut_right=cut, repeat_header=repeat, face=face)
        forced = {
            **self.overrides.every_table,
            **self.overrides.by_table.get(table_type, {}),
            **self.overrides.by_table.get(table_id, {}),
        }
        return dataclasses.replace(style, **forced) if forced else style

    def wide_cols(self, choices: tuple[int, ...]) -> int:
        """Columns of the document's wide table, 0 for none (drawn whether forced or not)."""
        wide = self.rng.random() < self.odds.wide
        cols = self.rng.choice(choices)
        forced = self.overrides.wide_cols
        if forced is not None:
            if forced and forced not in choices:
                raise ValueError(f"a wide table has one of {choices} columns, not {forced}")
            return forced
        return cols if wide else 0

    def wide_on_a3(self) -> bool:
        a3 = self.rng.random() < self.odds.wide_a3
        return a3 if self.overrides.a3 is None else self.overrides.a3
