"""Importing the OCR stage's API must not load Paddle (workers and the CLI start fast)."""

from __future__ import annotations

import subprocess
import sys


def test_public_api_imports_without_paddle():
    code = (
        "import sys\n"
        "from fiscalocr.ocr import OcrOptions, open_source, read_page, load_engine, bare_page_lines\n"
        "import pickle; pickle.loads(pickle.dumps(OcrOptions(dpi=300)))\n"
        "print(sorted(m for m in ('paddle', 'paddleocr', 'cv2') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
