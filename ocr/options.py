"""Options of the OCR stage.

A frozen dataclass: hashable (it keys the model cache) and picklable (it travels to
worker processes with each page).
"""

from __future__ import annotations

from dataclasses import dataclass

from .detsize import DetectionFit


@dataclass(frozen=True)
class OcrOptions:
    """How pages are read.

    dpi: resolution for pages that are not one scanned image (scans are read at their own
        resolution, see ``scan_dpi_range``) and for the text-layer page's picture.
    force_ocr: rasterise and OCR pages even when their text layer is usable (OCRmyPDF's
        ``--force-ocr``).
    detect_orientation / deskew: find and undo 90/180/270 turns and small skew before OCR.
    render_text_pages: also render text-layer pages to ``PageWork.image`` when the layout
        stage must find their rules on a raster; switch off for pure-text speed.
    rules_from_drawings: take a text-layer page's rules from its drawing commands
        (``drawn_rules``) when it carries no large image; such a page is then not rendered
        (rendering and finding rules again cost ~0.75 s a page) unless
        ``render_drawn_pages`` asks for its picture (``fiscalocr debug`` does).
    trust_invisible_text: use an invisible OCR layer (text render mode 3 over a scan, as
        written by other OCR tools) instead of OCRing the scan ourselves. Off by default:
        its quality is unknown and it carries no per-character alternatives for repair.
    det_limit_side_len / det_limit_type: PaddleOCR's detector input size rule. 1600 (not
        PaddleOCR's 960) because a dense 8 pt table at 200 dpi loses leading digits when
        shrunk to 960 px (166 vs 168 of 168 amounts exact); detection stays the cheap part.
    engine: which OCR engine reads scanned pages, a name of ``engine.ENGINES``: PaddleOCR's
        PP-OCRv4 (the reference), PP-OCRv6 small or tiny under ONNX Runtime. The default,
        tiny with small re-reading what it doubts, was measured faster than bare PP-OCRv4
        and no less accurate than the PP-OCRv4 pipeline (``benchmarks/engine_compare.py``,
        BENCHMARKS.md: 445 vs 433 of 463 amounts on 9 dense scanned table pages, 0.95x vs
        1.38x bare PP-OCRv4's time).
    reread_engine / reread_below_conf: the cascade (``cascade``): when set, lines ``engine``
        read below this confidence, or as a broken amount, are re-read by ``reread_engine``.
    release_memory: after each OCR page, hand the heap's freed pages back to the system
        (``memory.release_freed_memory``), so a long batch's RSS stays flat.
    det_fit: when set, the detector's input scale is fitted to the page's text size
        (``detsize``): a page whose text the fixed ``det_limit_side_len`` would feed far
        from ``det_fit.target_px`` tall (an A3 sheet, a 100 dpi scan) is detected again at
        the fitted scale, recorded as ``Page.det_scale``. Only with ``det_limit_type`` max.
        Off by default (None: the fixed side only): it read 500 vs 489 of 570 amounts on
        10 A3 and 100-120 dpi pages, but on the seed renders (other layouts, 80 of 348
        pages refitted) 1,605 vs 1,618 of 1,788 under our damage and 1,634 vs 1,667 under
        augraphy, with more wrong amounts unflagged (BENCHMARKS.md, session 9).
    min_line_conf: recognised lines below this confidence are dropped (seal noise).
    max_skew_deg: largest skew the deskew step looks for and corrects.
    faded_ink_grey: a text crop whose ink (2nd percentile of its darkest channel) is lighter
        than this grey is contrast-stretched to black on white before recognition (faded
        archive copies; see ``contrast``). 140: crops of clean 200 dpi print sit at ~115,
        a photocopy's toner at ~30-100, a faded page's at 140-195 (measured on scan-2.0
        pages of ``benchmarks/ocr_heavy.py``, which also measured the gain). 0 = off.
    """

    dpi: int = 200
    engine: str = "ppocrv6-tiny"
    force_ocr: bool = False
    detect_orientation: bool = True
    deskew: bool = True
    cpu_threads: int = 2
    rec_batch_num: int = 6
    render_text_pages: bool = True
    rules_from_drawings: bool = True
    render_drawn_pages: bool = False
    trust_invisible_text: bool = False
    enable_mkldnn: bool = True
    det_limit_side_len: int = 1600
    det_limit_type: str = "max"
    det_fit: DetectionFit | None = None
    min_line_conf: float = 0.5
    release_memory: bool = True
    reread_engine: str | None = "ppocrv6-small"
    reread_below_conf: float = 0.95
    max_skew_deg: float = 5.0
    scan_dpi_range: tuple[int, int] = (100, 600)
    min_text_chars: int = 10
    faded_ink_grey: int = 140

    def engine_key(self) -> tuple:
        """The options that change the loaded models (the engine cache key)."""
        return (
            self.cpu_threads,
            self.rec_batch_num,
            self.enable_mkldnn,
            self.det_limit_side_len,
            self.det_limit_type,
        )
