"""OCR-like damage to a clean document, for training when real OCR output is too costly.

This is a stand-in, and the model card says so when it is used: it imitates what a
recogniser does to scanned disclosures (dropped and swapped characters, full-width
digits, lost lines, a title it failed to read) on a truth document's text, so the
features are not trained on text cleaner than any scan gives.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from fiscalocr.model import Document

# Digit and character pairs PaddleOCR confuses on degraded scans.
_LOOKALIKE = {
    "0": "8Oo",
    "1": "7l",
    "3": "8",
    "5": "6S",
    "6": "5",
    "8": "03B",
    "收": "枚",
    "支": "文",
    "预": "顶",
    "决": "夬",
    "算": "箅",
    "表": "衰",
    "费": "赞",
    "经": "轻",
    "拨": "拔",
    "款": "欵",
    "总": "忌",
    "部": "郜",
    "门": "闩",
    "政": "攻",
    "出": "岀",
}
_FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


@dataclass(frozen=True)
class NoiseLevel:
    """Per-character and per-line damage rates."""

    drop: float = 0.02
    swap: float = 0.03
    full_width: float = 0.05
    lose_line: float = 0.03
    lose_title: float = 0.15


def damage_text(text: str, rng: random.Random, level: NoiseLevel) -> str:
    """One misread of ``text``: some characters lost, some read as look-alikes."""
    out = []
    for ch in text:
        r = rng.random()
        if r < level.drop:
            continue
        if r < level.drop + level.swap and ch in _LOOKALIKE:
            out.append(rng.choice(_LOOKALIKE[ch]))
        else:
            out.append(ch)
    result = "".join(out)
    return result.translate(_FULL_WIDTH) if rng.random() < level.full_width else result


def damage_document(doc: Document, seed: int, level: NoiseLevel | None = None) -> Document:
    """A copy of ``doc`` as a noisy OCR pass might have read it (labels untouched)."""
    level = level or NoiseLevel()
    rng = random.Random(seed)
    out = doc.model_copy(deep=True)
    lost_titles = set()
    for table in out.tables:
        if table.title and rng.random() < level.lose_title:
            lost_titles.add(table.title)
            table.title = None
        elif table.title:
            table.title = damage_text(table.title, rng, level)
        for cell in table.cells:
            cell.text = cell.ocr_text = damage_text(cell.text, rng, level)
    for page in out.pages:
        kept = []
        for line in page.lines:
            if line.text in lost_titles:
                line.text = damage_text(line.text, rng, NoiseLevel(drop=0.5, swap=0.3))
            if rng.random() < level.lose_line or not line.text:
                continue
            line.text = damage_text(line.text, rng, level)
            kept.append(line)
        page.lines = kept
    return out
