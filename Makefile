# Two commands on a fresh machine: `make serve` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.requirements-installed
SITE_DIR ?= site

# The tests' outside checkers (axe-core, the W3C Nu HTML checker) in the versions package-lock.json pins.
NODE_READY := node_modules/.installed

.PHONY: serve build build-html pdfs test test-unit test-build test-site test-browser test-properdocs check stamp lint benchmark clean

$(READY): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(READY)

$(NODE_READY): package.json package-lock.json .npmrc
	npm ci
	touch $(NODE_READY)

serve: $(READY)
	@echo "Serving on http://127.0.0.1:8000 (PDF, DOCX and ODT guides are not generated while serving; run 'make build' for them)."
	SITE_URL=http://127.0.0.1:8000/ RED_SKIP_PDF=1 $(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(READY)
	$(PY) -m mkdocs build --strict --site-dir $(SITE_DIR)

test: $(READY) $(NODE_READY)
	$(PY) -m ruff check scripts tests
	$(PY) -m pytest

# One layer of the suite (tests/layers.py): unit (no build, under a minute), build (fixture builds),
# site (the real site, built once), browser (Chromium and axe-core). `make test` runs them all.
test-unit test-build test-site test-browser: $(READY) $(NODE_READY)
	$(PY) -m pytest -m $(@:test-%=%)

# The same site under ProperDocs (the maintained MkDocs 1.6 fork), in its own venv: build + HTML tests.
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_READY := $(PROPERDOCS_VENV)/.requirements-installed
$(PROPERDOCS_READY): requirements.txt requirements-properdocs.txt
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-properdocs.txt
	touch $(PROPERDOCS_READY)

test-properdocs: $(PROPERDOCS_READY)
	RED_BUILD_MODULE=properdocs $(PROPERDOCS_VENV)/bin/python -m pytest tests/test_site_features.py tests/test_site_i18n.py

check: $(READY)
	$(PY) scripts/check_translations.py

# After updating a translation: make stamp FILE=docs_sv/methods/x.md (several files or folders: FILE="a b").
stamp: $(READY)
	@test -n "$(FILE)" || { echo "usage: make stamp FILE=docs_sv/methods/x.md"; exit 2; }
	$(PY) scripts/check_translations.py --stamp $(FILE)

benchmark: $(READY)
	$(PY) scripts/benchmark_build.py
	$(PY) scripts/benchmark_translations.py
	$(PY) scripts/benchmark_search.py

clean:
	rm -rf $(SITE_DIR) .cache
