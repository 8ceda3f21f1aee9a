"""Shared by browser tests: axe-core on a page as it is now.

Every page in every language is audited by tests/test_every_page_browser.py (axe in light, dark and phone
modes, overflow, requests, console errors, third-party hosts); the targeted tests use this. The served
site and Chromium (Debian's: `apt-get install chromium`; .ci/run installs it) are fixtures of conftest.py.
"""

from __future__ import annotations

from site_audit import WCAG_TAGS, axe_script


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now."""
    page.evaluate(axe_script())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]
