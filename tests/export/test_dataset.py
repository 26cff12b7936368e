"""``fiscalocr export OUTDIR``: every amount of every document as one tidy row, in Parquet
or DuckDB, and questions across documents answered by a DuckDB query."""

from __future__ import annotations

import pytest

from fiscalocr.app.cli import main
from fiscalocr.app.export import write_outputs

from .documents import LONG_LABEL, coded_document


@pytest.mark.slow
def test_two_converted_scans_sum_to_the_known_figure(converted, tmp_path, capsys):
    import duckdb

    outdir = converted["crooked"].out_base.parent
    assert {p.name for p in outdir.glob("*.json")} >= {"crooked.json", "sideways.json"}
    archive = tmp_path / "archive.parquet"
    assert main(["export", str(outdir), "-o", str(archive)]) == 0
    assert "of 2 documents" in capsys.readouterr().out
    con = duckdb.connect()
    total = con.execute(
        "SELECT sum(value_yuan), count(*) FROM read_parquet(?) "
        "WHERE row_label = '合计' AND column_header = '基本支出'",
        [str(archive)],
    ).fetchone()
    assert total == (pytest.approx((1_800.40 + 2_980.50) * 10_000), 2)  # 47,809,000 元
    flagged = con.execute(
        "SELECT source_file, row_label, text FROM read_parquet(?) WHERE flagged ORDER BY col",
        [str(archive)],
    ).fetchall()
    assert ("crooked.pdf", "一般公共服务支出", "1,500.00") in flagged
    assert {r[0] for r in flagged} == {"crooked.pdf"}
    rows = con.execute(
        "SELECT count(*), count(DISTINCT source_file) FROM read_parquet(?)", [str(archive)]
    ).fetchone()
    assert rows == (18, 2)  # 9 amounts on each scan


def test_duckdb_archive_with_codes_and_a_skipped_bad_json(tmp_path, capsys):
    import duckdb

    outdir = tmp_path / "out"
    write_outputs(
        coded_document("甲局", 2022, ("300.00", "100.00", "200.00")), outdir / "a", ("json",)
    )
    write_outputs(
        coded_document("乙局", 2023, ("50.50", "20.25", "30.25")), outdir / "b", ("json",)
    )
    (outdir / "broken.json").write_text('{"not": "a document"}')
    archive = tmp_path / "archive.duckdb"
    assert main(["export", str(outdir), "-o", str(archive)]) == 3  # one JSON left out
    assert "broken.json: not a fiscalocr document" in capsys.readouterr().err
    with duckdb.connect(str(archive), read_only=True) as con:
        by_year = con.execute(
            "SELECT department, year, value_yuan FROM amounts "
            "WHERE classification_code = '201' ORDER BY year"
        ).fetchall()
        assert by_year == [("甲局", 2022, 3_000_000.0), ("乙局", 2023, 505_000.0)]
        labels = con.execute(
            "SELECT DISTINCT row_label FROM amounts WHERE classification_code = '20102'"
        ).fetchall()
        assert labels == [("政协事务",)]
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_folder_without_documents_is_an_error(tmp_path, capsys):
    assert main(["export", str(tmp_path), "-o", str(tmp_path / "a.parquet")]) == 3
    assert "no converted documents" in capsys.readouterr().err
    assert not (tmp_path / "a.parquet").exists()


def test_every_field_of_an_amount_row(tmp_path):
    """One row per amount carries the document's facts, the table type, the row's label
    and code, the column's header path, unit, value and value in 元, repaired / flagged /
    corrected, page and bbox; and the 三公 question is one query."""
    import duckdb
    import pyarrow.parquet as pq

    from fiscalocr.app.export.dataset import export_archive
    from fiscalocr.app.export.review import correct_cell

    from .documents import three_public_document

    outdir = tmp_path / "out"
    first = three_public_document()
    correct_cell(first, "t1", 2, 2, "13.50", "王")
    write_outputs(first, outdir / "a", ("json",))
    second = three_public_document()
    second.document.department, second.document.year = "某某委", 2023
    second.source.file, second.source.sha256 = "b.pdf", "2" * 64
    write_outputs(second, outdir / "b", ("json",))
    write_outputs(
        coded_document("甲局", 2022, ("300.00", "100.00", "200.00")), outdir / "c", ("json",)
    )
    summary = export_archive(outdir, tmp_path / "archive.parquet")
    assert (summary.documents, summary.rows) == (3, 11)
    rows = pq.read_table(tmp_path / "archive.parquet").to_pylist()
    repaired = next(
        r for r in rows if r["source_file"] == "a.pdf" and (r["row"], r["col"]) == (3, 2)
    )
    assert repaired == {
        "source_file": "a.pdf",
        "source_sha256": "0" * 64,
        "document_kind": "budget",
        "department": "某某局",
        "year": 2024,
        "table_id": "t1",
        "table_type": "three_public",
        "table_title": "“三公”经费支出预算表",
        "row": 3,
        "col": 2,
        "row_label": LONG_LABEL,
        "classification_code": None,
        "column_header": "2024年预算数 / 合计",
        "unit": "万元",
        "value": 4300.8,
        "value_yuan": 43_008_000.0,
        "text": "4300.80",
        "ocr_text": "4300.30",
        "repaired": True,
        "flagged": False,
        "corrected": False,
        "page": 1,
        "x0": 0.0,
        "y0": 0.0,
        "x1": 10.0,
        "y1": 10.0,
    }
    marks = {
        (r["row"], r["col"]): (r["repaired"], r["flagged"], r["corrected"])
        for r in rows
        if r["source_file"] == "a.pdf"
    }
    assert marks == {
        (3, 2): (True, False, False),
        (3, 3): (False, False, True),
        (4, 2): (False, True, False),
        (4, 3): (False, True, False),
    }
    coded = next(r for r in rows if r["classification_code"] == "20101")
    assert (coded["row_label"], coded["column_header"], coded["document_kind"]) == (
        "人大事务",
        "合计",
        "final_account",
    )
    by_department = (
        duckdb.connect()
        .execute(
            "SELECT department, year, sum(value_yuan) FROM read_parquet(?) "
            "WHERE table_type = 'three_public' AND row_label LIKE '%合计' "
            "AND column_header LIKE '%合计' GROUP BY ALL ORDER BY year",
            [str(tmp_path / "archive.parquet")],
        )
        .fetchall()
    )
    assert by_department == [("某某委", 2023, 43_008_000.0), ("某某局", 2024, 43_008_000.0)]
