"""Keyboard, screen-reader and phone details, on the built HTML and in Debian's Chromium
behind the GitHub-Pages-like server (every-page axe/overflow/request checks: test_every_page_browser.py)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO
from redsite.model import load_model
from redsite.render import t

MODEL = load_model()
DEFAULT = MODEL.default_language.code


def built_html(site: Path) -> dict[str, str]:
    pages = {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("index.html")}
    pages.update({str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("404.html")})
    return pages


def language_of(rel: str) -> str:
    first = rel.split("/")[0]
    return first if first in MODEL.codes else DEFAULT


class Outline(HTMLParser):
    """Heading levels inside the article, and start tags with their attributes."""

    def __init__(self):
        super().__init__()
        self.levels: list[int] = []
        self.tags: list[tuple[str, dict]] = []
        self.in_article = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "article":
            self.in_article += 1
        if self.in_article and re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def pages(built_site):
    return built_html(built_site.site)


def test_headings_never_skip_a_level_and_the_h1_is_the_skip_target(pages):
    for rel, html in pages.items():
        parsed = outline(html)
        assert parsed.levels and parsed.levels[0] == 1, (rel, parsed.levels[:3])
        jumps = [(a, b) for a, b in zip(parsed.levels, parsed.levels[1:], strict=False) if b > a + 1]
        assert not jumps, (rel, jumps)
        skip = [attrs for tag, attrs in parsed.tags if tag == "a" and attrs.get("class") == "md-skip"]
        assert [attrs["href"] for attrs in skip] == ["#red-title"], rel
        assert '<h1 id="red-title">' in html, rel


def test_interface_strings_are_in_the_readers_language(pages):
    for rel, html in pages.items():
        lang = language_of(rel)
        if "headerlink" in html:
            assert f'title="{t("permalink_title", lang)}"' in html, rel
        for other in MODEL.codes:
            if other != lang:
                assert f'title="{t("permalink_title", other)}"' not in html, (rel, other)
                assert f'aria-label="{t("palette_to_dark", other)}"' not in html, (rel, other)
        assert f'aria-label="{t("palette_to_dark", lang)}"' in html, rel
        assert f'aria-label="{t("palette_to_light", lang)}"' in html, rel
        assert f'aria-label="{t("palette_to_system", lang)}"' in html, rel


SECTION_CHECKBOX = re.compile(r'<input class="md-nav__toggle md-toggle red-nav-checkbox" type="checkbox" id="([^"]*)"'
                              r' aria-labelledby="([^"]*)"')
LABEL = re.compile(r'<label (?P<attributes>[^>]*)>(?P<content>.*?)</label>', re.S)


def test_every_menu_section_is_reached_by_its_checkbox_named_by_its_label(pages):
    """The keyboard stops at the section's checkbox, named by the label's text (a label has no name of its own in
    the accessibility tree); no label is a stop, none carries aria-*, no nav claims a state it does not keep."""
    for rel, html in pages.items():
        checkboxes = SECTION_CHECKBOX.findall(html)
        assert checkboxes, rel
        labels = {re.search(r'\bid="([^"]*)"', match["attributes"]).group(1): match for match in LABEL.finditer(html)
                  if re.search(r'\bid="', match["attributes"])}
        for control, label in checkboxes:
            assert label == f"{control}_label" and f'for="{control}"' in labels[label]["attributes"], (rel, control)
            assert re.sub(r"<[^>]+>|\s", "", labels[label]["content"]), (rel, label)  # text to be named by
        assert not [match["attributes"] for match in LABEL.finditer(html)
                    if "tabindex" in match["attributes"] or "aria-" in match["attributes"]], rel
        assert not re.search(r'<nav class="md-nav"[^>]*aria-expanded', html), rel
    methods = pages["sv/methods/index.html"]  # "Metoder": the Swedish menu label (mkdocs.yml nav_translations)
    name = t("nav_section_toggle", "sv").format(title="Metoder")
    assert f'<span class="red-visually-hidden">{name}</span>' in methods


CHARACTER_REFERENCE = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
NAMES = ("aria-label", "title", "alt", "placeholder")
FOOTER_LINK = re.compile(r'class="md-footer__link md-footer__link--(?:prev|next)" aria-label="([^"]*)">.*?'
                         r'<span class="md-footer__direction">\s*(.*?)\s*</span>\s*'
                         r'<div class="md-ellipsis">\s*(.*?)\s*</div>', re.S)


def test_no_name_is_escaped_twice_and_footer_links_are_named_by_the_title_they_show(pages):
    """Material's footer escapes the neighbour's title in its links' aria-label, and titles reach the theme
    escaped (redsite.page_security): a screen reader would say "A &amp; B" were they escaped twice."""
    footer_links = 0
    for rel, html in pages.items():
        twice = [(tag, name, value) for tag, attributes in outline(html).tags for name, value in attributes.items()
                 if name in NAMES and value and CHARACTER_REFERENCE.search(value)]
        assert not twice, (rel, twice[:3])
        for match in FOOTER_LINK.finditer(html):
            name, direction, title = (unescape(part) for part in match.groups())
            assert name == f"{direction}: {title}", rel
            footer_links += 1
    assert footer_links > len(pages)  # titles with `&`: tests/test_title_names_browser.py


def test_language_names_carry_their_language_and_404_pages_have_no_switcher(pages):
    for rel, html in pages.items():
        links = [attrs for tag, attrs in outline(html).tags if tag == "a" and attrs.get("class") == "md-select__link"]
        if rel.endswith("404.html"):
            assert links == [], rel
            assert "hreflang" not in html.split("</head>")[0], rel
        else:
            assert sorted(attrs["lang"] for attrs in links) == sorted(MODEL.codes), rel
            assert all(attrs["lang"] == attrs["hreflang"] for attrs in links), rel
            assert all(attrs["href"].endswith("/") for attrs in links), rel


def test_home_pages_are_titled_once_by_their_front_matter(pages, built_site):
    for lang in MODEL.codes:
        html = pages["index.html" if lang == DEFAULT else f"{lang}/index.html"]
        title = re.search(r"<title>([^<]*)</title>", html).group(1)
        parts = [part.strip() for part in title.split(" - ")]
        assert len(parts) == len(set(parts)), title
        h1 = re.search(r'<h1 id="red-title">([^<]*)</h1>', html).group(1)
        assert h1 == parts[0] and h1 not in ("Home", "Start", "Главная"), (lang, h1)


def test_reader_pages_carry_no_contributor_commands(pages):
    contribute = {"contribute/index.html"} | {f"{code}/contribute/index.html" for code in MODEL.codes}
    for rel, html in pages.items():
        if rel not in contribute:
            assert "scripts/new_page.py" not in html and "make stamp" not in html, rel


def test_404_template_offers_the_search_and_has_no_inline_script():
    template = (REPO / "overrides" / "404.html").read_text(encoding="utf-8")
    start = template.index("data-red-not-found")
    box = template[start:template.index("{% endblock %}", start)]  # inside the messages' box
    assert '{% include "partials/red-search-button.html" %}' in box
    assert not re.search(r"<script(?![^>]*\bsrc=)", template)  # CSP script-src 'self'
    assert not re.search(r"\son[a-z]+\s*=", template)


# --- in the browser ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(served_site):
    return served_site




@pytest.mark.parametrize("lang", MODEL.codes)
def test_a_missing_page_says_so_in_the_language_of_its_folder(site, browser, lang):
    page = browser.new_page()
    prefix = "" if lang == DEFAULT else f"{lang}/"
    response = page.goto(f"{site}{prefix}methods/no-such-method/", wait_until="networkidle")
    assert response.status == 404
    visible = page.locator(".red-not-found__message:visible")
    assert visible.count() == 1
    assert visible.get_attribute("lang") == lang
    assert page.locator("h1:visible").all_text_contents() == [t("not_found_title", lang)]
    assert page.eval_on_selector("html", "e => e.lang") == lang
    assert page.title() == t("not_found_title", lang)
    assert page.locator("#red-title").text_content() == t("not_found_title", lang)
    offer = page.locator("main [data-red-search-open]")  # the search button, named in the same language
    assert offer.is_visible() and offer.text_content().strip() == t("search_this_site", lang)
    page.close()


CHROME = """() => ({
  lang: document.documentElement.lang,
  skip: document.querySelector("a.md-skip").textContent.trim(),
  search: document.querySelector("header .red-search__label").textContent.trim(),
  palette: [...document.querySelectorAll("header [data-md-component=palette] input")].map(e => e.ariaLabel),
  menu: [...document.querySelectorAll("nav.md-nav--primary a.md-nav__link")].filter(a => !a.hash)
          .map(a => [a.textContent.trim(), a.pathname]),
  footer: document.querySelector(".md-copyright").innerText,  // typeset alike: a no-break space counts
  footerLinks: [...document.querySelectorAll(".red-footer-links a")].map(a => a.pathname),
})"""


@pytest.mark.parametrize("lang", MODEL.codes)
def test_a_missing_page_is_wholly_in_the_language_of_its_folder(site, browser, lang):
    """Header, menu, search and footer too, like the language's home page; the address stays the one asked for."""
    prefix = "" if lang == DEFAULT else f"{lang}/"
    asked = f"{site}{prefix}methods/no-such-method/?q=1#part"
    page = browser.new_page()
    response = page.goto(asked, wait_until="networkidle")
    assert response.status == 404  # the answer crawlers and scripts without a browser get
    # the root 404 hands over to the language's own in a second navigation, which networkidle may not wait for
    page.wait_for_url(lambda url: url == asked, timeout=15_000)
    home = browser.new_page()
    home.goto(f"{site}{prefix}", wait_until="networkidle")
    missing, expected = page.evaluate(CHROME), home.evaluate(CHROME)
    assert missing["menu"] and all(path.startswith(f"/red-knowledge/{prefix}") for _, path in missing["menu"])
    assert missing == expected
    assert page.eval_on_selector("html", "e => getComputedStyle(e).visibility") == "visible"
    page.close()
    home.close()


def test_every_404_page_leaves_for_the_language_of_the_path_from_its_head(built_site):
    """In <head>, before the body is drawn: a reader under /sv/ never sees the English page flash."""
    others = " ".join(code for code in MODEL.codes if code != DEFAULT)
    for rel in ["404.html", *(f"{code}/404.html" for code in MODEL.codes if code != DEFAULT)]:
        html = (built_site.site / rel).read_text(encoding="utf-8")
        head = html[:html.index("<body")]
        assert re.search(r'<script src="[^"]*/assets/javascripts/not-found-language\.js"\s+'
                         rf'data-red-languages="{others}"></script>', head), rel


FOOTER_TEXT = re.compile(r'<p class="md-copyright__highlight">(.*?)</p>', re.S)


def test_every_404_page_is_typeset_like_its_home_page(built_site):
    """MkDocs renders 404.html as a template, not a page: typography must reach it too (a Russian
    footer's no-break space before its dash, as on every other Russian page)."""
    for code in MODEL.codes:
        prefix = "" if code == DEFAULT else f"{code}/"
        not_found, home = (FOOTER_TEXT.search((built_site.site / prefix / name).read_text(encoding="utf-8"))[1]
                           for name in ("404.html", "index.html"))
        assert not_found == home, code
    assert "RED\u00a0—" in FOOTER_TEXT.search((built_site.site / "ru" / "404.html").read_text(encoding="utf-8"))[1]


@pytest.mark.parametrize("fragment", ["https%3A%2F%2Fexample.org%2F", "%2Fred-knowledge%2Fru%2Fx%2F", "%E0%A4%A"])
def test_the_language_404_restores_only_an_address_in_its_own_folder(site, browser, fragment):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site}sv/404.html#red-asked={fragment}", wait_until="networkidle")
    assert page.url == f"{site}sv/404.html#red-asked={fragment}" and errors == []
    assert page.eval_on_selector("html", "e => e.lang") == "sv"
    page.close()


def test_the_search_on_the_shared_404_searches_the_language_of_the_missing_path(site, browser):
    page = browser.new_page()
    page.goto(f"{site}sv/methods/no-such-method/", wait_until="networkidle")
    page.click("main [data-red-search-open]")
    page.wait_for_selector("pagefind-modal dialog[open] input[type=search]")
    page.fill("pagefind-modal input[type=search]", "studiebesöken")
    page.wait_for_selector("pagefind-results .pf-result-link", timeout=15000)
    links = page.eval_on_selector_all("pagefind-results .pf-result-link", "els => els.map(e => e.pathname)")
    assert links and all("/sv/" in link for link in links), links
    page.close()


def test_without_javascript_the_404_shows_every_language(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}ru/no-such-page/")
    shown = page.locator(".red-not-found__message:visible")
    assert sorted(shown.evaluate_all("els => els.map(e => e.lang)")) == sorted(MODEL.codes)
    assert page.locator("a.md-skip").get_attribute("href") == "#red-title"
    context.close()


def test_language_switch_goes_straight_to_the_translation(site, browser):
    page = browser.new_page()
    page.goto(f"{site}methods/forum-building/", wait_until="networkidle")
    statuses = []
    page.on("response", lambda response: statuses.append((response.status, response.url)))
    with page.expect_navigation():
        page.eval_on_selector('a.md-select__link[hreflang="sv"]', "link => link.click()")
    page.wait_for_load_state("networkidle")
    assert page.url == f"{site}sv/methods/forum-building/"
    assert [s for s in statuses if s[0] >= 300] == [], statuses
    page.close()


# The colour toggle, from the system's setting and back in one tap each: test_phone_reader_browser.py


FOCUS_STOP_JS = """() => {
  const e = document.activeElement;
  // Material's colour toggle: the focused radio is hidden; the label after it is the visible button.
  // A menu section's checkbox is hidden too: the label that names it shows it (and its focus).
  const shown = e.matches('input.md-option') ? e.nextElementSibling
              : e.matches('input.red-nav-checkbox') ? document.getElementById(e.getAttribute('aria-labelledby')) : e;
  const box = shown.getBoundingClientRect();
  const labelled = e.getAttribute('aria-labelledby');
  const name = [e.getAttribute('aria-label'), labelled && document.getElementById(labelled)?.textContent,
                e.textContent, e.title, e.getAttribute('placeholder')].map(n => (n || '').trim()).find(n => n) || '';
  return {tag: e.tagName.toLowerCase(), cls: String(e.className), name,
          visible: box.width > 0 && box.height > 0 && box.right > 0 && box.left < innerWidth
                   && getComputedStyle(shown).visibility !== 'hidden'};
}"""


@pytest.mark.parametrize(("path", "viewport"), [("sv/glossary/", (1280, 900)), ("methods/", (1280, 900)),
                                                ("ru/context/baltic-initiatives/", (375, 812))])
def test_every_focus_stop_is_visible_and_named_and_the_skip_link_comes_first(site, browser, path, viewport):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    page.goto(site + path, wait_until="networkidle")
    stops = []
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            break
        stops.append(page.evaluate(FOCUS_STOP_JS))
    assert stops and "md-skip" in stops[0]["cls"].split()
    bad = [stop for stop in stops if not (stop["visible"] and stop["name"])]
    assert not bad, bad
    # the skip link lands on the title
    page.goto(site + path, wait_until="networkidle")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#red-title"
    context.close()


def _accessible_name(page, selector: str) -> str:
    """The element's accessible name as Chromium computes it for screen readers (its accessibility tree)."""
    client = page.context.new_cdp_session(page)
    document = client.send("DOM.getDocument", {"depth": 0})
    node = client.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": selector})
    tree = client.send("Accessibility.getPartialAXTree", {"nodeId": node["nodeId"], "fetchRelatives": False})
    client.detach()
    return tree["nodes"][0].get("name", {}).get("value", "")


@pytest.mark.parametrize("lang", MODEL.codes)
def test_a_menu_section_checkbox_is_named_for_screen_readers_and_opens_with_the_keyboard(site, browser, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site + ("" if lang == DEFAULT else f"{lang}/"), wait_until="networkidle")
    label = page.locator("label.md-nav__link:has(.red-visually-hidden)").first
    section = label.evaluate("label => label.previousElementSibling.textContent.trim()")  # the index page's link
    label_id, control = label.get_attribute("id"), label.get_attribute("for")
    assert _accessible_name(page, f"#{control}") == t("nav_section_toggle", lang).format(title=section)
    assert _accessible_name(page, f"#{label_id}") == ""  # why the label is no stop: it has no name to say
    assert label.is_visible() and label.bounding_box()["width"] < 60  # the icon only: the name is not shown
    nested = page.locator(f'nav[aria-labelledby="{label_id}"]')
    assert not page.is_checked(f"#{control}") and not nested.is_visible()
    page.focus(f"#{control}")
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # reached by the keyboard: focus-visible
    assert page.evaluate("() => document.activeElement.id") == control
    assert label.evaluate("label => getComputedStyle(label).outlineStyle") != "none"  # the focus is seen
    page.keyboard.press("Space")
    assert page.is_checked(f"#{control}")
    nested.locator("a").first.wait_for(state="visible")
    page.keyboard.press("Space")
    assert not page.is_checked(f"#{control}")
    label.click()  # the mouse still opens it through the label
    assert page.is_checked(f"#{control}")
    context.close()


@pytest.mark.parametrize("path", ["glossary/", "sv/translation-status/"])
def test_a_wide_table_scrolls_in_its_own_focusable_named_box_on_a_phone(site, browser, path):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(site + path, wait_until="networkidle")
    # Material's script wraps the tables; on a loaded machine it may do so after the network is idle
    page.wait_for_selector(".md-typeset__scrollwrap", state="attached", timeout=15_000)
    boxes = page.locator(".md-typeset__scrollwrap")
    assert boxes.count() >= 1
    for index in range(boxes.count()):
        box = boxes.nth(index)
        assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
        assert box.get_attribute("aria-label")
        assert box.locator(".md-typeset__scrollwrap").count() == 0  # wrapped once, not twice
    assert page.evaluate("() => [...document.querySelectorAll('.md-typeset__scrollwrap')]"
                         ".some(b => b.scrollWidth > b.clientWidth)")
    assert page.evaluate("() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")
    context.close()


@pytest.mark.parametrize("path", ["sv/study-visits/example-forum-building/", "ru/methods/forum-building/"])
def test_the_facts_box_fits_a_320_px_phone_without_cutting_values(site, browser, path):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(site + path, wait_until="networkidle")
    cut = page.evaluate("""() => [...document.querySelectorAll('.red-facts dt, .red-facts dd')]
        .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > innerWidth)
        .map(e => e.textContent)""")
    assert page.locator(".red-facts dd").count() >= 3
    assert cut == []
    context.close()


def test_catalog_tags_do_not_look_like_buttons(site, browser):
    page = browser.new_page()
    page.goto(site + "methods/", wait_until="networkidle")
    styles = page.eval_on_selector_all(".red-catalog__tags > li", "tags => tags.map(t => {"
                                       " const s = getComputedStyle(t); return [s.borderTopWidth, s.cursor]; })")
    assert styles and all(style == ["0px", "auto"] for style in styles), styles[:3]
    page.close()
