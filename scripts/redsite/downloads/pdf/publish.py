"""The PDF step of a build: plan the jobs, then the download pipeline (redsite.downloads.pipeline) renders what
the cache lacks and copies the PDFs into the site; the handbook's links and the sizes reach the pages later, in
the build's one pass over them (redsite.downloads.sizes)."""

from __future__ import annotations

import copy
import time
from functools import partial
from pathlib import Path

from mkdocs.exceptions import PluginError

from redsite import site_files
from redsite.downloads.articles import article_text, built_page, extract_article
from redsite.downloads.pdf import inputs
from redsite.downloads.pdf.document import guide_document, handbook_document
from redsite.downloads.pdf.engine import RenderError, RenderJob, cached_warnings, render_all
from redsite.downloads.pdf.files import Settings, guide_filename, site_path
from redsite.downloads.pdf.styles import Styles, cache_key, load_styles, weasyprint_version
from redsite.downloads.pdf.volumes import Volume, handbook_replacements, plan_volumes
from redsite.downloads.pipeline import Report, cache_path, cpu_seconds, prune_cache, publish_jobs
from redsite.downloads.plan import DownloadPlan, GuidePage
from redsite.model import ContentModel, load_model


def _built_page(site_dir: Path, page: GuidePage) -> str:
    try:
        return built_page(site_dir, page.dest)
    except (site_files.NotASiteFile, UnicodeDecodeError) as error:
        raise PluginError(f"PDF guides: cannot read the built page {page.dest}: {error}") from None


def _built_article(site_dir: Path, page: GuidePage):
    try:
        return extract_article(_built_page(site_dir, page))
    except ValueError as error:
        raise PluginError(f"PDF guides: cannot read the built page {page.dest}: {error}\n    how to fix: the page "
                          "template must keep Material's <article class=\"md-content__inner\">") from None


def plan_jobs(plan: DownloadPlan, site_dir: Path, styles: Styles, cache_dir: Path, engine_version: str,
              model: ContentModel | None = None, volumes: dict[str, list[Volume]] | None = None) -> list[RenderJob]:
    """One render job per method page (translations and the English originals) and per handbook or volume.

    A document whose inputs made a PDF that is still cached is not made again (redsite.downloads.pdf.inputs):
    its job has no document, and only a job whose PDF is missing from the cache is rendered."""
    model = model or load_model()
    default = model.default_language.code
    volumes = volumes if volumes is not None else plan_volumes(plan, None, model)
    base_url = site_dir.resolve().as_uri() + "/"
    chapters = {key: inputs.chapter_digest(site_dir, page, article_text(_built_page(site_dir, page)))
                for key, page in plan.guides.items()}
    articles: dict = {}  # parsed only for the documents that are made

    def article(key):
        if key not in articles:
            articles[key] = _built_article(site_dir, plan.guides[key])
        return copy.deepcopy(articles[key])  # retarget() changes links and ids in place

    def guide(key):
        return guide_document(plan.guides[key], article(key), model)

    def handbook(lang: str, volume: Volume):
        chapters_of_volume = [(plan.guides[key], article(key)) for key in volume.keys]
        return handbook_document(lang, plan.catalogs.get(lang), chapters_of_volume, model, volume.label(model))

    documents = [(site_path(lang, guide_filename(slug, lang), default), [(lang, slug)], "guide",
                  partial(guide, (lang, slug)))
                 for (lang, slug), page in sorted(plan.guides.items())
                 if not page.fallback]  # a fallback page's button offers the default language's PDF
    for lang, language_volumes in sorted(volumes.items()):
        for volume in language_volumes:
            context = f"handbook\0{plan.catalogs.get(lang)!r}\0{volume.label(model)}"
            documents.append((site_path(lang, volume.filename, default), list(volume.keys), context,
                              partial(handbook, lang, volume)))
    jobs = []
    for output, keys, context, make in documents:
        fingerprint = inputs.fingerprint([chapters[key] for key in keys], context, styles.fingerprint, engine_version)
        key = inputs.known_key(cache_dir, fingerprint)
        html = ""
        if key is None:
            html, images = make()
            image_bytes = [site_files.read_site_file(site_dir, image) for image in images
                           if site_files.site_file(site_dir, image)]  # chapter_digest checked each already
            key = cache_key(html, styles.fingerprint, engine_version, image_bytes)
            inputs.remember(cache_dir, fingerprint, key)
        jobs.append(RenderJob(output, html, base_url, styles, cache_path(cache_dir, key, ".pdf")))
    return jobs


def _only(plan: DownloadPlan, slugs: frozenset[str]) -> DownloadPlan:
    """The plan cut down to some method pages (plugins.red.pdf.only: a benchmark's fixed subset at any size)."""
    return DownloadPlan({key: page for key, page in plan.guides.items() if key[1] in slugs}, dict(plan.catalogs),
                        set(plan.link_pages))


def _render(jobs: list[RenderJob], workers: int) -> dict[str, list[str]]:
    try:
        return render_all(jobs, workers)
    except RenderError as error:
        raise PluginError(f"PDF guides: {error}\n    how to fix: check the page's HTML for the element named "
                          "above; set RED_SKIP_PDF=1 to build the site without PDFs meanwhile") from None


def prune_pdf_cache(cache_dir: Path, keep: int) -> None:
    """redsite.downloads.pipeline.prune_cache for the PDFs (with their remembered warnings), and apart from
    them for the records of which inputs made which PDF (redsite.downloads.pdf.inputs)."""
    prune_cache(cache_dir, keep, patterns=["??/*.pdf"], companions=[".warnings.json"])
    prune_cache(cache_dir, keep, patterns=[f"{inputs.INPUTS_FOLDER}/??/*"])


def publish(plan: DownloadPlan, site_dir: Path, settings: Settings, model: ContentModel | None = None) -> Report:
    """Put every planned PDF into the site (from the cache or freshly rendered). The report holds the PDFs
    written and, for each methods catalog, its handbook's links (also without PDFs: the links are the same)."""
    model = model or load_model()
    default = model.default_language.code
    if settings.only is not None:
        plan = _only(plan, settings.only)
    volumes = plan_volumes(plan, settings.handbook_limit, model)
    report = Report("PDF guides", "PDF(s)", "PDF", verb="rendered",
                    replacements=handbook_replacements(plan, volumes, default, model))
    if settings.skip:
        planned = len([page for page in plan.guides.values() if not page.fallback])
        planned += sum(len(language_volumes) for language_volumes in volumes.values())
        report.planned = planned
        report.skipped = (f"PDF guides skipped (RED_SKIP_PDF=1): {planned} PDF(s) not generated; their download "
                          "buttons lead nowhere in this build. Run 'make build' for them.")
        return report
    started, cpu = time.perf_counter(), cpu_seconds()
    try:
        styles = load_styles(site_dir, settings.cache_dir)
        jobs = plan_jobs(plan, site_dir, styles, settings.cache_dir, weasyprint_version(), model, volumes)
    except site_files.NotASiteFile as error:
        raise PluginError(f"PDF guides: an image or font outside the built site: {error}\n    how to fix: "
                          f"{site_files.FIX}") from None
    languages = frozenset(model.codes)  # a page offers the default language's PDF in place of a missing one
    warnings = publish_jobs(jobs, site_dir, partial(_render, workers=settings.workers), report, "pdf",
                            lambda job: languages)
    processes = min(settings.workers, max(1, report.made))
    report.means = f" with {processes} process{'es' if processes > 1 else ''}"
    for job in jobs:
        report.warnings += [f"{job.output}: WeasyPrint: {message}"
                            for message in warnings.get(job.output) or cached_warnings(job.cache_file)]
    prune_pdf_cache(settings.cache_dir, keep=10 * len(jobs))
    report.seconds = time.perf_counter() - started
    report.cpu_seconds = cpu_seconds() - cpu
    return report
