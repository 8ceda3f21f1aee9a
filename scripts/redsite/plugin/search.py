"""The site search (Pagefind) in the build: what each page gives the index, and the index itself.

The logic is redsite/search_index.py (what is indexed, filters), redsite/pagefind_service.py and
search_build.py (Pagefind indexing each page as it is written, a service per language); this module
wires them to the MkDocs events, one call per event in redsite/plugin/events.py.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from redsite import pagefind_service, search_build, search_index
from redsite.plugin.build_state import BuildState, is_fallback

log = logging.getLogger("mkdocs.plugins.red")


def without_lunr(files):
    """Material's lunr files are not published: Pagefind replaces them."""
    return search_index.without_lunr(files)


def mark_article(article: str, page, lang: str, state: BuildState) -> str:
    """The article marked for Pagefind (body, filters, weights); a fallback page stays out of this language's index."""
    return search_index.mark_for_search(article, page.meta, lang, state.model, fallback=is_fallback(page, lang),
                                        rel=page.file.src_uri.removeprefix(f"{lang}/"), markdown=page.markdown,
                                        title=page.title or "")


def add_context(context, lang: str, state: BuildState):
    """`red_search` for overrides/partials/red-search.html: the filter names in `lang`, the bundle path."""
    context["red_search"] = search_index.template_context(lang, state.model)
    return context


class SearchIndexing:
    """The index of the running build (one build at a time), held by the plugin from start to build_index."""

    def __init__(self) -> None:
        self.index: search_build.SiteIndex | None = None
        self.whole_site = False  # a --dirty build: index the finished site instead

    def startup(self, dirty: bool) -> None:
        """`--dirty` rebuilds only changed pages: then the index is made of the whole site once it is written
        (Pagefind's command line), or it would hold only the rebuilt pages."""
        self.whole_site = dirty

    def start(self, stall_seconds: float) -> None:
        """A new build, a new index: Pagefind indexes each page as it is written (a service per language)."""
        self.abandon()
        self.index = None if self.whole_site else search_build.SiteIndex(search_index.EXCLUDED_SELECTORS,
                                                                          stall_seconds=stall_seconds)

    def index_page(self, output: str, page, lang: str) -> None:
        """Hand a finished page (after typography: what readers see) to the index; it is indexed on the other
        core."""
        if self.index is not None and (document := pagefind_service.document_for_index(output)) is not None:
            _run(self.index.add, lang, pagefind_service.url_for(page.file.dest_uri), document)

    def build_index(self, site_dir: Path) -> None:
        """Write the index of every page of every language into /pagefind/; called once, last."""
        if self.whole_site:
            indexed = _run(search_index.index_finished_site, site_dir)
            log.info(f"Search index (Pagefind, the whole site after a --dirty build): {indexed.summary} "
                     f"in {indexed.seconds:.1f} s")
            return
        index, self.index = self.index, None
        indexed = _run(search_build.write_bundle, index, site_dir)
        log.info(f"Search index (Pagefind): {indexed.summary}, {indexed.seconds:.1f} s after the last page")

    def abandon(self) -> None:
        """A failed build: its index is never written, its services end."""
        if self.index is not None:
            self.index.close()


def _run(function, *args):
    try:
        return function(*args)
    except search_index.SearchIndexError as error:
        raise PluginError(str(error)) from None
