"""The per-page entry point: one page of a ``PdfSource`` read into a ``PageWork``.

Coordinates (decided by the lead): every bbox is in PDF points of the page *as read*, the
upright, deskewed frame; for a page turned 90 degrees width and height swap.
``PageWork.image`` is that frame's raster (BGR uint8) and ``px_per_pt`` maps points to
its pixels. Only one page raster is alive at a time.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from fiscalocr.model import DependencyError, Line, Page, PageError, PageWork

from .cascade import reread_doubtful
from .contrast import stretched_if_faded
from .ctc import Placement
from .detsize import fitted_scale
from .drawn_rules import drawn_rules
from .engine import load_engine
from .geometry import deskew_image, deskew_matrix, quad_rect, turn_image
from .glued import split_glued
from .memory import release_freed_memory
from .options import OcrOptions
from .orient import find_orientation
from .raster import POINTS_PER_INCH, capped_dpi, choose_dpi, dominant_image, render_bgr
from .seal import seal_boxes, seal_boxes_pt, without_seals
from .skew import residual_skew
from .source import PdfSource
from .textlayer import collect_chars, is_usable, text_layer_lines
from .tiles import MAX_ASPECT

MIN_SKEW_TO_CORRECT = 0.1  # degrees; below this a resampling blurs more than it levels
VERTICAL_CROP = 1.5  # height/width from which a crop is read as vertical text (PaddleOCR's rule)
# Detection boxes clip thin strokes at a line's ends (the leading 一 of "一、基本支出");
# widening each crop by this share of its height recovers them (433 vs 431 of 436 lines
# exact on six real table pages, amounts unaffected: 258/258 both ways).
CROP_PAD = 0.15
ROW_TOLERANCE_PT = 3.0  # lines whose tops differ less than this are one row in reading order


def read_page(source: PdfSource, index: int, options: OcrOptions) -> PageWork:
    """Read page ``index`` (0-based) from its text layer if usable, else by OCR."""
    if not 0 <= index < source.page_count:
        raise PageError(
            f"page {index + 1} does not exist (the file has {source.page_count})",
            path=str(source.path),
        )
    try:
        page = source.doc.load_page(index)
        if not options.force_ocr and not source.is_image_input:
            work = _from_text_layer(page, index, options)
            if work is not None:
                return work
        return _from_ocr(page, index, options)
    except (PageError, DependencyError):
        raise  # a missing model is the whole run's problem, not this page's
    except Exception as exc:  # any failure of one page must not sink the document
        raise PageError(
            f"page {index + 1} could not be read: {type(exc).__name__}: {exc}",
            path=str(source.path),
        ) from exc


def _from_text_layer(page, index: int, options: OcrOptions) -> PageWork | None:
    chars, other_direction = collect_chars(page, include_invisible=options.trust_invisible_text)
    if not chars and not other_direction and is_empty_page(page):
        return _text_page_work(page, index, [], options)  # nothing to OCR: skip the engine
    if not is_usable(
        chars, other_direction, options.min_text_chars, is_scan=dominant_image(page) is not None
    ):
        return None
    return _text_page_work(page, index, text_layer_lines(chars), options)


def is_empty_page(page) -> bool:
    """No text, no image, no vector drawing (outlined text would be drawings)."""
    return not page.get_images() and not page.get_drawings()


def _text_page_work(page, index: int, lines: list[Line], options: OcrOptions) -> PageWork:
    record = Page(
        page=index + 1,
        width=page.rect.width,
        height=page.rect.height,
        text_source="pdf_text",
        lines=lines,
    )
    dpi = capped_dpi(page, options.dpi)
    work = PageWork(page=record, px_per_pt=dpi / POINTS_PER_INCH)
    if options.rules_from_drawings:
        work.drawn_rules = drawn_rules(page)
    if options.render_text_pages and (work.drawn_rules is None or options.render_drawn_pages):
        record.dpi = dpi
        work.image = render_bgr(page, dpi)
    return work


def _from_ocr(page, index: int, options: OcrOptions) -> PageWork:
    if options.release_memory:
        release_freed_memory()  # what the previous page's stages freed, before this raster
    engine = load_engine(options)
    dpi = capped_dpi(page, choose_dpi(page, options.dpi, options.scan_dpi_range))
    image = render_bgr(page, dpi)
    quads = engine.detect(image)
    found = find_orientation(
        engine, image, quads, options.detect_orientation, options.deskew, options.max_skew_deg
    )
    image = turn_image(image, found.rotation)
    skew = found.skew_deg if abs(found.skew_deg) >= MIN_SKEW_TO_CORRECT else 0.0
    px_per_pt = dpi / POINTS_PER_INCH
    image, skew = _level(image, skew, options.deskew, px_per_pt)
    seals = seal_boxes(image, px_per_pt)
    reading = without_seals(image, px_per_pt, seals)  # PageWork keeps the colours for layout
    det_scale = _detection_fit(quads, image.shape, options)
    if det_scale is not None:
        quads = engine.detect_scaled(reading, det_scale)
    elif found.rotation or skew or reading is not image:
        # Boxes found on the turned/skewed raster, even transformed, crop looser than a
        # fresh detection (~0.2 s) on the corrected one, and loose crops misread.
        quads = engine.detect(reading)
    record = Page(
        page=index + 1,
        width=round(image.shape[1] / px_per_pt, 2),
        height=round(image.shape[0] / px_per_pt, 2),
        rotation=found.rotation,
        skew_deg=skew,
        text_source="ocr",
        dpi=dpi,
        ocr_engine=engine.name,
        det_scale=det_scale,
        seals=seal_boxes_pt(seals, px_per_pt),
        lines=recognise_lines(engine, reading, quads, px_per_pt, options),
    )
    return PageWork(page=record, image=image, px_per_pt=px_per_pt)


def _detection_fit(quads: np.ndarray, shape: tuple[int, ...], options: OcrOptions) -> float | None:
    """The detector scale fitted to the text the first detection found (``detsize``), or
    None: fitting is off, the page is a strip the detector reads in tiles, or the fixed
    side already suits its text."""
    if options.det_fit is None or options.det_limit_type != "max":
        return None
    if max(shape[:2]) > MAX_ASPECT * min(shape[:2]):
        return None
    return fitted_scale(quads, shape, options.det_limit_side_len, options.det_fit)


def _level(
    turned: np.ndarray, skew: float, refine: bool, px_per_pt: float
) -> tuple[np.ndarray, float]:
    """Undo ``skew`` (from the text boxes), then the residual its long strokes show; one
    resampling of the turned raster in the end."""
    levelled = _deskewed(turned, skew)
    residual = residual_skew(levelled, px_per_pt) if refine else None
    if residual is not None and abs(residual) > 0:
        total = round(skew + residual, 3)
        skew = total if abs(total) >= MIN_SKEW_TO_CORRECT else 0.0
        levelled = _deskewed(turned, skew)
    return levelled, skew


def _deskewed(image: np.ndarray, skew: float) -> np.ndarray:
    if not skew:
        return image
    return deskew_image(image, deskew_matrix(skew, image.shape[1], image.shape[0]))


def recognise_lines(
    engine,
    image: np.ndarray,
    quads: np.ndarray,
    px_per_pt: float,
    options: OcrOptions,
) -> list[Line]:
    """Recognise each box of the upright image; bbox in points, reading order. Crops of
    faded ink (lighter than ``options.faded_ink_grey``) are contrast-stretched first;
    with ``options.reread_engine`` the lines in doubt are re-read by it (``cascade``)."""
    faded_ink_grey = options.faded_ink_grey
    height, width = image.shape[:2]
    crops, places = [], []
    for quad in quads:
        rect = quad_rect(quad, width, height)
        if rect is None:
            continue
        x0, y0, x1, y1 = rect
        pad = round(CROP_PAD * (y1 - y0))
        x0, x1 = max(0, x0 - pad), min(width, x1 + pad)
        crop = stretched_if_faded(image[y0:y1, x0:x1], faded_ink_grey)
        vertical = crop.shape[0] >= VERTICAL_CROP * crop.shape[1]
        crops.append(np.ascontiguousarray(np.rot90(crop)) if vertical else crop)
        places.append(
            Placement(
                bbox=tuple(round(v / px_per_pt, 2) for v in (x0, y0, x1, y1)), vertical=vertical
            )
        )
    read = engine.recognise(crops, places)
    if options.reread_engine and options.reread_engine != engine.name:
        accurate = load_engine(replace(options, engine=options.reread_engine))
        read, _ = reread_doubtful(accurate, crops, places, read, options.reread_below_conf)
    lines = [
        piece
        for line in read
        if line is not None and line.conf >= options.min_line_conf
        for piece in split_glued(line)
    ]
    return reading_order(lines)


def reading_order(lines: list[Line]) -> list[Line]:
    """Top to bottom; lines whose tops are within ROW_TOLERANCE_PT run left to right."""
    ordered = sorted(lines, key=lambda line: line.bbox[1])
    rows: list[list[Line]] = []
    for line in ordered:
        if rows and line.bbox[1] - rows[-1][0].bbox[1] < ROW_TOLERANCE_PT:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda item: item.bbox[0])]
