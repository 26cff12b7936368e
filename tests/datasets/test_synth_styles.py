"""synth-1.9 is unchanged bit for bit; synth-2.0 draws the table styles it promises.

The drawn styles are read back from the PDF itself (`page.get_drawings()`, rawdict text),
not from the generator's own records, so a style that is promised but not drawn fails.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

import pytest

from fiscalocr.datasets.synth import StyleOverrides, TableStyle, generate_document
from fiscalocr.datasets.synth import fonts as synth_fonts
from fiscalocr.datasets.synth.layout import A3_LANDSCAPE
from fiscalocr.datasets.synth.table_style import ODDS, TableStyler
from fiscalocr.model import Document, Table

# Recorded from `generate_corpus(20, seed=1)` before synth-2.0 existed (documents 0-5): the
# PDF's sha256 and the sha256 of the truth dumped without defaulted fields (fields the
# contract adds later, with defaults, leave it unchanged; a changed figure, box or text does
# not). The bytes depend on the installed fonts, so the check runs where all of synth-1.9's
# faces are installed (the Makefile installs them; CI has them).
SYNTH_19 = [
    (
        100003,
        "budget",
        "30d4aae21c77249aacfcdcaaaaadc6e89d54e4532daf1b1618701a703dca64cf",
        "a3eba076995f51776aa3bbae56057fb027f9b97a774c7cb083ddea1295e3991b",
    ),
    (
        100004,
        "final_account",
        "dbaa37cdc3520439af4c811878a4752c3097362e2ca7e50127e07eba69e266dc",
        "a84b4d137c4ea4a3d1d6e876d8b923684b46f70c8f319c085373de1e13ff7fee",
    ),
    (
        100005,
        "budget",
        "70c1fac90f1a9555e240ccaf737bba5035221e9be4256ce0bff06c68d1a6832d",
        "229d72d9a7aec206b8fb9bc6fdd3a54076c67816b73a6b17904fde91df8f2057",
    ),
    (
        100006,
        "final_account",
        "df4229439bf26f0993622098a12f50bb656a1ed59a9d487996053efd88bb8491",
        "5380891784822e459fe5fe8a5e854c19fa0eb9e1597217f38926260688a18e31",
    ),
    (
        100007,
        "budget",
        "eb5bc0aebb5f48381d0fae9b818be5485d73d82d72691cd86d7fdb9cf474de0f",
        "8f6178e1f11008d0441a7d5a53718742d5d2439cc61dba7c7314f1fd45d05039",
    ),
    (
        100008,
        "final_account",
        "d8fae87aa1b3e2ad29baa97829645c2b02dec629536f7cf156fd95f5772b8357",
        "9b5188ab1cad840858f4e8eb106482e8c74250d7989a94bb73f88b985c7f6ffc",
    ),
]
SAME = 0.5  # points: drawn coordinates within this of a truth box edge are on it


def truth_digest(truth: Document) -> str:
    return hashlib.sha256(truth.model_dump_json(exclude_defaults=True).encode()).hexdigest()


@pytest.mark.skipif(
    not all(synth_fonts.available(f) for f in synth_fonts.FACES),
    reason="synth-1.9's bytes were recorded with all of its faces installed (make fonts)",
)
@pytest.mark.parametrize(("seed", "kind", "pdf_sha", "truth_sha"), SYNTH_19)
def test_synth_19_is_unchanged_bit_for_bit(seed, kind, pdf_sha, truth_sha):
    doc = generate_document(seed, kind, version="synth-1.9")
    assert hashlib.sha256(doc.pdf).hexdigest() == pdf_sha
    assert truth_digest(doc.truth) == truth_sha
    assert doc.truth.generator == "synth-1.9"


def test_versions_and_overrides_are_checked():
    with pytest.raises(ValueError, match="unknown generator version"):
        generate_document(1, "budget", version="synth-9.9")
    with pytest.raises(ValueError, match="no style overrides"):
        generate_document(1, "budget", version="synth-1.9", style_overrides=StyleOverrides())
    with pytest.raises(ValueError, match="grid"):
        TableStyle(grid="dotted")
    styler = TableStyler(1, overrides=StyleOverrides(wide_cols=11))
    with pytest.raises(ValueError, match="not 11"):
        styler.wide_cols((12, 13, 14))
    with pytest.raises(TypeError):  # an unknown field is refused, not ignored
        TableStyler(1, overrides=StyleOverrides(every_table={"colour": 0.5})).for_table(
            "t1", "revenue", True
        )


def test_20_draws_the_same_books_and_tables_as_19():
    """The style stream is separate: a 2.0 document holds 1.9's figures, table by table
    (a table drawn wide prints the same figures in more columns)."""
    old = generate_document(100003, "budget", version="synth-1.9").truth
    new = generate_document(100003, "budget", style_overrides=StyleOverrides(wide_cols=0)).truth
    assert new.generator == "synth-2.0"
    assert (new.document.department, new.document.year) == (
        old.document.department,
        old.document.year,
    )
    assert [t.title for t in new.tables] == [t.title for t in old.tables]
    for a, b in zip(old.tables, new.tables, strict=True):
        assert [(c.row, c.col, c.text) for c in a.cells] == [
            (c.row, c.col, c.text) for c in b.cells
        ]
    assert any(a.pages != b.pages for a, b in zip(old.tables, new.tables, strict=True)) or any(
        a.regions[0].bbox != b.regions[0].bbox for a, b in zip(old.tables, new.tables, strict=True)
    )


# --- reading the PDF back -------------------------------------------------------------------
def segments(page) -> list[tuple[float, float, float, float, float, tuple]]:
    """Every stroked line on a page: (x0, y0, x1, y1, width, colour)."""
    out = []
    for drawing in page.get_drawings():
        if drawing["type"] != "s":
            continue
        for item in drawing["items"]:
            if item[0] == "l":
                a, b = item[1], item[2]
                out.append((a.x, a.y, b.x, b.y, drawing["width"], tuple(drawing["color"])))
    return out


def fills(page) -> list[tuple[tuple, tuple]]:
    return [(tuple(d["rect"]), tuple(d["fill"])) for d in page.get_drawings() if d["type"] == "f"]


def inside(seg, box) -> bool:
    x0, y0, x1, y1 = box
    return (
        x0 - SAME <= min(seg[0], seg[2])
        and min(seg[1], seg[3]) >= y0 - SAME
        and max(seg[1], seg[3]) <= y1 + SAME
    )


def region_segments(pdf, table: Table):
    for region in table.regions:
        yield region, [s for s in segments(pdf[region.page - 1]) if inside(s, region.bbox)]


def page_chars(page) -> list[tuple[str, float, float, tuple]]:
    chars = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                for ch in span["chars"]:
                    x0, y0, x1, y1 = ch["bbox"]
                    if not ch["c"].isspace():
                        chars.append((ch["c"], (x0 + x1) / 2, (y0 + y1) / 2, ch["bbox"]))
    return chars


def text_in(chars, box) -> str:
    x0, y0, x1, y1 = box
    return "".join(c for c, x, y, _ in chars if x0 < x < x1 and y0 < y < y1)


class PageText:
    """A page's characters in 10-point bands of height, so a box's text is found fast."""

    BAND = 10.0

    def __init__(self, page) -> None:
        self.bands: dict[int, list] = {}
        for ch in page_chars(page):
            self.bands.setdefault(int(ch[2] // self.BAND), []).append(ch)

    def text_in(self, box) -> str:
        lo, hi = int(box[1] // self.BAND), int(box[3] // self.BAND)
        # one line's characters share a centre height, so they sit in one band, in drawing order
        return text_in([ch for b in range(lo, hi + 1) for ch in self.bands.get(b, [])], box)


def assert_cells_hold_their_text(pdf, table: Table) -> int:
    """Every cell box lies on its page and the PDF's text inside it is the cell's text."""
    texts: dict[int, PageText] = {}
    checked = 0
    for cell in table.cells:
        page = pdf[cell.page - 1]
        x0, y0, x1, y1 = cell.bbox
        assert 0 <= x0 < x1 <= page.rect.width and 0 <= y0 < y1 <= page.rect.height, cell
        if cell.text:
            found = texts.setdefault(cell.page, PageText(page)).text_in(cell.bbox)
            assert found == re.sub(r"\s", "", cell.text), cell
            checked += 1
    return checked


def is_vertical(seg) -> bool:
    return abs(seg[0] - seg[2]) < 0.01 and abs(seg[1] - seg[3]) > 0.01


# --- each failure class, forced ---------------------------------------------------------------
@pytest.fixture(scope="module")
def thin_grey():
    import pymupdf

    forced = {"rule_width": 0.3, "outer_width": 0.3, "rule_gray": 200 / 255, "repeat_header": False}
    forced["face"] = "wqy-microhei"
    doc = generate_document(26, "budget", style_overrides=StyleOverrides(every_table=forced))
    return doc, pymupdf.open("pdf", doc.pdf)


def test_thin_light_grey_rules_are_drawn_thin_and_grey(thin_grey):
    doc, pdf = thin_grey
    n = 0
    for table in doc.truth.tables:
        for _, segs in region_segments(pdf, table):
            assert segs, table.title
            for seg in segs:
                assert seg[4] == pytest.approx(0.3, abs=1e-3)
                assert seg[5] == pytest.approx((200 / 255,) * 3, abs=2e-3)  # #c8c8c8
                n += 1
    assert n > 200


def test_horizontal_only_tables_have_no_vertical_rules():
    import pymupdf

    forced = StyleOverrides(every_table={"grid": "horizontal", "frame": False})
    doc = generate_document(22, "budget", style_overrides=forced)
    pdf = pymupdf.open("pdf", doc.pdf)
    horizontals = 0
    for table in doc.truth.tables:
        for region, segs in region_segments(pdf, table):
            assert not [s for s in segs if is_vertical(s)], table.title
            top, bottom = region.bbox[1], region.bbox[3]
            ys = [s[1] for s in segs]
            assert all(abs(y - top) > 0.01 and abs(y - bottom) > 0.01 for y in ys)  # no frame
            horizontals += len(segs)
    assert horizontals > 100


PALE_BLUE, ZEBRA = (0.86, 0.92, 0.97), 0.95


@pytest.fixture(scope="module")
def booktabs_filled():
    import pymupdf

    forced = {"grid": "booktabs", "header_fill": PALE_BLUE, "zebra_fill": ZEBRA}
    forced["face"] = "noto-serif-sc"
    doc = generate_document(23, "final_account", style_overrides=StyleOverrides(every_table=forced))
    return doc, pymupdf.open("pdf", doc.pdf)


def test_booktabs_tables_have_three_full_rules_and_group_rules(booktabs_filled):
    doc, pdf = booktabs_filled
    grouped = 0
    for table in doc.truth.tables:
        region, segs = next(region_segments(pdf, table))  # the first page has the header
        x0, _, x1, _ = region.bbox
        full = [s for s in segs if abs(s[0] - x0) < SAME and s[2] >= x1 - SAME]
        assert not [s for s in segs if is_vertical(s)]
        assert len(full) == (3 if table.header_rows else 2), table.title  # top, header, bottom
        grouped += len(segs) - len(full)  # short rules under spanning header cells
    assert grouped > 5


def test_header_and_zebra_fills_are_drawn(booktabs_filled):
    doc, pdf = booktabs_filled
    pale_blue, zebra = PALE_BLUE, ZEBRA
    table = next(t for t in doc.truth.tables if t.type == "expenditure")
    page = pdf[table.pages[0] - 1]
    drawn = fills(page)
    headers = [c for c in table.cells if c.is_header and c.page == table.pages[0]]
    for cell in headers:
        assert any(
            rgb == pytest.approx(pale_blue, abs=2e-3)
            and all(abs(a - b) < SAME for a, b in zip(rect, cell.bbox, strict=True))
            for rect, rgb in drawn
        ), cell
    bands = [rect for rect, rgb in drawn if rgb == pytest.approx((zebra,) * 3, abs=2e-3)]
    body_rows = {c.row for c in table.cells if not c.is_header and c.page == table.pages[0]}
    assert len(bands) == len(body_rows) // 2  # every second body row, the first one not


@pytest.fixture(scope="module")
def wide_cut():
    """A wide revenue table on A3, cut at the right page edge (Jiangsu's sheets, printed with
    too narrow a print area)."""
    import pymupdf

    cut = {"revenue": {"cut_right": True, "grid": "full", "frame": True}}
    forced = StyleOverrides(by_table=cut, wide_cols=14, a3=True)
    doc = generate_document(27, "budget", style_overrides=forced)
    return doc, pymupdf.open("pdf", doc.pdf)


def test_a_table_cut_at_the_right_page_edge(wide_cut):
    """It reaches the page edge with no closing rule; its truth stops at the edge and every
    character of it is on the page, inside its cell."""
    doc, pdf = wide_cut
    table = next(t for t in doc.truth.tables if t.type == "revenue")
    for region, segs in region_segments(pdf, table):
        width = pdf[region.page - 1].rect.width
        assert region.bbox[2] == pytest.approx(width)
        assert max(max(s[0], s[2]) for s in segs) >= width  # the rules run off the page
        right = [s for s in segs if is_vertical(s) and s[0] > width - 1]
        assert not right  # no closing rule
        assert [s for s in segs if is_vertical(s) and abs(s[0] - region.bbox[0]) < SAME]
    last = [c for c in table.cells if c.col + c.colspan == table.n_cols]
    assert all(c.bbox[2] == pytest.approx(pdf[c.page - 1].rect.width) for c in last)
    assert assert_cells_hold_their_text(pdf, table) > 50
    for number in {c.page for c in table.cells}:
        page = pdf[number - 1]
        assert all(b[0] >= 0 and b[2] <= page.rect.width for *_, b in page_chars(page))


def test_continuation_pages_without_a_header(thin_grey):
    doc, pdf = thin_grey
    continued = [t for t in doc.truth.tables if len(t.regions) > 1 and t.header_rows]
    assert continued
    for table in continued:
        header_text = {c.text for c in table.cells if c.is_header and len(c.text) > 1}
        for region in table.regions[1:]:
            assert region.first_row > table.header_rows - 1
            on_page = [c for c in table.cells if c.page == region.page]
            assert on_page and not [c for c in on_page if c.is_header]
            first_row = [c for c in on_page if c.row == region.first_row]
            assert min(c.bbox[1] for c in first_row) == pytest.approx(region.bbox[1])
            # nothing drawn above the first body row inside the region: no header lines
            top_band = (region.bbox[0], region.bbox[1] - 1, region.bbox[2], region.bbox[1] + 1)
            drawn = text_in(page_chars(pdf[region.page - 1]), top_band)
            assert not any(h in drawn for h in header_text)


def test_a_wide_table_has_narrow_columns_and_headers_over_three_lines(wide_cut):
    doc, pdf = wide_cut
    table = next(t for t in doc.truth.tables if t.type == "revenue")
    assert table.n_cols == 14 and table.header_rows >= 3
    page = doc.truth.pages[table.pages[0] - 1]
    assert (page.width, page.height) == A3_LANDSCAPE
    lines_in = Counter()
    for cell in (c for c in table.cells if c.is_header):
        x0, y0, x1, y1 = cell.bbox
        lines_in[cell.text] = sum(
            1
            for ln in page.lines
            if x0 <= ln.bbox[0] and ln.bbox[2] <= x1 and y0 <= ln.bbox[1] and ln.bbox[3] <= y1
        )
    assert max(lines_in.values()) >= 3, lines_in
    assert assert_cells_hold_their_text(pdf, table) > 100


@pytest.mark.skipif(
    not all(synth_fonts.available(f) for f in synth_fonts.FACES_V2),
    reason="needs the Debian CJK fonts (make fonts)",
)
def test_extra_faces_are_embedded_small_and_read_back(thin_grey, booktabs_filled):
    """Noto Serif CJK and WenQuanYi Micro Hei tables: the face is embedded as a small subset
    (MuPDF alone would embed Noto whole, 20 MB) and every cell reads back its own text
    (Micro Hei's 年 would come back as U+F98E without the subset)."""
    for (doc, pdf), family in ((thin_grey, "WenQuanYi"), (booktabs_filled, "NotoSerifCJK")):
        names = {f[3] for page in pdf for f in page.get_fonts()}
        assert any(family in name.replace(" ", "") for name in names), names
        assert len(doc.pdf) < 2_000_000
        for table in doc.truth.tables:
            assert_cells_hold_their_text(pdf, table)


# --- the distribution ----------------------------------------------------------------------------
def test_style_draws_follow_the_odds():
    """Over many documents' tables each style turns up about as often as its odds say."""
    styles = []
    for seed in range(300):
        styler = TableStyler(seed)
        styles += [styler.for_table(f"t{i}", "revenue", True) for i in range(1, 13)]
    n = len(styles)
    share = Counter()
    for s in styles:
        share["light"] += 0xB0 / 255 - 1e-3 <= s.rule_gray <= 0xD0 / 255 + 1e-3
        share["black"] += s.rule_gray == 0
        share["no_verticals"] += s.grid in ("horizontal", "booktabs")
        share["no_frame"] += not s.frame
        share["fill"] += s.header_fill is not None or s.zebra_fill is not None
        share["cut"] += s.cut_right
        share["headless"] += not s.repeat_header
        share["hairline"] += s.rule_width <= 0.3
    odds = {k: v / n for k, v in share.items()}
    assert 0.25 < odds["light"] < 0.45 and 0.35 < odds["black"] < 0.55, odds
    assert 0.25 < odds["no_verticals"] < 0.45 and 0.08 < odds["no_frame"] < 0.25, odds
    assert 0.45 < odds["fill"] < 0.7 and 0.06 < odds["cut"] < 0.14, odds
    assert 0.15 < odds["headless"] < 0.35 and odds["hairline"] > 0.1, odds
    wide = [TableStyler(seed).wide_cols((12, 13, 14)) for seed in range(300)]
    assert abs(sum(1 for w in wide if w) / 300 - ODDS.wide) < 0.08
    # a document's tables mostly share its house style (real documents come from one template)
    styler = TableStyler(7)
    looks = Counter(
        (s.rule_width, s.rule_gray, s.grid)
        for s in (styler.for_table(f"t{i}", "x", True) for i in range(40))
    )
    assert looks.most_common(1)[0][1] >= 20


def test_default_documents_mix_styles_and_stay_readable():
    """Default 2.0 documents: tables in several styles within one corpus, each table's cells
    on the page and holding their text."""
    import pymupdf

    seen = Counter()
    for seed, kind in ((31, "budget"), (32, "final_account")):
        doc = generate_document(seed, kind)
        pdf = pymupdf.open("pdf", doc.pdf)
        for table in doc.truth.tables:
            assert_cells_hold_their_text(pdf, table)
            for _, segs in region_segments(pdf, table):
                seen.update({(round(s[4], 2), s[5][0] > 0.6) for s in segs})
    assert len(seen) >= 3, seen


@pytest.mark.skipif(
    not all(synth_fonts.available(f) for f in synth_fonts.FACES_V2),
    reason="needs the Debian CJK fonts (make fonts)",
)
def test_cut_faces_render_the_glyphs_of_the_original_face():
    """A cut face draws the same glyphs as its font file (a CFF face's CIDs once came out
    as other glyphs while the text layer still read right)."""
    import numpy as np
    import pymupdf

    text = "一般公共预算财政拨款收入总计"

    def ink(font) -> np.ndarray:
        doc = pymupdf.open()
        page = doc.new_page(width=300, height=40)
        writer = pymupdf.TextWriter(page.rect)
        writer.append((10, 28), text, font=font, fontsize=18)
        writer.write_text(page)
        doc.subset_fonts()
        back = pymupdf.open("pdf", doc.tobytes())[0]
        pix = back.get_pixmap(dpi=100, colorspace=pymupdf.csGRAY)
        return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.h, pix.w) < 128

    for face in (f for f in synth_fonts.FACES_V2 if f.family):
        cut = ink(synth_fonts.font(face.key))
        whole = ink(pymupdf.Font(fontfile=face.path))  # face 0 (Noto: JP, same hanzi shapes)
        overlap = (cut & whole).sum() / max(1, (cut | whole).sum())
        assert cut.sum() > 500 and overlap > 0.7, (face.key, overlap)
