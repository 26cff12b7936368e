"""Print an HTML file to PDF with headless Chromium (Debian's ``chromium`` package).

Chromium is optional: only the seed renders need it. Without it, :func:`find_chromium`
returns None and :func:`print_to_pdf` raises :class:`ChromiumMissingError`, whose message
says how to install it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from fiscalocr.model import DependencyError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PRINT_TIMEOUT_S = 180.0  # a 40-page document prints in a few seconds on 2 cores
INSTALL_HINT = (
    "headless Chromium is needed to render the seeds: run `make chromium` "
    "(as root: apt-get install -y chromium chromium-driver)"
)


class ChromiumMissingError(DependencyError):
    """No Chromium binary on PATH."""

    code = "chromium_missing"


def find_chromium() -> str | None:
    """Path of a Chromium binary on PATH, or None."""
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def print_to_pdf(html_path: str | Path, pdf_path: str | Path) -> Path:
    """Print ``html_path`` to ``pdf_path`` with CSS page sizes and no browser header/footer.

    A throw-away profile directory keeps runs independent; background networking, sync and
    component updates are off, so nothing is fetched.
    """
    binary = find_chromium()
    if binary is None:
        raise ChromiumMissingError(INSTALL_HINT)
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fiscalocr-chromium-") as profile:
        cmd = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf_path}",
            "--no-pdf-header-footer",
            html_path.as_uri(),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=PRINT_TIMEOUT_S)
    if done.returncode != 0 or not pdf_path.is_file():
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")
    return pdf_path
