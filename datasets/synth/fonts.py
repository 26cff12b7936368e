"""CJK font faces the generator draws with, and their metrics.

Faces are listed in a fixed order and chosen by the document's seed; a face whose file is
absent on this machine falls back to PyMuPDF's built-in CJK font, so a seed gives the same
bytes wherever the same fonts are installed. TrueType collections (.ttc) are read at
face 0 (PyMuPDF's `Font` and `TextWriter` take the first face). Fonts are embedded and
subset by MuPDF at save time. WenQuanYi Micro Hei is left out of `FACES`: its cmap maps
seven common characters (年, 不, 了, ...) to the same glyphs as CJK compatibility
ideographs, and MuPDF's ToUnicode then extracts 年 as U+F98E, so the PDF's text layer
would disagree with the ground truth. Noto CJK (CFF outlines, which MuPDF does not subset,
20 MB each) is left out of `FACES` too. synth-2.0 adds both (`FACES_V2`), cut down with
fontTools to the generator's repertoire as TrueType fonts (`fonts_subset`), which cures
both problems.
"""

from __future__ import annotations

import functools
import os
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class FontFace:
    key: str
    builtin: str | None = None
    path: str | None = None
    serif: bool = False
    family: str = ""  # set: a face embedded as a fontTools subset; the face's full name


FACES: tuple[FontFace, ...] = (
    FontFace("china-s", builtin="china-s"),
    FontFace("china-ss", builtin="china-ss"),
    FontFace("wqy-zenhei", path="/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    FontFace("ar-uming", path="/usr/share/fonts/truetype/arphic/uming.ttc", serif=True),
    FontFace("ar-ukai", path="/usr/share/fonts/truetype/arphic/ukai.ttc", serif=True),
)
FALLBACK = FACES[0]
NOTO = "/usr/share/fonts/opentype/noto"
# synth-2.0 draws per-table faces from this list (1.9's draws use FACES, which must not change).
FACES_V2: tuple[FontFace, ...] = (
    *FACES,
    FontFace("noto-sans-sc", path=f"{NOTO}/NotoSansCJK-Regular.ttc", family="Noto Sans CJK SC"),
    FontFace(
        "noto-serif-sc",
        path=f"{NOTO}/NotoSerifCJK-Regular.ttc",
        serif=True,
        family="Noto Serif CJK SC",
    ),
    FontFace(
        "wqy-microhei",
        path="/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        family="WenQuanYi Micro Hei",
    ),
)


def available(face: FontFace) -> bool:
    return face.builtin is not None or (face.path is not None and os.path.exists(face.path))


def draw_face(rng: random.Random) -> FontFace:
    """A face drawn from the fixed list; the built-in font when the drawn file is absent."""
    face = rng.choice(FACES)
    return face if available(face) else FALLBACK


@functools.lru_cache(maxsize=16)
def font(key: str):
    """The PyMuPDF Font of a face (metrics and drawing use the same object)."""
    import pymupdf

    face = face_of(key)
    if face.builtin:
        return pymupdf.Font(face.builtin)
    if face.family:  # the face cut down to the repertoire (same advances and metrics)
        from .fonts_subset import base_font

        return pymupdf.Font(fontbuffer=base_font(face.path, face.family))
    return pymupdf.Font(fontfile=face.path)


def face_of(key: str) -> FontFace:
    """The face of a key; the built-in font when its file is absent here."""
    face = next((f for f in FACES_V2 if f.key == key), FALLBACK)
    return face if available(face) else FALLBACK


def document_fonts(chars_by_face: dict[str, set[str]]) -> dict[str, object]:
    """The fonts to draw one document with, by face key (MuPDF subsets them at save)."""
    return {key: font(key) for key in sorted(chars_by_face)}


@functools.lru_cache(maxsize=65536)
def _advance(key: str, char: str) -> float:
    """Advance width of one character at size 1 (cached: PyMuPDF's per-call cost is high)."""
    return font(key).text_length(char, fontsize=1.0)


def text_width(key: str, text: str, size: float) -> float:
    """Width of a run as TextWriter lays it out (sum of advances; it applies no kerning)."""
    return sum(_advance(key, ch) for ch in text) * size


def ascender_descender(key: str) -> tuple[float, float]:
    """Ascender and descender as fractions of the font size (descender negative)."""
    f = font(key)
    return f.ascender, f.descender
