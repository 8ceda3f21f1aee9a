"""The built site in a real browser (Debian's Chromium): WCAG 2.1 AA with axe-core, no third-party request, search.

Chromium comes from Debian (`apt-get install chromium`); .ci/run installs it.
"""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest
from playwright.sync_api import sync_playwright

from conftest import LOCAL_PORT, LOCAL_SITE_URL

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = [
    "", "about/", "methods/", "methods/forum-building/", "study-visits/",
    "study-visits/example-regional-development-tasks/", "workshops/example-regional-data-compilation/",
    "context/blekinge-strategy/", "context/baltic-initiatives/", "glossary/", "contribute/",
    "translation-status/", "accessibility/", "404.html",
]
LANG_PREFIXES = ["", "sv/", "ru/"]


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site below site_url's path, like the production host."""

    prefix = urlsplit(LOCAL_SITE_URL).path.rstrip("/")

    def translate_path(self, path):
        if path.startswith(self.prefix + "/"):
            path = path[len(self.prefix):]
        return super().translate_path(path)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built_site):
    handler = functools.partial(SiteHandler, directory=str(built_site.site))
    httpd = ThreadingHTTPServer(("127.0.0.1", LOCAL_PORT), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield LOCAL_SITE_URL
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Chromium is missing: run `apt-get install chromium` (as .ci/run does)"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield instance
        instance.close()


def axe_violations(page) -> list[dict]:
    page.evaluate(AXE_SCRIPT)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_have_no_wcag_21_aa_violations_and_make_no_third_party_request(server, browser, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    requested_hosts: set[str] = set()
    page.on("request", lambda request: requested_hosts.add(urlsplit(request.url).hostname or ""))
    failures = {}
    for prefix in LANG_PREFIXES:
        for path in PAGES if scheme == "light" else PAGES[:4]:
            page.goto(server + prefix + path, wait_until="networkidle")
            violations = axe_violations(page)
            if violations:
                failures[prefix + path] = violations
    context.close()
    assert not failures, failures
    assert requested_hosts == {"127.0.0.1"}, requested_hosts


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
