"""Downloads and other outputs: the PDF, DOCX and ODT guides of each method page, the handbook on the
methods catalog, the Atom feeds, the offline copies and the links that point readers to them."""

from __future__ import annotations

import logging
from pathlib import Path

from redsite import feeds, glossary_export, licensing, not_found, open_data
from redsite.downloads import feed_and_offline_links, offline, pdf
from redsite.downloads.office import document as office
from redsite.plugin.build_state import BuildState, is_fallback

log = logging.getLogger("mkdocs.plugins.red")


def offer_downloads(page, lang: str, raw_html: str, fallback: bool, state: BuildState) -> str:
    """Record the page for the PDF step; its PDF, DOCX and ODT buttons, or ''."""
    return (pdf.offer_downloads(state.pdf, page, lang, raw_html, fallback, state.default)
            + office.download_buttons(page, lang, fallback, state.default)
            + licensing.download_note(page.meta, lang))  # what the licence allows, under the buttons


def page_context(context, page, lang: str, state: BuildState):
    """The feed's <link rel="alternate"> on every page; the box with the feed and the offline copy where it belongs;
    a method page's schema.org JSON-LD (its last update is the one i18n.page_context put in the context)."""
    context.update(feed_and_offline_links.page_context(page.url, page.file.src_uri, lang, state.model))
    updated = (context.get("red_last_updated") or {}).get("iso")
    context["red_structured_data"] = open_data.json_ld_for_page(page.meta, page.file.src_uri, lang, updated,
                                                               is_fallback(page, lang), state.site_url, state.model,
                                                               state.owned_pages)
    return context


def open_data_build(state: BuildState) -> open_data.Build:
    """What the open data depend on besides the pages: the site's address, git dates, the downloads made."""
    settings = state.settings
    made = open_data.Downloads(pdf=not settings.pdf.skip, editable=not settings.outputs.skip, only=settings.pdf.only)
    return open_data.Build(state.root, state.site_url if state.site_url.endswith("/") else state.site_url + "/",
                           state.committed, made)


def open_data_links(type_name: str | None, page, lang: str, state: BuildState) -> str:
    """Under a catalog (<!-- red:catalog TYPE -->): its list as JSON and CSV, with the schema and their sizes."""
    return open_data.catalog_links(type_name or "", lang, page.url, open_data_build(state), state.model)


def publish(site_dir: Path, state: BuildState) -> None:
    """Called once, after every language is built: feeds, PDFs, then DOCX/ODT (from the same built articles),
    then the offline zips last (they take in the files written before them)."""
    settings = state.settings
    for message in feeds.publish(site_dir, state.site_url, state.committed, state.model, root=state.root):
        log.info(message)
    for level, message in pdf.publish(state.pdf, site_dir, settings.pdf, state.model).messages():
        log.log(level, message)
    for level, message in office.publish(state.pdf.guides, state.pdf.link_pages, site_dir,
                                           skip=settings.outputs.skip, cache_dir=settings.outputs.cache_dir,
                                           workers=settings.pdf.workers, model=state.model).messages():
        log.log(level, message)
    log.info(glossary_export.publish(site_dir, state.model))  # before the offline zips: the glossary pages link to it
    for message in open_data.write_files(site_dir, open_data_build(state), state.model):  # before the offline copies
        log.info(message)
    for message in not_found.write_page_lists(site_dir, state.model):  # what the 404 pages suggest
        log.info(message)
    for message in offline.publish(site_dir, state.site_url, settings.outputs.skip, state.model).messages():
        log.info(message)
