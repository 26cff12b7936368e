# The two commands of the README: `make run` (convert the bundled samples) and
# `make test` (run the test suite). Both create the venv and install everything first.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.fiscalocr-installed
FONT_PACKAGES := fonts-noto-cjk fonts-wqy-zenhei fonts-wqy-microhei fonts-arphic-uming fonts-arphic-ukai
OUT ?= out/samples

.PHONY: install fonts chromium run test wheel-check bench lint clean

install: $(STAMP) fonts

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,ray]'
	touch $(STAMP)

# CJK fonts from Debian for the synthetic corpus (PyMuPDF's built-in CJK font is always
# there; these add variety). Installed only when missing; needs root and apt.
fonts:
	@if ! ls /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc >/dev/null 2>&1 || \
	    ! ls /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc >/dev/null 2>&1 || \
	    ! ls /usr/share/fonts/truetype/arphic/uming.ttc >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(FONT_PACKAGES) >/dev/null; \
	  else echo "note: CJK fonts $(FONT_PACKAGES) are not installed (need root + apt); the synthetic corpus uses PyMuPDF's built-in CJK fonts only"; fi; \
	fi

# Headless Chromium for the seed renders (benchmarks/seed_renders.py and their tests) and
# the review page's browser test (tests/export/test_review_browser.py, skipped without it):
# optional, never part of install or test. Installed when missing; needs root and apt.
chromium:
	@if command -v chromium >/dev/null; then echo "chromium: $$(command -v chromium)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; \
	else echo "note: headless Chromium is not installed (needs root + apt: apt-get install -y chromium chromium-driver); the seed renders and the review browser test are skipped"; fi

run: install
	$(VENV)/bin/fiscalocr convert datasets/samples -o $(OUT)

test: install
	$(PY) -m pytest -q

# The built wheel in a clean venv, converting a bundled sample from another folder (CI).
wheel-check: install
	.ci/wheel-check

lint: install
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) out .pytest_cache
