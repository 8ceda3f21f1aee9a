"""Audit every built page in one Chromium: axe-core, sideways scrolling, failed requests, console errors
(CSP violations among them).

Used by tests/test_every_page_browser.py; also runnable on its own to print figures:
`python tests/site_audit.py SITE_DIR` (the site must be built for http://127.0.0.1:PORT/red-knowledge/,
PORT from --port, default 8102), served by tests/ghpages_server.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import os
import resource
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import async_playwright

from checkers import AXE, CheckerMissing
from layers import require

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
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
# The modes that share a context and each page's load: they differ in the colour scheme only, which the
# loaded page is switched to (a phone needs a context of its own: touch, scale, mobile viewport).
PASSES = {"desktop": ("light", "dark"), "phone": ("mobile",)}
assert all({key: value for key, value in MODES[mode].items() if key != "color_scheme"}
           == {key: value for key, value in MODES[modes[0]].items() if key != "color_scheme"}
           for modes in PASSES.values() for mode in modes)
assert sorted(mode for modes in PASSES.values() for mode in modes) == sorted(MODES)
NARROW_WIDTHS = [375, 320]


@functools.cache
def axe_script() -> str:
    """axe-core's source, injected into every page a browser test audits: the version package-lock.json pins
    (checkers.AXE); CheckerMissing, which says what to run, when node_modules lacks it."""
    return AXE.path().read_text(encoding="utf-8")

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
    axe_version: str = ""  # as axe-core reports itself in the browser
    seconds: float = 0.0
    cpu: float = 0.0  # CPU seconds of the audit's process, playwright's driver and Chromium

    def to_json(self) -> str:
        return json.dumps({**self.__dict__, "hosts": sorted(self.hosts)}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Audit:
        found = json.loads(text)
        return cls(**{**found, "hosts": set(found["hosts"])})

    def summary(self) -> str:
        languages = Counter(page.split("/")[0] if page.split("/")[0] in ("sv", "ru") else "en"
                            for page in self.pages)
        lines = [f"axe-core {self.axe_version or '(not run)'}",
                 f"pages: {len(self.pages)} ({', '.join(f'{k} {v}' for k, v in sorted(languages.items()))})"]
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
        lines.append(f"run time: {self.seconds:.0f} s, CPU time {self.cpu:.0f} s")
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


async def _axe(page, audit: Audit) -> tuple[list, list, list]:
    """axe-core's WCAG and best-practice findings in one run, and the page's CSP violations so far."""
    result = await page.evaluate(
        "async (tags) => ({axe: await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']}), csp: window.__redCspViolations || []})", WCAG_TAGS + [BEST_PRACTICE])
    audit.axe_version = result["axe"]["testEngine"]["version"]
    wcag, best = [], []
    for violation in result["axe"]["violations"]:
        entry = {"id": violation["id"], "help": violation["help"],
                 "nodes": [node["target"] for node in violation["nodes"]][:3]}
        (wcag if set(violation["tags"]) & set(WCAG_TAGS) else best).append(entry)
    return wcag, best, result["csp"]


def process_tree_cpu() -> float:
    """CPU seconds (user + system) of this process, of the children it has waited for, and of every process
    still running below it: Chromium's processes are not waited for by us, so only /proc counts them."""
    own, waited = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + waited.ru_utime + waited.ru_stime
    parents, ticks = {}, {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            text = (entry / "stat").read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()
        parents[int(entry.name)], ticks[int(entry.name)] = int(fields[1]), sum(map(int, fields[11:15]))
    below = 0
    for pid, count in ticks.items():
        parent = parents.get(pid, 0)
        while parent > 1 and parent != os.getpid():
            parent = parents.get(parent, 0)
        below += count if parent == os.getpid() else 0
    return total + below / os.sysconf("SC_CLK_TCK")


class InFlight:
    """The requests of a page under way; `settled()` waits (at most `limit` seconds) until there are none."""

    def __init__(self):
        self.requests: set = set()
        self.idle = asyncio.Event()
        self.idle.set()

    def add(self, request) -> None:
        self.requests.add(request)
        self.idle.clear()

    def done(self, request) -> None:
        self.requests.discard(request)
        if not self.requests:
            self.idle.set()

    async def settled(self, limit: float = 10.0) -> None:
        with contextlib.suppress(TimeoutError):  # one still open is recorded if it fails, as it always was
            await asyncio.wait_for(self.idle.wait(), limit)


# Material follows the system's colour scheme on the page it has loaded (the palette's automatic mode):
# its scheme attribute changes, and while it switches, transitions are off (data-md-color-switching).
# axe measures colours only once the scheme is in place and nothing animates. A page without Material's
# palette (the audit's own test pages) has only the media query, in force at once.
SCHEME_READY_JS = """(scheme) => {
  const body = document.body;
  const material = body && body.hasAttribute('data-md-color-media');
  return (!material || (body.dataset.mdColorScheme === scheme && !body.hasAttribute('data-md-color-switching')))
    && document.getAnimations().length === 0;
}"""
MATERIAL_SCHEMES = {"light": "default", "dark": "slate"}


async def _audit_pass(context, modes: tuple[str, ...], base_url: str, audit: Audit, pages: list[str]) -> None:
    """`pages` in `context`, each loaded once and audited in each of `modes` in turn (modes that differ
    only in the colour scheme: the page's scheme is switched, not reloaded)."""
    options = MODES[modes[0]]
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    # axe-core is sent to the browser once and placed in every page before the page's own scripts
    await context.add_init_script(CSP_LISTENER_JS + axe_script())
    page = await context.new_page()
    current = {"path": "", "mode": modes[0]}

    def record(kind: str, text: str) -> None:
        getattr(audit, kind).setdefault(current["path"], []).append(f"{current['mode']}: {text}")

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

    in_flight = InFlight()

    def on_request(request) -> None:
        audit.hosts.add(urlsplit(request.url).hostname or "")
        in_flight.add(request)

    def on_failed(request) -> None:
        in_flight.done(request)
        # ERR_ABORTED: a request cut off by the next navigation (none should be left, see below)
        if request.url.startswith(origin) and "ERR_ABORTED" not in (request.failure or ""):
            record("failed_requests", f"failed {request.url} {request.failure}")

    page.on("request", on_request)
    page.on("requestfinished", in_flight.done)
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: record("console_errors", f"uncaught: {error}"))
    for path in pages:
        current.update(path=path, mode=modes[0])
        if len(modes) > 1:  # each page loads in the pass's first scheme
            await page.emulate_media(color_scheme=options["color_scheme"])
        # axe starts at the load event; the requests the page makes after it (Material fetches its
        # sitemap.xml) are awaited once axe is done, so each is recorded for the page that made it,
        # without networkidle's fixed half-second per page
        await page.goto(base_url + path, wait_until="load")
        csp_seen = 0
        for mode in modes:
            current["mode"] = mode
            scheme = MODES[mode].get("color_scheme", "light")
            if mode != modes[0]:
                await page.emulate_media(color_scheme=scheme)
            await page.wait_for_function(SCHEME_READY_JS, arg=MATERIAL_SCHEMES[scheme], timeout=10_000)
            wcag, best, csp = await _axe(page, audit)
            for violation in csp[csp_seen:]:
                record("console_errors", f"CSP violation: {violation}")
            csp_seen = len(csp)
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
        await in_flight.settled()


async def run_audit_async(browser, base_url: str, pages: list[str], workers: int = 1) -> Audit:
    """Every page in every mode. Each pass (PASSES) runs in `workers` contexts side by side, each with its
    share of the pages; all of them in one browser."""
    started, cpu = time.monotonic(), process_tree_cpu()
    audit = Audit(pages)
    passes = [(modes, await browser.new_context(**MODES[modes[0]])) for modes in PASSES.values()
              for _ in range(workers)]
    await asyncio.gather(*(_audit_pass(context, modes, base_url, audit, pages[number % workers::workers])
                           for number, (modes, context) in enumerate(passes)))
    audit.seconds = time.monotonic() - started
    audit.cpu = process_tree_cpu() - cpu  # before the contexts close: their renderers are counted only alive
    for _, context in passes:
        await context.close()
    return audit


def run_audit(base_url: str, pages: list[str], workers: int = 1) -> Audit:
    """Launch one Chromium (Debian's, never a downloaded one) and audit `pages` below `base_url`."""
    require("browser", "starts Chromium")
    async def main() -> Audit:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return await run_audit_async(browser, base_url, pages, workers)
            finally:
                await browser.close()
    return asyncio.run(main())


if __name__ == "__main__":
    import argparse

    from ghpages_server import serving

    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--port", type=int, default=8102)
    parser.add_argument("--url", help="audit the site as it is already served there (no server of its own)")
    parser.add_argument("--only", nargs="*", help="page paths to audit instead of all")
    parser.add_argument("--workers", type=int, default=1, help="contexts per pass, side by side")
    parser.add_argument("--json", type=Path, help="write the full findings here")
    arguments = parser.parse_args()
    try:
        axe_script()
    except CheckerMissing as missing:
        raise SystemExit(f"site_audit.py: {missing}") from None
    pages = arguments.only or built_pages(arguments.site)
    if arguments.url:
        found = run_audit(arguments.url, pages, arguments.workers)
    else:
        with serving(arguments.site, arguments.port) as url:
            found = run_audit(url, pages, arguments.workers)
    print(found.summary(), flush=True)
    if arguments.json:
        arguments.json.write_text(found.to_json(), encoding="utf-8")
