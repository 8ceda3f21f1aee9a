"""What a page weighs in the site search and the words it is found by (redsite.search_relevance), the
`keywords` field in the validator, and the real build's index. How queries rank in a browser is
tests/test_search_browser.py."""

from __future__ import annotations

import re

import pytest

from redsite import render, search_index, search_relevance
from redsite.frontmatter import parse_page, validate_page
from redsite.model import REPO_ROOT, load_model
from redsite.pages import list_pages, typed_pages

MODEL = load_model()
DEFAULT = MODEL.default_language.code
METHOD = {"type": "method", "title": "T", "example": False}


def test_pages_about_the_site_are_left_out_or_ranked_last_and_examples_below_methods():
    assert search_relevance.page_weight("style-guide.md", {}, MODEL) is None
    assert search_relevance.page_weight("translation-status.md", {}, MODEL) is None
    assert search_relevance.page_weight("privacy.md", {}, MODEL) == search_relevance.RANKED_LAST_WEIGHT
    assert search_relevance.page_weight("methods/x.md", {**METHOD, "example": True}, MODEL) == \
        search_relevance.EXAMPLE_WEIGHT
    assert search_relevance.page_weight("methods/x.md", METHOD, MODEL) == 1.0
    assert 0 < search_relevance.RANKED_LAST_WEIGHT < search_relevance.EXAMPLE_WEIGHT < 1


def test_every_page_the_search_section_names_exists_in_every_language():
    named = [*MODEL.search["not_indexed"], *MODEL.search["ranked_last"]]
    for lang in MODEL.codes:
        assert set(named) <= {page.rel for page in list_pages(lang)}, lang
    assert set(MODEL.search["exact_diacritics"]) <= set(MODEL.codes)


def test_the_introduction_is_weighted_and_nothing_else_before_the_first_section():
    html = ('<h1 id="red-title">T</h1><p class="red-origin">Origin</p><section class="red-facts"><dl><dt>A</dt>'
            '<dd><p>nested</p></dd></dl></section><p>First.</p><div class="admonition"><p>Note.</p></div>'
            '<p>Second.</p><h2 id="a">A</h2><p>Body.</p>')
    weighed = search_relevance.weigh_article(html, 1.0)
    assert re.findall(r'<p data-pagefind-weight="3">([^<]*)', weighed) == ["First.", "Second."]
    assert '<h1 id="red-title">T</h1>' in weighed and "<p>nested</p>" in weighed and "<p>Note.</p>" in weighed
    assert '<section class="red-facts" data-pagefind-weight="0.3">' in weighed
    assert weighed.endswith('<h2 id="a">A</h2><p>Body.</p>')


def test_a_page_that_weighs_less_scales_its_headings_and_introduction_but_not_catalog_entries():
    html = ('<h1 id="red-title">T</h1><p>Intro.</p><ul class="red-catalog" id="c" data-red-catalog><li>'
            '<h2 class="red-catalog__title">M</h2></li></ul><h2 id="a">A</h2><h3 id="b">B</h3>')
    weighed = search_relevance.weigh_article(html, 0.5)
    assert '<h1 id="red-title">' in weighed  # the title weighs as the page (and is the skip link's target)
    assert '<p data-pagefind-weight="1.5">Intro.</p>' in weighed
    assert '<ul class="red-catalog" data-pagefind-weight="0.15" id="c" data-red-catalog>' in weighed
    assert '<h2 class="red-catalog__title">M</h2>' in weighed  # the catalog's weight, not a heading's
    assert '<h2 id="a" data-pagefind-weight="3">' in weighed and '<h3 id="b" data-pagefind-weight="2.5">' in weighed


def test_a_page_weighing_less_is_wrapped_in_its_weight_and_a_left_out_page_is_not_marked():
    example = search_index.mark_for_search("<h1>T</h1><p>x</p>", {**METHOD, "example": True}, "en", MODEL,
                                           fallback=False, rel="methods/x.md", title="T")
    assert example.startswith('<div data-pagefind-body><div data-pagefind-weight="0.2"><h1>T</h1>')
    content = "<h1>Style guide</h1><p>Rules</p>"
    assert search_index.mark_for_search(content, {}, "sv", MODEL, fallback=False, rel="style-guide.md") == content


def test_keywords_and_the_exact_title_are_indexed_hidden_and_escaped():
    html = search_index.mark_for_search(
        "<h1>T</h1>", {**METHOD, "keywords": ["vänort", '"><script>x</script>', 'data-pagefind-meta="title:x"']},
        "sv", MODEL, fallback=False, rel="methods/x.md", title="Studiebesök – att lära: på plats!")
    hidden = html[html.index("<div hidden data-pagefind-ignore>"):]
    assert '<span data-pagefind-meta="keywords">vänort, &#34;&gt;&lt;script&gt;x&lt;/script&gt;, ' \
           'data-pagefind-meta=&#34;title:x&#34;</span>' in hidden
    assert '<span data-pagefind-filter="red-exact-title">studiebesök att lära på plats</span>' in hidden
    assert "<script>" not in html


def test_the_title_key_is_the_title_as_a_query_reads_it():
    assert search_relevance.title_key("Example: How a local forum brings (all) actors together") == \
        "example how a local forum brings all actors together"
    assert search_relevance.title_key("Region Blekinge’s international strategy 2010–2013") == \
        "region blekinges international strategy 20102013"  # as Pagefind drops the dash from a query
    assert search_relevance.title_key("Приграничный  регион\u00a0парных городов") == \
        "приграничный регион парных городов"


def test_a_page_is_found_by_its_keywords_and_the_glossarys_other_wordings_of_its_terms():
    path = "docs_sv/methods/sme-coaching-and-guarantee-fund.md"
    page = parse_page(path, (REPO_ROOT / path).read_text(encoding="utf-8"), "sv")
    words = search_relevance.search_keywords(page.meta, page.body, "sv", MODEL)
    assert words[:len(page.meta["keywords"])] == page.meta["keywords"]
    # the glossary's coaching is "coachning", variant "företagscoachning": the page uses the one, is found by the other
    assert "coachning" in page.body and "företagscoachning" not in page.body
    assert "företagscoachning" in words and "coachning" not in words
    assert search_relevance.search_keywords({"keywords": "vänort"}, "", "sv", MODEL) == []  # not a list: the
    # validator reports it; the build indexes nothing from it
    assert search_relevance.search_keywords({}, "Ingen term här.", "sv", MODEL) == []


def test_swedish_is_searched_with_exact_diacritics_and_the_others_fold_them():
    options = {lang: search_relevance.browser_options(lang, MODEL) for lang in MODEL.codes}
    assert options["sv"]["exactDiacritics"] is True
    assert options["ru"]["exactDiacritics"] is False and options["en"]["exactDiacritics"] is False
    assert options["sv"]["ranking"]["metaWeights"][search_relevance.KEYWORDS_META] > 1
    assert options["en"]["titleAnchor"] == render.TITLE_ID


def _problems(keywords_line: str, lang: str = DEFAULT) -> list[str]:
    """The validator's report on the seminars method in `lang` with its keywords line replaced."""
    path = f"{MODEL.language(lang).tree}/methods/seminars.md"
    source = (REPO_ROOT / path).read_text(encoding="utf-8")
    assert re.search(r"\nkeywords: .*", source), path
    text = re.sub(r"\nkeywords: .*", lambda _: "\n" + keywords_line, source, count=1)
    page = parse_page(path, text, lang)
    return [problem.render() for problem in validate_page(page, lang, MODEL, folder_type="method")]


# Hostile and mistaken keywords, each in every language: the validator names the field and its line.
LONG_WORD = {"en": "cooperation" * 6, "sv": "samarbete" * 7, "ru": "сотрудничество" * 5}


@pytest.mark.parametrize("lang", MODEL.codes)
@pytest.mark.parametrize(("line", "expected"), [
    ("keywords: [" + ", ".join(f"w{i}" for i in range(13)) + "]", "has 13 items; at most 12"),
    ("keywords: [one two three four five]", "longer than 4 words"),
    ("keywords: [{long}]", "characters; at most 60"),
    ("keywords: conference", "must be a list"),
    ("keywords: ['<b>conference</b>']", "contains HTML markup"),
    ("keywords: ['\"><img src=x onerror=alert(1)>']", "contains HTML markup"),
    ("keywords: ['']", "must be non-empty text"),
    ("keywords: [{{a: b}}]", "must be non-empty text"),
    ('keywords: ["vän\\x07ort"]', "U+0007"),
    ('keywords: ["vän\\u200bort"]', "U+200B (ZERO WIDTH SPACE)"),
    ('keywords: ["\\u202eтроп"]', "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ('keywords: ["a\\u2028b"]', "U+2028"),
])
def test_the_validator_refuses_keywords_that_are_not_a_short_list_of_words(line, expected, lang):
    problems = _problems(line.format(long=LONG_WORD[lang]), lang)
    assert any(expected in problem and "keywords" in problem and ":11" in problem for problem in problems), problems
    assert all(len(problem) < 2000 for problem in problems)  # a long item is quoted cut, not whole


@pytest.mark.parametrize("lang", MODEL.codes)
def test_words_that_only_look_like_markup_or_attributes_are_plain_keywords_escaped_in_the_index(lang):
    """What the validator lets through (quotes, ampersands, attribute-like text) reaches the index as text:
    it cannot add an attribute, a Pagefind filter or meta field, or close the hidden block."""
    keywords = ['data-pagefind-meta="title:x"', "a & b", "x' data-pagefind-filter='y", "</span></div>"]
    accepted = _problems(f"keywords: {keywords[:3]!r}", lang)
    assert not any("keywords" in problem for problem in accepted), accepted
    html = search_index.mark_for_search("<h1>T</h1>", {**METHOD, "keywords": keywords}, lang, MODEL, fallback=False,
                                        rel="methods/x.md", title="T")
    elements = _elements(html)
    meta = [(attrs, text) for tag, attrs, text in elements if "data-pagefind-meta" in attrs]
    assert meta == [({"data-pagefind-meta": search_relevance.KEYWORDS_META}, ", ".join(keywords))]
    filters = {attrs["data-pagefind-filter"] for _, attrs, _ in elements if "data-pagefind-filter" in attrs}
    assert filters == {name for name, _ in search_index.page_filters(METHOD, lang, MODEL)} | {
        search_relevance.TITLE_FILTER}
    assert [tag for tag, _, _ in elements] == ["div", "h1", "div", *["span"] * (len(filters) + 1)]


def _elements(html: str) -> list[tuple[str, dict, str]]:
    """Each element as a browser reads it: tag, attributes and its own text."""
    from html.parser import HTMLParser

    found: list[list] = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append([tag, dict(attrs), ""])

        def handle_data(self, data):
            if found:
                found[-1][2] += data

    Reader(convert_charrefs=True).feed(html)
    return [tuple(element) for element in found]


def test_keywords_are_optional_and_per_language():
    spec = next(field for field in MODEL.common_fields if field.name == "keywords")
    assert not spec.required and spec.per_language and spec.parsed.is_list
    assert _problems_free_without_keywords()


def _problems_free_without_keywords() -> bool:
    text = (REPO_ROOT / "docs" / "methods" / "seminars.md").read_text(encoding="utf-8")
    page = parse_page("docs/methods/seminars.md", re.sub(r"\nkeywords: .*", "", text, count=1), "en")
    assert "keywords" not in page.meta
    return validate_page(page, "en", MODEL, folder_type="method") == []


# --- the real site's index ------------------------------------------------------------------------------


def test_each_method_is_indexed_with_its_keywords_in_its_language(built_site):
    fragments = search_index.read_fragments(built_site.site / search_index.BUNDLE_DIR)
    for lang in MODEL.codes:
        prefix = "/" if lang == DEFAULT else f"/{lang}/"
        by_url = {fragment["url"]: fragment for fragment in fragments[lang]}
        with_keywords = 0
        for page_file, parsed in typed_pages("method", lang):
            fragment = by_url[prefix + page_file.rel.removesuffix(".md") + "/"]
            for word in parsed.meta.get("keywords") or []:
                assert word in fragment["meta"][search_relevance.KEYWORDS_META].split(", "), (lang, page_file.rel)
            with_keywords += bool(parsed.meta.get("keywords"))
        assert with_keywords >= 10, lang


def test_the_contributors_guide_states_the_keywords_limits_of_the_model():
    spec = next(field for field in MODEL.common_fields if field.name == "keywords")
    guide = (REPO_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    match = re.search(r"`keywords` \(optional\) lists up to (\d+) words or short phrases \(at most (\d+) words and "
                      r"(\d+) characters\s+each", guide)
    assert match and tuple(map(int, match.groups())) == (spec.max_items, spec.max_item_words, spec.max_item_chars)


def test_the_readme_states_the_weights_and_settings_in_use():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = " ".join(readme[readme.index("## Search"):readme.index("## How the build scales")].split())
    weight = search_relevance.format_weight
    assert f"raised to {weight(search_relevance.RANKING['metaWeights']['title'])})" in section
    assert f"before its first section weigh {weight(search_relevance.INTRO_WEIGHT)})" in section
    assert "scores twice its score" in section and search_relevance.PHRASE_BONUS == 2
    assert f"Invented examples weigh {weight(search_relevance.EXAMPLE_WEIGHT)}" in section
    assert f"(contribute, privacy, accessibility) {weight(search_relevance.RANKED_LAST_WEIGHT)}" in section
    assert [f"{name}.md" for name in ("contribute", "privacy", "accessibility")] == MODEL.search["ranked_last"]
    assert "the style guide and the translation status" in section
    assert MODEL.search["not_indexed"] == ["style-guide.md", "translation-status.md"]
    assert f"A catalog's entries weigh {weight(search_relevance.CATALOG_WEIGHT)}" in section
    assert f"the facts box weighs {weight(search_relevance.FACTS_WEIGHT)} too" in section
    assert "Swedish is searched with exact diacritics" in section and MODEL.search["exact_diacritics"] == ["sv"]
    spec = next(field for field in MODEL.common_fields if field.name == "keywords")
    assert f"at most {spec.max_items}, each at most {spec.max_item_words} words and {spec.max_item_chars} " \
           "characters, with no control, bidi or zero-width characters" in section
    # the query itself is one of tests/test_search_ranking_browser.py's
    assert "*город-побратим* finds the page that says *города-побратимы*" in section
