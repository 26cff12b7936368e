"""Small helpers for the messages users read."""

from __future__ import annotations


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``1 page``, ``2 pages``: messages never say "1 pages"."""
    return f"{count} {noun}" if count == 1 else f"{count} {plural_form or noun + 's'}"
