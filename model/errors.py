"""The error hierarchy, each class carrying its CLI exit code (as OCRmyPDF does).

A user error (bad input) is one of these and is reported as one clear line, never a
traceback. Anything else that escapes is a bug and exits with ``ExitCode.INTERNAL``.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    INTERNAL = 1  # a bug: unexpected exception
    USAGE = 2  # bad command line, or a command line that selects nothing
    INPUT = 3  # unreadable input: missing, not a PDF, corrupt, truncated, zero pages
    ENCRYPTED = 4  # password-protected PDF
    PARTIAL = 5  # converted, but some pages failed (their errors are in the JSON)
    DEPENDENCY = 6  # a model file or package is missing
    OUTPUT = 7  # an output could not be written: disk full, quota, read-only, no permission
    INTERRUPTED = 130


# The one table of exit codes: ``--help`` is generated from it and the README's table is
# tested against it (tests/app/test_exit_codes.py).
EXIT_CODE_MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "every document converted",
    ExitCode.INTERNAL: "internal error (a bug: please report it with the log)",
    ExitCode.USAGE: "bad command line, or one that selects nothing (no such page, empty split)",
    ExitCode.INPUT: "an input could not be read: missing, not a PDF or image, corrupt, "
    "truncated, zero pages",
    ExitCode.ENCRYPTED: "an input is an encrypted (password-protected) PDF",
    ExitCode.PARTIAL: 'converted, but some pages or stages failed (see "errors" in the JSON)',
    ExitCode.DEPENDENCY: "a model file or dependency is missing",
    ExitCode.OUTPUT: "an output could not be written (disk full, read-only, no permission)",
    ExitCode.INTERRUPTED: "interrupted",
}

# A batch goes on past every failure and exits with the first of these codes present:
# a partial document never hides an unreadable one, a bug or a lost output.
EXIT_SEVERITY: tuple[ExitCode, ...] = (
    ExitCode.INTERRUPTED,
    ExitCode.OUTPUT,
    ExitCode.DEPENDENCY,
    ExitCode.INTERNAL,
    ExitCode.USAGE,
    ExitCode.INPUT,
    ExitCode.ENCRYPTED,
    ExitCode.PARTIAL,
)


def exit_codes_help() -> str:
    """The exit-code table as plain text, for ``--help`` epilogs."""
    rows = [f"  {int(code):<3} {meaning}" for code, meaning in EXIT_CODE_MEANINGS.items()]
    order = " > ".join(str(int(code)) for code in EXIT_SEVERITY)
    tail = [
        "A batch goes on past every failure and exits with the most severe code present,",
        f"in the order {order}.",
    ]
    return "\n".join(["exit codes:", *rows, *tail])


def exit_codes_markdown() -> str:
    """The exit-code table as the README prints it (tested to be the same)."""
    rows = [f"| {int(code)} | {meaning} |" for code, meaning in EXIT_CODE_MEANINGS.items()]
    return "\n".join(["| code | meaning |", "|---|---|", *rows])


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


class UsageError(FiscalOcrError):
    """The command line (or API call) asks for something that cannot be done."""

    exit_code = ExitCode.USAGE
    code = "usage_error"


class NothingSelectedError(UsageError):
    """Work that selects nothing: an empty split, pages past the end of the file. Running
    it would report success over no work, so it is refused instead."""

    code = "nothing_selected"


class OutputError(FiscalOcrError):
    """An output could not be written (disk full, read-only, no permission): the work
    done is lost, so this is never a success and never a bug."""

    exit_code = ExitCode.OUTPUT
    code = "output_error"


class DiskFullError(OutputError):
    code = "disk_full"
