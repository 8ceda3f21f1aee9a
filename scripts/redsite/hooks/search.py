"""The site search (Pagefind) in the build: what each page gives the index, and the index itself.

The logic (what is indexed, filters, running Pagefind) is redsite/search_index.py; this module
wires it to the MkDocs events, one call per event in scripts/hooks.py.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from redsite import search_index
from redsite.hooks.state import BuildState, is_fallback

log = logging.getLogger("mkdocs.hooks.red")


def without_lunr(files):
    """Material's lunr files are not published: Pagefind replaces them."""
    return search_index.without_lunr(files)


def mark_article(article: str, page, lang: str, state: BuildState) -> str:
    """The article marked for Pagefind (body, filters); a fallback page stays out of this language's index."""
    return search_index.mark_for_search(article, page.meta, lang, state.model, fallback=is_fallback(page, lang))


def add_context(context, lang: str, state: BuildState):
    """`red_search` for overrides/partials/red-search.html: the filter names in `lang`, the bundle path."""
    context["red_search"] = search_index.template_context(lang, state.model)
    return context


def build_index(site_dir: Path) -> None:
    """Index the finished site (every language, final HTML) into /pagefind/; called once, last."""
    try:
        indexed = search_index.build_index(site_dir)
    except search_index.SearchIndexError as error:
        raise PluginError(str(error)) from None
    log.info(f"Search index (Pagefind): {indexed.summary} in {indexed.seconds:.1f} s")
