"""Ground truth derived from born-digital disclosure PDFs (their text layer and rules)."""

from .build import derive_ground_truth
from .labels import section_for_page, table_type_for_title

__all__ = ["derive_ground_truth", "section_for_page", "table_type_for_title"]
