"""Options of one conversion: an options object per stage, not if-chains (docling style)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator


class ConvertOptions(BaseModel):
    """Everything that decides how one document is converted; picklable for workers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    dpi: int = Field(
        default=200, ge=50, le=600, description="rasterisation dpi for non-scanned pages"
    )
    force_ocr: bool = Field(default=False, description="OCR pages even when they have a text layer")
    pages: tuple[int, ...] | None = Field(
        default=None, description="1-based pages to read; None = all"
    )
    tables: bool = True
    classify: bool = True
    reconcile: bool = True
    models_dir: str | None = None
    # The default cascade won benchmarks/engine_compare.py (BENCHMARKS.md, issue 14): on 9
    # dense scanned table pages 445/463 amounts right against PP-OCRv4's 433, at 0.95x
    # bare PP-OCRv4's time against 1.38x.
    ocr_engine: str = Field(
        default="ppocrv6-tiny",
        description="OCR engine for scanned pages: ppocrv4 (PaddleOCR), ppocrv6-small, ppocrv6-tiny",
    )
    ocr_reread_engine: str | None = Field(
        default="ppocrv6-small",
        description="cascade: the accurate engine that re-reads doubtful lines and "
        "reconciliation's suspect cells; None = no cascade",
    )
    cpu_threads: int = Field(
        default=2, ge=1, le=64, description="PaddleOCR threads per process (cores / workers)"
    )

    @field_validator("ocr_engine", "ocr_reread_engine")
    @classmethod
    def _known_engine(cls, name: str | None) -> str | None:
        from fiscalocr.ocr import ENGINES

        if name is not None and name not in ENGINES:
            raise ValueError(f"unknown OCR engine {name!r}; choose one of {', '.join(ENGINES)}")
        return name

    def output_key(self) -> str:
        """Fingerprint of the options that change what a conversion writes (not how fast:
        threads are left out), so a rerun can tell an output made with other options."""
        import hashlib

        shaping = self.model_dump(exclude={"cpu_threads"})
        return hashlib.sha256(repr(sorted(shaping.items())).encode()).hexdigest()[:16]
