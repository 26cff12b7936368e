"""``--format pdf``: the scans with an invisible text layer. Every amount of the JSON is
found by PyMuPDF's ``search_for`` on its page, on the printed ink (the tilt and the
quarter turn undone), while page sizes and scan images stay exactly as they were."""

from __future__ import annotations

import pytest

from fiscalocr.app.export import write_outputs
from fiscalocr.app.export.page_frame import PageFrame
from fiscalocr.app.export.searchable_pdf import INVISIBLE, SearchablePdfError

from .scans import MISPRINTED_TOTAL


@pytest.fixture(scope="module")
def rotated(converted, tmp_path_factory):
    """The crooked scan again, its page turned by the PDF's /Rotate 90 (as some scanners
    store a sideways feed): the displayed page is landscape, the image unturned."""
    import pymupdf

    from fiscalocr.app.pipeline import convert_document

    from .conftest import Converted

    folder = tmp_path_factory.mktemp("rotate")
    pdf = pymupdf.open(converted["crooked"].source)
    pdf[0].set_rotation(90)
    pdf.save(folder / "rotate90.pdf")
    return Converted(
        folder / "rotate90.pdf", convert_document(folder / "rotate90.pdf"), folder / "rotate90"
    )


@pytest.fixture(scope="module")
def upside_down(tmp_path_factory):
    """The crooked page fed upside down (half a turn, and tilted) and read by OCR."""
    from fiscalocr.app.pipeline import convert_document

    from .conftest import Converted
    from .scans import upside_down_disclosure

    folder = tmp_path_factory.mktemp("upside")
    source = upside_down_disclosure(folder)
    return Converted(source, convert_document(source), folder / "upside_down")


@pytest.fixture(scope="module")
def scans(converted, rotated, upside_down):
    return {**converted, "rotate90": rotated, "upside_down": upside_down}


@pytest.fixture(scope="module")
def searchable(scans):
    out = {}
    for name, item in scans.items():
        written = write_outputs(
            item.doc, item.out_base, ("pdf",), only_missing=True, source=item.source
        )
        assert [p.name for p in written] == [f"{name}.searchable.pdf"]
        out[name] = written[0]
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", ["crooked", "sideways", "rotate90", "upside_down"])
def test_every_amount_is_found_on_its_ink(scans, searchable, name):
    import pymupdf

    doc = scans[name].doc
    page_record = doc.pages[0]
    assert (page_record.rotation, abs(page_record.skew_deg) > 0.5) == (
        {
            "crooked": (0, True),
            "sideways": (270, False),
            "rotate90": (270, True),
            "upside_down": (180, True),
        }[name]
    )
    amounts = [(t, c) for t in doc.tables for c in t.cells if c.value is not None]
    assert len(amounts) >= 9
    pdf = pymupdf.open(searchable[name])
    frame = PageFrame.of(page_record)
    for _table, cell in amounts:
        page = pdf[cell.page - 1]
        hits = page.search_for(cell.text)
        assert hits, f"{cell.text} not found on page {cell.page}"
        # search_for answers in the unrotated page's space, the frame in the displayed one
        quad = [pymupdf.Point(p) * page.derotation_matrix for p in frame.quad(cell.bbox)]
        xs, ys = [p.x for p in quad], [p.y for p in quad]
        on_ink = [
            h
            for h in hits
            if min(xs) - 3 <= (h.x0 + h.x1) / 2 <= max(xs) + 3
            and min(ys) - 3 <= (h.y0 + h.y1) / 2 <= max(ys) + 3
        ]
        assert on_ink, f"{cell.text}: found at {hits}, its cell is at {quad}"
    assert MISPRINTED_TOTAL in pdf[0].get_text() or name == "sideways"
    assert pdf[0].rect == pymupdf.open(scans[name].source)[0].rect


@pytest.mark.slow
@pytest.mark.parametrize("name", ["crooked", "sideways", "upside_down"])
def test_the_text_runs_along_the_printed_lines(scans, searchable, name):
    """The tilted scan's text rises with its ink; the sideways one runs down the page, the
    upside-down one right to left, tilted as its ink is."""
    import math

    import pymupdf

    page = pymupdf.open(searchable[name])[0]
    lines = [line for b in page.get_text("dict")["blocks"] for line in b.get("lines", [])]
    assert len(lines) >= 15
    angles = {round(math.degrees(math.atan2(-line["dir"][1], line["dir"][0])), 1) for line in lines}
    skew = scans[name].doc.pages[0].skew_deg
    expected = {"crooked": skew, "sideways": -90.0, "upside_down": skew - 180.0}[name]
    assert all(abs(a - expected) < 0.15 for a in angles), (angles, expected)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["crooked", "sideways"])
def test_pages_and_images_are_unchanged_and_the_text_is_invisible(converted, searchable, name):
    import pymupdf

    original, copy = pymupdf.open(converted[name].source), pymupdf.open(searchable[name])
    assert original.page_count == copy.page_count
    for before, after in zip(original, copy, strict=True):
        assert before.rect == after.rect
        (xref_before, *_), (xref_after, *_) = before.get_images()[0], after.get_images()[0]
        assert original.xref_stream_raw(xref_before) == copy.xref_stream_raw(xref_after)
        assert original[0].get_text().strip() == ""  # the scan had no text at all
        spans = [
            s
            for block in after.get_text("dict")["blocks"]
            for line in block.get("lines", [])
            for s in line["spans"]
        ]
        assert spans
        traces = after.get_texttrace()
        assert traces and all(t["type"] == INVISIBLE for t in traces)


def test_a_source_that_is_not_the_file_read_is_refused(converted, tmp_path):
    crooked, sideways = converted["crooked"], converted["sideways"]
    with pytest.raises(SearchablePdfError, match="not the file"):
        write_outputs(crooked.doc, tmp_path / "x", ("pdf",), source=sideways.source)
    assert not list(tmp_path.iterdir()), "nothing half-written is left"


def test_the_layer_says_what_the_json_says():
    """A repaired cell is written with its final text at the ink of the line read inside
    it (the read is not written too); a line outside every cell (the title) is written as
    read."""
    from fiscalocr.app.export.searchable_pdf import page_texts
    from fiscalocr.model import Line

    from .documents import three_public_document

    doc = three_public_document()
    repaired = doc.tables[0].cell_at(2, 1)
    repaired.bbox = (100.0, 200.0, 180.0, 220.0)
    doc.pages[0].lines = [
        Line(text="4300.30", bbox=(120.0, 204.0, 175.0, 216.0), conf=0.6),
        Line(text="“三公”经费支出预算表", bbox=(200.0, 40.0, 400.0, 60.0), conf=0.99),
    ]
    texts = page_texts(doc, doc.pages[0])
    assert ("4300.80", (120.0, 204.0, 175.0, 216.0)) in texts
    assert ("“三公”经费支出预算表", (200.0, 40.0, 400.0, 60.0)) in texts
    assert not [t for t, _ in texts if t == "4300.30"]
