"""The built wheel ships every module of every package folder and the data read at run time.

The wheel is what `pip install .` installs; a module or model left out of it only shows
up on a user's machine (``ModuleNotFoundError: fiscalocr.app.batch``). The expected file
list is derived from the repository itself, not from setup.py's list of roots, so a new
top-level package folder that setup.py does not know fails here too.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOT_SHIPPED = {"tests", "benchmarks", "build", "docs", "schema"}
# Data the code reads at run time, beside the modules (package data).
RUNTIME_DATA = [
    "models/section.skops",
    "models/table_type.skops",
    "models/section_sequence.json",
    "models/classifiers_card.json",
    "datasets/manifests/bench-v1.json",
    "datasets/manifests/bench-v2.json",
    "datasets/samples/budget-summary-light.pdf",
    "datasets/samples/budget-summary-light.gt.json",
]


def package_folders() -> list[Path]:
    """Top-level folders holding a package of ours (an ``__init__.py``)."""
    return sorted(
        d
        for d in REPO.iterdir()
        if d.is_dir() and (d / "__init__.py").is_file() and d.name not in NOT_SHIPPED
    )


def wheel_name(repo_path: str) -> str:
    """Where a repository file lands in the wheel: ``fiscalocr/`` maps to itself, every
    other root ``X/`` to ``fiscalocr/X/``."""
    return repo_path if repo_path.startswith("fiscalocr/") else f"fiscalocr/{repo_path}"


def clean_copy(dest: Path) -> Path:
    """The repository's files (tracked, and new ones not ignored) copied to ``dest``: the
    wheel is built as from a fresh clone, never from a stale ``build/`` folder."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = clean_copy(tmp_path_factory.mktemp("src"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("fiscalocr-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel_files(wheel) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_the_licence_is_an_spdx_expression(wheel):
    """PEP 639: ``license = "Apache-2.0"`` (the TOML-table form is deprecated in setuptools
    and gives the free-text ``License:`` field instead)."""
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = archive.read(name).decode("utf-8").splitlines()
    assert "License-Expression: Apache-2.0" in metadata
    assert not [line for line in metadata if line.startswith("License:")]


def test_every_module_of_every_package_folder_is_in_the_wheel(wheel_files):
    folders = package_folders()
    assert {f.name for f in folders} >= {"fiscalocr", "model", "ocr", "app", "models"}
    expected = {
        wheel_name(str(p.relative_to(REPO)))
        for folder in folders
        for p in folder.rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert len(expected) > 150
    missing = sorted(expected - wheel_files)
    assert not missing, f"{len(missing)} module(s) missing from the wheel: {missing[:10]}"
    assert "fiscalocr/app/batch/runner.py" in wheel_files
    assert "fiscalocr/datasets/synth/render.py" in wheel_files
    # the test support ships (the benchmarks use it against an installed wheel too)
    assert "fiscalocr/testing/specimen.py" in wheel_files


def test_models_and_runtime_data_are_in_the_wheel(wheel_files):
    missing = [name for name in RUNTIME_DATA if wheel_name(name) not in wheel_files]
    assert not missing
    model_files = {p.name for p in (REPO / "models").iterdir() if p.suffix in {".skops", ".json"}}
    shipped = {Path(n).name for n in wheel_files if n.startswith("fiscalocr/models/")}
    assert model_files <= shipped


def test_no_test_or_benchmark_code_is_in_the_wheel(wheel_files):
    assert not [
        n for n in wheel_files if n.startswith(("tests/", "benchmarks/", "fiscalocr/tests"))
    ]
