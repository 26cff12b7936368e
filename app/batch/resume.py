"""Whether a document's existing output can be trusted, so a rerun skips it.

An output is trusted when its JSON exists, parses, carries a ``status``, was made from
exactly these bytes (``source.sha256`` equals the input's sha256) and with the same
output-shaping options (``options_key``: pages, dpi, stages). Anything else (no file, a
file from an older version of the input or from a ``--pages 1-3`` trial run, a truncated
file from a crash before atomic writes existed) means the document is converted again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

_CHUNK = 1 << 20


def file_sha256(path: str | Path) -> str:
    """sha256 of the file's bytes, read in 1 MiB chunks (archives hold large scans)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def trusted_output(
    json_path: Path, input_sha256: str, options_key: str | None = None
) -> dict | None:
    """The parsed JSON when it is complete and made from this input with these options;
    None otherwise."""
    try:
        data = json.loads(json_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or "status" not in data:
        return None
    source = data.get("source")
    if not isinstance(source, dict) or source.get("sha256") != input_sha256:
        return None
    if options_key is not None and data.get("options_key") != options_key:
        return None
    return data
