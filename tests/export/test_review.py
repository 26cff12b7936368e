"""Corrections saved into the JSON (the library under ``fiscalocr review``): provenance
kept, reconciliation re-run, stale and non-numeric writes refused, two writers with the
same version never both win, and a failed write leaves the document as it was."""

from __future__ import annotations

import errno
import os
import threading

import pytest

from fiscalocr.app.cli import main
from fiscalocr.app.export import write_outputs
from fiscalocr.app.export.review import (
    CorrectionError,
    StaleVersionError,
    apply_correction,
    load,
    rerun_reconciliation,
)
from fiscalocr.model import Finding

from .documents import coded_document


@pytest.fixture()
def saved(tmp_path):
    """甲局's table where 201 (300.00) is not 20101 + 20102 (100.00 + 250.00)."""
    doc = coded_document("甲局", 2022, ("300.00", "100.00", "250.00"))
    rerun_reconciliation(doc)
    doc.findings = [
        Finding(
            kind="sum_mismatch", table="t1", rule="t1:hier:201:col2", message="201 不等于其子项之和"
        ),
        Finding(kind="narrative", message="正文与表格不符"),
    ]
    write_outputs(doc, tmp_path / "a", ("json",))
    return tmp_path / "a.json"


def test_a_correction_keeps_the_read_and_settles_the_rule(saved):
    doc, version = load(saved)
    assert (doc.reconciliation.checks_passed_after, len(doc.reconciliation.unresolved)) == (0, 1)
    result = apply_correction(saved, "t1", 3, 2, " 200.00 ", version, reviewer="王")
    doc, new_version = load(saved)
    cell = doc.tables[0].cell_at(3, 2)
    assert (cell.text, cell.value, cell.ocr_text, cell.corrected) == (
        "200.00",
        200.0,
        "250.00",
        True,
    )
    assert (cell.correction.before, cell.correction.text, cell.correction.reviewer) == (
        "250.00",
        "200.00",
        "王",
    )
    assert (result.checks_passed_before, result.checks_passed_after) == (0, 1)
    assert doc.reconciliation.unresolved == [] and result.version == new_version != version
    assert [f.kind for f in doc.findings] == ["narrative"]  # the settled rule's finding goes


def test_stale_and_non_numeric_writes_are_refused(saved):
    _, version = load(saved)
    before = saved.read_bytes()
    with pytest.raises(CorrectionError, match="不是数字"):
        apply_correction(saved, "t1", 3, 2, "二百", version)
    with pytest.raises(CorrectionError, match="没有这个单元格"):
        apply_correction(saved, "t1", 9, 9, "1.00", version)
    with pytest.raises(StaleVersionError, match="已被修改"):
        apply_correction(saved, "t1", 3, 2, "200.00", "not-the-version")
    assert saved.read_bytes() == before
    apply_correction(saved, "t1", 3, 2, "—", version)  # a dash is a printed zero
    assert load(saved)[0].tables[0].cell_at(3, 2).value is None


def test_two_writers_with_one_version_never_both_win(saved):
    _, version = load(saved)
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def write(text: str) -> None:
        start.wait()
        try:
            apply_correction(saved, "t1", 3, 2, text, version)
            outcomes.append(text)
        except StaleVersionError:
            outcomes.append("stale")

    threads = [threading.Thread(target=write, args=(t,)) for t in ("200.00", "150.00")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 2 and outcomes.count("stale") == 1
    winner = next(o for o in outcomes if o != "stale")
    assert load(saved)[0].tables[0].cell_at(3, 2).text == winner


def test_a_full_disk_leaves_the_document_whole(saved, monkeypatch):
    _, version = load(saved)
    before = saved.read_bytes()

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)  # a fault we cannot cause otherwise
    with pytest.raises(OSError):
        apply_correction(saved, "t1", 3, 2, "200.00", version)
    monkeypatch.undo()
    assert saved.read_bytes() == before
    assert not [p for p in saved.parent.iterdir() if p.name.endswith(".tmp")]
    apply_correction(saved, "t1", 3, 2, "200.00", version)  # the lock was released


def test_review_of_a_folder_without_documents_is_an_error(tmp_path, capsys):
    assert main(["review", str(tmp_path), "--port", "0"]) == 3
    assert "no converted documents" in capsys.readouterr().err


def test_a_corrected_reading_the_print_allows_two_ways_is_settled(tmp_path):
    """A cell with a second reading (``candidates``) is no longer ambiguous once a person
    has said which it is."""
    doc = coded_document("丙局", 2024, ("1.234", "0.500", "0.734"))
    cell = doc.tables[0].cell_at(1, 2)
    cell.candidates = ["1,234"]
    doc.tables[0].cells = [c for c in doc.tables[0].cells if c.row != 3 and c.row != 2]
    rerun_reconciliation(doc)
    assert any(u.rule.startswith("ambiguous_reading") for u in doc.reconciliation.unresolved)
    write_outputs(doc, tmp_path / "c", ("json",))
    _, version = load(tmp_path / "c.json")
    apply_correction(tmp_path / "c.json", "t1", 1, 2, "1.234", version)
    assert load(tmp_path / "c.json")[0].reconciliation.unresolved == []


def test_the_server_lists_a_broken_json_and_refuses_bad_requests(saved):
    import json
    import threading
    import urllib.error
    import urllib.request

    from fiscalocr.app.export.review_server import make_server

    (saved.parent / "broken.json").write_text("{}")
    httpd = make_server(saved.parent, port=0)
    assert httpd.server_address[0] == "127.0.0.1"  # loopback only
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}"
    try:
        for missing in ("/page/a/1.jpg", "/page/../a/1.jpg", "/page/a/x.jpg"):
            with pytest.raises(urllib.error.HTTPError) as refused:  # no scan beside a.json
                urllib.request.urlopen(base + missing)
            assert refused.value.code == 404
        index = urllib.request.urlopen(base + "/").read().decode()
        assert 'href="/doc/a"' in index and "broken" in index and "不是有效的" in index
        page = urllib.request.urlopen(base + "/doc/a")
        version = page.headers["ETag"].strip('"')
        assert version == load(saved)[1]

        def post(payload: dict, headers: dict) -> tuple[int, dict]:
            request = urllib.request.Request(
                base + "/api/correct", data=json.dumps(payload).encode(), headers=headers
            )
            try:
                with urllib.request.urlopen(request) as answer:
                    return answer.status, json.loads(answer.read())
            except urllib.error.HTTPError as error:
                return error.code, json.loads(error.read())

        cell = {"name": "a", "table": "t1", "row": 3, "col": 2, "text": "200.00"}
        status, body = post(cell, {"Content-Type": "text/plain", "If-Match": version})
        assert status == 400  # a form of another site cannot post JSON without asking
        status, body = post({**cell, "name": "../a"}, {"Content-Type": "application/json"})
        assert status == 404
        status, body = post(cell, {"Content-Type": "application/json", "If-Match": version})
        assert status == 200 and body["checks_passed_after"] == 1
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_cell_read_as_garbage_in_an_amount_column_still_needs_a_number(tmp_path):
    """OCR made no number of 20101's amount (``l00.O0``): the column says it is one, so
    words are refused there with the same message, and a number is taken."""
    doc = coded_document("丁局", 2024, ("300.00", "l00.O0", "200.00"))
    garbled = doc.tables[0].cell_at(2, 2)
    assert garbled.value is None
    rerun_reconciliation(doc)
    write_outputs(doc, tmp_path / "d", ("json",))
    _, version = load(tmp_path / "d.json")
    with pytest.raises(CorrectionError, match="不是数字"):
        apply_correction(tmp_path / "d.json", "t1", 2, 2, "一百", version)
    apply_correction(tmp_path / "d.json", "t1", 2, 2, "100.00", version)
    cell = load(tmp_path / "d.json")[0].tables[0].cell_at(2, 2)
    assert (cell.text, cell.value, cell.ocr_text) == ("100.00", 100.0, "l00.O0")
    apply_correction(
        tmp_path / "d.json", "t1", 2, 1, "人大事务（更正）", load(tmp_path / "d.json")[1]
    )
    assert load(tmp_path / "d.json")[0].tables[0].cell_at(2, 1).text == "人大事务（更正）"


def test_page_images_read_the_document_once_per_version(saved, monkeypatch):
    """Each page image asks which scan the document was read from; the JSON is parsed
    once per version of it, not once per image (half a second for 300 pages)."""
    from fiscalocr.app.export import review_server

    parsed = []
    monkeypatch.setattr(review_server, "load", lambda path: parsed.append(path) or load(path))
    site = review_server.ReviewSite(saved.parent)
    assert [site.scan_of("a") for _ in range(3)] == [(None, "1" * 64)] * 3
    assert len(parsed) == 1
    _, version = load(saved)
    apply_correction(saved, "t1", 3, 2, "200.00", version)
    assert site.scan_of("a") == (None, "1" * 64) and len(parsed) == 2
    assert site.scan_of("../a") is None
