"""The two seed disclosures rendered by a browser: an out-of-family benchmark.

Parse a seed transcription (:mod:`.parse`), lay it out as HTML in a style unlike the
synthetic generator's (:mod:`.styles`, :mod:`.html`), print it with headless Chromium
(:mod:`.chromium`), take its truth from the text layer and check it against the parse
(:mod:`.render`, :mod:`.check`), scan it into a test-only corpus (:mod:`.corpus`).
"""

from .check import TruthCheck, check_truth
from .parse import parse_seed
from .structure import PlacedCell, SeedDocument, SeedTable, TextBlock
from .styles import STYLE_NAMES, STYLES, RenderStyle

__all__ = [
    "STYLES",
    "STYLE_NAMES",
    "PlacedCell",
    "RenderStyle",
    "SeedDocument",
    "SeedTable",
    "TextBlock",
    "TruthCheck",
    "check_truth",
    "parse_seed",
]
