"""The built site in a real browser (Debian's Chromium): search.

axe-core, requests and console errors on every page: tests/test_every_page_browser.py.

Chromium comes from Debian (`apt-get install chromium`); .ci/run installs it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from conftest import LOCAL_PORT
from ghpages_server import serving
from site_audit import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="module")
def server(built_site):
    with serving(built_site.site, LOCAL_PORT) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Chromium is missing: run `apt-get install chromium` (as .ci/run does)"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def test_search_returns_results_from_the_readers_language_only(server, browser):
    page = browser.new_page()
    page.goto(server + "ru/about/", wait_until="networkidle")
    # fill() inserts text without key events; Material searches on keyup.
    page.fill("input.md-search__input", "область")
    page.dispatch_event("input.md-search__input", "keyup")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert links
    assert all("/ru/" in link for link in links), links
    page.close()
