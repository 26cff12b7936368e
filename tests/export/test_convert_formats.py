"""The new formats through ``fiscalocr convert``: a first run writes JSON only, a rerun
asking for md, pdf and html keeps the JSON and writes them from the input file."""

from __future__ import annotations

import pytest

from fiscalocr.app.cli import main


@pytest.mark.slow
def test_a_resumed_run_adds_the_new_formats(converted, tmp_path):
    source = converted["sideways"].source
    outdir = tmp_path / "out"
    assert main(["convert", str(source), "-o", str(outdir), "--quiet"]) == 0
    first = (outdir / "sideways.json").read_bytes()
    code = main(
        ["convert", str(source), "-o", str(outdir), "--quiet", "--format", "md,pdf,html,xlsx"]
    )
    assert code == 0
    names = {p.name for p in outdir.iterdir()}
    assert {"sideways.md", "sideways.searchable.pdf", "sideways.html", "sideways.xlsx"} <= names
    assert (outdir / "sideways.json").read_bytes() == first, "the trusted JSON is kept"
    import pymupdf

    assert pymupdf.open(outdir / "sideways.searchable.pdf")[0].search_for("3,516.75")
