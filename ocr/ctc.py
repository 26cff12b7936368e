"""Pure conversion of the recogniser's raw CTC output into the project's ``Line``.

No Paddle here: the engine reduces each crop's softmax matrix to a small, JSON-able
``RawRecognition`` (per CTC frame the top classes and their probabilities), and everything
after that is plain Python, tested on a recorded output.

Why merge by NFKC: the PP-OCRv4 dictionary holds both ``1`` and ``１``, ``,`` and ``，``,
``.`` and ``．``; the model splits a digit's probability between its half- and full-width
forms. Summing probabilities of classes that NFKC-normalise to the same text gives the
true confidence of the digit and correct alternatives for the repair step.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from fiscalocr.model import BBox, CharAlternative, Line

BLANK = ""  # the CTC blank class, as stored in RawRecognition frames
MIN_ALTERNATIVE_PROB = 0.01
MAX_ALTERNATIVES = 3
SPACE_PITCH = 1.5  # a space survives only where its neighbours sit this many pitches apart


@dataclass(frozen=True)
class RawRecognition:
    """One crop's recogniser output, reduced to what the conversion needs.

    frames: per CTC time step, ``[(char, prob), ...]`` best first (top-k of the softmax;
        the blank is ``""``).
    px_per_frame: crop pixels covered by one time step (input stride rescaled to the crop).
    crop_size: (width, height) of the crop in pixels, as cut from the page.
    """

    frames: list[list[tuple[str, float]]]
    px_per_frame: float
    crop_size: tuple[int, int]

    def to_json(self) -> dict:
        return {
            "frames": [[list(c) for c in f] for f in self.frames],
            "px_per_frame": self.px_per_frame,
            "crop_size": list(self.crop_size),
        }

    @classmethod
    def from_json(cls, data: dict) -> RawRecognition:
        frames = [[(str(c), float(p)) for c, p in frame] for frame in data["frames"]]
        return cls(
            frames=frames,
            px_per_frame=float(data["px_per_frame"]),
            crop_size=tuple(data["crop_size"]),
        )


@dataclass(frozen=True)
class Placement:
    """Where a crop sits in the target frame (page points, or the crop's own pixels).

    ``vertical`` marks a crop that was turned 90 degrees counter-clockwise before
    recognition (PaddleOCR's rule for tall boxes): its reading direction runs down the page.
    """

    bbox: BBox
    vertical: bool = False


@dataclass(frozen=True)
class DecodedSymbol:
    text: str  # NFKC form; may be several characters (e.g. '½' -> '1⁄2')
    prob: float
    first_frame: int
    last_frame: int
    alternatives: tuple[tuple[str, float], ...]


def merge_frame(frame: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """One frame's classes merged by NFKC form (probabilities summed), best first."""
    merged: dict[str, float] = {}
    for char, prob in frame:
        key = unicodedata.normalize("NFKC", char) if char != BLANK else BLANK
        merged[key] = merged.get(key, 0.0) + prob
    return sorted(merged.items(), key=lambda item: -item[1])


def decode(frames: list[list[tuple[str, float]]]) -> list[DecodedSymbol]:
    """Greedy CTC decoding (collapse repeats, drop blanks) with per-symbol alternatives.

    A symbol's alternatives are the non-blank classes seen over the run of frames it was
    emitted from, each with its highest probability in that run.
    """
    merged = [merge_frame(frame) for frame in frames]
    symbols: list[DecodedSymbol] = []
    t = 0
    while t < len(merged):
        best = merged[t][0][0] if merged[t] else BLANK
        end = t
        while end + 1 < len(merged) and merged[end + 1] and merged[end + 1][0][0] == best:
            end += 1
        if best != BLANK:
            symbols.append(_symbol(best, merged[t : end + 1], t, end))
        t = end + 1
    return symbols


def centre(symbol: DecodedSymbol) -> float:
    return (symbol.first_frame + symbol.last_frame) / 2


def inside_number(before: str, after: str) -> bool:
    """A space between a separator and a digit ("4,213, 779. 28") sits inside one number."""
    number_chars = "0123456789,."
    return before in number_chars and after in number_chars and (before in ",." or after in ",.")


def drop_spurious_spaces(symbols: list[DecodedSymbol]) -> list[DecodedSymbol]:
    """Remove spaces whose neighbours are no further apart than ordinary characters.

    The recogniser inserts spaces in letter-spaced titles and monospaced (full-width)
    digits ("20 24"); a real gap, e.g. between two amounts in one box, is wider than the
    line's median character pitch by ``SPACE_PITCH``. Wide separators make the pitch rule
    miss spaces inside amounts ("4,213, 779. 28"), so those go by ``inside_number``.
    """
    solid = [s for s in symbols if not s.text.isspace()]
    pitches = [centre(b) - centre(a) for a, b in zip(solid, solid[1:], strict=False)]
    if not pitches:
        return solid
    pitch = sorted(pitches)[len(pitches) // 2]
    kept: list[DecodedSymbol] = []
    for i, symbol in enumerate(symbols):
        if symbol.text.isspace():
            before = next((s for s in reversed(symbols[:i]) if not s.text.isspace()), None)
            after = next((s for s in symbols[i + 1 :] if not s.text.isspace()), None)
            if (
                before is None
                or after is None
                or centre(after) - centre(before) < SPACE_PITCH * pitch
                or inside_number(before.text, after.text)
            ):
                continue
            if kept and kept[-1].text.isspace():
                continue
        kept.append(symbol)
    return kept


def _symbol(best: str, run: list[list[tuple[str, float]]], first: int, last: int) -> DecodedSymbol:
    peak: dict[str, float] = {}
    for frame in run:
        for char, prob in frame:
            if char != BLANK and prob > peak.get(char, 0.0):
                peak[char] = prob
    ranked = sorted(peak.items(), key=lambda item: (item[0] != best, -item[1]))
    alternatives = tuple((c, p) for c, p in ranked if p >= MIN_ALTERNATIVE_PROB)[:MAX_ALTERNATIVES]
    return DecodedSymbol(best, peak[best], first, last, alternatives)


def symbol_spans(
    symbols: list[DecodedSymbol], px_per_frame: float, crop_width: float
) -> list[tuple[float, float]]:
    """Each symbol's horizontal extent in crop pixels.

    CTC fires on a narrow peak near a glyph's centre, so centres come from the frames and
    boundaries are the midpoints between neighbouring centres; the outer edges mirror the
    nearest gap (or span the crop for a one-symbol line).
    """
    centres = [((s.first_frame + s.last_frame) / 2 + 0.5) * px_per_frame for s in symbols]
    if not centres:
        return []
    if len(centres) == 1:
        return [(0.0, float(crop_width))]
    cuts = [(a + b) / 2 for a, b in zip(centres, centres[1:], strict=False)]
    left = max(0.0, centres[0] - (cuts[0] - centres[0]))
    right = min(float(crop_width), centres[-1] + (centres[-1] - cuts[-1]))
    edges = [left, *cuts, right]
    return list(zip(edges, edges[1:], strict=False))


def to_line(raw: RawRecognition, place: Placement) -> Line | None:
    """The ``Line`` for one crop placed at ``place``; None when nothing was read."""
    symbols = drop_spurious_spaces(decode(raw.frames))
    spans = symbol_spans(symbols, raw.px_per_frame, raw.crop_size[0])
    chars: list[tuple[str, tuple[float, float], list[CharAlternative]]] = []
    for symbol, (a, b) in zip(symbols, spans, strict=True):
        chars.extend(_expand(symbol, a, b))
    while chars and chars[0][0].isspace():
        chars.pop(0)
    while chars and chars[-1][0].isspace():
        chars.pop()
    if not chars:
        return None
    crop_len = raw.crop_size[0]
    boxes = [_place_span(a, b, crop_len, place) for _, (a, b), _ in chars]
    kept = [s for s in symbols if not s.text.isspace()]
    conf = sum(s.prob for s in kept) / len(kept) if kept else 0.0
    return Line(
        text="".join(c for c, _, _ in chars),
        bbox=place.bbox,
        conf=round(min(conf, 1.0), 4),
        char_boxes=boxes,
        char_alternatives=[alts for _, _, alts in chars],
    )


def _expand(
    symbol: DecodedSymbol, a: float, b: float
) -> list[tuple[str, tuple[float, float], list[CharAlternative]]]:
    """One entry per output character; a multi-character NFKC form shares its span."""
    n = len(symbol.text)
    step = (b - a) / n
    out = []
    for i, char in enumerate(symbol.text):
        if n == 1:
            alts = [
                CharAlternative(char=c, prob=round(min(p, 1.0), 4))
                for c, p in symbol.alternatives
                if len(c) == 1
            ]
        else:
            alts = [CharAlternative(char=char, prob=round(min(symbol.prob, 1.0), 4))]
        out.append((char, (a + i * step, a + (i + 1) * step), alts))
    return out


def _place_span(a: float, b: float, crop_len: float, place: Placement) -> BBox:
    """A span along the crop's reading direction mapped into the placement's frame."""
    x0, y0, x1, y1 = place.bbox
    if place.vertical:  # reading runs top to bottom
        scale = (y1 - y0) / crop_len if crop_len else 0.0
        return (x0, y0 + a * scale, x1, y0 + b * scale)
    scale = (x1 - x0) / crop_len if crop_len else 0.0
    return (x0 + a * scale, y0, x0 + b * scale, y1)
