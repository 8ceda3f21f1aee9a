"""Every built page, in all three languages, in one real browser (Debian's Chromium), behind a
server that answers like GitHub Pages (tests/ghpages_server.py).

Each page is audited in three modes: on a desktop in light, then switched to dark on the same load, and
on a phone (375×812); the desktop and the phone run side by side. It checks: axe-core WCAG 2.0/2.1 A+AA,
axe best practices, sideways scrolling at 375 and 320 px, failed same-origin requests, console errors,
third-party requests, the skip link's target.
Each assertion names the pages that fail. The figures and the run time are printed.
"""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from redsite.model import load_model
from site_audit import MISSING_PAGES, MODES

MODEL = load_model()
STATEMENT = REPO / "docs" / "accessibility.md"


@pytest.fixture(scope="module")
def audit(every_page_audit, request):
    """The audit ran in the background, beside the rest of the suite (tests/background_audit.py)."""
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():  # the figures and run time, also when the tests pass
        print("\nEvery-page browser audit (in the background):\n" + every_page_audit.summary(), flush=True)
    return every_page_audit


def language_of(path: str) -> str:
    first = path.split("/")[0]
    return first if first in MODEL.codes else MODEL.default_language.code


def test_every_built_page_in_every_language_is_audited(built_site, audit):
    site = built_site.site
    own_404s = list(site.glob("*/404.html"))
    assert len(audit.pages) == len(list(site.rglob("index.html"))) + len(own_404s) + len(MISSING_PAGES)
    content = [page for page in audit.pages if page not in MISSING_PAGES and not page.endswith("404.html")]
    per_language = {code: sum(language_of(page) == code for page in content) for code in MODEL.codes}
    assert len(set(per_language.values())) == 1, per_language
    assert per_language[MODEL.default_language.code] > 30
    assert {language_of(page) for page in MISSING_PAGES} == set(MODEL.codes)


@pytest.mark.parametrize("mode", list(MODES))
def test_no_wcag_violations(audit, mode):
    assert audit.violations.get(mode, {}) == {}, "\n".join(
        f"{page}: {found}" for page, found in audit.violations[mode].items())


def test_best_practice_findings_are_none_or_explained_in_the_accessibility_statement(audit):
    statement = STATEMENT.read_text(encoding="utf-8")
    rules = {finding["id"] for found in audit.best_practice.values() for page in found.values() for finding in page}
    unexplained = {rule for rule in rules if not re.search(rf"`{re.escape(rule)}`", statement)}
    assert not unexplained, {mode: {page: [f["id"] for f in findings if f["id"] in unexplained]
                                    for page, findings in found.items()}
                             for mode, found in audit.best_practice.items()}


def test_no_page_scrolls_sideways_at_375_or_320_px(audit):
    assert audit.overflow == {}, audit.overflow


def test_no_failed_or_redirected_same_origin_request(audit):
    assert audit.failed_requests == {}, audit.failed_requests


def test_no_console_errors(audit):
    assert audit.console_errors == {}, audit.console_errors


def test_no_request_leaves_the_machine(audit):
    assert audit.hosts == {"127.0.0.1"}, audit.hosts


def test_every_skip_link_lands_on_the_title(audit):
    assert audit.skip_link == {}, audit.skip_link


def test_audited_pages_include_the_awkward_ones(audit):
    """Pages the former sample left out, and where the issue found failures."""
    for lang in ("", "sv/", "ru/"):
        for page in ("glossary/", "translation-status/", "context/baltic-initiatives/", "no-such-page/"):
            assert lang + page in audit.pages
