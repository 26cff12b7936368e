"""Cut a document (PDF + truth) down to some of its pages, renumbered from 1."""

from __future__ import annotations

from collections.abc import Sequence

from fiscalocr.model import Document


def subset_document(pdf: bytes, truth: Document, pages: Sequence[int]) -> tuple[bytes, Document]:
    """Keep the given 1-based pages; tables that lie wholly on them are kept, others dropped."""
    import pymupdf

    keep = sorted(set(pages))
    renumber = {old: new for new, old in enumerate(keep, start=1)}
    src = pymupdf.open(stream=pdf, filetype="pdf")
    out = pymupdf.open()
    for old in keep:
        out.insert_pdf(src, from_page=old - 1, to_page=old - 1)
    data = out.tobytes(garbage=3, deflate=True, no_new_id=True)
    doc = truth.model_copy(deep=True)
    doc.pages = [
        p.model_copy(update={"page": renumber[p.page]}) for p in doc.pages if p.page in renumber
    ]
    doc.tables = [t for t in doc.tables if t.pages and all(p in renumber for p in t.pages)]
    for table in doc.tables:
        table.pages = [renumber[p] for p in table.pages]
        table.cells = [c.model_copy(update={"page": renumber[c.page]}) for c in table.cells]
        table.regions = [r.model_copy(update={"page": renumber[r.page]}) for r in table.regions]
    doc.source.page_count = len(keep)
    doc.reconciliation = type(doc.reconciliation)()
    return data, doc
