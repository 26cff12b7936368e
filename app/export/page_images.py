"""The page images of the html page and the review server: JPEG, small enough for a long
document, rendered from the input file as each page is displayed.

A grey scan (most archives) is encoded grey, which JPEG stores in one channel instead of
three; a page with colour (a red seal) keeps it. :data:`IMAGE_DPI` keeps a 9-point digit
about 12 pixels tall, legible beside the table, at about 100 kB a page.

The written html embeds every page (it must stay one self-contained file) but the browser
decodes a page only as it scrolls near (:mod:`.html`); the review server does not embed
them at all: each is fetched from ``/page/<name>/<n>.jpg`` when it comes into view.
Renders are cached by file version (path, mtime, size), so rewriting the html after each
correction does not render a long document again.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from pathlib import Path

IMAGE_DPI = 100
JPEG_QUALITY = 65
GREY_TOLERANCE = 12
"""A page is grey when no pixel's channels differ by more than this (JPEG noise allowed)."""
GREY_CHECK_DPI = 24
"""The thumbnail the check looks at: a seal or a coloured rule still shows at this size."""
RENDERED_DOCUMENTS_KEPT = 2
"""Documents whose whole set of page images stays cached (about 30 MB for 300 pages)."""
RENDERED_PAGES_KEPT = 64
"""Single pages the review server keeps (a reviewer scrolling back and forth)."""


def source_key(source: Path | None) -> tuple[str, int, int] | None:
    """Which version of the file ``source`` is (path, mtime, size); None when it is gone."""
    if source is None or not Path(source).is_file():
        return None
    stat = Path(source).stat()
    return str(Path(source).resolve()), stat.st_mtime_ns, stat.st_size


def page_data_uris(source: Path | None, sha256: str, pages: tuple[int, ...]) -> dict[int, str]:
    """Each of ``pages`` of ``source`` as a JPEG data URI, the page as displayed; nothing
    when the file is missing or is not the one the document was read from."""
    key = source_key(source)
    if key is None:
        return {}
    return dict(_rendered_document(*key, sha256, pages))


def page_jpeg(source: Path | None, sha256: str, number: int) -> bytes | None:
    """Page ``number`` of ``source`` as JPEG bytes (None: no such page, or another file)."""
    key = source_key(source)
    if key is None:
        return None
    return _rendered_page(*key, sha256, number)


@lru_cache(maxsize=RENDERED_DOCUMENTS_KEPT)
def _rendered_document(
    path: str, mtime_ns: int, size: int, sha256: str, pages: tuple[int, ...]
) -> tuple[tuple[int, str], ...]:
    from fiscalocr.ocr import open_source

    images = []
    with open_source(path) as opened:
        if opened.sha256 != sha256:
            return ()
        for number in pages:
            if 1 <= number <= opened.page_count:
                jpeg = render_jpeg(opened.doc[number - 1])
                images.append((number, "data:image/jpeg;base64," + base64.b64encode(jpeg).decode()))
    return tuple(images)


@lru_cache(maxsize=RENDERED_PAGES_KEPT)
def _rendered_page(path: str, mtime_ns: int, size: int, sha256: str, number: int) -> bytes | None:
    from fiscalocr.ocr import open_source

    with open_source(path) as opened:
        if opened.sha256 != sha256 or not 1 <= number <= opened.page_count:
            return None
        return render_jpeg(opened.doc[number - 1])


def render_jpeg(pdf_page) -> bytes:
    """The page as displayed (its /Rotate applied), grey when it has no colour."""
    import pymupdf

    grey = is_grey(pdf_page)
    space = pymupdf.csGRAY if grey else pymupdf.csRGB
    pix = pdf_page.get_pixmap(dpi=IMAGE_DPI, colorspace=space, alpha=False)
    return pix.tobytes("jpg", jpg_quality=JPEG_QUALITY)


def is_grey(pdf_page) -> bool:
    """Whether the page shows no colour, judged on a thumbnail (checking every pixel of
    the full render costs more than rendering and encoding it)."""
    import numpy as np
    import pymupdf

    thumb = pdf_page.get_pixmap(dpi=GREY_CHECK_DPI, colorspace=pymupdf.csRGB, alpha=False)
    rgb = np.frombuffer(thumb.samples, np.uint8).reshape(thumb.h, thumb.stride)
    rgb = rgb[:, : thumb.w * 3].reshape(thumb.h, thumb.w, 3)
    return int((rgb.max(axis=2) - rgb.min(axis=2)).max(initial=0)) <= GREY_TOLERANCE
