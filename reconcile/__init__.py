"""Reconciliation: check every amount against the disclosure's arithmetic (contract §4),
repair OCR digit errors the arithmetic proves, and report the rest."""

from .api import reconcile_document
from .describe import table_layout
from .options import ReconcileOptions
from .report import summary_line

__all__ = ["ReconcileOptions", "reconcile_document", "summary_line", "table_layout"]
