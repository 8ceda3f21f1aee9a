"""What one `mkdocs build` knows: its settings, its project folder, the language being built, and what
events remember.

mkdocs-static-i18n rebuilds the site once per language on the same config object; the
outer build (the first to start, the last to end) resets the state, so a `mkdocs serve`
rebuild starts clean.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from redsite import page_info
from redsite.downloads.plan import DownloadPlan
from redsite.model import REPO_ROOT, ContentModel, load_model
from redsite.open_data.records import own_pages
from redsite.plugin import caches
from redsite.plugin.config import BuildSettings
from redsite.problems import Problem
from redsite.translations.freshness import page_state
from redsite.translations.report import TranslationReport, build_report


@dataclass
class BuildState:
    """What one `mkdocs build` (all languages) remembers between events; the plugin holds one for its lifetime."""

    model: ContentModel = field(default_factory=load_model)
    settings: BuildSettings | None = None
    root: Path = REPO_ROOT  # the project: the folder of mkdocs.yml (start), where the page trees and data/ are
    site_url: str = ""  # the online site's root address (feeds and offline copies link to it)
    original_nav: list | None = None
    not_found_pages: dict[str, str] = field(default_factory=dict)  # language -> its rendered 404 page
    committed: dict = field(default_factory=dict)  # repository path -> date of its last commit
    downloads: DownloadPlan = field(default_factory=DownloadPlan)  # pages that offer downloads
    owned_pages: dict[str, set[str]] = field(default_factory=dict)  # language -> the pages written in it
    serving: bool = False  # under `mkdocs serve` (plugin.security: no CSP, live reload needs an inline script)
    _report: TranslationReport | None = None

    @property
    def default(self) -> str:
        return self.model.default_language.code

    def start(self, config, settings: BuildSettings) -> None:
        """Called by the outer build's on_config: forget the previous build."""
        self.root = Path(config.config_file_path).resolve().parent
        self.settings = settings
        self.site_url = config.site_url or ""
        self.committed = page_info.git_dates(self.root, self.model)
        self.owned_pages = own_pages(self.root, self.model)
        self.downloads.clear()
        self._report = None

    def content_checked(self, front_matter: dict[tuple[str, str], list[Problem]]) -> None:
        """Called by the content check once every page passed it (plugin.content.check_content, in on_files).

        The translation report is made now, from the same parse and front-matter check of each page, so no
        page is validated twice. Nothing in the build reads a page's Markdown source after this (MkDocs reads
        its own copy; the stale notices take their state from the report, catalogs and the nav only front
        matter), so a one-shot build lets go of what the caches hold per page (plugin.caches): at 1,000 pages
        per language that is ~60 MB of the build's peak. `mkdocs serve` keeps them, so that a rebuild after
        an edit parses and compares only the changed page."""
        self._report = build_report(self.root, self.model, sources_checked=True, front_matter=front_matter)
        if not self.serving:
            caches.release_page_memory()

    def translation_report(self) -> TranslationReport:
        """The validator's report, computed once per build (the status page of every language uses it)."""
        if self._report is None:
            self._report = build_report(self.root, self.model, sources_checked=True)  # on_files checked them
        return self._report

    def page_state(self, rel: str, lang: str) -> str:
        """The state of the `lang` translation of `rel` (e.g. 'methods/x.md'), as the report found it."""
        found = self.translation_report().states.get((lang, rel))
        return found if found is not None else page_state(rel, lang, self.root, self.model)

    @staticmethod
    def written(page) -> None:
        """Called once a page's output is final: nothing reads its Markdown or HTML again. MkDocs keeps
        every page of a language, and static-i18n builds the next language while the previous one's pages
        are still referenced, so dropping them keeps about one language's text in memory."""
        page.markdown = None
        page.content = None

    def current_language(self, config) -> str:
        plugin = config.plugins.get("i18n")
        return (plugin.current_language if plugin else None) or self.default


def is_outer_build(config) -> bool:
    """True in the build that static-i18n starts the other languages from (first to start, last to end).

    It is the default language on `mkdocs build`, but not on `mkdocs serve` rebuilds, which
    start with whichever language was built last.
    """
    return not getattr(config.plugins.get("i18n"), "building", False)


def is_fallback(page, lang: str) -> bool:
    """The English page standing in for a missing translation."""
    return getattr(page.file, "locale", lang) != lang
