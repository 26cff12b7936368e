"""Does the truth derived from a render's text layer match the parsed seed exactly?

The render's truth comes from :func:`fiscalocr.datasets.realpdf.derive_ground_truth`, the
same builder the real PDFs use; this check holds it against the structure the render was
drawn from, so a builder mistake on these layouts cannot slip into the benchmark unseen.
Every seed table must be found under its title with the seed's rows, columns, spans and
cell texts (whitespace aside), every amount with its value, and the document facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fiscalocr.model import Document, Table, parse_amount

from .structure import SeedDocument, SeedTable

_SPACE = re.compile(r"\s+")
_CODE_HEADER = re.compile(
    r"编码|代码|编号|行次|栏次|序号|^[类款项]$"
)  # contract §1: codes are text
CODE_HEADER_MAX_CHARS = 8  # 功能分类科目编码; a longer text naming 编号 is a sentence
_CODE = re.compile(r"\d{3}|\d{5}|\d{7}")


def normalise(text: str | None) -> str:
    """Text compared without whitespace (the text layer has no spaces between glyphs).

    Not the model's ``normalise_text``: that one also NFKC-folds, so a render that printed
    ``１`` or ``（`` where the seed wrote ``1`` or ``(`` would pass. This check is that the
    truth builder reproduces the seed's text exactly, so only whitespace is let go."""
    return _SPACE.sub("", text or "")


@dataclass
class TableCheck:
    title: str | None
    found: bool
    type: str = "missing"
    shape_seed: tuple[int, int] = (0, 0)
    shape_truth: tuple[int, int] = (0, 0)
    cells_wrong: list[str] = field(default_factory=list)
    amounts: int = 0
    amounts_right: int = 0

    @property
    def exact(self) -> bool:
        return self.found and self.shape_seed == self.shape_truth and not self.cells_wrong


@dataclass
class TruthCheck:
    tables: list[TableCheck]
    extra_tables: list[str]  # titles of truth tables no seed table matched
    facts: tuple[str, str | None, int | None]
    facts_expected: tuple[str, str | None, int | None]

    @property
    def exact(self) -> bool:
        return (
            all(t.exact and t.amounts == t.amounts_right for t in self.tables)
            and not self.extra_tables
            and self.facts == self.facts_expected
        )

    def summary(self) -> str:
        exact = sum(t.exact for t in self.tables)
        amounts = sum(t.amounts for t in self.tables)
        right = sum(t.amounts_right for t in self.tables)
        return (
            f"tables exact {exact}/{len(self.tables)}, amounts {right}/{amounts}, "
            f"extra {len(self.extra_tables)}, facts {'ok' if self.facts == self.facts_expected else self.facts}"
        )


def expected_facts(seed: SeedDocument) -> tuple[str, str | None, int | None]:
    """Kind, department and year as the seed's cover prints them."""
    cover = "".join(seed.cover)
    kind = "final_account" if "决算" in cover else "budget" if "预算" in cover else "unknown"
    year = re.search(r"(20\d\d)\s*年", cover)
    return (
        kind,
        (seed.cover[0].strip() if seed.cover else None),
        int(year.group(1)) if year else None,
    )


def check_truth(seed: SeedDocument, truth: Document) -> TruthCheck:
    """Match seed tables to truth tables by title, in order, and compare them cell by cell."""
    remaining = list(truth.tables)
    checks = []
    for table in seed.tables:
        match = _take_match(table, remaining)
        checks.append(compare_table(table, match))
    facts = (truth.document.kind, truth.document.department, truth.document.year)
    extra = [t.title or f"(untitled {t.id} p{t.pages[0]})" for t in remaining]
    return TruthCheck(checks, extra, facts, expected_facts(seed))


def _take_match(table: SeedTable, candidates: list[Table]) -> Table | None:
    want = normalise(table.title)
    for i, cand in enumerate(candidates):
        if want and normalise(cand.title) == want:
            return candidates.pop(i)
    return None


def compare_table(seed: SeedTable, truth: Table | None) -> TableCheck:
    """Shape, spans, text and amounts of one seed table against its truth table."""
    check = TableCheck(seed.title, truth is not None, shape_seed=(seed.n_rows, seed.n_cols))
    if truth is None:
        return check
    check.type = truth.type
    check.shape_truth = (truth.n_rows, truth.n_cols)
    got = {(c.row, c.col): c for c in truth.cells}
    codes = code_columns(seed)
    for cell in seed.cells:
        mine = got.get((cell.row, cell.col))
        where = f"r{cell.row}c{cell.col}"
        if mine is None:
            check.cells_wrong.append(f"{where}: missing (seed {cell.text!r})")
            continue
        if normalise(mine.text) != normalise(cell.text):
            check.cells_wrong.append(f"{where}: {mine.text!r} != seed {cell.text!r}")
        if (mine.rowspan, mine.colspan) != (cell.rowspan, cell.colspan):
            check.cells_wrong.append(
                f"{where}: span {mine.rowspan}x{mine.colspan} != seed {cell.rowspan}x{cell.colspan}"
            )
        expected = _expected_value(seed, cell.row, cell.col, cell.text, codes)
        if expected is not None:
            check.amounts += 1
            check.amounts_right += mine.value == expected
        elif mine.value is not None:
            check.cells_wrong.append(f"{where}: value {mine.value} for non-amount {cell.text!r}")
    return check


def code_columns(seed: SeedTable) -> set[int]:
    """Columns of codes or row numbers: headed so (in any row: a table may head a block
    of rows with 项目 | 行次 | 金额), or holding only 3/5/7-digit codes."""
    cols = {c.col for c in seed.cells if c.colspan == 1 and _CODE_HEADER.search(normalise(c.text))
            and len(normalise(c.text)) <= CODE_HEADER_MAX_CHARS}  # fmt: skip
    body: dict[int, list[str]] = {}
    for c in seed.cells:
        if c.row >= seed.header_rows and c.text.strip():
            body.setdefault(c.col, []).append(normalise(c.text))
    return cols | {col for col, texts in body.items() if all(_CODE.fullmatch(t) for t in texts)}


def _expected_value(seed: SeedTable, row: int, col: int, text: str, codes: set[int]):
    if row < seed.header_rows or col in codes:
        return None
    return parse_amount(text)
