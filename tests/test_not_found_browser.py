"""A 404 that finds the page: in Debian's Chromium behind the GitHub-Pages-like server (one root 404.html for every
missing path), misspelt addresses in all three languages get the pages closest to them, in the path's language,
and a search prefilled with the words of the address; without JavaScript the page still links the home page and
the catalog. Also the page lists themselves (redsite.not_found) and axe-core on the filled 404 pages."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from redsite import not_found
from redsite.model import load_model
from redsite.render import t
from site_audit import WCAG_TAGS, axe_script

MODEL = load_model()
DEFAULT = MODEL.default_language.code
LANGS = list(MODEL.codes)
BASE = "/red-knowledge/"

# (asked, what kind of mistake, the page expected first, the language of the 404 page)
MISSPELLINGS = [
    ("methods/seminar/", "singular for plural", "methods/seminars/", "en"),
    ("methods/forum-bulding/", "a typo", "methods/forum-building/", "en"),
    ("methods/forum-building.html", "an old address (a file, not a folder)", "methods/forum-building/", "en"),
    ("se/methods/seminars/", "a wrong language prefix", "methods/seminars/", "en"),
    ("sv/methods/study-visit/", "singular for plural", "sv/methods/study-visits/", "sv"),
    ("sv/metods/bilateral-meetings/", "a typo in the folder", "sv/methods/bilateral-meetings/", "sv"),
    ("sv/en/methods/seminars/", "a wrong language prefix inside the language", "sv/methods/seminars/", "sv"),
    ("sv/methods/forum-building/index.htm", "an old address (index.htm)", "sv/methods/forum-building/", "sv"),
    ("ru/methods/semnars/", "a typo", "ru/methods/seminars/", "ru"),
    ("ru/workshops/example-business-meeting-preparations/", "plural for singular",
     "ru/workshops/example-business-meeting-preparation/", "ru"),
    ("ru/study-visits/example-forum-building.html", "an old address (a file, not a folder)",
     "ru/study-visits/example-forum-building/", "ru"),
]


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


# --- The page lists --------------------------------------------------------------------------------

def page_lists(site: Path) -> dict[str, dict[str, str]]:
    found = {}
    for lang in LANGS:
        data = json.loads((site / not_found.list_path(lang, MODEL)).read_text(encoding="utf-8"))
        found[lang] = {entry["path"]: entry["title"] for entry in data["pages"]}
    return found


def test_each_language_lists_every_page_it_built_with_its_title(built_site):
    site = built_site.site
    lists = page_lists(site)
    for lang in LANGS:
        root = site / prefix(lang)
        expected = sorted(
            "".join(f"{part}/" for part in index.relative_to(root).parts[:-1])
            for index in root.rglob("index.html")
            if not (lang == DEFAULT and index.relative_to(root).parts[0] in set(LANGS) | not_found.NOT_PAGES))
        assert sorted(lists[lang]) == expected and len(expected) > 30, lang
        site_name = MODEL.language(lang).site_name
        for path, title in lists[lang].items():  # the page's <title> without the site's name
            head = (root / path / "index.html").read_text(encoding="utf-8")[:4000]
            shown = unescape(re.search(r"<title>(.*?)</title>", head, re.S)[1])
            assert shown == (site_name if title == site_name else f"{title} - {site_name}"), (lang, path)
        assert lists[lang][""] == MODEL.language(lang).site_name


def test_the_page_lists_are_the_same_bytes_for_the_same_pages(tmp_path):
    (tmp_path / "b").mkdir(parents=True)
    (tmp_path / "a").mkdir()
    for name, title in (("b", "Bé &amp; <x>"), ("a", "A")):
        (tmp_path / name / "index.html").write_text(f"<title>{title} - RED knowledge site</title>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<title>RED knowledge site</title>", encoding="utf-8")
    pages = not_found.built_pages(tmp_path, "en", MODEL)
    assert pages == {"": "RED knowledge site", "a/": "A", "b/": "Bé & <x>"}
    data = not_found.page_list(pages)
    assert data == not_found.page_list(dict(reversed(list(pages.items()))))
    assert json.loads(data)["pages"][0] == {"path": "", "title": "RED knowledge site"}


# --- In the browser -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(served_site):
    return served_site


SUGGESTED = "els => els.map(e => [e.pathname, e.textContent])"


@pytest.mark.parametrize("asked, mistake, expected, lang", MISSPELLINGS, ids=[case[0] for case in MISSPELLINGS])
def test_a_misspelt_address_offers_the_closest_pages_and_a_search_for_its_words(site, browser, built_site, asked,
                                                                                mistake, expected, lang):
    page = browser.new_page()
    response = page.goto(site + asked, wait_until="networkidle")
    assert response.status == 404
    assert page.url == site + asked  # the address asked for stays in the address bar
    assert page.eval_on_selector("html", "e => e.lang") == lang
    box = page.locator("[data-red-not-found-suggestions]")
    box.locator("li").first.wait_for()
    assert box.is_visible()
    assert box.locator("h2").text_content() == t("not_found_suggestions", lang)
    suggested = page.eval_on_selector_all("[data-red-not-found-suggestions] li a", SUGGESTED)
    assert suggested[0][0] == BASE + expected, (mistake, suggested)
    titles = page_lists(built_site.site)[lang]
    for path, title in suggested:  # every suggestion is a page of the language, named by its title
        assert path.startswith(BASE + prefix(lang))
        assert titles[path[len(BASE + prefix(lang)):]] == title
    assert len(suggested) <= 5
    words = re.sub(r"(/index)?\.html?$", "", asked).rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
    assert page.input_value("[data-red-not-found-query]") == words
    assert page.locator("label[for=red-not-found-query]").text_content() == t("not_found_search_label", lang)
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_search_opens_in_the_path_s_language_with_the_words_typed(site, browser, lang):
    page = browser.new_page()
    page.goto(f"{site}{prefix(lang)}methods/seminar/", wait_until="networkidle")
    page.locator("[data-red-not-found-query]").press("Enter")  # the form's submission opens the search too
    field = page.locator("pagefind-modal dialog[open] pagefind-input input")
    field.wait_for()
    page.wait_for_function("() => document.querySelector('pagefind-modal dialog[open] pagefind-input input')"
                           ".value === 'seminar'")
    results = page.locator("pagefind-modal pagefind-results a")
    results.first.wait_for(timeout=15000)
    paths = page.eval_on_selector_all("pagefind-modal pagefind-results a", "els => els.map(e => e.pathname)")
    assert paths and all(path.startswith(BASE + prefix(lang)) for path in paths), paths
    if lang != DEFAULT:
        assert not any(path.startswith(BASE + "methods/") for path in paths)  # the language's own pages only
    page.close()


def test_nothing_close_offers_no_list_but_the_search_and_the_links(site, browser):
    page = browser.new_page()
    page.goto(f"{site}sv/qqqqqqqqqqqqqqqq/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert page.locator("[data-red-not-found-suggestions]").is_hidden()
    assert page.input_value("[data-red-not-found-query]") == "qqqqqqqqqqqqqqqq"
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_404_links_the_home_page_and_the_catalog(site, browser, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    response = page.goto(f"{site}{prefix(lang)}methods/seminar/")
    assert response.status == 404
    # the root 404.html answers every path: each language's message with its two links
    for code in LANGS:
        message = page.locator(f'.red-not-found__message[data-red-language="{code}"]')
        assert message.is_visible()
        links = message.locator("a")
        assert links.nth(0).get_attribute("href").rstrip("/").endswith(f"/red-knowledge/{prefix(code)}".rstrip("/"))
        assert links.nth(1).get_attribute("href").endswith(f"/red-knowledge/{prefix(code)}methods/")
        assert links.nth(1).text_content() == t("not_found_catalog", code)
    assert page.locator("[data-red-not-found-suggestions]").is_hidden()
    assert page.locator("[data-red-not-found-search]").is_hidden()
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_filled_404_page_has_no_axe_violations(site, browser, lang):
    context = browser.new_context()
    context.add_init_script(axe_script())
    page = context.new_page()
    page.goto(f"{site}{prefix(lang)}methods/seminar/", wait_until="networkidle")
    page.locator("[data-red-not-found-suggestions] li").first.wait_for()
    result = page.evaluate("async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
                           " resultTypes: ['violations']})).violations.map(v => [v.id, v.nodes.map(n => n.target)])",
                           WCAG_TAGS)
    assert result == []
    context.close()
