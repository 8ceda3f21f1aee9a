"""What the site search ranks first, in a real browser (Debian's Chromium), in each language: the search the
dialog runs (search.js with the language's options and search-words.js around Pagefind), queried through
Pagefind's JS API on one page per language, which is much faster than typing each query.

- every page's title finds that page first (pages that share the title aside);
- queries a reader would type find the page that answers them first, or among the first three;
- a complete word matches itself only (in any inflection): never a longer word it begins, never a word
  that differs in å, ä or ö (Swedish), never a shorter word that begins it;
- while the last word is typed, the words it begins are found;
- methods rank above invented examples and pages about the site;
- no page is listed twice.
The dialog itself (no repeated title in a result, visible highlighting) is tested at the end.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

import pytest
import snowballstemmer

from redsite import search_index, search_relevance
from redsite.model import load_model
from redsite.pages import typed_pages

MODEL = load_model()
DEFAULT = MODEL.default_language.code

# (query, the page that answers it, it must be among the first n results)
READER_QUERIES = {
    "en": [
        ("twin towns", "methods/twin-city-region/", 1),
        ("guarantee", "methods/sme-coaching-and-guarantee-fund/", 1),
        ("Brussels", "methods/regional-eu-office/", 1),
        ("procurement", "methods/innovation-friendly-procurement/", 1),
        ("youth council", "methods/youth-participation/", 1),
        ("Helsinki", "methods/twin-city-region/", 3),
        ("Europe Direct", "methods/europe-direct-information-service/", 1),
        ("Kaliningrad Region", "context/kaliningrad/", 1),
        ("matchmaking", "methods/business-matchmaking/", 1),
        ("lobbying", "methods/regional-eu-office/", 1),
        ("cookies", "privacy/", 1),
        ("Blekinge strategy", "context/blekinge-strategy/", 1),
        ("descriptions of good practice", "methods/", 1),
        ("sister-cities", "methods/twin-city-region/", 1),  # hyphenated, the keyword is two words
    ],
    "sv": [
        ("vänstäder", "methods/twin-city-region/", 1),
        ("lånegaranti", "methods/sme-coaching-and-guarantee-fund/", 1),
        ("Bryssel", "methods/regional-eu-office/", 1),
        ("offentlig upphandling", "methods/innovation-friendly-procurement/", 1),
        ("ungdomsrådet", "methods/youth-participation/", 1),
        ("Helsingfors", "methods/twin-city-region/", 3),
        ("Europa Direkt", "methods/europe-direct-information-service/", 1),
        ("Kaliningradregionen", "context/kaliningrad/", 1),
        ("företagscoachning", "methods/sme-coaching-and-guarantee-fund/", 1),
        ("studieresa", "methods/study-visits/", 1),
        ("kakor", "privacy/", 1),
        ("Blekinges internationella strategi", "context/blekinge-strategy/", 1),
        ("beskrivningar av goda exempel", "methods/", 1),
        ("Direkt-kontoret Blekinge", "methods/europe-direct-information-service/", 3),  # the site: Direkt-kontor
        ("Helsingfors-Tallinn", "methods/twin-city-region/", 1),  # the site: Helsingfors och Tallinn
    ],
    "ru": [
        ("города-побратимы", "methods/twin-city-region/", 1),
        ("кредитные гарантии", "methods/sme-coaching-and-guarantee-fund/", 1),
        ("Брюссель", "methods/regional-eu-office/", 1),
        ("государственные закупки", "methods/innovation-friendly-procurement/", 1),
        ("молодежный совет", "methods/youth-participation/", 1),  # е typed for ё
        ("Хельсинки", "methods/twin-city-region/", 3),
        ("Europe Direct", "methods/europe-direct-information-service/", 1),
        ("воркшоп", "methods/thematic-workshops/", 1),
        ("cookie", "privacy/", 1),
        ("описания успешных практик", "methods/", 1),  # the catalog's introduction, word for word
        ("отчёты о рабочих семинарах", "workshops/", 1),
        ("занятия в небольшом составе", "workshops/", 1),
        ("город-побратим", "methods/twin-city-region/", 1),  # the site: города-побратимы, joined and apart
    ],
}
# Complete words: every page found holds the word itself. "EU" begins "Europe", "län" (county) begins
# "länder" (countries), "ЕС" begins "если"; "ändra", "råd", "svår" fold to "andra", "rad", "svar".
WHOLE_WORDS = {
    "en": ["EU", "municipality", "region"],
    "sv": ["län", "år", "ändra", "råd", "svår", "andra"],
    "ru": ["ЕС", "муниципалитеты", "регион"],
}
TYPED = {  # (the beginning of a word, as typed so far, a page it must find among the first three)
    "en": [("matchm", "methods/business-matchmaking/")],
    "sv": [("upphandl", "methods/innovation-friendly-procurement/")],
    "ru": [("Брюсс", "methods/regional-eu-office/")],
}
# Words no page holds, though a short word of the site begins them ("in", "om", "по"): no result.
NOWHERE = {"en": ["inconceivable"], "sv": ["ombudsmannen"], "ru": ["подоходный"]}
COMMON = {"en": "municipality", "sv": "kommuner", "ru": "муниципалитеты"}  # on methods and examples alike

SEARCH = """async (queries) => {
    const instance = window.PagefindComponents.getInstanceManager().getInstance('default');
    await instance.triggerLoad();
    const out = [];
    for (const query of queries) {
        const found = await instance.__pagefind__.search(query);
        out.push(await Promise.all(found.results.map(async r => (await r.data()).url)));
    }
    return out;
}"""


def fold(word: str, lang: str) -> str:
    """A word as the language's search compares it: Swedish keeps å, ä, ö; the others drop marks (ё is е)."""
    word = word.lower()
    if lang in MODEL.search["exact_diacritics"]:
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


STEMMERS = {"en": "english", "sv": "swedish", "ru": "russian"}


def page_words(fragment: dict, lang: str) -> set[str]:
    """The stems of a page's words as Pagefind indexes them: its text and its keywords, hyphenated words
    also whole."""
    text = fragment["content"] + " " + fragment["meta"].get(search_relevance.KEYWORDS_META, "")
    words = re.findall(r"\w+", text.lower()) + [w.replace("-", "") for w in re.findall(r"\w+(?:-\w+)+", text.lower())]
    stemmer = snowballstemmer.stemmer(STEMMERS[lang])
    return {fold(stem, lang) for stem in stemmer.stemWords(words)}


@pytest.fixture(scope="module")
def fragments(built_site):
    return search_index.read_fragments(built_site.site / search_index.BUNDLE_DIR)


def site_relative(url: str, site_path: str) -> str:
    """A result's URL (Pagefind's, under the site's path) from the root of the site."""
    return "/" + url.removeprefix(site_path)


@pytest.mark.parametrize("lang", MODEL.codes)
def test_the_search_ranks_what_a_reader_means(served_site, browser, fragments, lang):
    pages = {fragment["url"]: fragment for fragment in fragments[lang]}
    prefix = "/" if lang == DEFAULT else f"/{lang}/"
    titles = sorted({fragment["meta"]["title"] for fragment in pages.values()})
    queries = [*titles, *(q for q, _, _ in READER_QUERIES[lang]), *WHOLE_WORDS[lang],
               *(q for q, _ in TYPED[lang]), *NOWHERE[lang], COMMON[lang]]
    page = browser.new_page()
    page.goto(served_site if lang == DEFAULT else f"{served_site}{lang}/", wait_until="networkidle")
    page.click("header [data-red-search-open]")
    page.wait_for_selector("pagefind-modal dialog[open] input[type=search]")
    site_path = urlsplit(served_site).path
    results = page.evaluate(SEARCH, queries)
    found = dict(zip(queries, ([site_relative(url, site_path) for url in urls] for urls in results), strict=True))
    as_typed = page.evaluate("titles => titles.map(t => window.RedSearchWords.queryWords(t).join(' '))", titles)
    page.close()

    assert as_typed == [search_relevance.title_key(title) for title in titles]  # the title filter's key
    assert all(len(urls) == len(set(urls)) for urls in found.values())  # no page twice
    not_first = {title: found[title][:3] for title in titles
                 if not found[title] or pages[found[title][0]]["meta"]["title"] != title}
    assert not not_first, not_first
    missed = {query: found[query][:5] for query, rel, within in READER_QUERIES[lang]
              if prefix + rel not in found[query][:within]}
    assert not missed, missed
    for word in WHOLE_WORDS[lang]:
        stem = fold(snowballstemmer.stemmer(STEMMERS[lang]).stemWord(word.lower()), lang)
        assert found[word], word
        without = [url for url in found[word] if stem not in page_words(pages[url], lang)]
        assert not without, (word, without)
    for typed, rel in TYPED[lang]:
        assert prefix + rel in found[typed][:3], (typed, found[typed][:5])
    for word in NOWHERE[lang]:
        assert found[word] == [], (word, found[word][:5])
    examples = {prefix + page_file.rel.removesuffix(".md") + "/" for type_name in MODEL.content_types
                for page_file, parsed in typed_pages(type_name, lang) if parsed.meta.get("example") is True}
    assert examples
    about_the_site = {prefix + rel.removesuffix(".md") + "/" for rel in MODEL.search["ranked_last"]}
    first_five = found[COMMON[lang]][:5]
    assert len(first_five) == 5 and not set(first_five) & (examples | about_the_site), first_five
