"""synth-2.0's extra faces, cut down with fontTools to the generator's repertoire.

MuPDF embeds a CFF font (Noto Sans/Serif CJK) whole, 13-20 MB a document and seconds to
write, and for WenQuanYi Micro Hei its ToUnicode maps seven characters (年, 不, 了, ...) to
the CJK compatibility ideographs that share their glyphs. So these faces are cut down once
per machine (cached on disk) to the generator's repertoire: every character of this
package's source, where all its text comes from, plus printable ASCII. The cut face's cmap
holds only those characters, so the text layer reads back what was drawn; a CFF face is
turned into TrueType outlines (cu2qu), because MuPDF draws a CID-keyed CFF font by CID and
a cut font's CIDs are no longer its glyph ids (it would render other glyphs). MuPDF then
subsets the face per document at save time like any other TrueType face.

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
    compatibility = range(0xF900, 0xFB00)  # the ideographs Micro Hei's cmap confuses
    return frozenset(
        ch for ch in chars if (not ch.isspace() or ch == " ") and ord(ch) not in compatibility
    )


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
    if "CFF " in font:
        _to_truetype(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


CU2QU_MAX_ERR = 1.0  # font units (of 1000 an em): cubic to quadratic curve tolerance


def _to_truetype(font) -> None:
    """CFF outlines to TrueType ones, in place (fontTools' otf2ttf recipe)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, CU2QU_MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():
        hmtx[name] = (hmtx[name][0], getattr(glyph, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    post = font["post"]
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    font.sfntVersion = "\000\001\000\000"


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
    recipe = f"{family}|fixed-timestamp|truetype|{''.join(sorted(chars))}".encode()
    key = hashlib.sha256(data + recipe).hexdigest()
    cached = CACHE_DIR / f"{Path(path).stem}-{key[:16]}.ttf"
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
