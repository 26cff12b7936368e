"""``fiscalocr export OUTDIR``: every amount of every document as one tidy row, in Parquet
or DuckDB, and questions across documents answered by a DuckDB query."""

from __future__ import annotations

import pytest

from fiscalocr.app.cli import main
from fiscalocr.app.export import write_outputs

from .documents import coded_document


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
