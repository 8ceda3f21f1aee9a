"""The MkDocs plugin `red`: each event handed to the module of its concern, one short line per concern.

mkdocs-static-i18n rebuilds the site once per language on the same config object; `current_language()`
asks it which build is running, and `is_outer_build` tells the build it starts the others from.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority

from redsite.plugin import content, downloads, i18n, reader, search, security, template_cache
from redsite.plugin.build_state import BuildState, is_outer_build
from redsite.plugin.config import RedSiteConfig, build_settings
from redsite.typography import TypesetMemo


class RedSitePlugin(BasePlugin[RedSiteConfig]):
    """Listed after `i18n` in mkdocs.yml's plugins. MkDocs keeps this one instance for the whole process
    (it has on_startup), so what it holds lives as long as the process; what outlives one build is listed
    in redsite/plugin/caches.py."""

    def __init__(self) -> None:
        super().__init__()
        self.state = BuildState()  # one `mkdocs build` (all languages); the outer on_config resets it
        self.typeset = TypesetMemo()  # what pages share is typeset once; keyed by the text, so never stale
        self.search = search.SearchIndexing()  # the running build's index

    def on_startup(self, *, command, dirty):
        security.startup(command, self.state)
        self.search.startup(dirty)

    def on_config(self, config):
        state = self.state
        if is_outer_build(config):
            state.start(config, build_settings(self.config, Path(config.config_file_path).resolve().parent))
            self.search.start(state.settings.search_stall_seconds)  # each page indexed on the other core
        i18n.configure_nav(config, state.current_language(config), state)
        reader.configure(config, state.current_language(config))
        return config

    def on_files(self, files, *, config):
        if is_outer_build(config):
            content.check_content(self.state)  # it hands its per-page pass to the translation report
        # before static-i18n's on_files (priority -100), so that it falls back to the English page
        files = content.without_pending_translations(files, self.state)
        return search.without_lunr(files)

    def on_env(self, env, *, config, files):
        return template_cache.share_compiled_templates(env)  # the theme compiled once, not once per language

    def on_page_content(self, html, *, page, config, files):
        state = self.state
        lang = state.current_language(config)
        article = content.page_content(html, page, lang, files, state)
        security.protect_page(html, page, lang, article)  # after the article: it escapes page.title for the theme
        return search.mark_article(article, page, lang, state)

    def on_page_context(self, context, *, page, config, nav):
        state = self.state
        lang = state.current_language(config)
        context = downloads.page_context(i18n.page_context(context, page, lang, config, state), page, lang, state)
        return search.add_context(context, lang, state)

    def on_template_context(self, context, *, template_name, config):
        lang = self.state.current_language(config)
        context = i18n.language_context(context, lang, self.state)
        return search.add_context(context, lang, self.state)

    def on_post_page(self, output, *, page, config):
        state = self.state
        lang = state.current_language(config)
        output = reader.finish_page(output, lang, self.typeset)  # for the reader: menus, typography
        output = security.page_with_csp(output, page, config, state)  # last: the policy hashes the final scripts
        self.search.index_page(output, page, lang)  # the final page, as readers see it
        state.written(page)
        return output

    def on_post_template(self, output_content, *, template_name, config):
        state = self.state
        lang = state.current_language(config)
        output = reader.finish_404(output_content, template_name, lang)  # as on_post_page
        output = security.not_found_with_csp(output, template_name, config, state)  # last, as in on_post_page
        i18n.remember_404(output, template_name, lang, state)
        return output

    @event_priority(-200)  # after static-i18n (-100) has built every language
    def on_post_build(self, *, config):
        site = Path(config.site_dir)
        i18n.write_404s(site, self.state)
        if is_outer_build(config):  # its on_post_build comes last: every language is built
            downloads.publish(site, self.state)
            self.search.build_index(site)  # every page of every language was fed to it as it was written
            security.finish(site, config, self.state)  # last: checks every page carries the policy

    def on_build_error(self, *, error):
        self.search.abandon()  # its services end; a rebuild starts a new index
