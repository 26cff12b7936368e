"""The library API: ``fiscalocr.convert`` and ``fiscalocr.convert_all`` (docling's
``DocumentConverter.convert``/``convert_all``, OCRmyPDF's ``ocr()``).

The CLI is a thin layer over the same calls. Options come as a
:class:`~fiscalocr.app.options.ConvertOptions`, as keyword overrides, or both (the
overrides win; stage options merge field by field)::

    doc = fiscalocr.convert("budget.pdf", pages=(1, 2), ocr={"min_line_conf": 0.6})

An unreadable input raises its :class:`~fiscalocr.model.InputFileError` (each error
carries its CLI exit code); anything that fails later is recorded in the returned
Document (``status`` ``partial``, the ``errors`` of its pages and stages).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fiscalocr.model import Document, ExitCode, FileMissingError, FiscalOcrError

from .arguments import silence_foreign_warnings
from .options import ConvertOptions
from .pipeline import convert_document
from .stages import check_models, load_stages


@dataclass(frozen=True)
class ConversionResult:
    """One input of :func:`convert_all`: its Document, or the error that stopped it."""

    input: Path
    document: Document | None = None
    error: FiscalOcrError | None = None

    @property
    def exit_code(self) -> int:
        """What the CLI would exit with for this input alone."""
        if self.error is not None:
            return int(self.error.exit_code)
        if self.document is not None and self.document.status == "partial":
            return int(ExitCode.PARTIAL)
        return int(ExitCode.OK)


def resolve_options(options: ConvertOptions | None, overrides: dict[str, Any]) -> ConvertOptions:
    """``options`` (default: the defaults) with ``overrides`` applied."""
    options = options or ConvertOptions()
    return options.with_overrides(**overrides) if overrides else options


def convert(path: str | Path, options: ConvertOptions | None = None, **overrides: Any) -> Document:
    """Convert one PDF or image scan into a verified contract Document."""
    silence_foreign_warnings()
    return convert_document(path, resolve_options(options, overrides))


def convert_all(
    paths: Iterable[str | Path],
    options: ConvertOptions | None = None,
    *,
    raises_on_error: bool = True,
    **overrides: Any,
) -> Iterator[ConversionResult]:
    """Convert each input in turn, the stages (OCR engine, classifiers) loaded once.

    Folders are searched for PDFs and image scans, as ``fiscalocr convert`` does. With
    ``raises_on_error`` (the default) an unreadable input raises; without, it is yielded
    as a result holding the error and the iteration goes on. A missing model always
    raises, before the first input is read.
    """
    from .batch.inputs import collect_inputs

    silence_foreign_warnings()
    resolved = resolve_options(options, overrides)
    check_models(resolved)
    stages = load_stages(resolved)
    found = collect_inputs([str(p) for p in paths])
    for problem in found.problems:  # named nothing convertible: a missing file, an empty glob
        error = FileMissingError(problem.message, path=problem.argument)
        if raises_on_error:
            raise error
        yield ConversionResult(Path(problem.argument), error=error)
    for job in found.files:
        try:
            document = convert_document(job.path, resolved, stages=stages)
        except FiscalOcrError as error:
            if raises_on_error:
                raise
            yield ConversionResult(Path(job.path), error=error)
        else:
            yield ConversionResult(Path(job.path), document)
