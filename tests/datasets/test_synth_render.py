"""Synthetic documents: deterministic bytes, label coverage, and boxes that sit on their text."""

from __future__ import annotations

import json
import re

import pytest

from fiscalocr.datasets.synth import GENERATOR_VERSION, generate_corpus, generate_document
from fiscalocr.model import SECTIONS, TABLE_TYPES, Document


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> list[tuple[Document, bytes]]:
    """A small corpus written to disk, read back: (ground truth, PDF bytes) per document."""
    out = tmp_path_factory.mktemp("synth")
    paths = generate_corpus(6, seed=3, out_dir=out)
    assert len(paths) == 6 and all(p.exists() for p in paths)
    return [
        (
            Document.model_validate_json(p.with_suffix("").with_suffix(".gt.json").read_text()),
            p.read_bytes(),
        )
        for p in paths
    ]


@pytest.fixture(scope="module")
def corpus(written) -> list[Document]:
    return [doc for doc, _ in written]


def test_same_seed_same_bytes():
    a, b = generate_document(7), generate_document(7)
    assert a.pdf == b.pdf
    assert a.truth.to_json() == b.truth.to_json()
    # the kind drawn from the seed is the kind you get when you ask for it
    c = generate_document(7, a.truth.document.kind)
    assert c.pdf == a.pdf
    other = generate_document(8, c.truth.document.kind)
    assert other.pdf != a.pdf


def test_pdf_metadata_is_fixed(written):
    import pymupdf

    truth, data = written[1]
    pdf = pymupdf.open("pdf", data)
    assert pdf.metadata["creationDate"] == "" and pdf.metadata["modDate"] == ""
    assert pdf.metadata["subject"] == GENERATOR_VERSION
    assert len(pdf) == truth.source.page_count
    assert b"/ID" not in data


def test_corpus_covers_every_label_and_both_kinds(corpus):
    kinds = {d.document.kind for d in corpus}
    assert kinds == {"budget", "final_account"}
    types = {t.type for d in corpus for t in d.tables}
    assert types == set(TABLE_TYPES), set(TABLE_TYPES) - types
    sections = {p.section for d in corpus for p in d.pages}
    assert sections == set(SECTIONS), set(SECTIONS) - sections
    for doc in corpus:
        assert doc.source.sha256 and doc.source.file.startswith("synth-")
        assert 2015 <= doc.document.year <= 2026 and doc.document.department
        orientations = {p.width > p.height for p in doc.pages}
        assert orientations == {True, False}  # portrait and landscape pages
        for table in doc.tables:
            assert table.n_rows == max(c.row + c.rowspan for c in table.cells)
            assert table.n_cols == max(c.col + c.colspan for c in table.cells)
            assert table.pages == sorted({r.page for r in table.regions})
            # regions tile the rows in order; every cell sits on its row's region page
            regions = table.regions
            assert regions[0].first_row == 0 and regions[-1].last_row == table.n_rows - 1
            for a, b in zip(regions, regions[1:], strict=False):
                assert b.first_row == a.last_row + 1 and b.page == a.page + 1
            for cell in table.cells:
                region = next(r for r in regions if r.first_row <= cell.row <= r.last_row)
                assert cell.page == region.page
                x0, y0, x1, y1 = cell.bbox
                rx0, ry0, rx1, ry1 = region.bbox
                assert rx0 - 0.01 <= x0 < x1 <= rx1 + 0.01 and ry0 - 0.01 <= y0 < y1 <= ry1 + 0.01
    assert any(len(t.pages) > 1 for d in corpus for t in d.tables), "no table runs over pages"
    assert any(
        c.rowspan > 1 or c.colspan > 1
        for d in corpus
        for t in d.tables
        for c in t.cells
        if c.is_header
    )
    units = {t.unit for d in corpus for t in d.tables}
    assert {"元", "万元"} <= units
    texts = [c.text for d in corpus for t in d.tables for c in t.cells]
    assert any(re.fullmatch(r"\d{1,3}(,\d{3})+\.\d\d", t) for t in texts)  # thousands separators
    assert any(t in ("类", "款", "项") for t in texts) and any("编码" in t for t in texts)
    assert any(t == "行次" for t in texts) and any(t == "栏次" for t in texts)
    notes = [b.text for d in corpus for p in d.pages for b in p.blocks if b.type == "table_note"]
    assert any("本表无数据" in n for n in notes)


def page_chars(page) -> list[tuple[str, float, float]]:
    """Every character the PDF draws on a page, with its box centre, in drawing order."""
    chars = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                for ch in span["chars"]:
                    x0, y0, x1, y1 = ch["bbox"]
                    if not ch["c"].isspace():
                        chars.append((ch["c"], (x0 + x1) / 2, (y0 + y1) / 2))
    return chars


def text_in(chars, box) -> str:
    x0, y0, x1, y1 = box
    return "".join(c for c, x, y in chars if x0 < x < x1 and y0 < y < y1)


def test_cell_boxes_sit_on_their_text(written):
    """The PDF's own text inside each non-empty cell box is the cell's text."""
    import pymupdf

    for truth, data in written[:2]:  # one budget, one final account
        pdf = pymupdf.open("pdf", data)
        chars = {i: page_chars(pdf[i]) for i in range(len(pdf))}
        checked = 0
        for table in truth.tables:
            for cell in table.cells:
                if not cell.text:
                    continue
                found = text_in(chars[cell.page - 1], cell.bbox)
                assert found == re.sub(r"\s", "", cell.text), (table.title, cell)
                checked += 1
        assert checked > 300


def test_lines_match_pdf_words(written):
    """Every ground-truth line box holds exactly that line's text in the PDF."""
    import pymupdf

    for truth, data in written[2:4]:
        pdf = pymupdf.open("pdf", data)
        for page in truth.pages:
            chars = page_chars(pdf[page.page - 1])
            for line in page.lines:
                assert text_in(chars, line.bbox) == re.sub(r"\s", "", line.text), (page.page, line)
            # and every character drawn belongs to some ground-truth line
            n_drawn = sum(len(re.sub(r"\s", "", ln.text)) for ln in page.lines)
            assert len(chars) == n_drawn, page.page


def test_json_is_contract_shaped(corpus):
    raw = json.loads(corpus[0].to_json())
    assert raw["schema_version"] == "1.0"
    cell = raw["tables"][0]["cells"][0]
    assert {"row", "col", "rowspan", "colspan", "page", "bbox", "text", "ocr_text", "value"} <= set(
        cell
    )
    codes = [c for d in corpus for t in d.tables for c in t.cells if re.fullmatch(r"\d{7}", c.text)]
    assert codes and all(c.value is None for c in codes)  # codes are text, never amounts


def test_every_face_has_and_round_trips_every_character(corpus):
    """No tofu, and the PDF's text layer gives back exactly the characters drawn, in every
    installed face the generator may pick, drawn as documents draw it (`document_fonts`:
    synth-2.0's extra faces are per-document fontTools subsets). Some faces' cmaps make
    MuPDF extract a CJK compatibility ideograph instead: such a face must be subset."""
    import pymupdf

    from fiscalocr.datasets.synth import fonts

    chars = sorted(
        {
            ch
            for d in corpus
            for p in d.pages
            for ln in p.lines
            for ch in ln.text
            if not ch.isspace()
        }
    )
    rows = ["".join(chars[i : i + 50]) for i in range(0, len(chars), 50)]
    for face in fonts.FACES_V2:
        if not fonts.available(face):
            continue
        font = fonts.font(face.key)
        assert not [ch for ch in chars if not font.has_glyph(ord(ch))], face.key
        drawn = fonts.document_fonts({face.key: set(chars)})[face.key]
        doc = pymupdf.open()
        page = doc.new_page(width=800, height=20 + 14 * len(rows))
        writer = pymupdf.TextWriter(page.rect)
        for i, row in enumerate(rows):
            writer.append((10, 20 + 14 * i), row, font=drawn, fontsize=10)
        writer.write_text(page)
        doc.subset_fonts()
        back = pymupdf.open("pdf", doc.tobytes())[0].get_text("rawdict")
        got = [
            c["c"]
            for b in back["blocks"]
            for ln in b.get("lines", [])
            for s in ln["spans"]
            for c in s["chars"]
        ]
        assert "".join(got) == "".join(rows), face.key
