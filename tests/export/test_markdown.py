"""``--format md``: one markdown table per document table, header paths as column names,
a footnote on every repaired, flagged or corrected cell, the findings listed."""

from __future__ import annotations

from fiscalocr.app.export import write_outputs

from .documents import LONG_LABEL, three_public_document


def test_markdown_tables_with_marked_cells(tmp_path):
    out_base = tmp_path / "a"
    written = write_outputs(three_public_document(), out_base, ("json", "md"))
    assert [p.name for p in written] == ["a.md", "a.json"]
    lines = (tmp_path / "a.md").read_text(encoding="utf-8").splitlines()
    assert "| 项目 | 2024年预算数 / 合计 | 2024年预算数 / 公务接待费 |" in lines
    assert f"| {LONG_LABEL} | 4300.80[^1] | 12.50 |" in lines
    assert "| 其他 | 1,200.00[^2] | 7.00[^3] |" in lines
    assert "[^1]: t1 第3行第2列 修复：识别为 4300.30 → 4300.80（t1:sum:col1）" in lines
    assert (
        "[^3]: t1 第4行第3列 待核：第4行合计不等于各项之和；“其他”行合计与分项之和相差0.30万元"
        in lines
    )
    assert any(
        "“其他”行合计与分项之和相差0.30万元" in line and "sum_mismatch" in line for line in lines
    )
