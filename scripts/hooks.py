"""MkDocs hooks: thin wrappers around redsite.* (the logic lives and is tested there).

mkdocs-static-i18n rebuilds the site once per language on the same config
object; `current_language()` asks it which build is running.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).parent))  # MkDocs loads hooks by path, not as a package

from redsite import i18n_fixes, page_info, pdf, reader_html, render, site_nav  # noqa: E402
from redsite.data_files import GLOSSARY, INITIATIVES, check_data_files, load_data  # noqa: E402
from redsite.model import load_model  # noqa: E402
from redsite.pages import check_all_front_matter, typed_pages  # noqa: E402
from redsite.sanitize import sanitize_html  # noqa: E402
from redsite.translation_report import status_html  # noqa: E402
from redsite.translations import STALE, build_report, page_state  # noqa: E402

log = logging.getLogger("mkdocs.hooks.red")
MODEL = load_model()
DEFAULT = MODEL.default_language.code


class BuildState:
    """What one `mkdocs build` (all languages) remembers between events."""

    def __init__(self) -> None:
        self.original_nav = None
        self.not_found_pages: dict[str, str] = {}
        self.committed = {}  # repository path -> date of its last commit
        self.pdf = pdf.PdfPlan()  # method pages and catalogs that get PDF downloads


STATE = BuildState()


def current_language(config) -> str:
    plugin = config.plugins.get("i18n")
    return (plugin.current_language if plugin else None) or DEFAULT


def is_fallback(page, lang: str) -> bool:
    return getattr(page.file, "locale", lang) != lang


def is_outer_build(config) -> bool:
    """True in the build that static-i18n starts the other languages from (first to start, last to end).

    It is the default language on `mkdocs build`, but not on `mkdocs serve` rebuilds, which
    start with whichever language was built last.
    """
    return not getattr(config.plugins.get("i18n"), "building", False)


def on_config(config):
    lang = current_language(config)
    if is_outer_build(config):
        STATE.committed = page_info.git_dates()
        STATE.pdf.clear()
    if STATE.original_nav is None:
        STATE.original_nav = config.nav
    config.nav = site_nav.expand(STATE.original_nav, lang, MODEL)
    reader_html.configure_language(config, lang)  # a11y (issue 11): Material/toc strings from ui_strings.yml
    return config


def on_files(files, config):
    if is_outer_build(config):
        problems = check_all_front_matter() + check_data_files()
        if problems:
            details = "\n".join(problem.render() for problem in problems)
            raise PluginError(f"{len(problems)} problem(s) in the content:\n{details}")
    return files


def _original_url(page) -> str:
    english = page.file.alternates.get(DEFAULT) if hasattr(page.file, "alternates") else None
    target = english.url if english else page.file.url
    return get_relative_url(target, page.url)


def _expand(kind: str, argument: str | None, page, lang: str, files) -> str:
    if kind == "catalog":
        entries = []
        for page_file, parsed in typed_pages(argument, lang):
            target = files.get_file_from_path(page_file.rel)
            if target is not None:
                entries.append((get_relative_url(target.url, page.url), parsed))
        return render.catalog(entries, lang, key=argument)
    if kind == "glossary":
        return render.glossary(load_data(GLOSSARY), lang)
    if kind == "initiatives":
        return render.initiatives(load_data(INITIATIVES), lang)
    if kind == "translation-status":
        def url_for(rel: str) -> str | None:
            target = files.get_file_from_path(rel)
            return get_relative_url(target.url, page.url) if target else None
        return status_html(build_report(), lang, url_for)
    raise PluginError(f"{page.file.src_uri}: unknown directive '<!-- red:{kind} -->'")


def on_page_content(html, page, config, files):
    lang = current_language(config)
    meta = page.meta
    body = render.expand_directives(sanitize_html(html), lambda k, a: _expand(k, a, page, lang, files))
    # a11y (issue 11): the h1 is the skip link's target; a home page is titled by its front matter
    before = [reader_html.title_heading(page, reader_html.home_title(page, lang, config.site_name) or page.title or "")]
    fallback = is_fallback(page, lang)
    if fallback:
        log.info(f"[{lang}] not translated yet, English fallback built with notice: {page.file.src_uri}")
        before.append(render.fallback_notice(lang))
    elif lang != DEFAULT and meta.get("pending"):
        before.append(render.pending_notice(lang, _original_url(page)))
    elif lang != DEFAULT and page_state(page.file.src_uri.removeprefix(f"{lang}/"), lang) == STALE:
        before.append(render.stale_notice(lang, _original_url(page)))
    if meta.get("example"):
        before.append(render.example_notice(lang))
    before.append(render.facts_box(meta, lang))
    before.append(pdf.offer_downloads(STATE.pdf, page, lang, html, fallback, DEFAULT))
    after = render.sources_box(meta, lang)
    if fallback:
        body = f'<div lang="{DEFAULT}">{body}{after}</div>'
        after = ""
    return "".join(before) + body + after


def on_page_context(context, page, config, nav):
    lang = current_language(config)
    if lang != DEFAULT:
        # Material loads search/search_index.json from `base`: point it at the language's own index.
        context["base_url"] = f"{context['base_url']}/{lang}/"
    _add_source_facts(context, page, lang, config)
    return _add_language_context(context, lang)


def _add_source_facts(context, page, lang: str, config) -> None:
    """'Edit this page' opens the file of this language (docs_sv/..., not docs/sv/...); when it last changed."""
    repo_path = page_info.source_path(page.file.src_uri, MODEL)
    page.edit_url = page_info.edit_url(config.repo_url, config.edit_uri, repo_path)
    updated = page_info.last_updated(repo_path, page.meta, STATE.committed)
    pattern = render.t("last_updated_date_format", lang)
    context["red_last_updated"] = updated and {
        "iso": updated.isoformat(), "text": page_info.localized_date(updated, lang, pattern)}


def on_template_context(context, template_name, config):
    return _add_language_context(context, current_language(config))


def _add_language_context(context, lang: str):
    context["red_lang"] = lang
    context["red_default"] = DEFAULT
    context["red_prefix"] = "" if lang == DEFAULT else f"{lang}/"
    context["red_t"] = {key: value[lang] for key, value in render.ui_strings().items()}
    context["red_ui_strings"] = render.ui_strings()  # a11y (issue 11): the root 404 shows every language
    return context


def on_post_page(output, page, config):
    return reader_html.finish_page(output, current_language(config))  # a11y (issue 11)


def on_post_template(output, template_name, config):
    if template_name == "404.html":
        output = reader_html.finish_page(output, current_language(config))  # a11y (issue 11)
        STATE.not_found_pages[current_language(config)] = output
    return output


@event_priority(-200)  # after static-i18n has built every language and merged the search index
def on_post_build(config):
    site = Path(config.site_dir)
    for code, html in STATE.not_found_pages.items():
        target = site / "404.html" if code == DEFAULT else site / code / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    index_file = site / "search" / "search_index.json"
    if index_file.exists():
        index = json.loads(index_file.read_text(encoding="utf-8"))
        for code, part in i18n_fixes.split_search_index(index, list(MODEL.codes), DEFAULT).items():
            target = index_file if code == DEFAULT else site / code / "search" / "search_index.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(part, ensure_ascii=False), encoding="utf-8")
    if is_outer_build(config):  # its on_post_build comes last: every language is built
        settings = pdf.settings_from_env(os.environ, Path(config.config_file_path).parent)
        for level, message in pdf.publish(STATE.pdf, site, settings, MODEL).messages():
            log.log(level, message)
