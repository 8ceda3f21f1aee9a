"""The site search (Pagefind) in the build: what each page gives the index, and the index itself.

The logic (what is indexed, filters, running Pagefind) is redsite/search_index.py; this module
wires it to the MkDocs events, one call per event in scripts/hooks.py.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from redsite import search_feed, search_index
from redsite.hooks.state import BuildState, is_fallback

log = logging.getLogger("mkdocs.hooks.red")
_feed: search_feed.SiteIndex | None = None  # the running build's index (one build at a time)


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


def start_index() -> None:
    """A new build, a new index: Pagefind indexes each page as it is written (a service per language)."""
    global _feed
    abandon_index()
    _feed = search_feed.SiteIndex(search_index.EXCLUDED_SELECTORS)


def index_page(output: str, page, lang: str) -> None:
    """Hand a finished page (after typography: what readers see) to the index; it is indexed on the other core."""
    document = search_feed.document_for_index(output)
    if document is not None and _feed is not None:
        _run(_feed.add, lang, search_feed.url_for(page.file.dest_uri), document)


def build_index(site_dir: Path) -> None:
    """Write the index of every page of every language into /pagefind/; called once, last."""
    global _feed
    feed, _feed = _feed, None
    indexed = _run(search_feed.write_bundle, feed, site_dir)
    log.info(f"Search index (Pagefind): {indexed.summary}, {indexed.seconds:.1f} s after the last page")


def abandon_index() -> None:
    """A failed build: its index is never written, its service ends."""
    if _feed is not None:
        _feed.close()


def _run(function, *args):
    try:
        return function(*args)
    except search_index.SearchIndexError as error:
        raise PluginError(str(error)) from None
