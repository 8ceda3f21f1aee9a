"""How the site search ranks pages: what each page weighs, the words it is found by beyond its text, and
the ranking settings the browser applies (Pagefind 1.5).

Pagefind scores a page by its matching words, each counted with the weight of the element it is in
(`data-pagefind-weight`; headings h1-h6 weigh 7 to 2 by default, other text 1), and adds a bonus
when the query's words are in a metadata field (`metaWeights`; the title by default). So:

- a page's introduction (the paragraphs before its first section) weighs INTRO_WEIGHT: a phrase a
  page uses to say what it is about ranks that page above a long page that uses it in passing;
- an invented example (`example: true`) weighs EXAMPLE_WEIGHT and a page about the site itself
  (content model `search.ranked_last`) RANKED_LAST_WEIGHT, headings and introduction included: the
  methods come first, those pages are still found, and by their own title they still rank first;
- a catalog's entries (other pages' titles and summaries) and the facts box (the content model's labels,
  which the filters offer) weigh less than text: a method's own page outranks the catalog, and a page
  that speaks of work packages outranks pages that only name theirs;
- pages for contributors and translators (`search.not_indexed`) are not indexed at all;
- a page's `keywords` and the glossary's other wordings of the terms it uses are a metadata field
  (KEYWORDS_META), searched and weighted like the title but never shown: a reader's synonym finds it.

Which words match a query (whole words, diacritics) is decided in the browser:
assets/javascripts/search-words.js, with the options of `browser_options`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from redsite.data_files import GLOSSARY, DataError, load_data
from redsite.model import REPO_ROOT, ContentModel
from redsite.render import TITLE_ID, t
from redsite.translations import terminology
from redsite.translations.term_matching import wording_forms

PUNCTUATION_CATEGORIES = {"Pd", "Pe", "Pf", "Pi", "Po", "Ps"}  # search-words.js removes the same
HEADING_WEIGHTS = {1: 7.0, 2: 6.0, 3: 5.0, 4: 4.0, 5: 3.0, 6: 2.0}  # Pagefind's own, for scaling a page
INTRO_WEIGHT = 3.0
EXAMPLE_WEIGHT = 0.2
RANKED_LAST_WEIGHT = 0.1
# A page that holds a query's words in the query's order (Pagefind's phrase search) scores this many
# times its own score (search-words.js): the page that uses a phrase ranks above pages that use its words apart.
PHRASE_BONUS = 2.0
# A catalog lists other pages (title, summary, tags): its entries weigh this much, so that a method's own
# page outranks the catalog for the method's title and summary.
CATALOG_WEIGHT = 0.3
# The facts box repeats the content model's labels on every page ("Work package", "Themes" and their values),
# which the search filters offer: they weigh this much, so that they do not outrank what a page says.
FACTS_WEIGHT = 0.3
# A page whose title is the query, word for word, comes first (search-words.js): its title, lower-case and
# without punctuation, is a filter value the reader never sees ("Study visits" before "Study visits: ...").
TITLE_FILTER = "red-exact-title"
KEYWORDS_META = "keywords"
# Pagefind 1.5's ranking (docs: "Customize ranking"); the defaults are termSimilarity 1.0, pageLength
# 0.75, termSaturation 1.4, termFrequency 1.0, metaWeights {title: 5.0}.
RANKING = {
    # A page whose words are the query's own outranks one with longer words that merely begin with them
    # (search-words.js keeps only whole words once a word is complete; while it is typed, this orders).
    "termSimilarity": 4.0,
    # Method pages are all of a length; a short section page should not win on brevity alone.
    "pageLength": 0.5,
    "metaWeights": {"title": 6.0, KEYWORDS_META: 4.0},
}

# Where the introduction ends: the first section heading, a catalog, its filter form.
_INTRO_END = re.compile(r'<h2\b|<form class="red-filter"|<ul class="red-catalog"')
_BLOCK = re.compile(r"<(/?)(?:div|section|aside|details|blockquote|ul|ol|dl|table|figure|form|nav)\b[^>]*>")
_PLAIN_PARAGRAPH = "<p>"
_CATALOG = re.compile(r'<ul class="red-catalog"(?=[ >])')  # as templates/catalog.html opens it
_FACTS = re.compile(r'<section class="red-facts"(?=[ >])')  # as templates/facts_box.html opens it
# Section headings; the title (h1, also the skip link's target, kept as it is) weighs as the page, its
# boost is Pagefind's title metadata. A catalog's entries keep the catalog's weight.
_HEADING = re.compile(r'<h([2-6])\b(?! class="red-catalog__title")([^>]*)>')


def format_weight(value: float) -> str:
    return f"{value:g}"


def page_weight(rel: str, meta: dict, model: ContentModel) -> float | None:
    """The weight of a page's text in the search, relative to a method's; None: the page is not indexed.
    `rel` is the page's path in its language's tree (`privacy.md`)."""
    roles = model.search
    if rel in roles.get("not_indexed", ()):
        return None
    if rel in roles.get("ranked_last", ()):
        return RANKED_LAST_WEIGHT
    return EXAMPLE_WEIGHT if meta.get("example") is True else 1.0


def weigh_article(html: str, weight: float) -> str:
    """The article with its introduction weighted, and, for a page that weighs less than 1, its section
    headings scaled by the page's weight: Pagefind gives an element inside a weighted block the block's weight,
    not its own heading weight (the caller wraps the article in a block of `weight`).

    The introduction is the plain top-level paragraphs before the first section; the origin, notices,
    facts box and downloads before them carry classes and are left as they are."""
    def weighted(value: float) -> str:
        return f'data-pagefind-weight="{format_weight(value * weight)}"'

    end = _INTRO_END.search(html)
    end = end.start() if end else len(html)
    parts, depth, position = [], 0, 0
    for tag in re.finditer(rf"{_BLOCK.pattern}|{_PLAIN_PARAGRAPH}", html[:end]):
        if tag.group(0) == _PLAIN_PARAGRAPH:
            if depth == 0:
                parts += [html[position:tag.start()], f"<p {weighted(INTRO_WEIGHT)}>"]
                position = tag.end()
        else:
            depth = max(0, depth + (-1 if tag.group(1) else 1))
    html = "".join(parts) + html[position:]
    html = _CATALOG.sub(lambda m: f"{m.group(0)} {weighted(CATALOG_WEIGHT)}", html)
    html = _FACTS.sub(lambda m: f"{m.group(0)} {weighted(FACTS_WEIGHT)}", html, count=1)
    if weight == 1.0:
        return html
    return _HEADING.sub(lambda m: f"<h{m.group(1)}{m.group(2)} {weighted(HEADING_WEIGHTS[int(m.group(1))])}>", html)


def title_key(title: str) -> str:
    """A title as search-words.js compares it with a query: lower-case, without punctuation (what Pagefind
    removes from a query), words separated by one space."""
    kept = "".join(char for char in title if unicodedata.category(char) not in PUNCTUATION_CATEGORIES)
    return " ".join(kept.lower().split())


def search_keywords(meta: dict, markdown: str, lang: str, model: ContentModel, root: Path = REPO_ROOT) -> list[str]:
    """The words a page is found by beyond its text: its `keywords`, then, for every glossary term with
    variants in `lang` that the page uses in one wording, the term's other wordings (its rendering, its
    variants) that the page does not use."""
    keywords = meta.get("keywords")
    found = [str(word) for word in keywords if isinstance(word, str)] if isinstance(keywords, list) else []
    source = model.default_language.code
    for wordings in _terms_with_variants(root, lang, source) if markdown else ():
        used = [terminology.body_uses(markdown, lang, forms, source) for _, forms in wordings]
        if any(used):
            found += [wording for (wording, _), is_used in zip(wordings, used, strict=True) if not is_used]
    return list(dict.fromkeys(found))


@cache
def _terms_with_variants(root: Path, lang: str, source: str) -> tuple[tuple[tuple[str, tuple], ...], ...]:
    """For each glossary term that lists variants in `lang`: (wording, its stem forms) for the rendering and
    each variant. Read once per process (a broken glossary gives none here: the build reports it)."""
    try:
        data = load_data(GLOSSARY, root)
    except DataError:
        return ()
    terms = []
    for entry in (data.get("terms") or []) if isinstance(data, dict) else []:
        variants = entry.get("variants") if isinstance(entry, dict) else None
        variants = variants.get(lang) if isinstance(variants, dict) else None
        if not isinstance(variants, list) or not variants or not isinstance(entry.get(lang), str):
            continue
        wordings = (entry[lang], *(str(variant) for variant in variants))
        terms.append(tuple((wording, wording_forms(wording, lang, source)) for wording in wordings))
    return tuple(terms)


def browser_options(lang: str, model: ContentModel) -> dict:
    """The options search.js hands to Pagefind for a page in `lang` (`ranking`, `exactDiacritics`, the UI's
    `translations` the site words itself: no result suggests fewer or other words), and the id of a page's
    title heading, whose sub-result search-words.js leaves out (it repeats the page)."""
    return {"ranking": RANKING, "exactDiacritics": lang in model.search.get("exact_diacritics", ()),
            "titleAnchor": TITLE_ID, "phraseBonus": PHRASE_BONUS, "titleFilter": TITLE_FILTER,
            "translations": {"zero_results": t("search_zero_results", lang)}}
