"""Checks of an image scan the readers themselves do not make.

A truncated JPEG or PNG decodes "as far as it goes": MuPDF fills the rest with grey and
says nothing, so the page reads as a shorter page and the document came out ``ok`` with
a third of its lines lost. The file's end marker says whether it is whole (as ``%%EOF``
does for a PDF). An image too small to hold a line of text would reach OpenCV's resize
with an empty size and fail with OpenCV's own assertion text; it gets our message first.
"""

from __future__ import annotations

from pathlib import Path

from fiscalocr.model import PageError

JPEG_END = b"\xff\xd9"  # EOI marker
PNG_END = b"IEND\xaeB`\x82"  # the IEND chunk with its CRC
END_SLACK_BYTES = 64  # some writers pad after the end marker
MIN_IMAGE_SIDE_PX = 32  # smaller than this in either direction cannot hold a text line


def truncation(path: Path) -> str | None:
    """Why the image file is cut short, or None when it is whole (or not JPEG/PNG)."""
    with path.open("rb") as handle:
        head = handle.read(8)
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - END_SLACK_BYTES))
        tail = handle.read()
    if head.startswith(b"\xff\xd8") and JPEG_END not in tail:
        return "the JPEG file is truncated (no end-of-image marker): the page was read as far as it goes"
    if head.startswith(b"\x89PNG") and PNG_END not in tail:
        return "the PNG file is truncated (no IEND chunk): the page was read as far as it goes"
    return None


def check_image_size(page, page_number: int) -> None:
    """Raise a PageError when the scan on ``page`` (a PyMuPDF page of an image input) is
    too small to read."""
    sizes = [(info["width"], info["height"]) for info in page.get_image_info()]
    if not sizes:
        return
    width, height = max(sizes, key=lambda size: size[0] * size[1])
    if min(width, height) < MIN_IMAGE_SIDE_PX:
        raise PageError(
            f"page {page_number}: the image is {width}×{height} pixels, too small to hold "
            f"text (at least {MIN_IMAGE_SIDE_PX}×{MIN_IMAGE_SIDE_PX} needed)"
        )
