"""A parsed seed as one HTML page with print CSS, for a browser to lay out and print.

Everything about position is left to the browser (column widths, line breaks, where a
table breaks over pages): that is the point of rendering the seeds this way.
"""

from __future__ import annotations

import re
from html import escape

from .structure import SeedDocument, SeedTable, TextBlock
from .styles import RenderStyle

# right-aligned like amounts: decimals, thousands groups, small counts (codes stay left)
_NUMBER = re.compile(r"[-−]?\d[\d,]*\.\d+%?|\d{1,3}(,\d{3})+(\.\d+)?|\d{1,2}%?")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_SECTION = re.compile(r"^[一二三四五六七八九十]+、")
CONTENTS = re.compile(r"^目\s*录$")


def document_html(doc: SeedDocument, style: RenderStyle) -> str:
    """The whole document: cover, contents, parts, tables, forms."""
    body = [_cover(doc.cover)]
    for block in doc.blocks:
        if isinstance(block, SeedTable):
            body.append(table_html(block, style))
        else:
            body.append(_text(block))
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(doc.name)}</title><style>{_css(style)}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )


def _css(style: RenderStyle) -> str:
    fill = "" if style.header_fill == "none" else f"background:{style.header_fill};"
    return f"""
@page {{ size: A4 portrait; margin: {style.margin_mm}mm;
  @bottom-center {{ content: counter(page); font-size: 9pt; }} }}
@page wide {{ size: A4 landscape; margin: {style.margin_mm * 0.8:.1f}mm; }}
body {{ font-family: {style.font_family}; font-size: {style.body_pt}pt; line-height: 1.6; }}
.cover {{ break-after: page; text-align: center; padding-top: 220px; }}
.cover div {{ font-size: 26pt; font-weight: bold; margin: 18px 0; }}
h1 {{ font-size: 16pt; text-align: center; margin: 16px 0; }}
h1.part, h1.contents {{ break-before: page; }}
h2 {{ font-size: 13pt; margin: 12px 0 6px; }}
h3 {{ font-size: 11.5pt; margin: 10px 0 4px; }}
p {{ text-indent: 2em; margin: 4px 0; }}
.toc {{ display: flex; margin: 2px 0; }}
.toc .fill {{ flex: 1; border-bottom: 1px dotted #666; margin: 0 4px 6px; }}
.tbl {{ margin: 10px 0 16px; }}
.tbl.newpage {{ break-before: page; }}
.wide {{ page: wide; }}
.caption {{ font-size: {style.body_pt - 1}pt; }}
.caption.right {{ text-align: right; }}
.title {{ text-align: center; font-size: 15pt; font-weight: bold; margin: 4px 0 6px; }}
.meta {{ display: flex; justify-content: space-between; font-size: {style.body_pt - 1}pt;
  margin-bottom: 3px; }}
.meta.one {{ justify-content: center; }}
.note {{ font-size: {style.body_pt - 1.5}pt; text-indent: 0; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border: {style.border}; padding: {style.cell_padding}; vertical-align: middle; }}
table.form {{ table-layout: fixed; }}
table.form td {{ overflow-wrap: anywhere; }}
.lead {{ break-inside: avoid; break-after: avoid; }}
th {{ {fill} font-weight: bold; text-align: center; }}
td.num {{ text-align: right; white-space: nowrap; overflow-wrap: normal; }}
tr {{ break-inside: avoid; }}
tr.head {{ break-after: avoid; }}
"""


def _cover(lines: list[str]) -> str:
    return (
        '<section class="cover">' + "".join(f"<div>{escape(t)}</div>" for t in lines) + "</section>"
    )


def _text(block: TextBlock) -> str:
    text = escape(block.text)
    if block.kind == "toc":
        weight = ' style="font-weight:bold"' if block.bold else ""
        return (f'<div class="toc"{weight}><span>{text}</span><span class="fill"></span>'
                f"<span>{escape(block.page_ref)}</span></div>")  # fmt: skip
    if block.kind == "heading":
        if CONTENTS.match(block.text):
            return f'<h1 class="contents">{text}</h1>'
        if _PART.match(block.text):
            return f'<h1 class="part">{text}</h1>'
        return f"<h2>{text}</h2>" if _SECTION.match(block.text) else f"<h3>{text}</h3>"
    return f"<p><b>{text}</b></p>" if block.bold else f"<p>{text}</p>"


def table_html(table: SeedTable, style: RenderStyle) -> str:
    """A table with its caption, title and meta lines above and its notes below."""
    classes = ["tbl"]
    if table.n_cols >= style.landscape_min_cols:
        classes.append("wide")
    if style.table_per_page:
        classes.append("newpage")
    out = [f'<div class="{" ".join(classes)}"><div class="lead">']
    caption = f'<div class="caption{{}}">{escape(table.caption or "")}</div>'
    if table.caption and not _caption_below_title(table):
        out.append(caption.format(""))
    if table.title:
        out.append(f'<div class="title">{escape(table.title)}</div>')
    if table.caption and _caption_below_title(table):
        out.append(caption.format(" right"))
    out.append(_meta(table.meta) + "</div>")
    font = style.table_font_pt(table.n_cols)
    form = ' class="form"' if table.form else ""
    out.append(f'<table{form} style="font-size:{font}pt">{_rows(table, style)}</table>')
    out += [f'<p class="note">{escape(n)}</p>' for n in table.notes]
    out.append("</div>")
    return "".join(out)


def _caption_below_title(table: SeedTable) -> bool:
    """Final-account captions (公开01表) stand right-aligned under the title."""
    return bool(table.caption and table.caption.startswith("公开"))


def _meta(meta: list[str]) -> str:
    if not meta:
        return ""
    if len(meta) == 1:
        return f'<div class="meta one"><span>{escape(meta[0])}</span></div>'
    return '<div class="meta">' + "".join(f"<span>{escape(m)}</span>" for m in meta) + "</div>"


def _rows(table: SeedTable, style: RenderStyle) -> str:
    head, body = [], []
    for r, cells in enumerate(table.rows()):
        header = r < table.header_rows
        tag = "th" if header else "td"
        tds = []
        for cell in cells:
            attrs = ""
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            if not header and _NUMBER.fullmatch(cell.text.replace(" ", "")):
                attrs += ' class="num"'
            tds.append(f"<{tag}{attrs}>{escape(cell.text)}</{tag}>")
        row_tag = '<tr class="head">' if header else "<tr>"
        (head if header else body).append(row_tag + "".join(tds) + "</tr>")
    if style.repeat_header and head:
        return f"<thead>{''.join(head)}</thead><tbody>{''.join(body)}</tbody>"
    return f"<tbody>{''.join(head + body)}</tbody>"
