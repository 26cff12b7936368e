"""Options of one conversion: one tree, an options object per stage (docling style).

``ConvertOptions`` holds what the app decides (pages, which stages run, the models) and
the stages' own option objects, ``ocr`` (:class:`~fiscalocr.ocr.OcrOptions`), ``layout``
(:class:`~fiscalocr.layout.LayoutOptions`) and ``reconcile``
(:class:`~fiscalocr.reconcile.ReconcileOptions`). Every field of the tree can be set from
the API (``fiscalocr.convert(path, ocr={"min_line_conf": 0.6})``), from a TOML file
(``--config``, see :mod:`fiscalocr.app.config`) and the key ones from flags; all of them
but the speed-only ``ocr.cpu_threads`` are covered by :meth:`ConvertOptions.output_key`,
which a rerun compares before it trusts an earlier output.

For brevity (and for callers written before the tree existed) ``dpi``, ``force_ocr`` and
``cpu_threads`` may be given at the top level: they are the ``ocr`` fields of those
names. The stage switches are ``do_tables``, ``do_classify`` and ``do_reconcile`` (the
plain ``tables``/``classify``/``reconcile=False`` booleans are still accepted), so that
``options.reconcile`` always means the reconciliation stage's options.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from fiscalocr.layout import LayoutOptions
from fiscalocr.model import UsageError
from fiscalocr.ocr import OcrOptions
from fiscalocr.reconcile import ReconcileOptions

DPI_RANGE = (50, 600)
CPU_THREADS_RANGE = (1, 64)
STAGE_OPTIONS: dict[str, type] = {
    "ocr": OcrOptions,
    "layout": LayoutOptions,
    "reconcile": ReconcileOptions,
}
# Top-level shorthands for fields of a stage's options (``dpi=300`` is ``ocr.dpi``).
SHORTHANDS = {"dpi": "ocr", "force_ocr": "ocr", "cpu_threads": "ocr"}
# The stage switches under their names before the tree existed.
OLD_SWITCHES = {"tables": "do_tables", "classify": "do_classify", "reconcile": "do_reconcile"}
# Options that change how fast, never what is written: left out of the output key.
SPEED_ONLY = {"ocr": {"cpu_threads"}}


class OptionsError(UsageError):
    """An option that does not exist or has a value it cannot take (our own wording)."""

    code = "bad_option"


class ConvertOptions(BaseModel):
    """Everything that decides how one document is converted; picklable for workers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pages: tuple[int, ...] | None = Field(
        default=None, description="1-based pages to read; None = all"
    )
    do_tables: bool = Field(default=True, description="find tables (layout stage)")
    do_classify: bool = Field(default=True, description="classify sections and table types")
    do_reconcile: bool = Field(default=True, description="check and repair the arithmetic")
    models_dir: str | None = Field(
        default=None, description="folder of trained classifiers; None = the bundled ones"
    )
    ocr: OcrOptions = Field(default_factory=OcrOptions)
    layout: LayoutOptions = Field(default_factory=LayoutOptions)
    reconcile: ReconcileOptions = Field(default_factory=ReconcileOptions)

    @model_validator(mode="before")
    @classmethod
    def _shorthands(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for old, new in OLD_SWITCHES.items():
            if isinstance(data.get(old), bool):
                data[new] = data.pop(old)
        for name, stage in SHORTHANDS.items():
            if name in data:
                data[stage] = _merged(data.get(stage), {name: data.pop(name)})
        for stage, kind in STAGE_OPTIONS.items():
            if isinstance(data.get(stage), dict):
                _check_keys(stage, data[stage], kind)
        return data

    @field_validator("ocr")
    @classmethod
    def _ocr_in_range(cls, ocr: OcrOptions) -> OcrOptions:
        _in_range("ocr.dpi", ocr.dpi, DPI_RANGE)
        _in_range("ocr.cpu_threads", ocr.cpu_threads, CPU_THREADS_RANGE)
        _known_engine("ocr.engine", ocr.engine)
        if ocr.reread_engine is not None:
            _known_engine("ocr.reread_engine", ocr.reread_engine)
        return ocr

    @field_validator("pages")
    @classmethod
    def _pages_positive(cls, pages: tuple[int, ...] | None) -> tuple[int, ...] | None:
        if pages is not None and (not pages or min(pages) < 1):
            raise ValueError("pages are 1-based and at least one must be given")
        return tuple(sorted(set(pages))) if pages is not None else None

    # The shorthands, read back (the one place each value lives is the ``ocr`` options).
    @property
    def dpi(self) -> int:
        return self.ocr.dpi

    @property
    def force_ocr(self) -> bool:
        return self.ocr.force_ocr

    @property
    def cpu_threads(self) -> int:
        return self.ocr.cpu_threads

    def with_overrides(self, **overrides: Any) -> ConvertOptions:
        """A copy with ``overrides`` applied (stage options merged field by field)."""
        return build_options(self.model_dump(), overrides)

    def output_key(self) -> str:
        """Fingerprint of every option that changes what a conversion writes (the whole
        tree but the speed-only fields), so a rerun can tell an output made otherwise."""
        shaping = self.model_dump(mode="json", exclude=SPEED_ONLY)
        return hashlib.sha256(repr(_sorted(shaping)).encode()).hexdigest()[:16]


def build_options(base: dict[str, Any] | None, overrides: dict[str, Any]) -> ConvertOptions:
    """``ConvertOptions`` from ``base`` with ``overrides`` merged in; bad values become one
    :class:`OptionsError` in our own words."""
    data = dict(base or {})
    for key, value in overrides.items():
        key = OLD_SWITCHES.get(key, key) if isinstance(value, bool) else key
        if key in STAGE_OPTIONS and isinstance(value, dict):
            data[key] = _merged(data.get(key), value)
        else:
            data[key] = value
    try:
        return ConvertOptions.model_validate(data)
    except ValidationError as error:
        raise OptionsError(describe_validation_error(error)) from None


def describe_validation_error(error: ValidationError) -> str:
    """The first problem of a pydantic error, as we would say it."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "options"
    given = first.get("input")
    kind = first["type"]
    if kind == "extra_forbidden":
        return f"unknown option {where!r}"
    if kind == "value_error":
        message = str(first["ctx"]["error"])
        return message if not first["loc"] or message.startswith(where) else f"{where}: {message}"
    wanted = {
        "int_parsing": "a whole number",
        "int_type": "a whole number",
        "int_from_float": "a whole number",
        "float_parsing": "a number",
        "float_type": "a number",
        "bool_parsing": "true or false",
        "bool_type": "true or false",
        "string_type": "a text",
        "tuple_type": "a list",
    }.get(kind, "another value")
    return f"{where}: {given!r} is not valid here; expected {wanted}"


def _in_range(name: str, value: int, bounds: tuple[int, int]) -> None:
    low, high = bounds
    if not low <= value <= high:
        raise ValueError(f"{name} {value} is out of range ({low} to {high})")


def _known_engine(name: str, engine: str) -> None:
    from fiscalocr.ocr import ENGINES

    if engine not in ENGINES:
        raise ValueError(
            f"{name}: unknown OCR engine {engine!r}; choose one of {', '.join(ENGINES)}"
        )


def _check_keys(stage: str, values: dict, kind: type) -> None:
    known = {f.name for f in dataclasses.fields(kind)}
    unknown = sorted(set(values) - known)
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], known, n=1)
        hint = f" (did you mean {stage}.{close[0]}?)" if close else ""
        raise ValueError(f"unknown option {stage}.{unknown[0]}{hint}")


def _merged(current: Any, update: dict) -> dict:
    if current is None:
        return dict(update)
    if dataclasses.is_dataclass(current):
        current = dataclasses.asdict(current)
    return {**current, **update}


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return sorted((k, _sorted(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return [_sorted(v) for v in value]
    return value
