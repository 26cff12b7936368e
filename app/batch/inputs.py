"""Which files a batch converts, and where each one's outputs go.

Inputs are files, folders (searched recursively for PDFs and image scans), glob
patterns and list files (one path per line, ``#`` comments; relative paths are taken
from the current directory, as ``tar -T`` does). The same file reached twice (by two
patterns, a symlink) is converted once.

Output names are deterministic for a given set of inputs, so a rerun finds the outputs
of the first run: a file found in a folder mirrors its path relative to that folder
(``archive/2019/a.pdf`` -> ``OUTDIR/2019/a``); a file named directly goes to
``OUTDIR/<stem>``. Two inputs that would share a name keep their suffix
(``a.pdf``/``a.tif`` -> ``a.pdf``, ``a.tif``); if that still clashes, a short hash of the
input's absolute path is appended.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

SCAN_SUFFIXES = frozenset({".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg"})
_GLOB_CHARS = frozenset("*?[")
NO_SCANS = "no_scans"


@dataclass(frozen=True)
class InputFile:
    """One file to convert and the output name it was given (relative, no suffix)."""

    path: str
    output_key: str


@dataclass(frozen=True)
class InputProblem:
    """An input argument that names nothing convertible (reported, never fatal)."""

    argument: str
    code: str
    message: str


@dataclass
class InputSet:
    files: list[InputFile]
    problems: list[InputProblem]


def read_list_file(list_file: str | Path) -> list[str]:
    """Paths from a list file: one per line, blank lines and ``#`` comments ignored."""
    lines = Path(list_file).read_text(encoding="utf-8").splitlines()
    return [s.strip() for s in lines if s.strip() and not s.strip().startswith("#")]


def collect_inputs(arguments: list[str]) -> InputSet:
    """Expand files, folders and globs into a deduplicated, ordered, named list."""
    found: list[tuple[Path, str]] = []  # (file, preferred output key)
    problems: list[InputProblem] = []
    for argument in arguments:
        expanded = _expand(argument)
        if isinstance(expanded, InputProblem):
            problems.append(expanded)
        else:
            found.extend(expanded)
    return InputSet(files=_name_outputs(_dedupe(found)), problems=problems)


def _expand(argument: str) -> list[tuple[Path, str]] | InputProblem:
    path = Path(argument)
    if path.is_dir():
        scans = _scans_under(path)
        if not scans:  # a row in the summary: a folder given and nothing converted from it
            return InputProblem(argument, NO_SCANS, "the folder holds no PDF or image scan")
        return [(f, _mirrored_key(f, path)) for f in scans]
    if path.exists() or path.is_symlink():
        return [(path, path.stem)]
    if _GLOB_CHARS & set(argument):
        matches = sorted(glob.glob(argument, recursive=True))
        files = [Path(m) for m in matches if Path(m).is_file()]
        if files:
            return [(f, f.stem) for f in files]
        return InputProblem(argument, "no_match", "no file matches this pattern")
    return InputProblem(argument, "file_missing", "no such file or folder")


def _scans_under(folder: Path) -> list[Path]:
    """PDFs and image scans below ``folder``, in a stable order; hidden files skipped."""
    found = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root, name)
            for name in sorted(files)
            if not name.startswith(".") and Path(name).suffix.lower() in SCAN_SUFFIXES
        )
    return found


def _mirrored_key(file: Path, folder: Path) -> str:
    relative = PurePosixPath(file.relative_to(folder).as_posix())
    return str(relative.with_suffix(""))


def _dedupe(found: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """Keep the first occurrence of each real file."""
    seen: set[str] = set()
    unique = []
    for path, key in found:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            unique.append((path, key))
    return unique


def _name_outputs(found: list[tuple[Path, str]]) -> list[InputFile]:
    """Resolve output-name clashes deterministically (suffix kept, then a path hash)."""
    keys = [key for _, key in found]
    keys = _resolve(keys, [key + path.suffix.lower() for path, key in found])
    keys = _resolve(keys, [f"{k}.{_path_hash(p)}" for (p, _), k in zip(found, keys, strict=True)])
    return [InputFile(str(p), k) for (p, _), k in zip(found, keys, strict=True)]


def _resolve(keys: list[str], alternatives: list[str]) -> list[str]:
    """Replace every key that appears more than once (case-insensitively) by its alternative."""
    count: dict[str, int] = defaultdict(int)
    for key in keys:
        count[key.lower()] += 1
    return [
        alt if count[key.lower()] > 1 else key for key, alt in zip(keys, alternatives, strict=True)
    ]


def _path_hash(path: Path) -> str:
    return hashlib.sha1(os.path.abspath(path).encode("utf-8")).hexdigest()[:8]
