"""Scan damage: image-only PDFs as a scanner writes them, with truth that still fits.

Conventions (binding for evaluation): truth boxes are PDF points of the page *as read
upright and deskewed*; ``Page.rotation`` is the clockwise turn that makes the scan
upright, ``Page.skew_deg`` the counter-clockwise tilt of the text lines left after that
turn (undone by turning clockwise by as much),
``Page.dpi`` the scan resolution. ``bbox_in_scan_px`` maps a truth box into the raw scan.
"""

from .degrade import degrade_document, degrade_truth
from .geometry import bbox_in_scan_px, upright_to_scan_px
from .levels import (
    PROFILES,
    SCAN_LEVELS,
    SCAN_VERSION,
    PageDamage,
    ScanLevel,
    ScanProfile,
    draw_page_damage,
)

__all__ = [
    "PROFILES",
    "SCAN_LEVELS",
    "SCAN_VERSION",
    "PageDamage",
    "ScanLevel",
    "ScanProfile",
    "bbox_in_scan_px",
    "degrade_document",
    "degrade_truth",
    "draw_page_damage",
    "upright_to_scan_px",
]
