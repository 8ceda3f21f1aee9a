"""A catalog a reader can share, in a real browser (Debian's Chromium) on the GitHub-Pages-like server, in every
language: the chosen filters live in the address, so reload, Back and a copied link show the same selection,
and the selects always agree with the list; a region finds the pages of the region it lies in; an address
written by someone else cannot inject anything; without JavaScript the whole list shows."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from redsite import render
from redsite.model import load_model

MODEL = load_model()
DEFAULT = MODEL.default_language.code
FOLDER = MODEL.content_types["method"].folder

ITEMS = """() => [...document.querySelectorAll('.red-catalog__item')].map(item => ({
    shown: !item.hidden && item.offsetParent !== null, href: item.querySelector('a').href,
    themes: item.dataset.themes.split(' '), regions: item.dataset.regions.split(' '),
    tags: [...item.querySelectorAll('.red-catalog__tags li')].map(li => li.textContent)}))"""
SELECTS = """() => Object.fromEntries([...document.querySelectorAll('select[data-red-filter-field]')]
    .map(select => [select.dataset.redFilterField, select.value]))"""


def catalog_url(site: str, lang: str) -> str:
    return f"{site}{'' if lang == DEFAULT else lang + '/'}{FOLDER}/"


def state(page) -> dict:
    items = page.evaluate(ITEMS)
    return {"query": parse_qs(urlsplit(page.url).query), "selects": page.evaluate(SELECTS),
            "shown": [item["href"] for item in items if item["shown"]],
            "status": page.text_content("form[data-red-filter] [role='status']")}


@pytest.mark.parametrize("lang", MODEL.codes)
def test_the_chosen_filters_live_in_the_address_through_reload_back_and_a_shared_link(served_site, browser, lang):
    page = browser.new_page()
    page.goto(catalog_url(served_site, lang), wait_until="networkidle")
    page.wait_for_selector("form[data-red-filter]", state="visible")
    items = page.evaluate(ITEMS)
    total = len(items)
    assert all(item["shown"] for item in items) and state(page)["status"] == "" and state(page)["query"] == {}
    theme = "cross-border-cooperation"
    page.select_option("[data-red-filter-field='themes']", theme)
    page.select_option("[data-red-filter-field='regions']", "blekinge")
    chosen = state(page)
    expected = [item["href"] for item in items if theme in item["themes"] and "blekinge" in item["regions"]]
    assert chosen["query"] == {"themes": [theme], "regions": ["blekinge"]}
    assert chosen["shown"] == expected and 0 < len(expected) < total
    count = render.count_template("method", total, lang)
    assert chosen["status"] == count.format(shown=len(expected), total=total)
    # Blekinge lies in South Sweden: pages tagged South Sweden only are listed too (RED's own methods)
    south_sweden = MODEL.label("regions", "south-sweden", lang)
    blekinge = MODEL.label("regions", "blekinge", lang)
    only_south_sweden = [item["href"] for item in items
                         if south_sweden in item["tags"] and blekinge not in item["tags"]]
    assert set(only_south_sweden) & set(expected)

    page.reload(wait_until="networkidle")
    assert state(page) == chosen
    page.click(".red-catalog__item:not([hidden]) a")
    page.wait_for_url(chosen["shown"][0])  # the first method listed
    page.go_back(wait_until="networkidle")
    assert state(page) == chosen  # the selects agree with the list after Back

    shared = browser.new_context()
    other = shared.new_page()
    other.goto(page.url, wait_until="networkidle")
    assert state(other) == chosen
    more = "document.querySelector('[data-red-filter-more]').open"
    assert other.evaluate(more) is False
    other.goto(catalog_url(served_site, lang) + "?work-package=a", wait_until="networkidle")
    assert other.evaluate(more) is True and state(other)["selects"]["work-package"] == "a"
    shared.close()

    page.click("form[data-red-filter] button[type='reset']")
    page.wait_for_function("() => !location.search")
    reset = state(page)
    assert reset["query"] == {} and len(reset["shown"]) == total
    assert reset["status"] == count.format(shown=total, total=total)
    page.close()


# An address written by someone else: markup, another vocabulary's key, a key in other case, prototype names,
# control characters, a long value, a repeated name, a parameter of its own. Only what the catalog offers is
# selected; the rest leaves the address; nothing runs, nothing is added to the page.
HOSTILE_QUERY = "&".join([
    "themes=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "themes=environment",  # the first value counts
    "regions=blekinge%22%5D%2C%20*%5Bdata-regions", "regions=__proto__",
    "work-package=A", "work-package=constructor", "origin=red", "origin=lead-partner",
    "themes%00=environment", "regions%0A=kaliningrad", "x=" + "a" * 5000, "utm_source=mail",
])


@pytest.mark.parametrize("lang", MODEL.codes)
def test_an_address_from_elsewhere_selects_only_what_the_catalog_offers(served_site, browser, lang):
    page = browser.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(catalog_url(served_site, lang) + "?" + HOSTILE_QUERY + "#red-title", wait_until="networkidle")
    page.wait_for_selector("form[data-red-filter]", state="visible")
    after = state(page)
    injected = page.evaluate("() => document.querySelectorAll('[onerror], [onload], form[data-red-filter] img').length")
    total = len(page.evaluate(ITEMS))
    page.close()
    assert dialogs == [] and errors == [] and injected == 0
    assert after["selects"] == {"themes": "", "regions": "", "origin": "red", "work-package": ""}
    assert after["query"] == {"origin": ["red"], "themes\x00": ["environment"], "regions\n": ["kaliningrad"],
                              "x": ["a" * 5000], "utm_source": ["mail"]}  # unknown values dropped, the rest kept
    assert 0 < len(after["shown"]) < total
    assert after["status"] == render.count_template("method", total, lang).format(shown=len(after["shown"]),
                                                                                  total=total)


@pytest.mark.parametrize("lang", MODEL.codes)
def test_without_javascript_every_catalog_lists_everything(served_site, browser, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for content_type in MODEL.content_types.values():
        page.goto(f"{served_site}{'' if lang == DEFAULT else lang + '/'}{content_type.folder}/?themes=environment")
        items = page.locator(".red-catalog__item")
        assert items.count() >= 1 and page.locator(".red-catalog__item:visible").count() == items.count()
        assert not page.is_visible("form[data-red-filter]")
    context.close()
