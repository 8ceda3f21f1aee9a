"""The PDF step of a build: plan the jobs, render what the cache lacks, copy PDFs into the site,
fill in the sizes on the download buttons, prune the cache."""

from __future__ import annotations

import copy
import logging
import os
import re
import resource
import shutil
import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from mkdocs.exceptions import PluginError

from redsite import site_files
from redsite.downloads.pdf import inputs
from redsite.downloads.pdf.document import article_text, extract_article, guide_document, handbook_document
from redsite.downloads.pdf.engine import RenderError, RenderJob, cached_warnings, render_all
from redsite.downloads.pdf.plan import (
    CACHE_MAX_AGE_DAYS,
    SIZE_MARKER,
    GuidePage,
    PdfPlan,
    Settings,
    format_size,
    guide_filename,
    site_path,
)
from redsite.downloads.pdf.styles import Styles, cache_key, load_styles, weasyprint_version
from redsite.downloads.pdf.volumes import Volume, fill_handbook_links, plan_volumes
from redsite.model import ContentModel, load_model


@dataclass
class PdfReport:
    planned: int = 0
    from_cache: int = 0
    rendered: int = 0
    seconds: float = 0.0
    workers: int = 1
    skipped: bool = False
    warnings: list[str] = field(default_factory=list)
    cpu_seconds: float = 0.0  # this process and its render workers
    rendered_files: list[str] = field(default_factory=list)  # site paths of the PDFs rendered (not from the cache)

    def messages(self) -> list[tuple[int, str]]:
        if self.skipped:
            return [(logging.INFO, f"PDF guides skipped (RED_SKIP_PDF=1): {self.planned} PDF(s) not generated; "
                                   "their download buttons lead nowhere in this build. Run 'make build' for them.")]
        processes = f"{self.workers} process{'es' if self.workers > 1 else ''}"
        lines = [(logging.INFO, f"PDF guides: {self.planned} PDF(s), {self.from_cache} from the cache, "
                                f"{self.rendered} rendered with {processes}; the PDF step took {self.seconds:.1f} s "
                                f"({self.cpu_seconds:.1f} s CPU)")]
        if 0 < self.rendered <= 12:  # what an edit re-rendered (only its guides and handbook volume)
            lines.append((logging.INFO, f"PDF(s) rendered: {', '.join(sorted(self.rendered_files))}"))
        return lines + [(logging.WARNING, warning) for warning in self.warnings]


def _built_page(site_dir: Path, page: GuidePage) -> str:
    try:
        return (site_dir / page.dest).read_text(encoding="utf-8")
    except OSError as error:
        raise PluginError(f"PDF guides: cannot read the built page {page.dest}: {error}") from None


def _built_article(site_dir: Path, page: GuidePage):
    try:
        return extract_article(_built_page(site_dir, page))
    except ValueError as error:
        raise PluginError(f"PDF guides: cannot read the built page {page.dest}: {error}\n    how to fix: the page "
                          "template must keep Material's <article class=\"md-content__inner\">") from None


def plan_jobs(plan: PdfPlan, site_dir: Path, styles: Styles, cache_dir: Path, engine_version: str,
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
        jobs.append(RenderJob(output, html, base_url, styles, cache_dir / key[:2] / f"{key}.pdf"))
    return jobs


def fill_sizes(site_dir: Path, pages: Iterable[str], written: Collection[str], languages: Collection[str],
               marker: re.Pattern = SIZE_MARKER) -> None:
    """Write each download's size into the buttons that point to it (`marker` finds them: language, file).

    Only the files this step wrote, in the site's languages, count: a marker naming anything else (content
    cannot write one, see redsite.sanitize) is left as it is, so no marker reads a file of its choosing."""
    def size(match: re.Match) -> str:
        if match.group(1) not in languages or match.group(2) not in written:
            return match.group(0)
        target = site_dir / match.group(2)
        return f", {format_size(target.stat().st_size, match.group(1))}" if target.is_file() else match.group(0)

    for dest in pages:
        path = site_dir / dest
        if not path.is_file():
            continue
        html = path.read_text(encoding="utf-8")
        filled = marker.sub(size, html)
        if filled != html:
            path.write_text(filled, encoding="utf-8")


def prune_cache(cache_dir: Path, keep: int, max_age_days: int = CACHE_MAX_AGE_DAYS) -> None:
    """Forget PDFs no build has used for a while, and the least recently used beyond `keep`; the same for
    the records of which inputs made which PDF (redsite.downloads.pdf.inputs).

    A cache hit refreshes the file's time. Test builds (whose site address differs each
    session) and edits add entries; this keeps the folder from growing without end.
    """
    limit = time.time() - max_age_days * 86400
    for pattern in ("??/*.pdf", f"{inputs.INPUTS_FOLDER}/??/*"):
        entries = sorted((entry.stat().st_mtime, entry) for entry in cache_dir.glob(pattern))
        for position, (used, entry) in enumerate(entries):
            if used < limit or position < len(entries) - keep:
                entry.unlink(missing_ok=True)
                if entry.suffix == ".pdf":
                    entry.with_suffix(".warnings.json").unlink(missing_ok=True)


def _only(plan: PdfPlan, slugs: frozenset[str]) -> PdfPlan:
    """The plan cut down to some method pages (RED_PDF_ONLY: a benchmark's fixed subset at any site size)."""
    return PdfPlan({key: page for key, page in plan.guides.items() if key[1] in slugs}, dict(plan.catalogs),
                   set(plan.link_pages))


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the render workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def publish(plan: PdfPlan, site_dir: Path, settings: Settings, model: ContentModel | None = None) -> PdfReport:
    """Put every planned PDF into the site (from the cache or freshly rendered) and fill in the sizes."""
    model = model or load_model()
    default = model.default_language.code
    if settings.only is not None:
        plan = _only(plan, settings.only)
    volumes = plan_volumes(plan, settings.handbook_limit, model)
    fill_handbook_links(site_dir, plan, volumes, default, model)  # also without PDFs: the links are the same
    planned = len([page for page in plan.guides.values() if not page.fallback])
    planned += sum(len(language_volumes) for language_volumes in volumes.values())
    if settings.skip:
        return PdfReport(planned=planned, skipped=True)
    started, cpu = time.perf_counter(), _cpu_seconds()
    try:
        styles = load_styles(site_dir, settings.cache_dir)
        jobs = plan_jobs(plan, site_dir, styles, settings.cache_dir, weasyprint_version(), model, volumes)
    except site_files.NotASiteFile as error:
        raise PluginError(f"PDF guides: an image or font outside the built site: {error}\n    how to fix: "
                          f"{site_files.FIX}") from None
    missing = [job for job in jobs if not job.cache_file.is_file()]
    try:
        warnings = render_all(missing, settings.workers)
    except RenderError as error:
        raise PluginError(f"PDF guides: {error}\n    how to fix: check the page's HTML for the element named "
                          "above; set RED_SKIP_PDF=1 to build the site without PDFs meanwhile") from None
    report = PdfReport(planned=len(jobs), from_cache=len(jobs) - len(missing), rendered=len(missing),
                       workers=min(settings.workers, max(1, len(missing))),
                       rendered_files=[job.output for job in missing])
    for job in jobs:
        target = site_dir / job.output
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(job.cache_file, target)
        os.utime(job.cache_file)
        report.warnings += [f"{job.output}: WeasyPrint: {message}"
                            for message in warnings.get(job.output) or cached_warnings(job.cache_file)]
    fill_sizes(site_dir, plan.link_pages, {job.output for job in jobs}, model.codes)
    prune_cache(settings.cache_dir, keep=10 * len(jobs))
    report.seconds = time.perf_counter() - started
    report.cpu_seconds = _cpu_seconds() - cpu
    return report
