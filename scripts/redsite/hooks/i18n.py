"""What mkdocs-static-i18n leaves to us: the nav per language, edit links and dates, the template
context, absolute hreflang links, a 404 page per language and one search index per language."""

from __future__ import annotations

import json
from pathlib import Path

from redsite import i18n_fixes, page_info, render, site_nav
from redsite.hooks.state import BuildState


def configure_nav(config, lang: str, state: BuildState) -> None:
    """Fill the nav's sections with the pages of each content type, titled in `lang` (a section over the
    configured limit keeps only its catalog page)."""
    if state.original_nav is None:
        state.original_nav = config.nav
    limit = state.settings.nav_section_limit if state.settings else None
    config.nav = site_nav.expand(state.original_nav, lang, state.model, section_limit=limit)


def page_context(context, page, lang: str, config, state: BuildState):
    if lang != state.default:
        # Material loads search/search_index.json from `base`: point it at the language's own index.
        context["base_url"] = f"{context['base_url']}/{lang}/"
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
    context["red_t"] = {key: value[lang] for key, value in render.ui_strings().items()}
    return context


def hreflang(output: str, page, config, state: BuildState) -> str:
    """Absolute alternate links with x-default; an English fallback is not claimed as a translation."""
    alternates = getattr(page.file, "alternates", None)
    if not alternates or not config.site_url:
        return output
    entries = {lang: (alt.url, getattr(alt, "locale", lang) == lang) for lang, alt in alternates.items()}
    links = i18n_fixes.hreflang_links(entries, config.site_url, state.default)
    return i18n_fixes.replace_alternate_links(output, links)


def remember_404(output: str, template_name: str, lang: str, state: BuildState) -> None:
    if template_name == "404.html":
        state.not_found_pages[lang] = output


def write_404s_and_search(site: Path, state: BuildState) -> None:
    """Each language's own 404 page and search index (static-i18n writes one of each, mixed)."""
    default = state.default
    for code, html in state.not_found_pages.items():
        target = site / "404.html" if code == default else site / code / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    index_file = site / "search" / "search_index.json"
    if index_file.exists():
        index = json.loads(index_file.read_text(encoding="utf-8"))
        for code, part in i18n_fixes.split_search_index(index, list(state.model.codes), default).items():
            target = index_file if code == default else site / code / "search" / "search_index.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(part, ensure_ascii=False), encoding="utf-8")
