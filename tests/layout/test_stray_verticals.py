"""Vertical pieces that are not column rules, dropped before the grid is built.

The rules are those of a real continuation page scanned by the augraphy model at
``medium`` (a Putuo budget's basic-expenditure table, page 19): 19 horizontal rules, five
inked column rules, a copier streak down the sheet's left margin that runs 76 pt past the
table, and two faint pieces a row long (the reverse side's print showing through).
"""

from __future__ import annotations

from fiscalocr.layout.crossing import lines_across
from fiscalocr.layout.geometry import RuleLine
from fiscalocr.layout.stray_rules import drop_stray_verticals
from fiscalocr.model import Line

ROWS = [90.2 + 20.6 * k for k in range(19)]
HORIZONTALS = [RuleLine("h", y, 50.4, 782.4) for y in ROWS]
COLUMNS = [RuleLine("v", x, 90.2, 461.0) for x in (113.0, 175.2, 473.0, 575.8, 678.5)]
FRAME = [RuleLine("v", 779.0, 77.3, 461.0, 1.9)]
STREAK = RuleLine("v", 65.6, 14.4, 532.8, 2.28)
SPECKS = [
    RuleLine("v", 211.2, 440.4, 461.0, 1.5, faint=True),
    RuleLine("v", 662.9, 131.4, 152.0, faint=True),
]


def test_a_streak_past_the_table_and_faint_specks_are_dropped():
    kept = drop_stray_verticals(HORIZONTALS + COLUMNS + FRAME + [STREAK] + SPECKS)
    verticals = sorted(r.pos for r in kept if r.orientation == "v")
    assert verticals == [113.0, 175.2, 473.0, 575.8, 678.5, 779.0]


def test_a_faint_piece_continuing_a_column_rule_and_all_overhanging_verticals_stay():
    """A header rule too light to binarise over an inked column rule is kept; so are the
    verticals of a table with no top rule, which all stand above its first horizontal."""
    header_piece = RuleLine("v", 113.0, 70.0, 90.2, faint=True)
    kept = drop_stray_verticals(HORIZONTALS + COLUMNS + FRAME + [header_piece])
    assert header_piece in kept
    open_top = [RuleLine("v", r.pos, 40.0, r.end) for r in COLUMNS + FRAME]
    kept = drop_stray_verticals(HORIZONTALS + open_top)
    assert len([r for r in kept if r.orientation == "v"]) == 6


def test_the_reverse_sides_grid_showing_through_is_dropped():
    """A sideways page of a real budget scanned by our model at ``medium``: nine inked
    column rules, and the mirrored table of the reverse side read as faint rules at three
    other x (one almost the table's height). A grey hairline table's faint rules, with
    only two rules binarised, all stay."""
    rows = [RuleLine("h", 106.1 + 22.0 * k, 51.8, 784.8) for k in range(18)]
    inked = [
        RuleLine("v", x, 106.1, 490.6) for x in (52.8, 115.0, 177.1, 475.0, 577.7, 680.4, 783.1)
    ]
    through = [
        RuleLine("v", 251.3, 108.5, 312.0, faint=True),
        RuleLine("v", 251.3, 400.8, 447.8, faint=True),
        RuleLine("v", 354.0, 108.0, 215.0, faint=True),
        RuleLine("v", 714.0, 108.0, 461.8, faint=True),
    ]
    kept = drop_stray_verticals(rows + inked + through)
    assert sorted(r.pos for r in kept if r.orientation == "v") == [r.pos for r in inked]

    grey = [RuleLine("v", x, 130.3, 392.1, faint=True) for x in (50.1, 133.9, 389.1, 474.2, 558.7)]
    binarised = [RuleLine("v", 77.6, 151.9, 312.9), RuleLine("v", 304.0, 130.3, 388.8)]
    grey_rows = [RuleLine("h", 130.3 + 20.0 * k, 50.1, 558.7, faint=True) for k in range(14)]
    kept = drop_stray_verticals(grey_rows + grey + binarised)
    assert len([r for r in kept if r.orientation == "v"]) == 7


def test_a_faded_column_rule_of_an_inked_table_stays_unless_text_stands_across_it():
    """bench-v2's medium page 6 (ours): two of a table's column rules printed too light to
    binarise run its whole height between the cells' text; dropping them as show-through
    cut the table to fewer columns and its continuation no longer joined. The same faint
    rule through the middle of text lines is the reverse side, and goes."""
    # as on that page: most row rules grey too, the faded columns start on a spanning
    # header's rule under part of the table and end 1.5 pt short of the bottom rule
    rows = [RuleLine("h", 100.0 + 20.0 * k, 50.0, 550.0, faint=k not in (2, 7)) for k in range(12)]
    header = [RuleLine("h", 110.0, 300.0, 550.0, faint=True)]
    inked = [RuleLine("v", x, 100.0, 320.0) for x in (50.0, 200.0, 550.0)] + [
        RuleLine("v", 300.0, 110.0, 320.0)
    ]
    faded = [
        RuleLine("v", 400.0, 110.5, 318.5, faint=True),
        RuleLine("v", 475.0, 109.0, 320.0, faint=True),
    ]
    rows += header
    beside = [
        Line(text="1,234.00", bbox=(x + 8, 104.0 + 20.0 * k, x + 60, 116.0 + 20.0 * k), conf=0.9)
        for k in range(1, 11)
        for x in (300.0, 400.0, 475.0)
    ]
    kept = drop_stray_verticals(rows + inked + faded, lines=beside)
    assert sorted(r.pos for r in kept if r.orientation == "v") == [50, 200, 300, 400, 475, 550]

    across = [
        Line(
            text="项目支出合计数", bbox=(380.0, 104.0 + 20.0 * k, 500.0, 116.0 + 20.0 * k), conf=0.9
        )
        for k in range(1, 11)
    ]
    kept = drop_stray_verticals(rows + inked + faded, lines=across)
    assert sorted(r.pos for r in kept if r.orientation == "v") == [50, 200, 300, 550]
    assert lines_across(faded[0], across) == 10 and lines_across(faded[0], beside) == 0


def test_a_streak_beside_the_frame_leaves_no_sliver_column():
    """Our medium scan of a real procurement table (js-party-office-2017 p12): a copier
    streak down the margin just left of the frame, read as a piece overhanging the
    bottom, two short pieces 6 pt left of the frame, and row rules running 13 pt on into
    its ink. None of it may cut a column."""
    rows = [
        RuleLine("h", y, 169.0 if k % 3 == 0 else 181.4, 1032.0)
        for k, y in enumerate([147.2 + 37.1 * k for k in range(18)])
    ]
    columns = [RuleLine("v", x, 146.9, 799.2) for x in (181.9, 323.0, 464.6, 606.2, 747.8, 889.2)]
    frame = [RuleLine("v", 1030.6, 146.9, 799.2)]
    streak = [
        RuleLine("v", 169.9, 773.8, 833.3, 1.4),
        RuleLine("v", 175.9, 787.2, 809.3, 0.8),
        RuleLine("v", 176.5, 390.7, 458.9, 0.8),
    ]
    kept = drop_stray_verticals(rows + columns + frame + streak)
    assert sorted(r.pos for r in kept if r.orientation == "v") == [
        181.9,
        323.0,
        464.6,
        606.2,
        747.8,
        889.2,
        1030.6,
    ]
    assert min(r.start for r in kept if r.orientation == "h") == 181.9
    assert max(r.end for r in kept if r.orientation == "h") == 1030.6


def test_more_short_show_through_pieces_than_inked_rules_are_all_dropped():
    """Our medium scan of that table's continuation (p13): the reverse side showed
    through as 12 faint pieces at 9 x, none a third of the table long, beside 7 inked
    column rules. More pieces than rules must not make the table count as grey."""
    rows = [RuleLine("h", 18.5 + 37.05 * k, 180.0, 1032.0) for k in range(22)]
    columns = [RuleLine("v", x, 17.3, 799.2) for x in (181.0, 322.5, 464.1, 605.5, 746.9, 888.5)]
    columns.append(RuleLine("v", 1030.0, 17.3, 799.2))
    pieces = [
        RuleLine("v", x, y0, y1, faint=True)
        for x, y0, y1 in [
            (160.3, 13.4, 95.5),
            (302.6, 636.0, 782.9),
            (584.9, 165.6, 421.0),
            (585.4, 514.1, 670.1),
            (868.6, 687.4, 788.2),
            (961.4, 502.1, 532.3),
            (973.4, 501.6, 535.2),
            (977.3, 501.6, 528.5),
            (1009.2, 43.7, 145.4),
            (1009.4, 229.9, 292.8),
            (1009.4, 377.3, 404.2),
            (1009.9, 598.1, 626.4),
        ]
    ]
    kept = drop_stray_verticals(rows + columns + pieces)
    assert sorted(r.pos for r in kept if r.orientation == "v") == [r.pos for r in columns]


def test_a_seal_stroke_from_row_rule_to_row_rule_through_an_amount_is_dropped():
    """js-party-office-2017 p14 read by the PP-OCRv6 cascade: a seal's stroke ran from one
    row rule to the next (ends on rules, like a form's field separator) through the
    amount ``10.10`` printed in that row, and cut the amounts column in two."""
    rows = ROWS[6], ROWS[7]
    stroke = RuleLine("v", 740.0, rows[0], rows[1])
    amount = Line(text="10.10", bbox=(728.0, rows[0] + 4, 760.0, rows[1] - 4), conf=0.9)
    label = Line(text="会议费", bbox=(200.0, rows[0] + 4, 260.0, rows[1] - 4), conf=0.9)
    kept = drop_stray_verticals(HORIZONTALS + COLUMNS + FRAME + [stroke], lines=[amount, label])
    assert stroke not in kept
    separator = RuleLine("v", 720.0, rows[0], rows[1])  # between texts: a field separator
    kept = drop_stray_verticals(HORIZONTALS + COLUMNS + FRAME + [separator], lines=[amount])
    assert separator in kept


def test_short_pieces_just_inside_the_frame_with_no_text_beside_them_are_dropped():
    """sh-putuo-government-office-2025 p19 scanned by augraphy: worn-rule and low-ink
    pieces 8-11 pt inside the right frame kept each other as a rule, cut an empty column,
    and the continuation page no longer joined its table. With text in that strip they
    would be a column's rule, and stay."""
    pieces = [
        RuleLine("v", 769.9, 363.0, 408.0, faint=True),
        RuleLine("v", 770.9, 253.0, 286.0),
        RuleLine("v", 773.5, 281.0, 313.0),
    ]
    amount = Line(text="30,000.00", bbox=(690.0, 200.0, 760.0, 212.0), conf=0.9)
    kept = drop_stray_verticals(HORIZONTALS + COLUMNS + FRAME + pieces, lines=[amount])
    assert sorted(r.pos for r in kept if r.orientation == "v") == [
        113.0, 175.2, 473.0, 575.8, 678.5, 779.0,
    ]  # fmt: skip
    in_strip = Line(text="注", bbox=(772.0, 300.0, 778.0, 310.0), conf=0.9)
    kept = drop_stray_verticals(HORIZONTALS + COLUMNS + FRAME + pieces, lines=[in_strip])
    assert pieces[1] in kept


def test_a_broken_frames_own_piece_is_not_a_sliver():
    """A frame rule broken into pieces (sh-putuo-planning-resources-2024 p14, our medium
    scan): a piece 0.8 pt off the long one is the same rule, though short and with no
    text beside it; dropping it merged the 合计 header into its neighbour."""
    piece = RuleLine("v", 778.2, 90.2, 200.0)
    kept = drop_stray_verticals(HORIZONTALS + COLUMNS + FRAME + [piece])
    assert piece in kept


def test_a_streak_broken_into_pieces_goes_whole_through_the_amounts_it_crosses():
    """bench-v2 heavy p5 (our damage): a copier streak in three pieces at one x, the first
    above the table, the last down to the page's foot, the middle one through an amount
    (``1112660.99`` read across it). Each overhanging piece went alone before, so none did,
    and the streak cut the 预算数 column in two; a column rule at another x that no text
    crosses stays."""
    pieces = [
        RuleLine("v", 300.0, 14.0, 210.0),
        RuleLine("v", 300.0, 217.0, 230.0),
        RuleLine("v", 300.5, 238.0, 840.0),
    ]
    amount = Line(text="1112660.99", bbox=(270.0, 215.0, 330.0, 228.0), conf=0.9)
    kept = drop_stray_verticals(HORIZONTALS + COLUMNS + FRAME + pieces, lines=[amount])
    verticals = sorted(r.pos for r in kept if r.orientation == "v")
    assert verticals == [113.0, 175.2, 473.0, 575.8, 678.5, 779.0]
    assert lines_across(pieces[1], [amount]) == 1


def test_a_grey_tables_faint_column_rule_needs_one_end_near_a_rule():
    """bench-v2 medium p10 under augraphy: a grey table on textured paper, five of its
    column rules dark enough to binarise, its row rules all faint. The faint finder put a
    faded column rule's ends 8–12 pt off the rows (96–503 pt between rows at 85 and 497);
    with rows printed in ink the same rule would be the reverse side's, and goes."""
    grey_rows = [RuleLine("h", y, 70.0, 780.0, faint=True) for y in (85.0, 104.0, 497.0)]
    grey_rows += [RuleLine("h", 136.0 + 20 * k, 70.0, 780.0, faint=True) for k in range(17)]
    inked = [RuleLine("v", x, 85.0, 497.0) for x in (71.0, 219.0, 273.0, 624.0, 779.0)]
    faded = RuleLine("v", 492.0, 96.5, 503.0, faint=True)
    kept = drop_stray_verticals(grey_rows + inked + [faded])
    assert faded in kept
    inked_rows = [RuleLine("h", r.pos, r.start, r.end) for r in grey_rows]
    kept = drop_stray_verticals(inked_rows + inked + [faded])
    assert faded not in kept
