"""Parsing of the command line's small languages: page ranges and output formats."""

from __future__ import annotations

import re

from fiscalocr.app.export import FORMATS

_RANGE = re.compile(r"^(\d+)(?:-(\d+))?$")


def parse_pages(spec: str) -> tuple[int, ...]:
    """``"1-3,5"`` -> ``(1, 2, 3, 5)`` (1-based, sorted, unique); ValueError when malformed."""
    pages: set[int] = set()
    for part in spec.replace(" ", "").split(","):
        match = _RANGE.match(part)
        if not match:
            raise ValueError(f"bad page range {part!r} (expected e.g. 1-3,5)")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first:
            raise ValueError(f"bad page range {part!r} (pages are 1-based, first <= last)")
        pages.update(range(first, last + 1))
    return tuple(sorted(pages))


def parse_formats(spec: str) -> tuple[str, ...]:
    """``"json,xlsx"`` -> ``("json", "xlsx")``; JSON is always written (it marks completion)."""
    formats = [f.strip().lower() for f in spec.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {unknown[0]!r} (choose from {', '.join(FORMATS)})")
    return tuple(f for f in FORMATS if f in formats or f == "json")
