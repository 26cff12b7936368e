"""Amounts whose separators a poor scan damaged still reach their cells with their values.

A ruled table of amounts with thousands commas is printed, scanned as a poor archive copy
(120 dpi, JPEG quality 40, blur σ 0.8 px: the recogniser then reads a comma as a point
and splits the amount at it, ``130.81`` + ``5.28`` for 130,815.28), and converted by
the whole pipeline: real PaddleOCR, layout, classification and reconciliation. Before
the grammar of a printed amount, those cells got no value at all, so no rule saw them.
"""

from __future__ import annotations

import random

import pytest

from fiscalocr.app.options import ConvertOptions
from fiscalocr.app.pipeline import convert_document
from fiscalocr.model import parse_amount

from .scanned_pages import put_text, ruled_table, scan

LABELS = ["工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出", "其他支出"]
ROWS_PER_LABEL = 2


def _amounts(seed: int) -> list[list[int]]:
    """Cents per row (合计 = 基本支出 + 项目支出), plus a 合计 row that sums the rows."""
    rng = random.Random(seed)
    rows = []
    for _ in range(len(LABELS) * ROWS_PER_LABEL):
        basic, project = rng.randint(100_000_00, 499_999_99), rng.randint(100_000_00, 499_999_99)
        rows.append([basic + project, basic, project])
    return [*rows, [sum(col) for col in zip(*rows, strict=True)]]


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _money(cents: int) -> str:
    return f"{cents // 100:,}.{cents % 100:02d}"


def _poor_scan(tmp_path, rows: list[list[int]]):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    put_text(page, 200, 80, "部门支出预算表", 16)
    put_text(page, 0, 108, "单位：元", 9, right=540)
    labels = [f"{lb}{k + 1}" for lb in LABELS for k in range(ROWS_PER_LABEL)] + ["合计"]
    heads = ["项目", "合计", "基本支出", "项目支出"]
    body = [[lb, *map(_money, r)] for lb, r in zip(labels, rows, strict=True)]
    ruled_table(page, [heads, *body], [50, 200, 310, 420, 540], top=115, height=22)
    return scan(doc, tmp_path / "poor-scan.pdf", dpi=120, jpeg_quality=40, blur_px=0.8)


@pytest.mark.slow
def test_damaged_separators_reach_their_cells(tmp_path):
    rows = _amounts(seed=7)
    # PP-OCRv4 damages these separators; the default PP-OCRv6 cascade reads them right,
    # which leaves the grammar nothing to mend: this tests the mending, so it reads with v4
    options = ConvertOptions(ocr={"engine": "ppocrv4", "reread_engine": None})
    doc = convert_document(_poor_scan(tmp_path, rows), options)
    (table,) = doc.tables
    truth = {(r + 1, c + 1): cents for r, row in enumerate(rows) for c, cents in enumerate(row)}
    fixed = [c for c in table.cells if c.separators_fixed]
    # the scan really damaged separators: the contract's number rule alone reads nothing
    assert len(fixed) >= 3
    assert all(parse_amount(c.ocr_text) is None for c in fixed)
    assert all(_digits(c.text) == _digits(c.ocr_text) != "" for c in fixed)  # digits as read
    read = {
        (c.row, c.col): round(c.value * 100)
        for c in table.cells
        if c.value is not None and not c.is_header
    }
    right = sum(read.get(pos) == cents for pos, cents in truth.items())
    assert right == len(truth), [
        (c.row, c.col, c.ocr_text, c.text) for c in table.cells if (c.row, c.col) in truth
    ]
    rec = doc.reconciliation
    assert not rec.repairs  # nothing to repair: every digit was read right
    # 合计 = 基本支出 + 项目支出 on each of the 11 rows binds every fixed cell, and holds
    assert rec.checks_total == len(rows) == rec.checks_passed_before
