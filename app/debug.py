"""``fiscalocr debug``: one page through OCR and layout, drawn for a person to inspect."""

from __future__ import annotations

from pathlib import Path

from fiscalocr.model import NothingSelectedError
from fiscalocr.ocr import OcrOptions

from .options import ConvertOptions
from .stages import load_stages
from .wording import plural


def debug_page(
    pdf: Path, page_number: int, out: Path, *, dpi: int = 200, force_ocr: bool = False
) -> None:
    """Read page ``page_number`` (1-based) and draw its rules, cells and text into ``out``."""
    from fiscalocr import layout

    options = ConvertOptions(
        ocr=OcrOptions(dpi=dpi, force_ocr=force_ocr, render_drawn_pages=True),
        classify=False,
        reconcile=False,
    )
    stages = load_stages(options)
    with stages.open_source(pdf) as source:
        if not 1 <= page_number <= source.page_count:
            raise NothingSelectedError(
                f"--page {page_number} does not exist: the file has "
                f"{plural(source.page_count, 'page')}",
                path=str(pdf),
            )
        work = stages.read_page(source, page_number - 1)
    if stages.analyse_page is not None:
        stages.analyse_page(work)
    out.parent.mkdir(parents=True, exist_ok=True)
    layout.draw_debug(work.image, work.page, work.tables, out)
