"""Bring-your-own labels: PPOCRLabel's ``Label.txt`` and line-level text metrics.

PPOCRLabel (the labelling tool PaddleOCR users already have) writes one line per image:
``<image path>\\t<JSON list of {"transcription", "points": [[x, y] × 4], "difficult"}>``.
Points are image pixels; a quadrilateral becomes its axis-aligned bounding box. Boxes
marked ``difficult`` or transcribed ``###`` (PaddleOCR's "do not care") are left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from fiscalocr.model import InputFileError, Line

from .lines import match_lines
from .text import ErrorCount, edit_distance, lines_errors, normalise_text

DO_NOT_CARE = "###"


def _line(entry: dict) -> Line | None:
    text = str(entry.get("transcription", ""))
    if entry.get("difficult") or text == DO_NOT_CARE:
        return None
    xs = [float(p[0]) for p in entry["points"]]
    ys = [float(p[1]) for p in entry["points"]]
    return Line(text=text, bbox=(min(xs), min(ys), max(xs), max(ys)), conf=1.0)


def load_ppocrlabel(label_txt: Path) -> dict[str, list[Line]]:
    """Image path (as written in the file) → its labelled lines."""
    labels: dict[str, list[Line]] = {}
    for number, raw in enumerate(Path(label_txt).read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        image, sep, payload = raw.partition("\t")
        try:
            entries = json.loads(payload) if sep else None
            lines = [ln for ln in map(_line, entries) if ln is not None]
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            raise InputFileError(f"{label_txt}:{number}: not a PPOCRLabel line ({exc})") from exc
        labels.setdefault(image, []).extend(lines)
    return labels


def lines_to_points(lines: list[Line], dpi: float) -> list[Line]:
    """Labelled lines from pixels of a page image rendered at ``dpi`` into PDF points.

    The pipeline reports boxes in PDF points; labels drawn on an image of the page at
    ``dpi`` compare with them after scaling by 72 / dpi.
    """
    scale = 72.0 / dpi
    return [ln.model_copy(update={"bbox": tuple(v * scale for v in ln.bbox)}) for ln in lines]


@dataclass
class LineMetrics:
    """Text and detection figures of one image (or a sum of them, see ``__add__``)."""

    text: ErrorCount
    matched_text: ErrorCount
    matched: int
    n_predicted: int
    n_truth: int

    def __add__(self, other: LineMetrics) -> LineMetrics:
        return LineMetrics(
            self.text + other.text,
            self.matched_text + other.matched_text,
            self.matched + other.matched,
            self.n_predicted + other.n_predicted,
            self.n_truth + other.n_truth,
        )

    @property
    def cer(self) -> float | None:
        """CER of the whole image's text in reading order."""
        return self.text.rate

    @property
    def matched_cer(self) -> float | None:
        """CER over the detected lines only: recognition, apart from detection."""
        return self.matched_text.rate

    @property
    def precision(self) -> float | None:
        return self.matched / self.n_predicted if self.n_predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.n_truth if self.n_truth else None


def line_metrics(pred_lines: list[Line], truth_lines: list[Line]) -> LineMetrics:
    """CER, and detection precision/recall by one-to-one box matching at IoU ≥ 0.5.

    Both sides must be in the same frame (pixels of the labelled image).
    """
    matched_text = ErrorCount()
    pairs = match_lines(pred_lines, truth_lines)
    for pi, ti in pairs:
        p, t = normalise_text(pred_lines[pi].text), normalise_text(truth_lines[ti].text)
        matched_text = matched_text + ErrorCount(edit_distance(p, t), len(t))
    return LineMetrics(
        text=lines_errors(pred_lines, truth_lines),
        matched_text=matched_text,
        matched=len(pairs),
        n_predicted=len(pred_lines),
        n_truth=len(truth_lines),
    )
