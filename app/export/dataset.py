"""``fiscalocr export OUTDIR -o archive.parquet``: the whole archive as one tidy dataset.

One row per amount (:class:`~.figures.Figure`): the document's facts, the table type,
the row's label and classification code, the column's header path, unit, value and the
value in 元, whether it was repaired, flagged or corrected, and where it was printed.
Written with pyarrow (Parquet) or DuckDB (a database with an ``amounts`` table), never a
hand-made format, and atomically: a reader sees the previous archive or the new one.

The question it is for, "三公 spending of every department, by year" (the total row in
the total column, so no item is counted twice)::

    SELECT department, year, sum(value_yuan) FROM 'archive.parquet'
    WHERE table_type = 'three_public' AND row_label LIKE '%合计'
      AND column_header LIKE '%合计' GROUP BY ALL
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .atomic import atomic_write_with
from .figures import Figure, document_figures
from .outdir import read_folder

Target = Literal["parquet", "duckdb"]
TARGETS: tuple[Target, ...] = ("parquet", "duckdb")
DUCKDB_SUFFIXES = (".duckdb", ".db", ".ddb")
TABLE_NAME = "amounts"


@dataclass
class ExportSummary:
    path: Path
    documents: int
    rows: int
    problems: list[str] = field(default_factory=list)


def target_for(path: Path, to: str | None) -> Target:
    """``--to`` when given, else what the output's suffix says (``.duckdb`` → duckdb)."""
    if to is not None:
        if to not in TARGETS:
            raise ValueError(f"unknown --to {to!r} (choose from {', '.join(TARGETS)})")
        return typing.cast(Target, to)
    return "duckdb" if path.suffix.lower() in DUCKDB_SUFFIXES else "parquet"


def export_archive(outdir: Path, out: Path, to: str | None = None) -> ExportSummary:
    """Collect every amount of every document under ``outdir`` into ``out``."""
    target = target_for(out, to)
    found = read_folder(outdir)
    figures = [f for _, doc in found.documents for f in document_figures(doc)]
    table = figures_table(figures)
    if target == "parquet":
        import pyarrow.parquet as pq

        atomic_write_with(out, lambda tmp: pq.write_table(table, tmp))
    else:
        atomic_write_with(out, lambda tmp: _write_duckdb(table, tmp))
    return ExportSummary(out, len(found.documents), len(figures), found.problems)


def figures_table(figures: list[Figure]):
    """The figures as a pyarrow Table with a fixed schema (also when empty)."""
    import pyarrow as pa

    schema = arrow_schema()
    columns = {f.name: [getattr(x, f.name) for x in figures] for f in schema}
    return pa.Table.from_pydict(columns, schema=schema)


def arrow_schema():
    import pyarrow as pa

    kinds = {int: pa.int32(), float: pa.float64(), str: pa.string(), bool: pa.bool_()}
    hints = typing.get_type_hints(Figure)
    fields = []
    for f in dataclasses.fields(Figure):
        hint = hints[f.name]
        base = next(a for a in typing.get_args(hint) or (hint,) if a is not type(None))
        fields.append(pa.field(f.name, kinds[base], nullable=type(None) in typing.get_args(hint)))
    return pa.schema(fields)


def _write_duckdb(table, tmp: Path) -> None:
    import duckdb

    tmp.unlink()  # DuckDB creates its own file; the empty placeholder is not a database
    with duckdb.connect(str(tmp)) as con:
        con.register("figures_arrow", table)
        con.execute(f"CREATE TABLE {TABLE_NAME} AS SELECT * FROM figures_arrow")
        con.unregister("figures_arrow")
        con.execute("CHECKPOINT")
