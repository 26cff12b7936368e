"""Engine-independent pieces of CTC recognition: batching crops by aspect and reducing a
crop's softmax matrix to a ``RawRecognition``.

Every PP-OCR recogniser (v4 under Paddle, v6 under ONNX Runtime) takes crops resized to a
fixed height, padded to the widest crop of their batch, and emits one softmax row per
time step; only the model call differs. Sorting crops by aspect before batching keeps the
padding small (PaddleOCR's own rule).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

import cv2
import numpy as np

from .ctc import RawRecognition

TOP_K = 5  # classes kept per CTC frame: enough for 3 alternatives after NFKC merging
MIN_KEPT_PROB = 1e-4  # classes below this in a frame are noise, not alternatives


def aspect_batches(crops: list[np.ndarray], batch_size: int) -> Iterator[list[int]]:
    """Indices of ``crops`` in batches of similar width/height (narrowest first)."""
    ratios = np.array([c.shape[1] / max(c.shape[0], 1) for c in crops])
    order = [int(i) for i in np.argsort(ratios)]
    for start in range(0, len(order), batch_size):
        yield order[start : start + batch_size]


def resize_norm(crop: np.ndarray, height: int, padded_w: int) -> np.ndarray:
    """A BGR crop as the recogniser's CHW float input: height ``height``, width kept in
    proportion up to ``padded_w``, values scaled to [-1, 1], zero-padded on the right."""
    ratio = crop.shape[1] / max(crop.shape[0], 1)
    resized_w = min(padded_w, math.ceil(height * ratio))
    resized = cv2.resize(crop, (max(resized_w, 1), height)).astype(np.float32)
    out = np.zeros((3, height, padded_w), dtype=np.float32)
    out[:, :, : resized.shape[1]] = (resized.transpose(2, 0, 1) / 255.0 - 0.5) / 0.5
    return out


def raw_from_probs(
    probs: np.ndarray, characters: list[str], crop: np.ndarray, padded_w: int, img_h: int
) -> RawRecognition:
    """One crop's (time steps, classes) softmax as its top classes per frame, with the
    crop pixels each frame covers (the input stride rescaled to the crop's own width)."""
    n_frames = probs.shape[0]
    ratio = crop.shape[1] / max(crop.shape[0], 1)
    resized_w = min(padded_w, math.ceil(img_h * ratio))
    crop_h, crop_w = crop.shape[:2]
    px_per_frame = (padded_w / n_frames) * (crop_w / max(resized_w, 1))
    top = np.argpartition(-probs, TOP_K, axis=1)[:, :TOP_K]
    frames = []
    for t in range(n_frames):
        idx = sorted(top[t], key=lambda k: -probs[t, k])
        frames.append(
            [
                (characters[k], round(float(probs[t, k]), 5))
                for k in idx
                if probs[t, k] >= MIN_KEPT_PROB
            ]
        )
    return RawRecognition(frames=frames, px_per_frame=px_per_frame, crop_size=(crop_w, crop_h))


def recognise_in_batches(
    crops: list[np.ndarray],
    batch_size: int,
    img_h: int,
    min_w: int,
    run: Callable[[list[np.ndarray], float], np.ndarray],
    characters: list[str],
) -> list[RawRecognition]:
    """``RawRecognition`` per crop (order kept); ``run(batch_crops, max_ratio)`` is the
    engine's model call on crops padded to ``int(img_h * max_ratio)`` px, returning
    (batch, time steps, classes) softmax."""
    results: list[RawRecognition | None] = [None] * len(crops)
    for batch in aspect_batches(crops, batch_size):
        max_ratio = max(
            [min_w / img_h] + [crops[i].shape[1] / max(crops[i].shape[0], 1) for i in batch]
        )
        padded_w = int(img_h * max_ratio)
        preds = run([crops[i] for i in batch], max_ratio)
        for row, i in enumerate(batch):
            results[i] = raw_from_probs(preds[row], characters, crops[i], padded_w, img_h)
    return results  # type: ignore[return-value]
