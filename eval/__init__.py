"""Evaluation: labelled documents against what the pipeline read (never runs it).

The app runs the pipeline, then calls :func:`evaluate` with one :class:`EvalItem` per
document and :func:`write_html_report` for the pictures. ``LABELLING.md`` says what a
truth file needs.
"""

from .evaluate import evaluate
from .items import EvalItem
from .metrics import Baselines, LabelAccuracy, Metrics, MetricSet, NumericAccuracy
from .ppocrlabel import LineMetrics, line_metrics, lines_to_points, load_ppocrlabel
from .report import write_html_report
from .teds import table_tree, teds
from .text import cer, normalise_text, page_text

__all__ = [
    "Baselines",
    "EvalItem",
    "LabelAccuracy",
    "LineMetrics",
    "MetricSet",
    "Metrics",
    "NumericAccuracy",
    "cer",
    "evaluate",
    "line_metrics",
    "lines_to_points",
    "load_ppocrlabel",
    "normalise_text",
    "page_text",
    "table_tree",
    "teds",
    "write_html_report",
]
