"""A scan placed on a 5000 pt page (several times print size) is read as the printed table.

The independent check's case: on a 5000 pt page the table was found with the wrong shape,
its arithmetic went unchecked, and the document said ``ok``. The scan here is a real
render of a print-size budget table, scanned at 150 dpi and placed on a page 5.9 times
the size of A4, as a scanner that writes no resolution (read at 72 dpi) or a scaled-up
copy makes it; the real OCR reads it.
"""

from __future__ import annotations

import pymupdf
import pytest

from fiscalocr.app.options import ConvertOptions
from fiscalocr.app.pipeline import convert_document
from fiscalocr.model import PAGE_DRAWN_LARGE

from .scanned_pages import put_text, ruled_table, scan

ROWS = [
    ["科目名称", "合计", "基本支出", "项目支出"],
    ["合计", "1,500.00", "1,100.00", "400.00"],
    ["工资福利支出", "1,000.00", "900.00", "100.00"],
    ["商品和服务支出", "400.00", "150.00", "250.00"],
    ["对个人和家庭的补助", "100.00", "50.00", "50.00"],
]
TALL_PT = 5000.0


def enlarged_scan(tmp_path):
    printed = pymupdf.open()
    page = printed.new_page(width=595, height=842)
    put_text(page, 200, 70, "一般公共预算支出表", 16)
    put_text(page, 470, 95, "单位：万元", 9)
    ruled_table(page, ROWS, [40, 200, 290, 380, 470], top=100, height=20)
    scanned = pymupdf.open(scan(printed, tmp_path / "print.pdf"))
    out = pymupdf.open()
    big = out.new_page(width=595 * TALL_PT / 842, height=TALL_PT)
    big.show_pdf_page(big.rect, scanned, 0)
    path = tmp_path / "enlarged.pdf"
    out.save(path)
    return path


@pytest.mark.slow
def test_a_5000_pt_scan_is_read_with_its_arithmetic_checked(tmp_path):
    doc = convert_document(enlarged_scan(tmp_path), ConvertOptions())
    (page,) = doc.pages
    assert page.height == pytest.approx(TALL_PT, abs=1)
    (table,) = doc.tables
    assert (table.n_rows, table.n_cols) == (5, 4)
    assert [table.cell_at(r, 1).value for r in range(1, 5)] == [1500.0, 1000.0, 400.0, 100.0]
    # 合计 = 基本支出 + 项目支出 on each of 4 rows, and each amount column's 合计 row
    assert doc.reconciliation.checks_total == 7
    assert doc.reconciliation.checks_passed_after == 7
    (warning,) = [e for e in page.errors if e.code == PAGE_DRAWN_LARGE]
    assert warning.severity == "warning"
    assert doc.status == "ok"
