"""Opening an input file: validation with one clear error per failure, and a handle.

Rules (each maps to one error class of ``fiscalocr.model.errors``):

- missing path -> ``FileMissingError``; zero-byte file or zero pages -> ``EmptyPdfError``.
- The *content* decides the kind: ``%PDF-`` in the first KiB is a PDF; PNG/JPEG/TIFF magic
  is an image scan (PyMuPDF opens it as a one- or multi-page document). A file named
  ``*.pdf`` whose content is not a PDF is ``NotAPdfError`` (a PNG renamed .pdf names what it
  really is); anything else unrecognised is ``NotAPdfError`` too.
- Password needed to open -> ``EncryptedPdfError`` (owner-only restrictions are fine).
- Truncation. MuPDF silently repairs many cut-short files, so "repaired" alone proves
  nothing. Our rule: a PDF is *truncated* when its tail has no ``%%EOF`` marker (the file
  was cut short) AND it cannot be opened, or it opens with zero pages, or some page fails
  to load or has a content stream that is missing. A cut-short file whose every page is
  intact is accepted (nothing was lost that we can see). A file that ends properly but
  cannot be opened is ``CorruptPdfError``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fiscalocr.model import (
    CorruptPdfError,
    EmptyPdfError,
    EncryptedPdfError,
    FileMissingError,
    NotAPdfError,
    TruncatedPdfError,
)

IMAGE_MAGIC: dict[bytes, str] = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
}
PDF_MAGIC = b"%PDF-"
HEAD_BYTES = 1024  # the PDF spec allows junk before %PDF-; readers look in the first KiB
TAIL_BYTES = 2048  # where %%EOF must sit in a file that was not cut short


def sniff_kind(head: bytes) -> str | None:
    """'PDF', 'PNG', 'JPEG', 'TIFF' from the first bytes, or None when unrecognised."""
    if PDF_MAGIC in head[:HEAD_BYTES]:
        return "PDF"
    return next((kind for magic, kind in IMAGE_MAGIC.items() if head.startswith(magic)), None)


def has_eof_marker(tail: bytes) -> bool:
    """True when the last bytes hold ``%%EOF`` (trailing junk/newlines are tolerated)."""
    return b"%%EOF" in tail


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class PdfSource:
    """An opened, validated input (PDF or image scan). Close it, or use ``with``."""

    path: Path
    sha256: str
    is_image_input: bool
    doc: Any = field(repr=False)  # pymupdf.Document; kept untyped so pymupdf loads lazily

    @property
    def page_count(self) -> int:
        return self.doc.page_count

    def close(self) -> None:
        self.doc.close()

    def __enter__(self) -> PdfSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def quiet_mupdf() -> Iterator[None]:
    """Keep MuPDF's repair chatter off stderr while we probe a file: the user gets our one
    clear message instead. The previous display settings are restored."""
    import pymupdf

    tools = pymupdf.TOOLS
    shown = tools.mupdf_display_warnings(), tools.mupdf_display_errors()
    tools.mupdf_display_warnings(False)
    tools.mupdf_display_errors(False)
    try:
        yield
    finally:
        tools.mupdf_display_warnings(shown[0])
        tools.mupdf_display_errors(shown[1])


def open_source(path: str | Path) -> PdfSource:
    """Validate and open ``path``; raise one ``InputFileError`` subclass on bad input."""
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise FileMissingError("no such file", path=name)
    size = path.stat().st_size
    if size == 0:
        raise EmptyPdfError("the file is empty (0 bytes)", path=name)
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
        handle.seek(max(0, size - TAIL_BYTES))
        tail = handle.read()
    kind = _check_kind(sniff_kind(head), path)
    with quiet_mupdf():
        doc = _open_pdf(path, tail) if kind == "PDF" else _open_image(path, kind)
    return PdfSource(path=path, sha256=file_sha256(path), is_image_input=kind != "PDF", doc=doc)


def _check_kind(kind: str | None, path: Path) -> str:
    name = str(path)
    if kind is None:
        raise NotAPdfError("not a PDF or image scan (no %PDF- header)", path=name)
    if kind != "PDF" and path.suffix.lower() == ".pdf":
        raise NotAPdfError(f"not a PDF: the content is a {kind} image", path=name)
    return kind


def _open_pdf(path: Path, tail: bytes) -> Any:
    import pymupdf

    name = str(path)
    cut_short = not has_eof_marker(tail)
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # MuPDF raises FileDataError/RuntimeError variants
        if cut_short:
            raise TruncatedPdfError(
                "the PDF is truncated (cut short) and cannot be opened", path=name
            ) from exc
        raise CorruptPdfError(
            f"the PDF is corrupt and cannot be opened ({exc})", path=name
        ) from exc
    if doc.needs_pass:
        doc.close()
        raise EncryptedPdfError("the PDF is encrypted and needs a password", path=name)
    if cut_short and (doc.page_count == 0 or _broken_pages(doc)):
        doc.close()
        raise TruncatedPdfError(
            "the PDF is truncated (cut short): pages are missing or unreadable", path=name
        )
    if doc.page_count == 0:
        doc.close()
        raise EmptyPdfError("the PDF has no pages", path=name)
    return doc


def _broken_pages(doc: Any) -> list[int]:
    """0-based indices of pages that fail to load or whose content stream is missing.

    Only asked of files without their ``%%EOF`` marker.
    """
    broken = []
    for index in range(doc.page_count):
        try:
            page = doc.load_page(index)
            contents = page.get_contents()
        except Exception:
            broken.append(index)
            continue
        # In a cut-short file MuPDF's repair stands in an empty page for one whose
        # objects were lost: no content stream there means lost content, not a blank page.
        if not contents or any(not doc.xref_is_stream(xref) for xref in contents):
            broken.append(index)
    return broken


def _open_image(path: Path, kind: str) -> Any:
    import pymupdf

    try:
        doc = pymupdf.open(path)
    except Exception as exc:
        raise CorruptPdfError(
            f"the {kind} image is corrupt and cannot be opened ({exc})", path=str(path)
        ) from exc
    if doc.page_count == 0:
        doc.close()
        raise EmptyPdfError(f"the {kind} image has no pages", path=str(path))
    return doc
