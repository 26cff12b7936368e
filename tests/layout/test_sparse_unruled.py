"""A rule-less continuation whose rows mostly hold labels is found, and joined to the
table it continues at that table's columns.

bench-v2 medium p10 under augraphy: the continuation of a 收支总表, its rules faded to
nothing, one amount row, nine rows of labels only, then the totals. Some labels were
read as two pieces, the right one a point higher (``二十二 | 国有资本经营预算支出``), and
rows kept their pieces in the order of their heights: the label run took
国有资本经营预算支出 for the row's first piece, broke there, and no table was found, so
its 10 amounts reached no cell. Found, the block ended where its text ends, two of the
four amount columns printing nothing on these rows: narrower than the page before, it
was not joined, and its amounts went out in a header-less table of their own.
"""

from __future__ import annotations

from fiscalocr.layout import analyse_page, find_layout, join_tables
from fiscalocr.testing.specimen import spec_from_rows

LABELS = [
    ("二十一", "粮油物资储备支出"),
    ("二十二", "国有资本经营预算支出"),
    ("二十三", "灾害防治及应急管理支出"),
    ("二十四", "预备费"),
    ("二十五", "其他支出"),
    ("二十六", "转移性支出"),
]
TOTALS = [
    ("本年收入合计", "191.90", "本年支出合计", "200.30", "200.30"),
    ("上年财政拨款结转", "8.40", "年终结转", "", ""),
    ("一般公共预算", "8.40", "", "", ""),
    ("收入总计", "200.30", "支出总计", "200.30", "200.30"),
]
# the page before: 收入 | 预算数 | 支出 | 小计 | 一般公共预算 | 政府性基金 | 国有资本经营
WIDTHS = [150, 70, 200, 80, 80, 80, 80]
LEFT = 60
EDGES = [LEFT + sum(WIDTHS[:k]) for k in range(len(WIDTHS) + 1)]


def _continuation_texts(top: float, pitch: float = 19, size: float = 9) -> list:
    """The sparse block, each amount right-aligned in its column of the page before."""

    def amount_at(col: int, text: str) -> float:
        return EDGES[col + 1] - 4 - len(text) * size  # the font sets digits 1 em wide

    label_x = EDGES[2] + 8
    texts = [((label_x, top), "二十、住房保障支出", size)]
    texts += [((amount_at(col, "0.09"), top), "0.09", size) for col in (3, 4)]
    y = top
    for number, name in LABELS:
        y += pitch
        texts.append(((label_x, y), number, size))
        texts.append(((label_x + 36, y - 1.5), name, size))  # the OCR's second piece, higher
    for row in TOTALS:
        y += pitch
        income, income_amount, spending, total, general = row
        placed = [((EDGES[0] + 4, y), income), ((amount_at(1, income_amount), y), income_amount)]
        placed += [((label_x, y), spending), ((amount_at(3, total), y), total)]
        placed.append(((amount_at(4, general), y), general))
        texts += [(at, text, size) for at, text in placed if text]
    return texts


def test_labels_read_in_two_pieces_keep_the_table_together(maker):
    page = maker.page([], width=842, height=595, extra_text=_continuation_texts(150))
    tables = find_layout(maker.work(page)).tables
    assert len(tables) == 1
    values = sorted(c.value for c in tables[0].cells if c.value is not None)
    assert values == [0.09, 0.09, 8.40, 8.40, 191.90, 200.30, 200.30, 200.30, 200.30, 200.30]


def test_a_narrower_continuation_joins_at_the_columns_of_the_page_before(maker):
    header = [
        ["收入", "<", "支出", "<", "<", "<", "<"],
        ["项目", "预算数", "项目", "预算数", "<", "<", "<"],
        ["^", "^", "^", "小计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
    ]
    body = [
        ["一、一般公共预算", "191.90", "一、一般公共服务支出", "150.21", "150.21", "", ""],
        ["二、政府性基金预算", "", "二、教育支出", "50.00", "50.00", "", ""],
    ]
    first = spec_from_rows(
        header + body,
        WIDTHS,
        row_height=20,
        header_rows=3,
        title="财政拨款收支预算总表",
        unit="万元",
    )
    maker.page([(first, LEFT, 90)], width=842, height=595)
    maker.page([], width=842, height=595, extra_text=_continuation_texts(80))
    works = [maker.work(index, dpi=100) for index in range(2)]
    for work in works:
        analyse_page(work)
    (table,) = join_tables([w.page for w in works], [t for w in works for t in w.tables])
    assert table.pages == [1, 2] and table.n_cols == 7
    on_second = {(c.col, c.text) for c in table.cells if c.page == 2 and c.value is not None}
    assert on_second == {
        (3, "0.09"),
        (4, "0.09"),
        (1, "191.90"),
        (1, "8.40"),
        (3, "200.30"),
        (4, "200.30"),
        (1, "200.30"),
    }
    assert sum(1 for c in table.cells if c.page == 2 and c.value is not None) == 10
