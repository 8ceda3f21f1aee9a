# Two commands on a fresh machine: `make serve` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := --quiet --disable-pip-version-check
READY := $(VENV)/.requirements-installed
SITE_DIR ?= site
BASE ?= origin/main
# Material for MkDocs prints an end-of-life banner on every build unless this is set; our commands set it.
export NO_MKDOCS_2_WARNING := 1

# The tests' outside checkers (axe-core, the W3C Nu HTML checker) in the versions package-lock.json pins.
NODE_READY := node_modules/.installed

.PHONY: serve build build-html pdfs test test-unit test-build test-site test-browser test-properdocs check check-content preview-summary stamp stub lint benchmark audit lock system-packages clean

# The locked requirements, every one checked against its hash; then the project itself (the `redsite` package,
# the MkDocs plugin `red`, the red-* commands), editable, so every command imports scripts/redsite as it is.
$(READY): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install $(PIP) --require-hashes -r requirements.lock
	$(PY) -m pip install $(PIP) --no-deps --no-build-isolation --editable .
	touch $(READY)

$(NODE_READY): package.json package-lock.json .npmrc
	npm ci
	touch $(NODE_READY)

# Before building or testing: the Debian packages of system-packages.txt, or one message naming what is missing.
system-packages:
	@bash scripts/check_system_packages.sh

serve: system-packages $(READY)
	@echo "Serving on http://127.0.0.1:8000 (PDF, DOCX and ODT guides are not generated while serving; run 'make build' for them)."
	SITE_URL=http://127.0.0.1:8000/ RED_SKIP_PDF=1 $(PY) scripts/serve.py --dev-addr 127.0.0.1:8000 --livereload

build: system-packages $(READY)
	$(PY) -m mkdocs build --strict --site-dir $(SITE_DIR)

test: system-packages $(READY) $(NODE_READY)
	$(PY) -m ruff check scripts tests
	$(VENV)/bin/zizmor --offline --min-severity high .github/workflows
	$(PY) scripts/audit_requirements.py requirements.lock requirements-properdocs.lock
	$(PY) -m pytest

# One layer of the suite (tests/layers.py): unit (no build, under a minute), build (fixture builds),
# site (the real site, built once), browser (Chromium and axe-core). `make test` runs them all.
test-unit test-build test-site test-browser: system-packages $(READY) $(NODE_READY)
	$(PY) -m pytest -m $(@:test-%=%)

# Known vulnerabilities in the locked requirements (pip-audit); unlike `make test`, this also fails when the
# advisory data cannot be reached, since then nothing was audited.
audit: $(READY)
	$(PY) scripts/audit_requirements.py --strict requirements.lock requirements-properdocs.lock

# The same site under ProperDocs (the maintained MkDocs 1.6 fork), in its own venv: build + HTML tests.
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_READY := $(PROPERDOCS_VENV)/.requirements-installed
$(PROPERDOCS_READY): requirements-properdocs.lock pyproject.toml
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install $(PIP) --require-hashes -r requirements-properdocs.lock
	$(PROPERDOCS_VENV)/bin/python -m pip install $(PIP) --no-deps --no-build-isolation --editable .
	touch $(PROPERDOCS_READY)

test-properdocs: system-packages $(PROPERDOCS_READY)
	RED_BUILD_MODULE=properdocs $(PROPERDOCS_VENV)/bin/python -m pytest tests/test_site_features.py tests/test_site_i18n.py

# After changing a pin in requirements*.txt: both lock files again, with hashes, by pip-tools in a throw-away
# venv (it is no requirement of the project). Pins already in a lock file stay unless
# LOCK_OPTIONS=--upgrade (every package to its newest release that the pins allow).
LOCK_OPTIONS ?=
lock:
	@set -e; tools=$$(mktemp -d); trap 'rm -rf "$$tools"' EXIT; \
	$(PYTHON) -m venv "$$tools"; "$$tools/bin/python" -m pip install $(PIP) pip-tools==7.7.0; \
	for pair in requirements.lock:"requirements.txt requirements-dev.txt" \
	            requirements-properdocs.lock:requirements-properdocs.txt; do \
	  "$$tools/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --no-strip-extras --no-emit-index-url \
	    --no-emit-find-links $(LOCK_OPTIONS) --output-file "$${pair%%:*}" $${pair#*:}; \
	done

# The validator: every finding with its file, line and fix; exits 0 when only warnings remain (pending, missing
# and outdated translations), non-zero on an error.
check: $(READY)
	@$(PY) scripts/check_translations.py

# What a pull request that changes only pages and data/ is checked with, in a few minutes: the validator on the
# changed pages, the strict build, the hostile-input policy, the browser audit of the changed and generated pages.
check-content: system-packages $(READY)
	$(PY) scripts/check_content.py --base $(BASE)

# The pull request's job summary for this branch: every page it adds, changes or removes, in each language.
preview-summary: $(READY)
	@$(PY) scripts/preview_summary.py --base $(BASE)

# After updating a translation: make stamp FILE=docs_sv/methods/x.md (several files or folders: FILE="a b").
stamp: $(READY)
	@test -n "$(FILE)" || { echo "usage: make stamp FILE=docs_sv/methods/x.md"; exit 2; }
	$(PY) scripts/check_translations.py --stamp $(FILE)

# A translation stub made again from the English page as it is now (or a first one for a missing translation):
# make stub FILE=docs_sv/methods/x.md. Only a stub still marked 'pending: true' is replaced.
stub: $(READY)
	@test -n "$(FILE)" || { echo "usage: make stub FILE=docs_sv/methods/x.md"; exit 2; }
	$(PY) scripts/new_page.py --refresh $(FILE)

benchmark: $(READY)
	$(PY) scripts/benchmark_build.py
	$(PY) scripts/benchmark_translations.py
	$(PY) scripts/benchmark_search.py

clean:
	rm -rf $(SITE_DIR) .cache
