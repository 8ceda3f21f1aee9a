"""What one `mkdocs build` knows: its settings, the language being built, and what events remember.

mkdocs-static-i18n rebuilds the site once per language on the same config object; the
outer build (the first to start, the last to end) resets the state, so a `mkdocs serve`
rebuild starts clean.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import ConfigurationError

from redsite import page_info, pages, pdf
from redsite.model import ContentModel, load_model
from redsite.problems import Problem
from redsite.translations.report import TranslationReport, build_report, forget_page_caches
from redsite.translations.state import page_state

TRUE_WORDS = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class OutputSettings:
    """The DOCX/ODT guides and the offline zips. They are skipped whenever the PDFs are (`make serve`):
    the zips take the PDFs in, and a build without PDFs is a quick one."""

    skip: bool
    cache_dir: Path  # DOCX/ODT by content hash, like the PDFs


@dataclass(frozen=True)
class BuildSettings:
    """Settings from mkdocs.yml (`extra: red: pdf: {skip, workers, cache_dir, handbook_limit}`,
    `outputs: {skip, cache_dir}`, `nav: section_limit`); CI may override the PDF and output ones with RED_SKIP_PDF,
    RED_PDF_WORKERS, RED_PDF_CACHE, RED_PDF_HANDBOOK_LIMIT, RED_SKIP_OUTPUTS and RED_OUTPUTS_CACHE."""

    pdf: pdf.Settings
    outputs: OutputSettings
    nav_section_limit: int | None = None  # a section with more pages lists only its catalog (redsite.site_nav)

    @classmethod
    def from_config(cls, extra: Mapping | None, environ: Mapping[str, str], project_dir: Path) -> BuildSettings:
        red = (extra or {}).get("red") or {}
        configured = red.get("pdf") or {}
        merged = {}
        if "skip" in configured:
            merged["RED_SKIP_PDF"] = "1" if configured["skip"] in (True, *TRUE_WORDS) else "0"
        if configured.get("workers"):
            merged["RED_PDF_WORKERS"] = str(configured["workers"])
        if configured.get("cache_dir"):
            merged["RED_PDF_CACHE"] = str(project_dir / configured["cache_dir"])
        # issue 15: above this many methods, a language's handbook is published in volumes (redsite.pdf.volumes)
        limit = pdf.handbook_limit(configured.get("handbook_limit"), "mkdocs.yml: extra: red: pdf: handbook_limit")
        if limit is not None:
            merged["RED_PDF_HANDBOOK_LIMIT"] = str(limit)
        outputs = ((extra or {}).get("red") or {}).get("outputs") or {}
        if "skip" in outputs:
            merged["RED_SKIP_OUTPUTS"] = "1" if outputs["skip"] in (True, *TRUE_WORDS) else "0"
        if outputs.get("cache_dir"):
            merged["RED_OUTPUTS_CACHE"] = str(project_dir / outputs["cache_dir"])
        merged.update({key: value for key, value in environ.items() if key.startswith("RED_") and value != ""})
        pdf_settings = pdf.settings_from_env(merged, project_dir)
        # Without a folder of its own, the DOCX/ODT cache sits beside the PDF cache (.cache/pdf-editable).
        documents_cache = merged.get("RED_OUTPUTS_CACHE") or pdf_settings.cache_dir.with_name(
            f"{pdf_settings.cache_dir.name}-editable")
        skip_outputs = pdf_settings.skip or merged.get("RED_SKIP_OUTPUTS", "").strip().lower() in TRUE_WORDS
        return cls(pdf=pdf_settings, outputs=OutputSettings(skip_outputs, Path(documents_cache)),
                   nav_section_limit=_section_limit((red.get("nav") or {}).get("section_limit")))


def _section_limit(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(
            f"mkdocs.yml: extra: red: nav: section_limit is {value!r}; it must be a whole number of pages "
            "(0 or more), e.g. `section_limit: 60`, or left out to list every page in the nav")
    return value


@dataclass
class BuildState:
    """What one `mkdocs build` (all languages) remembers between events."""

    model: ContentModel = field(default_factory=load_model)
    settings: BuildSettings | None = None
    site_url: str = ""  # the online site's root address (feeds and offline copies link to it)
    original_nav: list | None = None
    not_found_pages: dict[str, str] = field(default_factory=dict)  # language -> its rendered 404 page
    committed: dict = field(default_factory=dict)  # repository path -> date of its last commit
    pdf: pdf.PdfPlan = field(default_factory=pdf.PdfPlan)  # method pages and catalogs that get PDF downloads
    serving: bool = False  # under `mkdocs serve` (hooks.security: no CSP, live reload needs an inline script)
    _report: TranslationReport | None = None

    @property
    def default(self) -> str:
        return self.model.default_language.code

    def start(self, config) -> None:
        """Called by the outer build's on_config: forget the previous build."""
        project_dir = Path(config.config_file_path).parent
        self.settings = BuildSettings.from_config(config.extra, os.environ, project_dir)
        self.site_url = config.site_url or ""
        self.committed = page_info.git_dates()
        self.pdf.clear()
        self._report = None

    def content_checked(self, front_matter: dict[tuple[str, str], list[Problem]]) -> None:
        """Called by the content check once every page passed it (hooks.content.check_content, in on_files).

        The translation report is made now, from the same parse and front-matter check of each page, so no
        page is validated twice (issue 15). Nothing in the build reads a page's Markdown source after this
        (MkDocs reads its own copy; the stale notices take their state from the report, catalogs and the
        nav only front matter), so a one-shot build drops the pages' bodies and the report's caches: at
        1,000 pages per language that is ~60 MB of the build's peak. `mkdocs serve` keeps them, so that a
        rebuild after an edit parses and compares only the changed page."""
        self._report = build_report(model=self.model, sources_checked=True, front_matter=front_matter)
        if not self.serving:
            pages.drop_bodies()
            forget_page_caches()

    def translation_report(self) -> TranslationReport:
        """The validator's report, computed once per build (the status page of every language uses it)."""
        if self._report is None:
            self._report = build_report(model=self.model, sources_checked=True)  # on_files checked them
        return self._report

    def page_state(self, rel: str, lang: str) -> str:
        """The state of the `lang` translation of `rel` (e.g. 'methods/x.md'), as the report found it."""
        found = self.translation_report().states.get((lang, rel))
        return found if found is not None else page_state(rel, lang, model=self.model)

    @staticmethod
    def written(page) -> None:
        """Called once a page's output is final: nothing reads its Markdown or HTML again. MkDocs keeps
        every page of a language, and static-i18n builds the next language while the previous one's pages
        are still referenced, so dropping them keeps about one language's text in memory (issue 15)."""
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
