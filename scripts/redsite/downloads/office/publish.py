"""The DOCX/ODT step of a build: a job per guide and format, handed to the download pipeline
(redsite.downloads.pipeline), which has pandoc convert only what its content-hash cache lacks."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.exceptions import PluginError

from redsite import licensing, site_files
from redsite.downloads.articles import built_page, extract_article
from redsite.downloads.office.document import pandoc_input
from redsite.downloads.office.engine import REFERENCE_DOCS, ConvertError, Job, convert, pandoc_path, pandoc_version
from redsite.downloads.office.files import KINDS, filename, site_path
from redsite.downloads.pipeline import Report, cache_path, content_key, cpu_seconds, prune_cache, publish_jobs
from redsite.downloads.plan import GuidePage
from redsite.model import ContentModel, load_model
from redsite.render import t

CACHE_FORMAT = "red-editable-1"  # bump when the code that builds the documents changes meaning


def cache_key(job_parts: Iterable[str], engine: str, images: Iterable[bytes]) -> str:
    """Hash of all that shapes a document: its pandoc input and metadata, pandoc, the reference documents, images."""
    references = [REFERENCE_DOCS[kind].read_bytes() for kind in sorted(REFERENCE_DOCS)]
    return content_key((CACHE_FORMAT, engine, *job_parts), [*references, *images])


def plan_jobs(guides: Mapping[tuple[str, str], GuidePage], site_dir: Path, cache_dir: Path, engine: str,
              model: ContentModel) -> list[Job]:
    default = model.default_language.code
    jobs = []
    for (lang, slug), page in sorted(guides.items()):
        if page.fallback:
            continue  # its buttons offer the default language's documents
        try:
            article = extract_article(built_page(site_dir, page.dest))
        except (site_files.NotASiteFile, UnicodeDecodeError, ValueError) as error:
            raise PluginError(f"DOCX/ODT guides: cannot read the built page {page.dest}: {error}") from None
        try:
            html, images = pandoc_input(page, article, site_dir, model)
        except site_files.NotASiteFile as error:
            where = error if error.page else error.on_page(page.dest)
            raise PluginError(f"DOCX/ODT guides: an image outside the built site: {where}\n    how to fix: "
                              f"{site_files.FIX}") from None
        language = model.language(lang)
        rights, licence_url = licensing.rights(lang, t("pdf_author", lang), model), licensing.content_licence(model).url
        for kind in KINDS:
            parts = (kind, html, language.document_locale, page.title, language.site_name, page.last_reviewed,
                     rights, licence_url)
            key = cache_key(parts, engine, images)
            jobs.append(Job(site_path(lang, filename(slug, lang, kind), default), kind, html,
                            language.document_locale or lang, page.title, language.site_name,
                            page.last_reviewed, cache_path(cache_dir, key, f".{kind}"), rights, licence_url))
    return jobs


def _convert_all(jobs: list[Job], executable: str, workers: int) -> None:
    try:
        # pandoc is a separate process: threads are enough to keep both cores busy.
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            list(pool.map(lambda job: convert(job, executable), jobs))
    except ConvertError as error:
        raise PluginError(f"DOCX/ODT guides: {error}\n    how to fix: check the page's HTML; set RED_SKIP_PDF=1 "
                          "to build the site without downloadable documents meanwhile") from None


def prune_office_cache(cache_dir: Path, keep: int) -> None:
    """redsite.downloads.pipeline.prune_cache for the DOCX and ODT files (one group: their least recently used go)."""
    prune_cache(cache_dir, keep, patterns=[f"??/*.{kind}" for kind in KINDS])


def publish(guides: Mapping[tuple[str, str], GuidePage], site_dir: Path, *, skip: bool, cache_dir: Path,
            workers: int, model: ContentModel | None = None) -> Report:
    """Put every DOCX and ODT into the site (from the cache or fresh from pandoc)."""
    model = model or load_model()
    report = Report("DOCX/ODT guides", "document(s)", "DOCX/ODT", verb="converted", means=" by pandoc")
    if skip:
        report.skipped = ("DOCX/ODT guides skipped (RED_SKIP_PDF=1 or RED_SKIP_OUTPUTS=1): their download buttons "
                          "lead nowhere in this build. Run 'make build' for them.")
        return report
    started, cpu = time.perf_counter(), cpu_seconds()
    executable = pandoc_path()
    jobs = plan_jobs(guides, site_dir, cache_dir, pandoc_version(executable), model)
    languages = frozenset(model.codes)  # a page offers the default language's documents in place of missing ones
    publish_jobs(jobs, site_dir, lambda missing: _convert_all(missing, executable, workers), report, "doc",
                 lambda job: languages)
    prune_office_cache(cache_dir, keep=10 * max(1, len(jobs)))
    report.seconds = time.perf_counter() - started
    report.cpu_seconds = cpu_seconds() - cpu
    return report

