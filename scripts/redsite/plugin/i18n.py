"""What mkdocs-static-i18n leaves to us: the nav per language, edit links and dates, the template
context and a 404 page per language. (The search is redsite/plugin/search.py.) The hreflang
alternates are in sitemap.xml only (overrides/sitemap.xml): head links made Material's language
selector fetch a sitemap.xml next to each (see redsite.reader_html.strip_alternate_links)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from types import MappingProxyType

from redsite import licensing, page_info, render, site_nav
from redsite.plugin.build_state import BuildState


def configure_nav(config, lang: str, state: BuildState) -> None:
    """Fill the nav's sections with the pages of each content type, titled in `lang` (a section over the
    configured limit keeps only its catalog page)."""
    if state.original_nav is None:
        state.original_nav = config.nav
    limit = state.settings.nav_section_limit if state.settings else None
    config.nav = site_nav.expand(state.original_nav, lang, state.model, state.root, section_limit=limit)


def page_context(context, page, lang: str, config, state: BuildState):
    _add_source_facts(context, page, lang, config, state)
    return language_context(context, lang, state)


def _add_source_facts(context, page, lang: str, config, state: BuildState) -> None:
    """'Edit this page' opens the file of this language (docs_sv/..., not docs/sv/...); when it last changed."""
    repo_path = page_info.source_path(page.file.src_uri, state.model)
    page.edit_url = page_info.edit_url(config.repo_url, config.edit_uri, repo_path)
    updated = page_info.last_updated(repo_path, page.meta, state.committed)
    pattern = render.t("last_updated_date_format", lang)
    context["red_last_updated"] = updated and {
        "iso": updated.isoformat(), "text": page_info.localized_date(updated, lang, pattern)}


def language_context(context, lang: str, state: BuildState):
    context["red_lang"] = lang
    context["red_default"] = state.default
    context["red_prefix"] = "" if lang == state.default else f"{lang}/"
    context["red_t"] = strings_in(lang)
    context["red_ui_strings"] = render.ui_strings()  # the 404 page carries its message in every language
    context["red_licence_footer"] = licensing.footer(lang)  # overrides/partials/copyright.html
    context["red_short_site_name"] = state.model.language(lang).header_name  # overrides/partials/header.html
    return context


@cache  # once per language, not once per page: render.ui_strings() is read once per process too
def strings_in(lang: str) -> MappingProxyType:
    """The interface strings in `lang`, read-only: every page's template context shares them."""
    return MappingProxyType({key: value[lang] for key, value in render.ui_strings().items()})


def remember_404(output: str, template_name: str, lang: str, state: BuildState) -> None:
    if template_name == "404.html":
        state.not_found_pages[lang] = output


def write_404s(site: Path, state: BuildState) -> None:
    """Each language's own 404 page under its folder; the root one stays English."""
    for code, html in state.not_found_pages.items():
        target = site / "404.html" if code == state.default else site / code / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
