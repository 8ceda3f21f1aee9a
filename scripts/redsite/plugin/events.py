"""MkDocs hooks: each event handed to the module of its concern (see scripts/redsite/hooks/).

mkdocs-static-i18n rebuilds the site once per language on the same config object;
`STATE.current_language()` asks it which build is running.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).parent))  # MkDocs loads hooks by path, not as a package

from redsite.hooks import content, i18n, outputs, reader, search, security, templates
from redsite.hooks.state import BuildState, is_outer_build
from redsite.typography import TypesetMemo

STATE = BuildState()  # one per `mkdocs build` (all languages); the outer build resets it
TYPESET = TypesetMemo()  # issue 15: what pages share is typeset once; keyed by the text, so never stale


def on_startup(command, dirty):
    security.startup(command, STATE)
    search.startup(dirty)


def on_config(config):
    if is_outer_build(config):
        STATE.start(config)
        search.start_index()  # issue 15: Pagefind indexes each page on the other core as it is written
    i18n.configure_nav(config, STATE.current_language(config), STATE)
    reader.configure(config, STATE.current_language(config))
    return config


def on_files(files, config):
    if is_outer_build(config):
        content.check_content(STATE)  # issue 15: it hands its per-page pass to the translation report
    return search.without_lunr(files)


def on_env(env, config, files):
    return templates.share_compiled_templates(env)  # the theme compiled once, not once per language


def on_page_content(html, page, config, files):
    lang = STATE.current_language(config)
    article = content.page_content(html, page, lang, files, STATE)
    security.protect_page(html, page, lang)  # after the article: it escapes page.title for the theme
    return search.mark_article(article, page, lang, STATE)


def on_page_context(context, page, config, nav):
    lang = STATE.current_language(config)
    context = outputs.page_context(i18n.page_context(context, page, lang, config, STATE), page, lang, STATE)
    return search.add_context(context, lang, STATE)


def on_template_context(context, template_name, config):
    lang = STATE.current_language(config)
    context = i18n.language_context(context, lang, STATE)
    return search.add_context(context, lang, STATE)


def on_post_page(output, page, config):
    lang = STATE.current_language(config)
    output = reader.finish_page(output, lang, TYPESET)  # for the reader: menus, typography
    output = security.page_with_csp(output, page, config, STATE)  # last: the policy hashes the final inline scripts
    search.index_page(output, page, lang)  # the final page, as readers see it
    STATE.written(page)
    return output


def on_post_template(output, template_name, config):
    output = reader.finish_404(output, template_name, STATE.current_language(config))  # as on_post_page
    output = security.not_found_with_csp(output, template_name, config, STATE)  # last, as in on_post_page
    i18n.remember_404(output, template_name, STATE.current_language(config), STATE)
    return output


@event_priority(-200)  # after static-i18n has built every language
def on_post_build(config):
    site = Path(config.site_dir)
    i18n.write_404s(site, STATE)
    if is_outer_build(config):  # its on_post_build comes last: every language is built
        outputs.publish(site, STATE)
        search.build_index(site)  # every page of every language was fed to it as it was written
        security.finish(site, config, STATE)  # last: checks every page carries the policy


def on_build_error(error):
    search.abandon_index()  # its service ends; a rebuild starts a new one
