"""Options of one conversion: an options object per stage, not if-chains (docling style)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


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
    ocr_engine: str = Field(
        default="ppocrv4",
        description="OCR engine for scanned pages: ppocrv4 (PaddleOCR), ppocrv6-small, ppocrv6-tiny",
    )
    ocr_reread_engine: str | None = Field(
        default=None,
        description="cascade: the accurate engine that re-reads doubtful lines and "
        "reconciliation's suspect cells; None = no cascade",
    )
    cpu_threads: int = Field(
        default=2, ge=1, le=64, description="PaddleOCR threads per process (cores / workers)"
    )

    def output_key(self) -> str:
        """Fingerprint of the options that change what a conversion writes (not how fast:
        threads are left out), so a rerun can tell an output made with other options."""
        import hashlib

        shaping = self.model_dump(exclude={"cpu_threads"})
        return hashlib.sha256(repr(sorted(shaping.items())).encode()).hexdigest()[:16]
