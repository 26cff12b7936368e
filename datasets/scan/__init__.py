"""Scan damage: image-only PDFs as a scanner writes them, with truth that still fits.

Conventions (binding for evaluation): truth boxes are PDF points of the page *as read
upright and deskewed*; ``Page.rotation`` is the clockwise turn that makes the scan
upright, ``Page.skew_deg`` the counter-clockwise tilt of the text lines left after that
turn (undone by turning clockwise by as much),
``Page.dpi`` the scan resolution. ``bbox_in_scan_px`` maps a truth box into the raw scan.

Versions and models: ``scan-1.3`` (``levels.PROFILES``, bench-v1's damage, frozen bit for
bit) and ``scan-2.0`` (the default), which has two damage models: ``fiscalocr`` (ours,
``levels_v2`` + ``archive``) and ``augraphy`` (independent, ``augraphy_model``).
"""

from .augraphy_model import AUGRAPHY_PROFILES, AugraphyProfile
from .degrade import (
    DAMAGE_MODELS,
    DEFAULT_DAMAGE_MODEL,
    SCAN_VERSION,
    SCAN_VERSIONS,
    degrade_document,
    degrade_truth,
)
from .geometry import bbox_in_scan_px, upright_to_scan_px
from .levels import (
    PROFILES,
    SCAN_LEVELS,
    SCAN_VERSION_1,
    PageDamage,
    ScanLevel,
    ScanProfile,
    draw_page_damage,
)
from .levels_v2 import ARCHIVE_PROFILES, SCAN_VERSION_2, ArchiveProfile, draw_archive_damage

__all__ = [
    "ARCHIVE_PROFILES",
    "AUGRAPHY_PROFILES",
    "DAMAGE_MODELS",
    "DEFAULT_DAMAGE_MODEL",
    "PROFILES",
    "SCAN_LEVELS",
    "SCAN_VERSION",
    "SCAN_VERSIONS",
    "SCAN_VERSION_1",
    "SCAN_VERSION_2",
    "ArchiveProfile",
    "AugraphyProfile",
    "PageDamage",
    "ScanLevel",
    "ScanProfile",
    "bbox_in_scan_px",
    "degrade_document",
    "degrade_truth",
    "draw_archive_damage",
    "draw_page_damage",
    "upright_to_scan_px",
]
