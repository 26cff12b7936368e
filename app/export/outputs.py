"""Write the requested formats for one document, the JSON last.

The JSON is the batch's completion marker (a rerun trusts a document whose JSON is
complete), so it is written only after every other format succeeded: a run killed
while writing the workbook leaves no JSON and the document is simply redone.

Each format is one :class:`Writer`: the paths it writes and how. The heavy libraries
(openpyxl, jinja2, PyMuPDF) are imported only when their format is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fiscalocr.model import Document

from .atomic import atomic_write_text
from .tables_csv import csv_path, write_table_csvs


@dataclass(frozen=True)
class Writer:
    paths: Callable[[Document, Path], list[Path]]
    write: Callable[[Document, Path, Path | None], list[Path]]
    """``write(doc, out_base, source)``; ``source`` is the input file (the PDF writer
    copies its pages), None when unknown."""


def json_path(out_base: Path) -> Path:
    return out_base.with_name(out_base.name + ".json")


def xlsx_path(out_base: Path) -> Path:
    return out_base.with_name(out_base.name + ".xlsx")


def _suffixed(suffix: str) -> Callable[[Document, Path], list[Path]]:
    return lambda doc, out_base: [out_base.with_name(out_base.name + suffix)]


def _write_xlsx(doc: Document, out_base: Path, source: Path | None) -> list[Path]:
    from .xlsx import write_xlsx

    write_xlsx(doc, xlsx_path(out_base))
    return [xlsx_path(out_base)]


def _write_csv(doc: Document, out_base: Path, source: Path | None) -> list[Path]:
    return write_table_csvs(doc, out_base)


def _write_md(doc: Document, out_base: Path, source: Path | None) -> list[Path]:
    from .markdown import write_markdown

    return [write_markdown(doc, out_base)]


def _write_pdf(doc: Document, out_base: Path, source: Path | None) -> list[Path]:
    from .searchable_pdf import write_searchable_pdf

    return [write_searchable_pdf(doc, out_base, source)]


def _write_html(doc: Document, out_base: Path, source: Path | None) -> list[Path]:
    from .html import write_html

    return [write_html(doc, out_base, source)]


WRITERS: dict[str, Writer] = {
    "xlsx": Writer(_suffixed(".xlsx"), _write_xlsx),
    "csv": Writer(lambda doc, base: [csv_path(base, t) for t in doc.tables], _write_csv),
    "md": Writer(_suffixed(".md"), _write_md),
    "pdf": Writer(_suffixed(".searchable.pdf"), _write_pdf),
    "html": Writer(_suffixed(".html"), _write_html),
}
FORMATS = ("json", *WRITERS)


def expected_outputs(doc: Document, out_base: Path, formats: Sequence[str]) -> list[Path]:
    """Every file ``write_outputs`` writes for ``doc`` (used to check a resumed run)."""
    paths = [json_path(out_base)]
    for name, writer in WRITERS.items():
        if name in formats:
            paths.extend(writer.paths(doc, out_base))
    return paths


def write_outputs(
    doc: Document,
    out_base: Path,
    formats: Sequence[str],
    *,
    only_missing: bool = False,
    source: Path | None = None,
) -> list[Path]:
    """Write ``doc`` as ``<out_base>.json`` plus the other ``formats``; return the paths.

    ``only_missing`` re-creates exports that are absent without touching the JSON (a
    resumed run asked for a format the first run did not write). ``source`` is the
    input file, which the searchable PDF and the HTML pages are made from.
    """
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown format(s): {', '.join(sorted(unknown))}")
    written: list[Path] = []
    for name, writer in WRITERS.items():
        if name not in formats:
            continue
        if only_missing and all(p.exists() for p in writer.paths(doc, out_base)):
            continue
        written.extend(writer.write(doc, out_base, source))
    if not only_missing:
        atomic_write_text(json_path(out_base), doc.to_json())
        written.append(json_path(out_base))
    return written
