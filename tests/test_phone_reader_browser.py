"""A method page on a phone (390 × 844) in Debian's Chromium, every method page in every language: text on the
first screen, one compact downloads group of equal, separate buttons, a header name that is not cut off, language
links to the same page; the light/dark toggle that flips in one tap; the offline copy opened from disk; axe."""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser_fixtures import axe_violations
from redsite.downloads import offline
from redsite.model import load_model
from redsite.pages import typed_pages
from redsite.render import t

MODEL = load_model()
DEFAULT = MODEL.default_language.code
PHONE = {"width": 390, "height": 844}


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def method_paths(lang: str) -> list[str]:
    return [f"{prefix(lang)}methods/{page_file.rel.rsplit('/', 1)[-1].removesuffix('.md')}/"
            for page_file, _ in typed_pages("method", lang)]


# What the reader sees first: the top of the article's first paragraph of text (a <p> of the page's own text,
# not a box the build adds), the header's site name, the downloads group.
FIRST_SCREEN_JS = """() => {
  const boxes = '.red-origin, .red-notice, .red-download, .red-facts, .red-licence-note';
  const text = [...document.querySelectorAll('article.md-content__inner p')]
    .find(p => !p.closest(boxes) && !p.className && p.textContent.trim());
  const name = document.querySelector('.md-header__topic .md-ellipsis');
  const line = text ? parseFloat(getComputedStyle(text).lineHeight) : 0;
  return {top: text ? text.getBoundingClientRect().top : null, line, height: innerHeight,
          name: [name.scrollWidth, name.clientWidth, name.innerText.trim()],
          scrolled: document.scrollingElement.scrollTop};
}"""

# The downloads group, opened: each format's button as a box, and what the group's button says.
DOWNLOADS_JS = """() => {
  const group = document.querySelector('details.red-downloads');
  if (!group) return null;
  const closed = [...group.querySelectorAll('.red-downloads__formats a')].map(a => a.checkVisibility());
  group.querySelector('summary').click();
  return {closed, open: group.open, summary: group.querySelector('summary').innerText.trim(),
          boxes: [...group.querySelectorAll('.red-downloads__formats a')].map(a => {
            const r = a.getBoundingClientRect();
            return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, href: a.href};
          }), pageWidth: document.documentElement.clientWidth};
}"""


def apart(a: dict, b: dict, gap: float) -> bool:
    """The two boxes do not touch: at least `gap` pixels between them, side by side or one above the other."""
    return (a["right"] + gap <= b["left"] or b["right"] + gap <= a["left"]
            or a["bottom"] + gap <= b["top"] or b["bottom"] + gap <= a["top"])


def check_downloads(found: dict | None, where: str) -> None:
    assert found, f"{where}: no downloads group"
    assert found["closed"] == [False, False, False] and found["open"], where  # one button until the reader asks
    assert {"PDF", "DOCX", "ODT"} <= set(found["summary"].replace(",", " ").replace("(", " ").replace(")", " ")
                                          .split()), (where, found["summary"])
    boxes = found["boxes"]
    assert [urlsplit(box["href"]).path.rsplit(".", 1)[-1] for box in boxes] == ["pdf", "docx", "odt"], where
    widths = [box["width"] for box in boxes]
    assert max(widths) - min(widths) <= 1, (where, widths)  # equal widths
    assert all(apart(a, b, 4) for i, a in enumerate(boxes) for b in boxes[i + 1:]), (where, boxes)
    assert all(box["left"] >= 0 and box["right"] <= found["pageWidth"] for box in boxes), (where, boxes)


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", MODEL.codes)
def test_every_method_page_starts_with_text_on_a_phone_and_groups_its_downloads(served_site, phone, lang):
    paths = method_paths(lang)
    assert len(paths) >= 15
    for path in paths:
        phone.goto(served_site + path, wait_until="networkidle")
        first = phone.evaluate(FIRST_SCREEN_JS)
        assert first["scrolled"] == 0 and first["top"] is not None, path
        # the paragraph's first two lines on the first screen, not just its top edge
        assert first["top"] + 2 * first["line"] <= first["height"], (path, first)
        scroll_width, client_width, name = first["name"]
        assert scroll_width <= client_width, (path, name, scroll_width, client_width)  # the header's name whole
        assert name == MODEL.language(lang).header_name, (path, name)
        check_downloads(phone.evaluate(DOWNLOADS_JS), path)
        links = phone.eval_on_selector_all("a.md-select__link", "links => links.map(a => [a.hreflang, a.href])")
        slug = path.removeprefix(prefix(lang))
        assert sorted(links) == sorted([code, served_site + prefix(code) + slug] for code in MODEL.codes), path


@pytest.mark.parametrize("width", [320, 360, 600, 768, 1024, 1280])
def test_the_downloads_stay_equal_and_apart_on_every_width(served_site, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for lang in MODEL.codes:
        path = f"{prefix(lang)}methods/study-visits/"
        page.goto(served_site + path, wait_until="networkidle")
        check_downloads(page.evaluate(DOWNLOADS_JS), f"{path} at {width} px")
        assert page.evaluate("document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")
        if width >= 360:  # 320 px leaves the name less room than any language's short name needs
            scroll_width, client_width, name = page.evaluate(FIRST_SCREEN_JS)["name"]
            assert scroll_width <= client_width, (path, width, name)
    context.close()


def test_the_downloads_group_opens_from_the_keyboard(served_site, browser):
    page = browser.new_page()
    page.goto(served_site + "sv/methods/bilateral-meetings/", wait_until="networkidle")
    page.focus("details.red-downloads > summary")
    assert page.evaluate("document.activeElement.closest('details').open") is False
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('details').open") is True
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('type')") == "application/pdf"
    page.close()


TOGGLE = "form[data-md-component=palette] label:not([hidden])"


@pytest.mark.parametrize("system", ["light", "dark"])
def test_one_tap_on_the_colour_toggle_shows_the_other_scheme(served_site, browser, system):
    """From "follow the system" (a first visit), every tap flips what is shown, and "follow the system" is never
    more than one tap away; the name says what the next tap does, in the page's language."""
    context = browser.new_context(color_scheme=system, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(served_site + "ru/methods/forum-building/", wait_until="networkidle")

    def state():
        shown = page.eval_on_selector("body", "b => [b.dataset.mdColorScheme, b.dataset.mdColorMedia]")
        return shown, page.get_attribute(TOGGLE, "title")

    other = "light" if system == "dark" else "dark"
    scheme = {"light": "default", "dark": "slate"}
    assert state() == ([scheme[system], "(prefers-color-scheme)"], t(f"palette_to_{other}", "ru"))
    page.tap(TOGGLE)
    assert state() == ([scheme[other], f"(prefers-color-scheme: {other})"], t(f"palette_to_system_{system}", "ru"))
    page.reload(wait_until="networkidle")  # Material remembers the reader's choice
    assert state()[0] == [scheme[other], f"(prefers-color-scheme: {other})"]
    page.tap(TOGGLE)  # back to the system's setting
    assert state() == ([scheme[system], "(prefers-color-scheme)"], t(f"palette_to_{other}", "ru"))
    # The keyboard: the focused option's Enter does what a tap does, and its name says so.
    page.evaluate(f"document.querySelector('{TOGGLE}').previousElementSibling.focus()")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == t(f"palette_to_{other}", "ru")
    page.keyboard.press("Enter")
    assert state()[0] == [scheme[other], f"(prefers-color-scheme: {other})"]
    context.close()


def test_a_reader_who_chose_the_systems_own_scheme_still_flips_in_one_tap(served_site, browser):
    """Material's own cycle could leave a reader on "light" on a light phone; one tap then gives dark."""
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(served_site + "sv/", wait_until="networkidle")
    # Material's light option, chosen as its own cycle did (its radio, as a tap on its label would)
    page.evaluate("document.querySelector('input[data-md-color-media=\"(prefers-color-scheme: light)\"]').click()")
    assert page.eval_on_selector("body", "b => b.dataset.mdColorMedia") == "(prefers-color-scheme: light)"
    page.click(TOGGLE)
    assert page.eval_on_selector("body", "b => b.dataset.mdColorScheme") == "slate"
    context.close()


@pytest.mark.parametrize("lang", MODEL.codes)
def test_the_changed_method_page_has_no_axe_violations(served_site, browser, lang):
    for viewport, scheme in ((PHONE, "light"), ({"width": 1280, "height": 900}, "dark")):
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        page = context.new_page()
        for path in (f"{prefix(lang)}methods/bilateral-meetings/", f"{prefix(lang)}methods/", prefix(lang)):
            page.goto(served_site + path, wait_until="networkidle")
            page.evaluate("document.querySelectorAll('details.red-downloads').forEach(d => d.open = true)")
            assert axe_violations(page) == [], (path, viewport, scheme)
        context.close()


# --- the offline copy, unzipped and opened from disk -----------------------------------------------------

def unzip(site: Path, lang: str, target: Path) -> Path:
    with zipfile.ZipFile(site / offline.site_path(lang, DEFAULT)) as archive:
        archive.extractall(target)
    return target / f"red-knowledge-{lang}"


@pytest.mark.parametrize("lang", MODEL.codes)
def test_the_offline_copy_has_no_search_button_and_its_language_links_work_on_disk(built_site, browser, tmp_path,
                                                                                  lang):
    root = unzip(built_site.site, lang, tmp_path)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for slug in ("bilateral-meetings", "study-visits"):
        for shown in MODEL.codes:  # the copy holds every language's pages
            page.goto((root / offline.SITE_FOLDER / prefix(shown) / "methods" / slug / "index.html").as_uri())
            page.wait_for_load_state("load")
            assert page.evaluate("document.documentElement.lang") == shown
            assert page.evaluate("[...document.querySelectorAll('.red-search, .red-search__trigger, "
                                 "[data-red-search-open]')].every(e => !e.checkVisibility())")
            assert not page.locator(".red-search__trigger").is_visible()
            page.keyboard.press("/")  # the search's shortcut does nothing either: no error, no request
            assert not page.locator("[role=alert]").is_visible()
            links = dict(page.eval_on_selector_all("a.md-select__link",
                                                   "links => links.map(a => [a.hreflang, a.href])"))
            for code, href in links.items():
                target = root / offline.SITE_FOLDER / prefix(code) / "methods" / slug / "index.html"
                assert href == target.as_uri(), (shown, code, href)
                assert target.is_file()
    # the language's home page tells a phone reader to take the PDF guides
    page.goto((root / "index.html").as_uri(), wait_until="commit")
    page.wait_for_url((root / offline.SITE_FOLDER / prefix(lang) / "index.html").as_uri())
    assert t("offline_phone_note", lang) in page.locator(".red-offline-note").inner_text()
    context.close()
