"""The DOCX/ODT step of a build: every guide, worksheet and handbook planned from the articles the build has
already written, a job per document and format, handed to the download pipeline
(redsite.downloads.pipeline), which has pandoc convert only what its content-hash cache lacks.

The handbooks follow the PDF handbook's volumes (redsite.downloads.pdf.volumes); their buttons reach the
methods catalogs through the report's replacements, in the pipeline's one pass over the pages.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError

from redsite import licensing, site_files
from redsite.downloads.articles import built_page, extract_article
from redsite.downloads.office import article, finish, handbook, worksheet
from redsite.downloads.office.engine import REFERENCE_DOCS, ConvertError, Job, convert, pandoc_path, pandoc_version
from redsite.downloads.office.files import KINDS, filename, handbook_filename, site_path, worksheet_filename
from redsite.downloads.pdf.volumes import Volume, plan_volumes
from redsite.downloads.pipeline import Report, cache_path, content_key, cpu_seconds, prune_cache, publish_jobs
from redsite.downloads.plan import DownloadPlan, GuidePage
from redsite.model import ContentModel, load_model
from redsite.render import t

CACHE_FORMAT = "red-editable-2"  # bump when the code that builds the documents changes meaning
DOCUMENTS = ("guide", "worksheet", "handbook")


def cache_key(job_parts: Iterable[str], engine: str, images: Iterable[bytes]) -> str:
    """Hash of all that shapes a document: its pandoc input and metadata, pandoc, the reference documents, the
    table looks finish.py adds, images."""
    references = [REFERENCE_DOCS[kind].read_bytes() for kind in sorted(REFERENCE_DOCS)]
    return content_key((CACHE_FORMAT, engine, finish.fingerprint(), *job_parts), [*references, *images])


@dataclass(frozen=True)
class Planned:
    """One document to make in both formats: where, from what HTML, with which properties."""

    what: str  # guide, worksheet or handbook
    lang: str
    names: dict  # kind (docx, odt) -> site path
    html: str
    title: str
    day: str  # the latest review of what it holds: the document's date
    images: list[bytes] = field(default_factory=list)


def read_article(site_dir: Path, page: GuidePage):
    try:
        return extract_article(built_page(site_dir, page.dest))
    except (site_files.NotASiteFile, UnicodeDecodeError, ValueError) as error:
        raise PluginError(f"DOCX/ODT guides: cannot read the built page {page.dest}: {error}") from None


def _made(make: Callable, page_dest: str, *args):
    """`make(*args)`, with an image outside the built site reported against the page that shows it."""
    try:
        return make(*args)
    except site_files.NotASiteFile as error:
        where = error if error.page or not page_dest else error.on_page(page_dest)
        raise PluginError(f"DOCX/ODT guides: an image outside the built site: {where}\n    how to fix: "
                          f"{site_files.FIX}") from None


def plan_documents(plan: DownloadPlan, site_dir: Path, model: ContentModel,
                   volumes: Mapping[str, list[Volume]]) -> list[Planned]:
    """Every guide and worksheet (the pages' own languages only: a fallback page offers the default language's),
    then every handbook or volume."""
    default = model.default_language.code
    planned = []
    for (lang, slug), page in sorted(plan.guides.items()):
        if page.fallback:
            continue
        for what, make, name, title in (
                ("guide", article.pandoc_input, filename, page.title),
                ("worksheet", worksheet.pandoc_input, worksheet_filename, worksheet.document_title(page))):
            html, images = _made(make, page.dest, page, read_article(site_dir, page), site_dir, model)
            planned.append(Planned(what, lang, {kind: site_path(lang, name(slug, lang, kind), default)
                                                for kind in KINDS}, html, title, page.last_reviewed, images))
    article_of = handbook.fresh_articles(plan.guides, lambda page: read_article(site_dir, page))
    for lang, language_volumes in sorted(volumes.items()):
        for volume in language_volumes:
            if not volume.keys:
                continue
            html, images, reviewed = _made(handbook.pandoc_input, "", volume, plan.guides, article_of,
                                           plan.catalogs.get(lang), site_dir, model)
            planned.append(Planned("handbook", lang, {kind: site_path(lang, handbook_filename(volume, kind), default)
                                                      for kind in KINDS}, html, handbook.title(volume, model),
                                   reviewed, images))
    return planned


def plan_jobs(plan: DownloadPlan, site_dir: Path, cache_dir: Path, engine: str, model: ContentModel,
              volumes: Mapping[str, list[Volume]]) -> list[Job]:
    """A job per format of every guide, worksheet and handbook, keyed by what shapes it."""
    jobs = []
    licence_url = licensing.content_licence(model).url
    for planned in plan_documents(plan, site_dir, model, volumes):
        language = model.language(planned.lang)
        rights = licensing.rights(planned.lang, t("pdf_author", planned.lang), model)
        for kind, output in planned.names.items():
            parts = (kind, planned.html, language.document_locale, planned.title, language.site_name, planned.day,
                     rights, licence_url)
            key = cache_key(parts, engine, planned.images)
            jobs.append(Job(output, kind, planned.html, language.document_locale or planned.lang, planned.title,
                            language.site_name, planned.day, cache_path(cache_dir, key, f".{kind}"), rights,
                            licence_url, planned.what))
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


def publish(plan: DownloadPlan, site_dir: Path, *, skip: bool, cache_dir: Path, workers: int,
            handbook_limit: int | None = None, model: ContentModel | None = None) -> Report:
    """Put every DOCX and ODT into the site (from the cache or fresh from pandoc). The report holds the files
    written and, for each methods catalog, its editable handbook's buttons (also when skipped: the links are the
    same), in the PDF handbook's volumes (`handbook_limit`)."""
    model = model or load_model()
    volumes = plan_volumes(plan, handbook_limit, model)
    report = Report("DOCX/ODT documents", "document(s)", "DOCX/ODT", verb="converted", means=" by pandoc",
                    replacements=handbook.catalog_replacements(plan.catalogs, volumes, model))
    if skip:
        report.skipped = ("DOCX/ODT documents skipped (RED_SKIP_PDF=1 or RED_SKIP_OUTPUTS=1): their download "
                          "buttons lead nowhere in this build. Run 'make build' for them.")
        return report
    started, cpu = time.perf_counter(), cpu_seconds()
    executable = pandoc_path()
    jobs = plan_jobs(plan, site_dir, cache_dir, pandoc_version(executable), model, volumes)
    languages = frozenset(model.codes)  # a page offers the default language's documents in place of missing ones
    publish_jobs(jobs, site_dir, lambda missing: _convert_all(missing, executable, workers), report, "doc",
                 lambda job: languages)
    made = {what: sum(job.what == what and job.kind == KINDS[0] for job in jobs) for what in DOCUMENTS}
    report.details.append("DOCX/ODT documents, each in both formats: "
                          + ", ".join(f"{count} {what}(s)" for what, count in made.items()))
    prune_office_cache(cache_dir, keep=10 * max(1, len(jobs)))
    report.seconds = time.perf_counter() - started
    report.cpu_seconds = cpu_seconds() - cpu
    return report
