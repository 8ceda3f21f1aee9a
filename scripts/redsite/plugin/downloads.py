"""Downloads and other outputs: the PDF, DOCX and ODT guides of each method page, the handbook on the
methods catalog, the Atom feeds, the offline copies and the links that point readers to them."""

from __future__ import annotations

import logging
from pathlib import Path

from redsite import pdf
from redsite.outputs import editable, feeds, links, offline
from redsite.plugin.build_state import BuildState

log = logging.getLogger("mkdocs.plugins.red")


def offer_downloads(page, lang: str, raw_html: str, fallback: bool, state: BuildState) -> str:
    """Record the page for the PDF step; its PDF, DOCX and ODT buttons, or ''."""
    return (pdf.offer_downloads(state.pdf, page, lang, raw_html, fallback, state.default)
            + editable.download_buttons(page, lang, fallback, state.default))


def page_context(context, page, lang: str, state: BuildState):
    """The feed's <link rel="alternate"> on every page; the box with the feed and the offline copy where it belongs."""
    context.update(links.page_context(page.url, page.file.src_uri, lang, state.model))
    return context


def publish(site_dir: Path, state: BuildState) -> None:
    """Called once, after every language is built: feeds, PDFs, then DOCX/ODT (from the same built articles),
    then the offline zips last (they take in the files written before them)."""
    settings = state.settings
    for message in feeds.publish(site_dir, state.site_url, state.committed, state.model, root=state.root):
        log.info(message)
    for level, message in pdf.publish(state.pdf, site_dir, settings.pdf, state.model).messages():
        log.log(level, message)
    for level, message in editable.publish(state.pdf.guides, state.pdf.link_pages, site_dir,
                                           skip=settings.outputs.skip, cache_dir=settings.outputs.cache_dir,
                                           workers=settings.pdf.workers, model=state.model).messages():
        log.log(level, message)
    for message in offline.publish(site_dir, state.site_url, settings.outputs.skip, state.model).messages():
        log.info(message)
