"""Faces embedded as per-document subsets cut with fontTools (synth-2.0's extra faces).

MuPDF embeds a CFF font (Noto Sans/Serif CJK) whole, 13-20 MB a document and seconds to
write, and for WenQuanYi Micro Hei its ToUnicode maps seven characters (年, 不, 了, ...) to
the CJK compatibility ideographs that share their glyphs. So these faces are cut down with
fontTools twice: once per machine to the generator's repertoire (every character of this
package's source, where all its text comes from, plus printable ASCII), cached on disk;
then per document to exactly the characters it draws. A subset's cmap holds only the
characters asked for, so the PDF's text layer gives back the characters drawn.

The bytes depend on the font files and on fontTools' version (pinned in pyproject.toml).
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
from pathlib import Path

CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "fiscalocr" / "synth-fonts"  # fmt: skip


@functools.lru_cache(maxsize=1)
def repertoire() -> frozenset[str]:
    """Every character the generator can draw: its source's characters and printable ASCII."""
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for source in sorted(Path(__file__).parent.glob("*.py")):
        chars |= {ch for ch in source.read_text(encoding="utf-8") if ord(ch) > 0x7F}
    return frozenset(ch for ch in chars if not ch.isspace() or ch == " ")


def _subset(font_bytes: bytes, number: int, chars: frozenset[str]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = []  # no GSUB/GPOS: TextWriter draws glyph by glyph
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["FFTM", "DSIG"]
    # recalcTimestamp=False: the font's own dates, not the clock's, so the bytes repeat
    font = TTFont(io.BytesIO(font_bytes), fontNumber=number, lazy=False, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(ch) for ch in chars))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def face_number(path: str, family: str) -> int:
    """The index of a face in a collection by its full name (a .ttf is face 0)."""
    from fontTools.ttLib import TTCollection

    if not path.endswith(".ttc"):
        return 0
    names = [f["name"].getDebugName(4) for f in TTCollection(path, lazy=True).fonts]
    return next(i for i, name in enumerate(names) if name.startswith(family))


@functools.lru_cache(maxsize=8)
def base_font(path: str, family: str) -> bytes:
    """The face cut down to the repertoire; cached on disk by font file and repertoire."""
    chars = repertoire()
    data = Path(path).read_bytes()
    recipe = f"{family}|fixed-timestamp|{''.join(sorted(chars))}".encode()
    key = hashlib.sha256(data + recipe).hexdigest()
    cached = CACHE_DIR / f"{Path(path).stem}-{key[:16]}.otf"
    if cached.is_file():
        return cached.read_bytes()
    made = _subset(data, face_number(path, family), chars)
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(made)
        tmp.replace(cached)  # atomic: parallel workers never read half a file
    except OSError:
        pass  # a read-only home: made again next process
    return made


def document_font(path: str, family: str, chars: frozenset[str]) -> bytes:
    """The face cut down to the characters one document draws with it."""
    return _subset(base_font(path, family), 0, chars)
