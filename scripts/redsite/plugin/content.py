"""The content of each page: checks before the build, directives, notices, the fact and source boxes."""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from redsite import licensing, reader_html, render, source_page, source_policy, timeline
from redsite.data_checks import check_data_files
from redsite.data_files import GLOSSARY, INITIATIVES, load_data
from redsite.pages import front_matter_by_page, typed_pages
from redsite.plugin import downloads, reader
from redsite.plugin.build_state import BuildState, is_fallback
from redsite.plugin.origin_label import origin_header
from redsite.sanitize import sanitize_html
from redsite.translations.formats import status_html
from redsite.translations.freshness import PENDING_STATE, STALE

log = logging.getLogger("mkdocs.plugins.red")


def check_content(state: BuildState) -> None:
    """Stop the build with every source-policy, front-matter and data-file problem, each with file, line and fix."""
    # the source policy first: symlinks, file names, encodings and front-matter keys MkDocs would act on
    sources = source_policy.check_sources(state.root, state.model)
    front_matter = front_matter_by_page(state.root, state.model)  # the translation report takes these
    problems = (sources + [problem for found in front_matter.values() for problem in found]
                + check_data_files(state.root, state.model))
    if problems:
        details = "\n".join(problem.render() for problem in problems)
        raise PluginError(f"{len(problems)} problem(s) in the content:\n{details}")
    state.content_checked(front_matter)


def _url_of(path: str, page, files) -> str | None:
    """The address of the page at `path` (in every tree) from `page`, in the language being built."""
    target = files.get_file_from_path(path)
    return get_relative_url(target.url, page.url) if target else None
def without_pending_translations(files, state: BuildState):
    """`files` without the translations marked `pending: true`: static-i18n (whose on_files runs after ours) then
    builds the English page in their place, as for a missing translation, with the fallback notice. A pending
    translation holds the English text and the scaffolder's leftovers; readers get the original instead."""
    translations = {language.code for language in state.model.translations}
    for file in list(files.documentation_pages()):
        lang, _, rel = file.src_uri.partition("/")
        if lang in translations and rel and state.page_state(rel, lang) == PENDING_STATE:
            files.remove(file)
    return files


def _original_url(page, default: str) -> str:
    english = page.file.alternates.get(default) if hasattr(page.file, "alternates") else None
    target = english.url if english else page.file.url
    return get_relative_url(target, page.url)


def expand_directive(kind: str, argument: str | None, page, lang: str, files, state: BuildState) -> str:
    """The HTML for `<!-- red:KIND ARGUMENT -->` on `page`."""
    if kind == "catalog":
        entries = []
        for page_file, parsed in typed_pages(argument, lang, state.root, state.model):
            target = files.get_file_from_path(page_file.rel)
            if target is not None:
                entries.append((get_relative_url(target.url, page.url), parsed))
        return render.catalog(entries, lang, key=argument) + downloads.open_data_links(argument, page, lang, state)
    if kind == "glossary":
        return render.glossary(load_data(GLOSSARY, state.root), lang, page.url)
    if kind == "initiatives":
        return render.initiatives(load_data(INITIATIVES, state.root), lang)
    if kind == "sources":
        return source_page.sources_page(lang, lambda path: _url_of(f"{path}.md", page, files), state.model,
                                        state.root)
    if kind == "source-documents":
        return licensing.source_documents(lang, state.model, _url_of(source_page.PAGE, page, files))
    if kind in licensing.DIRECTIVES:  # licence
        return licensing.DIRECTIVES[kind](lang)
    if kind == "timeline":
        return timeline.directive(lang, state.model, state.root, _url_of(source_page.PAGE, page, files))
    if kind == "translation-status":
        def url_for(rel: str) -> str | None:
            target = files.get_file_from_path(rel)
            return get_relative_url(target.url, page.url) if target else None
        return status_html(state.translation_report(), lang, url_for)
    raise PluginError(f"{page.file.src_uri}: unknown directive '<!-- red:{kind} -->'")


def page_content(html: str, page, lang: str, files, state: BuildState) -> str:
    """The page's article: title, notices, the first paragraph, downloads and facts box, the rest of the body, the
    sources."""
    default = state.default
    meta = page.meta
    body = render.expand_directives(sanitize_html(html),
                                    lambda kind, argument: expand_directive(kind, argument, page, lang, files, state))
    before = [reader.title_heading(page, lang),  # also the first table-of-contents entry (skip link)
              origin_header(meta, lang, state.model)]
    fallback = is_fallback(page, lang)
    if fallback:
        log.info(f"[{lang}] not translated yet, English fallback built with notice: {page.file.src_uri}")
        before.append(render.fallback_notice(lang))
    elif lang != default and state.page_state(page.file.src_uri.removeprefix(f"{lang}/"), lang) == STALE:
        before.append(render.stale_notice(lang, _original_url(page, default)))
    if meta.get("example"):
        before.append(render.example_notice(lang))
    facts = render.facts_box(meta, lang)
    boxes = downloads.offer_downloads(page, lang, html, fallback, state) + facts
    lead, body = reader_html.split_lead(body) if facts else ("", body)  # a phone's first screen shows text
    sources_url = _url_of(source_page.PAGE, page, files) if meta.get("sources") else None
    rel = page.file.src_uri.removeprefix(f"{lang}/").removesuffix(".md")
    after = render.sources_box(meta, lang, state.model,
                               source_page.source_links(meta.get("sources"), sources_url, state.model),
                               source_page.box_quotes(rel, lang, sources_url, state.model, state.root))
    if fallback:  # the English text is marked as English; the boxes between are in the reader's language
        lead = render.in_language(default, lead) if lead else ""
        body, after = render.in_language(default, body + after), ""
    return "".join(before) + lead + boxes + body + after
