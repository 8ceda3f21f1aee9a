"""Downloads and other outputs: the PDF, DOCX and ODT guides of each method page, the handbook on the
methods catalog, the Atom feeds, the offline copies and the links that point readers to them."""

from __future__ import annotations

import logging
from pathlib import Path

from redsite import feeds, glossary_export, licensing, not_found, open_data
from redsite.downloads import feed_and_offline_links, office, offline, pdf, sizes
from redsite.downloads.guide_group import guide_group
from redsite.plugin.build_state import BuildState, is_fallback

log = logging.getLogger("mkdocs.plugins.red")


def offer_downloads(page, lang: str, raw_html: str, fallback: bool, state: BuildState) -> str:
    """Record the page for the download steps; a method's PDF, DOCX and ODT (guide and worksheet) in one group
    with the licence note; the methods catalog's handbooks with the note under them; or ''."""
    offered = pdf.offer_downloads(state.downloads, page, lang, raw_html, fallback, state.default)
    editable = office.download_buttons(page, lang, fallback, state.default)  # '' but on a method page
    note = licensing.download_note(page.meta, lang)  # what the licence allows
    if not editable:
        return offered + office.handbook_marker(lang, raw_html) + note
    formats = ["PDF", *(kind.upper() for kind in office.KINDS)]  # the buttons' order
    return guide_group(offered + editable, formats, note, lang, fallback)


def page_context(context, page, lang: str, state: BuildState):
    """The feed's <link rel="alternate"> on every page; the box with the feed and the offline copy where it belongs;
    a method page's schema.org JSON-LD (its last update is the one i18n.page_context put in the context)."""
    context.update(feed_and_offline_links.page_context(page.url, page.file.src_uri, lang, state.model))
    if "red_outputs_box" in context:  # the offline copy's size goes there
        state.downloads.link_pages.add(page.file.dest_uri)
    updated = (context.get("red_last_updated") or {}).get("iso")
    context["red_structured_data"] = open_data.json_ld_for_page(page.meta, page.file.src_uri, lang, updated,
                                                               is_fallback(page, lang), state.site_url, state.model,
                                                               state.owned_pages)
    return context


def open_data_build(state: BuildState) -> open_data.Build:
    """What the open data depend on besides the pages: the site's address, git dates, the downloads made."""
    settings = state.settings
    made = open_data.Downloads(pdf=not settings.pdf.skip, editable=not settings.outputs.skip, only=settings.pdf.only,
                               handbook_limit=settings.pdf.handbook_limit)
    return open_data.Build(state.root, state.site_url if state.site_url.endswith("/") else state.site_url + "/",
                           state.committed, made)


def open_data_links(type_name: str | None, page, lang: str, state: BuildState) -> str:
    """Under a catalog (<!-- red:catalog TYPE -->): its list as JSON and CSV, with the schema and their sizes."""
    return open_data.catalog_links(type_name or "", lang, page.url, open_data_build(state), state.model)


def publish(site_dir: Path, state: BuildState) -> None:
    """Called once, after every language is built: feeds, PDFs, then DOCX/ODT (from the same built articles),
    then the offline zips last (they take in the files written before them, and the pages as they will be);
    then one pass over the pages that offer downloads fills in every size and the handbook's links."""
    settings, plan = state.settings, state.downloads
    for message in feeds.publish(site_dir, state.site_url, state.committed, state.model, root=state.root):
        log.info(message)
    reports = [_logged(pdf.publish(plan, site_dir, settings.pdf, state.model)),
               _logged(office.publish(plan, site_dir, skip=settings.outputs.skip, cache_dir=settings.outputs.cache_dir,
                                      workers=settings.pdf.workers, handbook_limit=settings.pdf.handbook_limit,
                                      model=state.model))]
    log.info(glossary_export.publish(site_dir, state.model))  # before the offline zips: the glossary pages link to it
    for message in open_data.write_files(site_dir, open_data_build(state), state.model):  # before the offline copies
        log.info(message)
    for message in not_found.write_page_lists(site_dir, state.model):  # what the 404 pages suggest
        log.info(message)
    replacements: dict[str, dict[str, str]] = {}  # a catalog gets both handbooks' links
    for report in reports:
        for page, markers in report.replacements.items():
            replacements.setdefault(page, {}).update(markers)
    written = {download.path: download for report in reports for download in report.downloads}

    def as_published(dest: str, html: str) -> str:  # a page as the last pass will leave it, for the zips
        return sizes.fill(html, written, replacements.get(dest)) if dest in plan.link_pages else html

    reports.append(_logged(offline.publish(site_dir, state.site_url, settings.outputs.skip, state.model,
                                           cache_dir=settings.outputs.cache_dir, page_filter=as_published)))
    downloads = [download for report in reports for download in report.downloads]
    # Without downloads (RED_SKIP_PDF=1) only the methods catalogs change: they get their handbook's links.
    pages = plan.link_pages if downloads else set(replacements)
    sizes.fill_pages(site_dir, pages, downloads, replacements)


def _logged(report):
    for level, message in report.messages():
        log.log(level, message)
    return report
