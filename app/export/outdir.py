"""The documents of a conversion's output folder, as ``export`` and ``review`` read them.

Every ``*.json`` under the folder that is a contract document counts; the batch's own
``run-summary.json`` and the atomic writer's hidden temporary files do not. A JSON that
is not a valid document is reported by name and left out; it never stops the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from fiscalocr.model import Document, InputFileError

NOT_DOCUMENTS = {"run-summary.json"}


class NoDocumentsError(InputFileError):
    code = "no_documents"


@dataclass
class FolderDocuments:
    documents: list[tuple[Path, Document]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """One line per JSON left out: its path and why."""


def document_paths(outdir: Path) -> list[Path]:
    """The candidate document JSONs under ``outdir``, sorted, hidden files left out."""
    return sorted(
        p
        for p in outdir.rglob("*.json")
        if p.name not in NOT_DOCUMENTS
        and not any(part.startswith(".") for part in p.relative_to(outdir).parts)
    )


def read_document(path: Path) -> Document:
    return Document.model_validate_json(path.read_bytes())


def read_folder(outdir: Path) -> FolderDocuments:
    """Every valid document under ``outdir``; raise when there is none to work on."""
    if not outdir.is_dir():
        raise NoDocumentsError("not a folder", path=str(outdir))
    found = FolderDocuments()
    for path in document_paths(outdir):
        try:
            found.documents.append((path, read_document(path)))
        except (OSError, ValueError, ValidationError) as error:
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
            found.problems.append(f"{path}: not a fiscalocr document ({first})")
    if not found.documents:
        extra = f" ({len(found.problems)} JSON files are not documents)" if found.problems else ""
        raise NoDocumentsError(
            f"no converted documents (*.json) in the folder{extra}", path=str(outdir)
        )
    return found
