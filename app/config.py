"""``--config FILE.toml``: the options tree from a file (read with the stdlib ``tomllib``).

Top-level keys are :class:`~fiscalocr.app.options.ConvertOptions` fields (``pages``,
``dpi``, ``do_classify``, ...); the tables ``[ocr]``, ``[layout]`` and ``[reconcile]``
hold the stages' options, field for field::

    dpi = 300
    pages = "1-3,5"

    [ocr]
    min_line_conf = 0.6

    [reconcile]
    break_cost = 9.0

Unknown keys and bad values are refused by :func:`~fiscalocr.app.options.build_options`
in our own words, naming the key.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from fiscalocr.model import UsageError


class ConfigFileError(UsageError):
    code = "bad_config"


def load_config(path: str | Path) -> dict[str, Any]:
    """The file's options as a dict for ``build_options``; ConfigFileError when the file
    is missing or is not TOML."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigFileError(f"cannot read: {error.strerror}", path=str(path)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigFileError(f"not valid TOML: {error}", path=str(path)) from None
    pages = data.get("pages")
    if isinstance(pages, str):
        from .batch.spec import parse_pages

        try:
            data["pages"] = parse_pages(pages)
        except ValueError as error:
            raise ConfigFileError(f"pages: {error}", path=str(path)) from None
    return data
