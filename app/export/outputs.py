"""Write the requested formats for one document, the JSON last.

The JSON is the batch's completion marker (a rerun trusts a document whose JSON is
complete), so it is written only after every other format succeeded: a run killed
while writing the workbook leaves no JSON and the document is simply redone.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fiscalocr.model import Document

from .atomic import atomic_write_text
from .tables_csv import csv_path, write_table_csvs

FORMATS = ("json", "xlsx", "csv")


def json_path(out_base: Path) -> Path:
    return out_base.with_name(out_base.name + ".json")


def xlsx_path(out_base: Path) -> Path:
    return out_base.with_name(out_base.name + ".xlsx")


def expected_outputs(doc: Document, out_base: Path, formats: Sequence[str]) -> list[Path]:
    """Every file ``write_outputs`` writes for ``doc`` (used to check a resumed run)."""
    paths = [json_path(out_base)]
    if "xlsx" in formats:
        paths.append(xlsx_path(out_base))
    if "csv" in formats:
        paths.extend(csv_path(out_base, t) for t in doc.tables)
    return paths


def write_outputs(
    doc: Document, out_base: Path, formats: Sequence[str], *, only_missing: bool = False
) -> list[Path]:
    """Write ``doc`` as ``<out_base>.json`` plus the other ``formats``; return the paths.

    ``only_missing`` re-creates exports that are absent without touching the JSON (a
    resumed run asked for a format the first run did not write).
    """
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown format(s): {', '.join(sorted(unknown))}")
    written: list[Path] = []
    if "xlsx" in formats and not (only_missing and xlsx_path(out_base).exists()):
        from .xlsx import write_xlsx  # openpyxl only when asked for

        write_xlsx(doc, xlsx_path(out_base))
        written.append(xlsx_path(out_base))
    if "csv" in formats and not (
        only_missing and all(csv_path(out_base, t).exists() for t in doc.tables)
    ):
        written.extend(write_table_csvs(doc, out_base))
    if not only_missing:
        atomic_write_text(json_path(out_base), doc.to_json())
        written.append(json_path(out_base))
    return written
