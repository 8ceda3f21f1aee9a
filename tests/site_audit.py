"""Audit every built page in one Chromium: axe-core, sideways scrolling, failed requests, console errors
(CSP violations among them).

Used by tests/test_every_page_browser.py; also runnable on its own to print figures:
`python tests/site_audit.py SITE_DIR` (the site must be built for http://127.0.0.1:PORT/red-knowledge/,
PORT from --port, default 8102), served by tests/ghpages_server.py.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
from playwright.async_api import async_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BEST_PRACTICE = "best-practice"
# Missing paths below each language folder: GitHub Pages answers them all with the root 404.html.
MISSING_PAGES = ["no-such-page/", "sv/no-such-page/", "ru/no-such-page/"]
MODES = {
    "light": {"color_scheme": "light", "viewport": {"width": 1280, "height": 900}},
    "dark": {"color_scheme": "dark", "viewport": {"width": 1280, "height": 900}},
    "mobile": {"color_scheme": "light", "viewport": {"width": 375, "height": 812}, "is_mobile": True,
               "has_touch": True, "device_scale_factor": 2},
}
NARROW_WIDTHS = [375, 320]

OVERFLOW_JS = """() => {
  const root = document.scrollingElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1 && e.getClientRects().length)
    .filter(e => !e.closest('.md-typeset__scrollwrap, .md-sidebar, .md-search, pre, .md-select__inner'))
    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


def built_pages(site: Path) -> list[str]:
    """Every page of the built site, as paths below the site root: each index.html, each language's
    404.html, and a missing page in each language folder (answered with the root 404.html)."""
    pages = sorted(str(index.parent.relative_to(site)) + "/" for index in site.rglob("index.html"))
    not_found = sorted(str(page.relative_to(site)) for page in site.glob("*/404.html"))
    return [("" if page == "./" else page) for page in pages] + not_found + MISSING_PAGES


@dataclass
class Audit:
    pages: list[str]
    violations: dict[str, dict[str, list]] = field(default_factory=dict)  # mode -> page -> [..]
    best_practice: dict[str, dict[str, list]] = field(default_factory=dict)
    overflow: dict[str, list] = field(default_factory=dict)  # page -> [(width, scroll, client, wide)]
    failed_requests: dict[str, list] = field(default_factory=dict)  # page -> [url status]
    console_errors: dict[str, list] = field(default_factory=dict)
    skip_link: dict[str, str | None] = field(default_factory=dict)  # page -> what its skip link reaches
    hosts: set[str] = field(default_factory=set)
    seconds: float = 0.0

    def summary(self) -> str:
        languages = Counter(page.split("/")[0] if page.split("/")[0] in ("sv", "ru") else "en"
                            for page in self.pages)
        lines = [f"pages: {len(self.pages)} ({', '.join(f'{k} {v}' for k, v in sorted(languages.items()))})"]
        for mode in MODES:
            bad = self.violations.get(mode, {})
            rules = Counter(v["id"] for found in bad.values() for v in found)
            lines.append(f"{mode}: {sum(len(v) for v in bad.values())} WCAG violations"
                         f" on {len(bad)} pages {dict(rules)}")
            best = self.best_practice.get(mode, {})
            rules = Counter(v["id"] for found in best.values() for v in found)
            lines.append(f"{mode}: best-practice findings on {len(best)} pages {dict(rules)}")
        lines.append(f"sideways scrolling: {len(self.overflow)} pages")
        lines.append(f"skip link not reaching the h1: {len(self.skip_link)} pages")
        lines.append(f"hosts requested: {sorted(self.hosts)}")
        lines.append(f"failed same-origin requests: {sum(len(v) for v in self.failed_requests.values())}"
                     f" on {len(self.failed_requests)} pages")
        lines.append(f"console errors: {sum(len(v) for v in self.console_errors.values())}"
                     f" on {len(self.console_errors)} pages")
        lines.append(f"run time: {self.seconds:.0f} s")
        return "\n".join(lines)


SKIP_LINK_JS = """() => {
  const skip = document.querySelector('a.md-skip');
  const target = skip && document.getElementById(skip.getAttribute('href').slice(1));
  return target ? target.tagName.toLowerCase() + (target.offsetParent ? '' : ' (hidden)') : null;
}"""


# Content-Security-Policy violations of the page, whether or not the browser also logs them
CSP_LISTENER_JS = """
window.__redCspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__redCspViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
"""


async def _axe(page) -> tuple[list, list, list]:
    """axe-core's WCAG and best-practice findings in one run, and the page's CSP violations so far."""
    result = await page.evaluate(
        "async (tags) => ({axe: await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']}), csp: window.__redCspViolations || []})", WCAG_TAGS + [BEST_PRACTICE])
    wcag, best = [], []
    for violation in result["axe"]["violations"]:
        entry = {"id": violation["id"], "help": violation["help"],
                 "nodes": [node["target"] for node in violation["nodes"]][:3]}
        (wcag if set(violation["tags"]) & set(WCAG_TAGS) else best).append(entry)
    return wcag, best, result["csp"]


async def _settle(in_flight: set, limit: float = 10.0) -> None:
    """Wait until no request of the page is under way (at most `limit` seconds)."""
    deadline = time.monotonic() + limit
    while in_flight and time.monotonic() < deadline:
        await asyncio.sleep(0.02)


async def _audit_mode(browser, mode: str, base_url: str, audit: Audit) -> None:
    options = MODES[mode]
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    context = await browser.new_context(**options)
    # axe-core is sent to the browser once and placed in every page before the page's own scripts
    await context.add_init_script(CSP_LISTENER_JS + AXE_SCRIPT)
    page = await context.new_page()
    current = {"path": ""}

    def record(kind: str, text: str) -> None:
        getattr(audit, kind).setdefault(current["path"], []).append(f"{mode}: {text}")

    def on_response(response) -> None:
        expected_404 = (response.request.resource_type == "document"
                        and current["path"] in MISSING_PAGES and response.status == 404)
        if response.url.startswith(origin) and response.status >= 400 and not expected_404:
            record("failed_requests", f"{response.status} {response.url}")
        elif response.url.startswith(origin) and 300 <= response.status < 400:
            record("failed_requests", f"redirect {response.status} {response.url}")

    def on_console(message) -> None:
        # Chromium reports the (intended) 404 status of a missing page's document as an error
        expected = current["path"] in MISSING_PAGES and "status of 404" in message.text
        # "Failed to load resource" repeats a failed request that on_response / on_failed already
        # recorded for the right page; the console message may arrive after the next page has opened
        repeated = message.text.startswith("Failed to load resource")
        if message.type == "error" and not expected and not repeated:
            record("console_errors", message.text)

    in_flight: set = set()

    def on_request(request) -> None:
        audit.hosts.add(urlsplit(request.url).hostname or "")
        in_flight.add(request)

    def on_failed(request) -> None:
        in_flight.discard(request)
        # ERR_ABORTED: a request cut off by the next navigation (none should be left, see below)
        if request.url.startswith(origin) and "ERR_ABORTED" not in (request.failure or ""):
            record("failed_requests", f"failed {request.url} {request.failure}")

    page.on("request", on_request)
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: record("console_errors", f"uncaught: {error}"))
    for path in audit.pages:
        current["path"] = path
        # axe starts at the load event; the requests the page makes after it (Material fetches its
        # sitemap.xml) are awaited once axe is done, so each is recorded for the page that made it,
        # without networkidle's fixed half-second per page
        await page.goto(base_url + path, wait_until="load")
        wcag, best, csp = await _axe(page)
        for violation in csp:
            record("console_errors", f"CSP violation: {violation}")
        await _settle(in_flight)
        if wcag:
            audit.violations.setdefault(mode, {})[path] = wcag
        if best:
            audit.best_practice.setdefault(mode, {})[path] = best
        if mode == "light":
            target = await page.evaluate(SKIP_LINK_JS)
            if target != "h1":
                audit.skip_link[path] = target
        if mode == "mobile":
            for width in NARROW_WIDTHS:
                await page.set_viewport_size({"width": width, "height": 812})
                measured = await page.evaluate(OVERFLOW_JS)
                if measured["scroll"] > measured["client"]:
                    audit.overflow.setdefault(path, []).append((width, measured))
            await page.set_viewport_size(options["viewport"])
    await context.close()


async def run_audit_async(browser, base_url: str, pages: list[str]) -> Audit:
    """Every page in every mode; the modes run side by side, each in its own context of one browser."""
    started = time.monotonic()
    audit = Audit(pages)
    await asyncio.gather(*(_audit_mode(browser, mode, base_url, audit) for mode in MODES))
    audit.seconds = time.monotonic() - started
    return audit


def run_audit(base_url: str, pages: list[str]) -> Audit:
    """Launch one Chromium (Debian's, never a downloaded one) and audit `pages` below `base_url`."""
    async def main() -> Audit:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return await run_audit_async(browser, base_url, pages)
            finally:
                await browser.close()
    return asyncio.run(main())


if __name__ == "__main__":
    import argparse
    import json

    sys.path.insert(0, str(Path(__file__).parent))
    from ghpages_server import serving

    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--port", type=int, default=8102)
    parser.add_argument("--only", nargs="*", help="page paths to audit instead of all")
    parser.add_argument("--json", type=Path, help="write the full findings here")
    arguments = parser.parse_args()
    with serving(arguments.site, arguments.port) as url:
        found = run_audit(url, arguments.only or built_pages(arguments.site))
    print(found.summary())
    if arguments.json:
        arguments.json.write_text(json.dumps(found.__dict__, indent=1, ensure_ascii=False, default=str))
