"""The error hierarchy, each class carrying its CLI exit code (as OCRmyPDF does).

A user error (bad input) is one of these and is reported as one clear line, never a
traceback. Anything else that escapes is a bug and exits with ``ExitCode.INTERNAL``.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    INTERNAL = 1  # a bug: unexpected exception
    USAGE = 2  # bad command line
    INPUT = 3  # unreadable input: missing, not a PDF, corrupt, truncated, zero pages
    ENCRYPTED = 4  # password-protected PDF
    PARTIAL = 5  # converted, but some pages failed (their errors are in the JSON)
    DEPENDENCY = 6  # a model file or package is missing
    INTERRUPTED = 130


class FiscalOcrError(Exception):
    """Base of every error this project raises on purpose."""

    exit_code: ExitCode = ExitCode.INTERNAL
    code: str = "error"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputFileError(FiscalOcrError):
    exit_code = ExitCode.INPUT
    code = "input_error"


class FileMissingError(InputFileError):
    code = "file_missing"


class NotAPdfError(InputFileError):
    code = "not_a_pdf"


class CorruptPdfError(InputFileError):
    code = "corrupt_pdf"


class TruncatedPdfError(CorruptPdfError):
    code = "truncated_pdf"


class EmptyPdfError(InputFileError):
    code = "empty_pdf"


class EncryptedPdfError(InputFileError):
    exit_code = ExitCode.ENCRYPTED
    code = "encrypted_pdf"


class DependencyError(FiscalOcrError):
    exit_code = ExitCode.DEPENDENCY
    code = "missing_dependency"


class PageError(FiscalOcrError):
    """A single page could not be read; the document goes on without it."""

    exit_code = ExitCode.PARTIAL
    code = "page_failed"


class ModelArtifactError(DependencyError):
    """A trained artefact is missing, or its hash does not match the model card."""

    code = "model_artifact"
