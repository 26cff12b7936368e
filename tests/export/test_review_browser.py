"""``fiscalocr review`` in a real headless Chromium (Debian's chromium + chromedriver,
driven by selenium): the page loads, flagged cells are highlighted, the keyboard walks the
flagged cells (focus moves, Enter edits, Esc returns), a non-number is refused with a
message, a correction made through the page lands in the JSON with its provenance and the
checks change, and a stale second tab can neither overwrite it nor lose its own input. Nothing downloads a browser: without Debian's Chromium the test skips."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGGED_RGBA = "rgba(255, 156, 156, 1)"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()),
        reason="headless Chromium is not installed: `make chromium` "
        "(apt-get install -y chromium chromium-driver) needs root and apt",
    ),
]


@pytest.fixture()
def browser(monkeypatch):
    pytest.importorskip("selenium", reason="selenium comes with the dev extra")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium Manager must never fetch anything
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.add_argument("--window-size=1400,1000")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


@pytest.fixture()
def server(converted, tmp_path):
    from fiscalocr.app.export import write_outputs
    from fiscalocr.app.export.review_server import make_server

    item = converted["crooked"]
    outdir = tmp_path / "out"
    write_outputs(item.doc, outdir / "crooked", ("json", "md"))
    shutil.copy(item.source, outdir / item.source.name)  # found beside the JSON
    httpd = make_server(outdir, port=0, reviewer="test")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", outdir
    httpd.shutdown()
    httpd.server_close()


def _wait(driver, condition, timeout=15):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def _cell(outdir: Path, row: int, col: int) -> dict:
    doc = json.loads((outdir / "crooked.json").read_text(encoding="utf-8"))
    return next(c for c in doc["tables"][0]["cells"] if (c["row"], c["col"]) == (row, col)), doc


def item_doc(outdir: Path):
    from fiscalocr.model import Document

    return Document.model_validate_json((outdir / "crooked.json").read_bytes())


def _focused(driver) -> str:
    return driver.execute_script("return document.activeElement.id")


def _press(driver, key: str) -> None:
    """A key pressed wherever the focus is, as a person types (not sent to an element)."""
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(key).perform()


def _submit(driver, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    field = driver.find_element(By.ID, "value")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.BACKSPACE)
    field.send_keys(text, Keys.ENTER)


def test_a_flagged_cell_is_corrected_through_the_page(browser, server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from fiscalocr.app.export.page_frame import PageFrame

    base, outdir = server
    browser.get(base + "/")
    browser.find_element(By.LINK_TEXT, "crooked").click()
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "td.flagged"))
    flagged = browser.find_elements(By.CSS_SELECTOR, "td.flagged")
    assert [c.get_attribute("data-key") for c in flagged] == ["t1-2-1", "t1-2-2", "t1-2-3"]
    assert {c.value_of_css_property("background-color") for c in flagged} == {FLAGGED_RGBA}
    assert len(browser.find_elements(By.CSS_SELECTOR, "polygon.flagged")) == 3
    image = browser.find_element(By.CSS_SELECTOR, "#page-1 img")
    assert image.get_attribute("src").endswith("/page/crooked/1.jpg")  # fetched, not embedded
    _wait(browser, lambda d: d.execute_script("return arguments[0].naturalWidth", image) > 0)
    checks = browser.find_element(By.ID, "checks")
    total = int(checks.get_attribute("data-total"))
    assert total >= 3  # the row rules of the table's three amount rows
    assert (checks.get_attribute("data-passed"), checks.get_attribute("data-unresolved")) == (
        str(total - 1),
        "1",
    )
    first_tab = browser.current_window_handle

    browser.switch_to.new_window("tab")  # a second tab on the same document, loaded now
    browser.get(base + "/doc/crooked")
    second_tab = browser.current_window_handle
    browser.switch_to.window(first_tab)

    browser.find_element(By.ID, "c-t1-3-1").click()  # an unmarked cell: outlined on the scan
    cursor = browser.find_element(By.CSS_SELECTOR, "#page-1 polygon#cursor")
    assert cursor.get_attribute("class") == "current"
    expected = PageFrame.of(item_doc(outdir).pages[0]).quad(_cell(outdir, 3, 1)[0]["bbox"])
    shown = [float(v) for p in cursor.get_attribute("points").split() for v in p.split(",")]
    assert shown == pytest.approx([v for point in expected for v in point], abs=0.06)
    _press(browser, Keys.ESCAPE)

    browser.find_element(By.TAG_NAME, "body").send_keys("n")  # first flagged cell
    assert not browser.find_elements(By.ID, "cursor"), "a flagged cell has its own polygon"
    current = browser.find_element(By.CSS_SELECTOR, "td.current")
    assert current.get_attribute("data-key") == "t1-2-1"
    assert browser.find_element(By.ID, "value").get_attribute("value") == "1,500.00"
    assert _focused(browser) == "c-t1-2-1", "the keyboard stays on the cells, not the field"
    _press(browser, "n")
    assert _focused(browser) == "c-t1-2-2"
    assert browser.find_element(By.ID, "value").get_attribute("value") == "1,200.00"
    _press(browser, "p")
    assert _focused(browser) == "c-t1-2-1"
    _press(browser, Keys.ENTER)  # edit the cell the keyboard is on
    assert _focused(browser) == "value"
    _press(browser, Keys.ESCAPE)  # and back to walking the cells
    assert _focused(browser) == "c-t1-2-1"
    _press(browser, "n")
    assert _focused(browser) == "c-t1-2-2"
    _press(browser, "p")

    before = (outdir / "crooked.json").read_bytes()
    _submit(browser, "一千四")
    message = browser.find_element(By.ID, "message")
    _wait(browser, lambda d: "不是数字" in message.text)
    assert (outdir / "crooked.json").read_bytes() == before, "a refused value writes nothing"

    _submit(browser, "1,450.00")
    _wait(
        browser, lambda d: d.find_element(By.ID, "checks").get_attribute("data-unresolved") == "0"
    )
    checks = browser.find_element(By.ID, "checks")
    assert checks.get_attribute("data-passed") == checks.get_attribute("data-total") == str(total)
    assert browser.find_element(By.ID, "c-t1-2-1").get_attribute("class").startswith("corrected")
    assert not browser.find_elements(By.CSS_SELECTOR, "td.flagged")

    cell, doc = _cell(outdir, 2, 1)
    assert (cell["text"], cell["value"], cell["ocr_text"], cell["corrected"]) == (
        "1,450.00",
        1450.0,
        "1,500.00",
        True,
    )
    assert cell["correction"]["before"] == "1,500.00" and cell["correction"]["reviewer"] == "test"
    rec = doc["reconciliation"]
    assert (rec["checks_passed_after"], rec["unresolved"]) == (total, [])
    assert "人工更正" in (outdir / "crooked.md").read_text(encoding="utf-8")  # export rewritten

    browser.switch_to.window(second_tab)  # still shows the old version
    browser.find_element(By.ID, "c-t1-2-2").click()
    _submit(browser, "1,250.00")
    message = browser.find_element(By.ID, "message")
    _wait(browser, lambda d: "已被修改" in message.text)
    assert _cell(outdir, 2, 2)[0]["text"] == "1,200.00", "the stale tab wrote nothing"
    assert _cell(outdir, 2, 1)[0]["text"] == "1,450.00", "the first correction is intact"

    browser.refresh()  # nor is the stale tab's edit lost: it comes back on its cell
    _wait(browser, lambda d: "已填回" in d.find_element(By.ID, "message").text)
    assert browser.find_element(By.CSS_SELECTOR, "td.current").get_attribute("id") == "c-t1-2-2"
    assert browser.find_element(By.ID, "value").get_attribute("value") == "1,250.00"
    browser.find_element(By.ID, "save").click()
    _wait(browser, lambda d: _cell(outdir, 2, 2)[0]["text"] == "1,250.00")
    assert _cell(outdir, 2, 1)[0]["text"] == "1,450.00"
    browser.refresh()
    assert "已填回" not in browser.find_element(By.ID, "message").text  # restored once only


def test_the_html_file_walks_its_flagged_cells_by_keyboard(browser, tmp_path):
    """``--format html`` opened from disk: n/p move the focus from one flagged cell to the
    next and back, wrapping at the end."""
    from selenium.webdriver.common.by import By

    from fiscalocr.app.export import write_outputs

    from .documents import three_public_document

    written = write_outputs(three_public_document(), tmp_path / "a", ("html",))
    browser.get(next(p for p in written if p.suffix == ".html").as_uri())
    browser.find_element(By.TAG_NAME, "body").send_keys("n")
    assert _focused(browser) == "c-t1-3-1"
    walked = []
    for key in ("n", "n", "p", "k", "j"):
        _press(browser, key)
        walked.append(_focused(browser))
    assert walked == ["c-t1-3-2", "c-t1-3-1", "c-t1-3-2", "c-t1-3-1", "c-t1-3-2"]
    assert browser.find_element(By.CSS_SELECTOR, "td.current").get_attribute("id") == "c-t1-3-2"
    assert not browser.find_elements(By.ID, "editor"), "no correction form outside review"


def test_a_long_html_file_decodes_only_the_pages_near_the_view(browser, converted, tmp_path):
    """Twelve pages embedded in the file: the first ones are decoded on opening, the last
    only when scrolled to (and the first are dropped then)."""
    import pymupdf

    from fiscalocr.app.export.html import write_html
    from fiscalocr.model import Page
    from fiscalocr.ocr.source import file_sha256

    item = converted["crooked"]
    long_pdf = pymupdf.open()
    for _ in range(12):
        long_pdf.insert_pdf(pymupdf.open(item.source))
    long_pdf.save(tmp_path / "long.pdf")
    doc = item.doc.model_copy(deep=True)
    doc.source.sha256 = file_sha256(tmp_path / "long.pdf")
    first = doc.pages[0]
    doc.pages = [Page(page=n, width=first.width, height=first.height) for n in range(1, 13)]
    browser.get(write_html(doc, tmp_path / "long", tmp_path / "long.pdf").as_uri())

    def decoded(d) -> list[int]:
        return d.execute_script(
            "return [...document.querySelectorAll('#pages img')]"
            ".map((img, i) => img.getAttribute('src') && img.naturalWidth > 0 ? i + 1 : 0)"
            ".filter(Boolean)"
        )

    _wait(browser, lambda d: 1 in decoded(d))
    assert 12 not in decoded(browser)
    browser.execute_script(
        "const p = document.getElementById('pages'); p.scrollTop = p.scrollHeight"
    )
    _wait(browser, lambda d: 12 in decoded(d) and 1 not in decoded(d))
