"""Writers for what users ask of a converted document: JSON (the contract), XLSX, CSV,
markdown, a searchable PDF and an HTML review page; the archive-wide dataset
(``fiscalocr export``) and the review server (``fiscalocr review``).

Every file is written atomically (temporary file in the same folder, then ``os.replace``)
so a killed run never leaves a half-written output that a rerun would trust.
"""

from .atomic import atomic_write_bytes, atomic_write_text
from .outputs import FORMATS, WRITERS, expected_outputs, write_outputs
from .tables_csv import csv_path, table_rows, write_table_csvs
from .xlsx import write_xlsx

__all__ = [
    "FORMATS",
    "WRITERS",
    "atomic_write_bytes",
    "atomic_write_text",
    "csv_path",
    "expected_outputs",
    "table_rows",
    "write_outputs",
    "write_table_csvs",
    "write_xlsx",
]
