"""The document structure a seed transcription is parsed into, and the renderer draws.

Kept apart from the parser so the renderer and the truth check depend on plain types only.
A table is a grid of *placed* cells (origin row/col and spans); positions a span covers
hold no cell of their own, as in HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "toc", "note"]


@dataclass(frozen=True)
class TextBlock:
    """A heading (``level`` 1-4), a paragraph, a contents entry or a note under a table."""

    kind: BlockKind
    text: str
    level: int = 0
    bold: bool = False
    page_ref: str = ""  # a contents entry's page number


@dataclass(frozen=True)
class PlacedCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class SeedTable:
    """One table of the transcription with what is printed around it."""

    title: str | None
    caption: str | None  # 预算公开表1, 公开01表
    meta: list[str]  # 部门名称：…, 单位：万元, 2022年度
    n_rows: int
    n_cols: int
    header_rows: int  # rows drawn as the table's header (repeated on a new page)
    cells: list[PlacedCell]
    form: bool = False  # a performance form: drawn as a plain grid, no header inferred
    notes: list[str] = field(default_factory=list)

    def text_at(self, row: int, col: int) -> str:
        """Text of the cell whose origin is (row, col); '' when none starts there."""
        for cell in self.cells:
            if cell.row == row and cell.col == col:
                return cell.text
        return ""

    def rows(self) -> list[list[PlacedCell]]:
        """Placed cells grouped by origin row, left to right (HTML ``<tr>`` order)."""
        out: list[list[PlacedCell]] = [[] for _ in range(self.n_rows)]
        for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
            out[cell.row].append(cell)
        return out


Block = TextBlock | SeedTable


@dataclass
class SeedDocument:
    """A parsed seed: its cover lines, then headings, paragraphs and tables in order."""

    name: str
    cover: list[str]
    blocks: list[Block]

    @property
    def tables(self) -> list[SeedTable]:
        return [b for b in self.blocks if isinstance(b, SeedTable)]
