"""The HTML report: headline tables, plots, and the worst pages with overlays.

Laid out so a reader finds in a minute where accuracy is lost: headline figures by
level and kind first, then the reconciliation and confusion tables, then the pages with
most wrong amounts, each wrong cell boxed red with what was read and what is true.
"""

from __future__ import annotations

import re
from html import escape

from ..metrics import LabelAccuracy, Metrics, MetricSet
from ..scoring import CellOutcome
from .pages import PageFindings, grid_label

STYLE = """
body{font-family:sans-serif;margin:1.5em;max-width:1200px}
table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:2px 8px;text-align:right;font-size:13px}
th{background:#f0f0f0} td.l,th.l{text-align:left}
.red{color:#e60000}.green{color:#00aa00}.orange{color:#ff8c00}.magenta{color:#c800c8}.blue{color:#005aff}
img.page{max-width:100%;border:1px solid #999}
"""

HEADLINE = [
    ("CER", lambda m: m.cer),
    ("numeric before", lambda m: m.numeric_cell_accuracy.before_reconciliation),
    ("numeric after", lambda m: m.numeric_cell_accuracy.after_reconciliation),
    ("amounts", lambda m: m.numeric_cell_accuracy.cells),
    ("grid exact", lambda m: m.grid_exact),
    ("TEDS", lambda m: m.teds),
    ("TEDS-struct", lambda m: m.teds_structure),
    ("table type", lambda m: m.table_type_accuracy.accuracy),
    ("section", lambda m: m.section_accuracy.accuracy),
    ("doc kind", lambda m: m.document_facts_accuracy.kind),
    ("department", lambda m: m.document_facts_accuracy.department),
    ("year", lambda m: m.document_facts_accuracy.year),
    ("repair precision", lambda m: m.reconciliation.repair_precision),
    ("wrong caught", lambda m: m.reconciliation.wrong_cells_caught),
    ("pages", lambda m: m.pages_per_second.pages),
    ("pages/s", lambda m: m.pages_per_second.value),
    ("peak RSS MB", lambda m: m.peak_rss_mb),
]


def fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.4f}" if abs(value) < 10 else f"{value:.1f}"
    return escape(str(value))


def amount(value: float | None) -> str:
    """An amount in full (shortest exact form), never rounded for display."""
    return "–" if value is None else str(value)


def _table(header: list[str], rows: list[list]) -> str:
    head = "".join(
        f"<th{' class=l' if i == 0 else ''}>{escape(h)}</th>" for i, h in enumerate(header)
    )
    body = "".join(
        "<tr>"
        + "".join(f"<td{' class=l' if i == 0 else ''}>{fmt(v)}</td>" for i, v in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def headline_table(metrics: Metrics) -> str:
    """Figures as rows, groups (all, each level, each kind) as columns."""
    groups: list[tuple[str, MetricSet]] = [("all", metrics)]
    groups += [(f"level {k}", v) for k, v in metrics.by_level.items()]
    groups += [(f"kind {k}", v) for k, v in metrics.by_kind.items()]
    rows = [[name] + [get(g) for _, g in groups] for name, get in HEADLINE]
    return _table(["figure"] + [name for name, _ in groups], rows)


def baselines_table(metrics: Metrics) -> str:
    b = metrics.baselines
    if b is None:
        return "<p>No baselines were run.</p>"
    rows = []
    if b.bare_paddleocr is not None:
        bare = b.bare_paddleocr
        rows.append(["bare PaddleOCR", bare.cer, bare.numbers.recall, bare.numbers.precision, None])
    if b.pipeline_numbers is not None:
        rows.append(
            [
                "pipeline",
                metrics.cer,
                b.pipeline_numbers.recall,
                b.pipeline_numbers.precision,
                metrics.numeric_cell_accuracy.after_reconciliation,
            ]
        )
    if b.ablation is not None:
        bag = b.ablation_numbers
        rows.append(
            [
                "pipeline without reconciliation",
                b.ablation.cer,
                bag.recall if bag else None,
                bag.precision if bag else None,
                b.ablation.numeric_cell_accuracy.after_reconciliation,
            ]
        )
    table = _table(
        ["run", "CER", "amounts recall (bag)", "amounts precision (bag)", "numeric cell accuracy"],
        rows,
    )
    return table + f"<p>Speed ratio pipeline ÷ bare PaddleOCR: {fmt(metrics.speed_ratio)}</p>"


def reconciliation_table(metrics: Metrics) -> str:
    r = metrics.reconciliation
    return _table(["figure", "value"], [[k, v] for k, v in r.model_dump().items()])


def confusion_table(accuracy: LabelAccuracy) -> str:
    """Only the off-diagonal (mistaken) pairs: that is where the reader should look."""
    rows = [
        [truth, predicted, n]
        for truth, row in sorted(accuracy.confusion.items())
        for predicted, n in sorted(row.items(), key=lambda kv: -kv[1])
        if predicted != truth
    ]
    if not rows:
        return f"<p>No mistakes (accuracy {fmt(accuracy.accuracy)}, n = {accuracy.n}).</p>"
    return f"<p>accuracy {fmt(accuracy.accuracy)}, n = {accuracy.n}</p>" + _table(
        ["truth", "predicted", "count"], rows
    )


def losses_table(cells: list[CellOutcome]) -> str:
    """Labelled amounts by truth table type: where the wrong ones are."""
    by_type: dict[str, list[CellOutcome]] = {}
    for cell in cells:
        by_type.setdefault(cell.truth_type, []).append(cell)
    rows = [
        [
            kind,
            len(group),
            sum(not c.right_before for c in group),
            sum(not c.right_after for c in group),
            sum(c.repaired for c in group),
            sum(c.flagged for c in group),
        ]
        for kind, group in sorted(
            by_type.items(), key=lambda kv: -sum(not c.right_after for c in kv[1])
        )
    ]
    return _table(
        ["table type", "amounts", "wrong before", "wrong after", "repaired", "flagged"], rows
    )


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text)[:80] or "doc"


def _status(cell: CellOutcome) -> str:
    if not cell.right_after:
        return "<span class=red>wrong</span>"
    if cell.repaired:
        return "<span class=green>repaired</span>"
    return "<span class=orange>unresolved rule</span>"


def page_section(findings: PageFindings, image_file: str) -> str:
    """One worst page: its picture and the list of coloured cells."""
    text = findings.text.rate if findings.text else None
    title = (
        f"{escape(findings.item.name)} — page {findings.page.page}: "
        f"{len(findings.wrong)} of {len(findings.cells)} amounts wrong, CER {fmt(text)}"
    )
    rows = "".join(
        f"<tr><td class=l>{_status(c)}</td><td class=l>{escape(c.truth_table)}</td>"
        f"<td>{escape(c.read_text if c.read_text is not None else '∅')}</td><td>{amount(c.read_value)}</td>"
        f"<td>{escape(c.ocr_text or '')}</td><td>{escape(c.truth_text)}</td><td>{amount(c.truth_value)}</td>"
        f"<td>{'yes' if c.repaired else ''}</td><td>{'yes' if c.flagged else ''}</td></tr>"
        for c in findings.cells
        if not c.right_after or c.repaired or c.flagged
    )
    lines = "".join(
        f"<tr><td class=l>{escape(ln.read if ln.read is not None else '∅')}</td>"
        f"<td class=l>{escape(ln.truth if ln.truth is not None else '∅')}</td></tr>"
        for ln in findings.line_errors
    )
    line_table = (
        f"<details><summary>text lines read wrong, missed (∅ read) or invented (∅ true)</summary>"
        f"<table><tr><th class=l>read</th><th class=l>true</th></tr>{lines}</table></details>"
        if lines
        else ""
    )
    grids = "".join(
        f"<li>{escape(pair.truth.id)} ({escape(pair.truth.title or pair.truth.type)}): grid read "
        f"{escape(grid_label(pair.predicted))}, true {escape(grid_label(pair.truth))}</li>"
        for pair in findings.wrong_grids
    )
    grid_list = f"<ul class=blue>{grids}</ul>" if grids else ""
    head = "<tr><th class=l>status</th><th class=l>table</th><th>read</th><th>read value</th><th>OCR read</th><th>true</th><th>true value</th><th>repaired</th><th>flagged</th></tr>"
    return (
        f"<h3>{title}</h3><img class=page src='{escape(image_file)}' alt='page overlay'>"
        f"{grid_list}<table>{head}{rows}</table>{line_table}"
    )


def render(metrics: Metrics, plots: list[str], pages: list[str], losses: str = "") -> str:
    legend = (
        "<p>Boxes: <span class=red>red = read wrong</span>, <span class=green>green = repaired "
        "and right</span>, <span class=orange>orange = named by an unresolved rule</span>, "
        "<span class=magenta>magenta = text line read wrong, missed or invented</span>, "
        "<span class=blue>blue = cells read for a table whose grid is wrong</span>.</p>"
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>fiscalocr evaluation</title>"
        f"<style>{STYLE}</style></head><body><h1>fiscalocr evaluation</h1>"
        "<p>All figures: <a href='metrics.json'>metrics.json</a> (definitions in the "
        "project's eval/METRICS.md).</p>"
        f"<h2>Headline figures</h2>{headline_table(metrics)}"
        + "".join(f"<img src='{escape(p)}' alt='plot'> " for p in plots)
        + f"<h2>Where amounts are lost</h2>{losses}"
        f"<h2>Baselines</h2>{baselines_table(metrics)}"
        f"<h2>Reconciliation</h2>{reconciliation_table(metrics)}"
        f"<h2>Table types: mistakes</h2>{confusion_table(metrics.table_type_accuracy)}"
        f"<h2>Page sections: mistakes</h2>{confusion_table(metrics.section_accuracy)}"
        f"<h2>Worst pages</h2>{legend}"
        + ("".join(pages) or "<p>No page lost accuracy.</p>")
        + "</body></html>"
    )
