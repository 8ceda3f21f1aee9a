"""The site search in a real browser (Debian's Chromium): recall in each language, nothing loaded before
the reader searches, filters, keyboard, screen-reader announcements, the 404 page, a strict CSP, axe.

The queries are inflected, plural, definite and multi-word forms a reader would type; each names the
page (or pages) that must be among the first five results.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser_fixtures import axe_violations
from ghpages_server import BASE as SITE_PATH
from redsite import search_index
from redsite.model import load_model
from redsite.pages import typed_pages
from redsite.render import t

MODEL = load_model()
DEFAULT = MODEL.default_language.code
CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"

RECALL = {
    "en": [
        ("guarantee funds", ["methods/sme-coaching-and-guarantee-fund/"]),
        ("twin cities", ["methods/twin-city-region/"]),
        ("seminar", ["methods/seminars/"]),
        ("study visits", ["methods/study-visits/", "study-visits/"]),
        ("procurements", ["methods/innovation-friendly-procurement/"]),
        ("bilateral meeting", ["methods/bilateral-meetings/"]),
        ("office in Brussels", ["methods/regional-eu-office/"]),
        ("young people participating", ["methods/youth-participation/"]),
        ("work packages", ["about/"]),
        ("matchmaking companies", ["methods/business-matchmaking/"]),
        ("competing cities", ["methods/positive-competition-between-cities/"]),
        ("triple helix", ["methods/triple-helix-cooperation/"]),
    ],
    "sv": [
        ("garantifonden", ["methods/sme-coaching-and-guarantee-fund/"]),
        ("upphandlingen", ["methods/innovation-friendly-procurement/"]),
        ("seminariet", ["methods/seminars/"]),
        ("bilaterala mötena", ["methods/bilateral-meetings/"]),
        ("regionernas kontor i Bryssel", ["methods/regional-eu-office/"]),
        ("påverkansarbetet", ["methods/regional-eu-office/"]),
        ("ungdomarnas delaktighet", ["methods/youth-participation/"]),
        ("affärsmatchningen", ["methods/business-matchmaking/"]),
        ("positiv tävlan mellan städerna", ["methods/positive-competition-between-cities/"]),
        ("studiebesöken", ["methods/study-visits/", "study-visits/"]),
        ("arbetspaketen", ["about/"]),
        ("Europa Direkt-kontoret", ["methods/europe-direct-information-service/"]),
    ],
    "ru": [
        ("семинарах", ["methods/seminars/"]),
        ("ознакомительных визитов", ["methods/study-visits/", "study-visits/"]),
        ("гарантийного фонда", ["methods/sme-coaching-and-guarantee-fund/"]),
        ("парных городов", ["methods/twin-city-region/"]),
        ("государственных закупок", ["methods/innovation-friendly-procurement/"]),
        ("двусторонних встреч", ["methods/bilateral-meetings/"]),
        ("представительства в Брюсселе", ["methods/regional-eu-office/"]),
        ("участия молодёжи", ["methods/youth-participation/"]),
        ("рабочих пакетов", ["about/"]),
        ("подбора деловых партнёров", ["methods/business-matchmaking/"]),
        ("соревнования между городами", ["methods/positive-competition-between-cities/"]),
        ("тройной спирали", ["methods/triple-helix-cooperation/"]),
    ],
}


def language_root(served_site: str, lang: str) -> str:
    return served_site if lang == DEFAULT else f"{served_site}{lang}/"


def open_search(page, how: str = "click") -> None:
    if how == "click":
        page.click("header [data-red-search-open]")
    else:
        page.keyboard.press(how)
    page.wait_for_selector("pagefind-modal dialog[open] input[type=search]")


# The summary changes first; then each result shows a placeholder until its page's fragment has arrived,
# which happens when it scrolls into view: bring each of the first five there.
FIRST_FIVE_SHOWN = """(query) => {
    const summary = document.querySelector('pagefind-summary');
    const list = document.querySelector('pagefind-results ul');
    if (!summary || !summary.textContent.includes(query) || !list || list.getAttribute('aria-busy') !== 'false')
        return false;
    const results = [...list.querySelectorAll('.pf-result')].slice(0, 5);
    const waiting = results.filter(result => !result.querySelector('.pf-result-link'));
    waiting.forEach(result => result.scrollIntoView({block: 'nearest'}));
    return results.length ? !waiting.length : /\\b0\\b|no |inga |ничего/i.test(summary.textContent);
}"""


def top_results(page, query: str) -> list[str]:
    """The paths of the first five result pages for `query`, best first, once they are on screen."""
    page.wait_for_function(FIRST_FIVE_SHOWN, arg=query, timeout=15000)
    return page.eval_on_selector_all("pagefind-results .pf-result-link", "els => els.map(e => e.pathname)")[:5]


def search(page, query: str) -> list[str]:
    """Type `query` into the open search; its top five result pages."""
    page.fill("pagefind-modal input[type=search]", "")  # no result of an earlier query stays on screen
    page.wait_for_function("() => !document.querySelector('pagefind-results .pf-result')")
    page.fill("pagefind-modal input[type=search]", query)
    return top_results(page, query)


def in_language(path: str, lang: str) -> bool:
    rel = path.removeprefix(SITE_PATH)
    others = tuple(f"{code}/" for code in MODEL.codes if code != DEFAULT)
    return rel.startswith(f"{lang}/") if lang != DEFAULT else not rel.startswith(others)


@pytest.mark.parametrize("lang", MODEL.codes)
def test_inflected_queries_find_their_page_in_the_top_five_and_only_in_the_readers_language(served_site, browser, lang):
    page = browser.new_page()
    page.goto(language_root(served_site, lang))
    open_search(page)
    misses, foreign = {}, {}
    for query, expected in RECALL[lang]:
        results = search(page, query)
        prefix = SITE_PATH + ("" if lang == DEFAULT else f"{lang}/")
        if not {prefix + rel for rel in expected} & set(results[:5]):
            misses[query] = results[:5]
        elsewhere = [path for path in results if not in_language(path, lang)]
        if elsewhere:
            foreign[query] = elsewhere
    page.close()
    assert len(RECALL[lang]) >= 10
    assert not misses, misses
    assert not foreign, foreign


def test_nothing_is_fetched_for_search_before_the_reader_opens_it(served_site, browser):
    page = browser.new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    for path in ("", "sv/methods/seminars/", "ru/glossary/", "sv/404.html"):
        page.goto(served_site + path, wait_until="networkidle")
        for _ in range(6):
            page.keyboard.press("Tab")  # focus moves through the header, search button included
        page.mouse.wheel(0, 800)
        page.hover("header [data-red-search-open]")
        page.wait_for_timeout(300)
    assert not [url for url in fetched if "/pagefind/" in url], fetched
    open_search(page, "/")
    assert [url for url in fetched if "/pagefind/" in url]  # the UI now, the index on the first query
    before_query = len(fetched)
    search(page, "seminarier")
    assert any(url.endswith(".pf_fragment") for url in fetched[before_query:])
    assert not [url for url in fetched[before_query:] if "seminar" in url.lower()]  # the words typed stay here
    page.close()


FILTER_CASES = [  # (language, field, value, query): the query alone also finds pages without that value
    ("sv", "work_package", "b", "seminarier"),
    ("ru", "origin", "baltic-practice", "городов"),
]


@pytest.mark.parametrize(("lang", "field_name", "key", "query"), FILTER_CASES)
def test_a_query_can_be_narrowed_by_a_filter_in_the_readers_language(served_site, browser, lang, field_name, key,
                                                                      query):
    vocabulary = dict(search_index.vocabulary_fields(MODEL, "method"))[field_name]
    label = MODEL.label(vocabulary, key, lang)

    def has_value(meta) -> bool:
        value = meta.get(field_name)
        return key in (value if isinstance(value, list) else [value])

    matching = {f"{SITE_PATH}{lang}/{page_file.rel.removesuffix('.md')}/"
                for type_name in MODEL.content_types
                for page_file, parsed in typed_pages(type_name, lang) if has_value(parsed.meta)}
    page = browser.new_page()
    page.goto(language_root(served_site, lang))
    open_search(page)
    everything = search(page, query)
    assert not set(everything) <= matching  # the query alone also finds other pages
    unfiltered = page.text_content("pagefind-summary")
    page.click(f"pagefind-filter-dropdown[filter='{t(f'field_{field_name}', lang)}'] .pf-dropdown-trigger")
    page.click(f"pagefind-filter-dropdown .pf-dropdown-option[data-value='{label}']")
    page.wait_for_function("text => document.querySelector('pagefind-summary').textContent !== text", arg=unfiltered)
    narrowed = top_results(page, query)
    page.close()
    assert narrowed and set(narrowed) <= matching, narrowed


LOCALES = {"en": "en-GB", "sv": "sv-SE", "ru": "ru-RU"}
ALPHABETICAL = {  # (earlier, later) in the language's alphabet, which code-point order gets wrong or right by luck
    "en": [("themes", "environment", "eu-affairs")],
    "sv": [("themes", "knowledge-exchange", "eu-affairs"), ("regions", "south-sweden", "baltic-sea-region")],
    "ru": [("themes", "eu-affairs", "public-procurement")],
}


def dropdown_values(page) -> dict[str, list[str]]:
    """Each filter dropdown's values, in the order it lists them."""
    shown = {}
    for dropdown in page.query_selector_all("pagefind-filter-dropdown"):
        dropdown.eval_on_selector(".pf-dropdown-trigger", "trigger => trigger.click()")
        page.wait_for_function("d => d.querySelector('.pf-dropdown-option')", arg=dropdown)
        shown[dropdown.get_attribute("filter")] = dropdown.eval_on_selector_all(
            ".pf-dropdown-option", "options => options.map(option => option.dataset.value)")
        page.keyboard.press("Escape")
    return shown


@pytest.mark.parametrize(("lang", "locale"), [*LOCALES.items(), ("en", "ru-RU"), ("ru", "en-US")])
def test_filter_dropdowns_list_values_in_the_readers_alphabetical_order(served_site, browser, lang, locale):
    """Pagefind's default is code-point order ("EU affairs" before "Environment"); sort="alphabetical" sorts
    with the browser's collation, which is the reader's language's for a reader whose browser speaks it,
    and for English and Russian whatever the browser speaks."""
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(language_root(served_site, lang))
    open_search(page)
    search(page, {"en": "the", "sv": "och", "ru": "и"}[lang])  # a query most pages match: most values listed
    shown = dropdown_values(page)
    in_alphabet = {name: page.evaluate("([values, lang]) => [...values].sort(new Intl.Collator(lang).compare)",
                                       [values, lang]) for name, values in shown.items()}
    context.close()
    assert sorted(shown) == sorted(search_index.filter_names(lang, MODEL))
    assert all(len(values) >= 3 for values in shown.values()), shown
    assert shown == in_alphabet
    for field_name, earlier, later in ALPHABETICAL[lang]:
        values = shown[t(f"field_{field_name}", lang)]
        vocabulary = dict(search_index.vocabulary_fields(MODEL))[field_name]
        assert values.index(MODEL.label(vocabulary, earlier, lang)) < values.index(MODEL.label(vocabulary, later, lang))


@pytest.mark.parametrize("shortcut", ["/", "s", "f"])
def test_the_search_is_keyboard_operable_named_and_announces_results(served_site, browser, shortcut):
    lang = "ru"
    page = browser.new_page()
    page.add_init_script("""
        window.announced = [];
        new MutationObserver(() => document.querySelectorAll('[aria-live]').forEach(region => {
            if (region.textContent.trim()) window.announced.push(region.textContent.trim());
        })).observe(document, {subtree: true, childList: true, characterData: true});
    """)
    page.goto(f"{served_site}{lang}/about/")
    trigger = page.locator("header [data-red-search-open]")
    assert trigger.evaluate("e => e.textContent.trim()") == "Поиск"  # the accessible name, in Russian
    open_search(page, shortcut)
    assert page.evaluate("document.activeElement.type") == "search"
    page.keyboard.type("семинарах")
    first = top_results(page, "семинарах")[0]
    page.wait_for_function("() => window.announced.some(text => /семинарах/.test(text))")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == first)
    assert first.startswith(f"{SITE_PATH}{lang}/")
    page.go_back()
    open_search(page)
    page.keyboard.press("Escape")
    page.wait_for_selector("pagefind-modal dialog[open]", state="detached")
    assert page.evaluate("document.activeElement.hasAttribute('data-red-search-open')")
    page.close()


def test_the_404_page_offers_the_search_in_its_language(served_site, browser):
    page = browser.new_page()
    page.goto(f"{served_site}sv/404.html")
    offer = page.locator("main [data-red-search-open]")
    assert offer.text_content().strip() == t("search_this_site", "sv")
    offer.click()
    page.wait_for_selector("pagefind-modal dialog[open] input[type=search]")
    assert page.get_attribute("pagefind-modal input[type=search]", "placeholder") == "Sök"
    results = search(page, "studiebesöken")
    assert results and all(in_language(path, "sv") for path in results), results
    page.close()


@pytest.mark.parametrize("lang", MODEL.codes)
def test_a_query_that_finds_nothing_suggests_fewer_or_other_words_and_shows_the_query_as_text(served_site, browser,
                                                                                                lang):
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(language_root(served_site, lang))
    open_search(page)
    query = "<img src=x onerror=alert(1)> zzqx"
    page.fill("pagefind-modal input[type=search]", query + " ")
    expected = t("search_zero_results", lang).replace("[SEARCH_TERM]", query)
    page.wait_for_function("(text) => document.querySelector('pagefind-summary').textContent"
                           ".replace(/\\s+/g, ' ').includes(text)", arg=expected)
    injected = page.evaluate("() => document.querySelectorAll('pagefind-modal img, [onerror]').length")
    page.close()
    assert dialogs == [] and injected == 0


def test_search_works_under_the_sites_content_security_policy(served_site, browser):
    context = browser.new_context()
    context.add_init_script("""
        window.violations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.violations.push({directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile}));
    """)

    def with_csp(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": CSP})

    context.route(lambda url: url.endswith(("/", ".html")), with_csp)
    page = context.new_page()
    page.goto(f"{served_site}sv/about/", wait_until="networkidle")
    on_load = len(page.evaluate("window.violations"))
    open_search(page)
    results = search(page, "arbetspaketen")
    violations = page.evaluate("window.violations")[on_load:]
    icon = page.evaluate("getComputedStyle(document.body).getPropertyValue('--pf-icon-search')")
    context.close()
    assert results and all(in_language(path, "sv") for path in results), results  # wasm and worker ran
    # Opening the dialog re-renders Material's own data: icons (admonitions, nav), which such a CSP blocks
    # on every page anyway; Pagefind's data: icons are replaced by files of the site.
    assert "/assets/images/search-magnify.svg" in icon
    assert [v for v in violations if (v["directive"], v["blocked"]) != ("img-src", "data")] == []


# The contrast of each highlighted word's text on its own background (WCAG 2.1, 1.4.3), from computed colours.
MARK_CONTRAST = """() => [...document.querySelectorAll('pagefind-results mark')].map(mark => {
    const rgb = value => value.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const luminance = ([r, g, b]) => [r, g, b].map(c => c / 255)
        .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
    const style = getComputedStyle(mark);
    const alpha = (style.backgroundColor.match(/[\\d.]+/g)[3] ?? '1');
    const [a, b] = [luminance(rgb(style.color)), luminance(rgb(style.backgroundColor))].sort((x, y) => y - x);
    return {contrast: (a + 0.05) / (b + 0.05), opaque: Number(alpha) === 1, text: mark.textContent};
})"""

# Each result on screen: its page link and title, and its sub-results' links and titles.
RESULT_LINKS = """() => [...document.querySelectorAll('pagefind-results .pf-result')]
    .filter(result => result.querySelector('.pf-result-link')).map(result => ({
    page: [result.querySelector('.pf-result-link').href, result.querySelector('.pf-result-link').textContent.trim()],
    subs: [...result.querySelectorAll('.pf-heading-link')].map(a => [a.href, a.textContent.trim()]),
}))"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_search_with_results_has_no_wcag_violations(served_site, browser, scheme):
    """Also: the matched words are marked with a contrast of 7:1 or more (AA asks 4.5:1), and no result repeats its page
    (Pagefind's first sub-result was the page's own title heading, with the page's title)."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{served_site}sv/")
    open_search(page)
    search(page, "seminarier")
    page.wait_for_function("() => document.querySelectorAll('pagefind-results mark').length >= 3")
    marks = page.evaluate(MARK_CONTRAST)
    results = page.evaluate(RESULT_LINKS)
    page.click("pagefind-filter-dropdown .pf-dropdown-trigger")
    violations = axe_violations(page)
    context.close()
    assert not violations, violations
    assert marks and all(mark["opaque"] and mark["contrast"] >= 7 for mark in marks), marks  # README: 7:1
    links = [result["page"][0] for result in results] + [href for result in results for href, _ in result["subs"]]
    assert len(links) == len(set(links)), links
    assert sum(bool(result["subs"]) for result in results) >= 3, results  # method pages: sections that match
    for result in results:
        assert all(title != result["page"][1] and "#red-title" not in href for href, title in result["subs"]), result


def test_without_javascript_the_search_is_hidden_and_the_menu_leads_to_the_catalogs(served_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in ("sv/", "ru/404.html"):
        page.goto(served_site + path)
        assert page.locator("[data-red-search-open]").count() >= 1
        assert not page.locator("[data-red-search-open]").first.is_visible()
        assert not page.locator("[data-red-search-open]").last.is_visible()
        assert page.locator(".md-nav a[href*='methods/']").first.is_visible()
    context.close()
