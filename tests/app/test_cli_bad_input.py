"""Each kind of bad input gets one clear message and its documented exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pymupdf as fitz
import pytest

from fiscalocr.app.cli import main
from fiscalocr.model import ExitCode

ZERO_PAGE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _text_pdf(title: str = "2024年预算收支总表") -> bytes:
    doc = fitz.open()
    page = doc.new_page()
    page.insert_text((72, 90), title, fontname="china-s", fontsize=18)
    return doc.tobytes()


def _encrypted_pdf() -> bytes:
    doc = fitz.open(stream=_text_pdf(), filetype="pdf")
    return doc.tobytes(encryption=fitz.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")


def _png_bytes() -> bytes:
    pix = fitz.Pixmap(fitz.csRGB, fitz.IRect(0, 0, 20, 20), False)
    pix.clear_with(255)
    return pix.tobytes("png")


BAD_INPUTS = {
    "text.pdf": (b"this is not a pdf at all\n" * 20, ExitCode.INPUT, "not a PDF"),
    "picture.pdf": (_png_bytes(), ExitCode.INPUT, "PNG"),
    "garbage.pdf": (
        b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n",
        ExitCode.INPUT,
        "corrupt",
    ),
    "truncated.pdf": (_text_pdf()[:300], ExitCode.INPUT, "truncated"),
    "encrypted.pdf": (_encrypted_pdf(), ExitCode.ENCRYPTED, "encrypted"),
    "empty.pdf": (b"", ExitCode.INPUT, "empty"),
    "zero-pages.pdf": (ZERO_PAGE_PDF, ExitCode.INPUT, "no pages"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gets_message_and_exit_code(name, tmp_path, capsys):
    data, code, words = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    status = main(["convert", str(path), "-o", str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err
    assert status == code, err
    assert "Traceback" not in err
    assert name in err
    assert words.lower() in err.lower()


def test_missing_file_is_an_input_error(tmp_path, capsys):
    status = main(
        ["convert", str(tmp_path / "nowhere.pdf"), "-o", str(tmp_path / "out"), "--quiet"]
    )
    assert status == ExitCode.INPUT
    assert "Traceback" not in capsys.readouterr().err


def test_console_script_converts_text_layer_pdf(tmp_path):
    pdf = tmp_path / "title.pdf"
    pdf.write_bytes(_text_pdf())
    fiscalocr = Path(sys.executable).with_name("fiscalocr")
    result = subprocess.run(
        [
            str(fiscalocr),
            "convert",
            str(pdf),
            "-o",
            str(tmp_path / "out"),
            "--quiet",
            "--no-classify",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads((tmp_path / "out" / "title.json").read_text(encoding="utf-8"))
    schema_file = Path(__file__).resolve().parents[2] / "schema" / "fiscalocr-document.schema.json"
    jsonschema.validate(doc, json.loads(schema_file.read_text(encoding="utf-8")))
    assert doc["pages"][0]["text_source"] == "pdf_text"
    assert any("2024年预算收支总表" in line["text"] for line in doc["pages"][0]["lines"])
