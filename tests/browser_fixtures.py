"""Shared by browser tests: the built site behind the GitHub-Pages-like server, Debian's Chromium, axe-core.

Every page in every language is audited by tests/test_every_page_browser.py (axe in light, dark and phone
modes, overflow, requests, console errors, third-party hosts); these fixtures serve the targeted tests.
Chromium comes from Debian (`apt-get install chromium`); .ci/run installs it.
"""

from __future__ import annotations

import pytest

from conftest import LOCAL_PORT
from ghpages_server import serving
from site_audit import AXE_SCRIPT, WCAG_TAGS


@pytest.fixture(scope="module")
def server(built_site):
    with serving(built_site.site, LOCAL_PORT) as url:
        assert url == built_site.site_url
        yield url




def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now."""
    page.evaluate(AXE_SCRIPT)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]
