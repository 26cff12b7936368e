"""Package layout: the repository's top-level stage folders, installed as ``fiscalocr.<stage>``.

Why a setup.py at all: pyproject's ``[tool.setuptools.packages.find]`` names what it finds by
the folder it found it in (``app.batch``), and ``package-dir`` cannot rename a found tree,
so it cannot turn ``app/batch/`` into ``fiscalocr.app.batch``. Moving the folders under
``src/fiscalocr/`` would (a ``src/`` layout), but every open branch edits files in them. So
this file maps each root once (``fiscalocr.<stage>`` -> ``<stage>/``) and lets setuptools'
own ``find_packages`` discover every package below each root: a new sub-package is
shipped without anyone remembering to list it (``tests/test_wheel.py`` checks that every
``.py`` file of these folders is in the built wheel). Everything else (metadata,
dependencies, the package data) stays in ``pyproject.toml``.
"""

from setuptools import find_packages, setup

# The top-level folders that are packages of ours, each installed as ``fiscalocr.<name>``.
# ``models`` holds no code: it is a package only so the trained artefacts ship as its
# package data and load through ``importlib.resources.files("fiscalocr.models")``.
# ``testing`` is test support (specimen tables with known truth) that the benchmarks use
# too; it ships so they can run against an installed wheel (its docstring says more).
ROOTS = (
    "model",
    "ocr",
    "layout",
    "classify",
    "reconcile",
    "datasets",
    "eval",
    "app",
    "testing",
    "models",
)


def package_dirs() -> dict[str, str]:
    return {"fiscalocr": "fiscalocr", **{f"fiscalocr.{root}": root for root in ROOTS}}


def packages() -> list[str]:
    found = ["fiscalocr"]
    for root in ROOTS:
        found.append(f"fiscalocr.{root}")
        found.extend(f"fiscalocr.{root}.{sub}" for sub in find_packages(root))
    return found


setup(package_dir=package_dirs(), packages=packages())
