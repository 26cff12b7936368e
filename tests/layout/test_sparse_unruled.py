"""A rule-less continuation whose rows mostly hold labels is still found as a table.

bench-v2 medium p10 under augraphy: the continuation of a 收支总表, its rules faded to
nothing, one amount row, nine rows of labels only, then the totals. Some labels were
read as two pieces, the right one a point higher (``二十二 | 国有资本经营预算支出``), and
rows kept their pieces in the order of their heights: the label run took
国有资本经营预算支出 for the row's first piece, broke there, and no table was found, so
its 10 amounts reached no cell.
"""

from __future__ import annotations

from fiscalocr.layout import find_layout

LABELS = [
    ("二十一", "粮油物资储备支出"),
    ("二十二", "国有资本经营预算支出"),
    ("二十三", "灾害防治及应急管理支出"),
    ("二十四", "预备费"),
    ("二十五", "其他支出"),
    ("二十六", "转移性支出"),
]


def test_labels_read_in_two_pieces_keep_the_table_together(maker):
    left, label_x, amount_x, top, pitch, size = 100, 270, 470, 150, 19, 9
    texts = [((label_x, top), "二十、住房保障支出", size), ((amount_x, top), "0.09", size)]
    texts.append(((amount_x + 80, top), "0.09", size))
    y = top
    for number, name in LABELS:
        y += pitch
        texts.append(((label_x, y), number, size))
        texts.append(((label_x + 36, y - 1.5), name, size))  # the OCR's second piece, higher
    totals = [
        ("本年收入合计", "191.90", "本年支出合计", "200.30", "200.30"),
        ("上年财政拨款结转", "8.40", "年终结转", "", ""),
        ("一般公共预算", "8.40", "", "", ""),
        ("收入总计", "200.30", "支出总计", "200.30", "200.30"),
    ]
    for row in totals:
        y += pitch
        for x, text in zip((left, left + 100, label_x, amount_x, amount_x + 80), row, strict=True):
            if text:
                texts.append(((x, y), text, size))
    page = maker.page([], extra_text=texts)
    tables = find_layout(maker.work(page)).tables
    assert len(tables) == 1
    values = sorted(c.value for c in tables[0].cells if c.value is not None)
    assert values == [0.09, 0.09, 8.40, 8.40, 191.90, 200.30, 200.30, 200.30, 200.30, 200.30]
