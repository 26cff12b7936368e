"""The floors hold: the model imports nothing of ours, each stage and wing imports only
``fiscalocr.model`` and itself, only ``app`` knows them all, and ``testing`` (test support)
sits beside ``app`` where no converting code reaches it (README, "Layout of the code"). Read from the source with ``ast`` (every import, lazy ones inside functions too),
so nothing is imported to check it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MIDDLE = ("ocr", "layout", "classify", "reconcile", "datasets", "eval")
ALLOWED = {
    "model": {"model"},
    "models": set(),
    **{stage: {"model", stage} for stage in MIDDLE},
    # Test support (specimens, hand-built tables): a floor above the stages, below nothing
    # that converts; it may use the model and any stage, never the app.
    "testing": {"model", "testing", *MIDDLE},
}


def imported_packages(source: Path, package: str) -> set[str]:
    """The ``fiscalocr.<X>`` packages a module imports (relative imports resolved)."""
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: stays inside its own package unless it climbs out
                depth = len(source.relative_to(REPO / package).parts) - 1
                if node.level > depth + 1:
                    found.add("<above its package>")
                continue
            names = [node.module or ""]
            if node.module == "fiscalocr":
                names = [f"fiscalocr.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "fiscalocr" and len(parts) > 1:
                found.add(parts[1])
            elif parts[0] == "fiscalocr":
                found.add("fiscalocr")
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_its_floor(package):
    wrong = {}
    for source in sorted((REPO / package).rglob("*.py")):
        extra = imported_packages(source, package) - ALLOWED[package] - {"__version__"}
        if extra:
            wrong[str(source.relative_to(REPO))] = sorted(extra)
    assert not wrong, f"{package} reaches across the floors: {wrong}"


def test_the_checker_sees_a_violation(tmp_path, monkeypatch):
    """A stage importing another stage, even lazily inside a function, is caught."""
    module = REPO / "layout" / "__probe_not_committed__.py"
    source = (
        "def f():\n    from fiscalocr.ocr import read_page\n    from fiscalocr import classify\n"
    )
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source)
    assert imported_packages(module, "layout") == {"ocr", "classify"}


@pytest.mark.parametrize("package", ["model", *MIDDLE, "app"])
def test_no_converting_code_imports_the_test_support(package):
    """Specimens and hand-built tables are for tests and benchmarks: a conversion that
    imported them would ship test truth into results."""
    reaching = [
        str(source.relative_to(REPO))
        for source in sorted((REPO / package).rglob("*.py"))
        if "testing" in imported_packages(source, package)
    ]
    assert not reaching
