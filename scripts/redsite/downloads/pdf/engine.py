"""Rendering print documents with WeasyPrint, in parallel processes; warnings are collected per PDF.

WeasyPrint is imported only inside these functions: a build that skips PDFs never loads it."""

from __future__ import annotations

import json
import logging
import mimetypes
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from redsite import site_files
from redsite.downloads.pdf import pdfua
from redsite.downloads.pdf.files import PDF_VARIANT
from redsite.downloads.pdf.styles import Styles


@dataclass(frozen=True)
class RenderJob:
    output: str  # site-relative path of the PDF
    document: str
    base_url: str  # the site directory, for images
    styles: Styles
    cache_file: Path


class RenderError(Exception):
    """WeasyPrint failed on one document (raised in a worker, reported by publish)."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_STYLESHEETS: dict[str, tuple] = {}  # per process: fingerprint -> (font configuration, stylesheets)


def _stylesheets(styles: Styles, fetcher):
    """Parse the stylesheets once per process; WeasyPrint can reuse them for many documents."""
    if styles.fingerprint not in _STYLESHEETS:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        fonts = FontConfiguration()
        _STYLESHEETS[styles.fingerprint] = (fonts, [
            CSS(string=styles.font_css, font_config=fonts, url_fetcher=fetcher),
            CSS(string=styles.print_css, font_config=fonts, url_fetcher=fetcher),
        ])
    return _STYLESHEETS[styles.fingerprint]


def site_fetcher(site_url: str, styles: Styles):
    """WeasyPrint's URL fetcher for one site: files of the built site (redsite.site_files decides, after
    every symbolic link), the print fonts the build made, data: URLs; nothing else from the disk, nothing
    from the network. `site_url` is the site directory's file: URL (the documents' base URL)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    site = Path(url2pathname(urlsplit(site_url).path))
    fonts = frozenset(styles.font_files)

    class SiteFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = url2pathname(urlsplit(url).path)
                if url.split("?", 1)[0] in fonts:
                    return URLFetcherResponse(url, Path(path).read_bytes(), {"Content-Type": "font/ttf"})
                relative = os.path.relpath(os.path.normpath(path), site)
                data = site_files.read_site_file(site, relative.replace(os.sep, "/"))
                media = mimetypes.guess_type(path)[0] or "application/octet-stream"
                return URLFetcherResponse(url, data, {"Content-Type": media})
            raise site_files.NotASiteFile(url, "is not a file of the built site; a PDF takes nothing from "
                                               "another host")

    return SiteFetcher(allowed_protocols={"file", "data"})


def render(job: RenderJob) -> list[str]:
    """Render one print document into its cache file; return WeasyPrint's warnings.

    Only files of the built site are fetched (site_fetcher): a PDF never pulls anything from another host,
    nor a file of the computer.
    """
    from weasyprint import HTML

    logger = logging.getLogger("weasyprint")
    collect, propagate = _Collect(), logger.propagate
    logger.addHandler(collect)
    logger.propagate = False
    try:
        fetcher = site_fetcher(job.base_url, job.styles)
        fonts, stylesheets = _stylesheets(job.styles, fetcher)
        job.cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial = job.cache_file.with_name(f"{job.cache_file.name}.{os.getpid()}.part")
        try:
            with pdfua.language_tags():  # /Lang on the parts in another language
                document = HTML(string=job.document, base_url=job.base_url, url_fetcher=fetcher).render(
                    stylesheets=stylesheets, font_config=fonts, pdf_variant=PDF_VARIANT)
                document.write_pdf(partial, pdf_variant=PDF_VARIANT,
                                   pdf_identifier=job.cache_file.stem[:32].encode("ascii"))
            pdfua.mark_running_content_as_artifacts(partial)  # running headers and footers
            mark_rights(partial, document.metadata.custom)  # the licence, where PDF readers look for it
        except Exception as error:  # any failure inside WeasyPrint: name the PDF instead of a traceback
            partial.unlink(missing_ok=True)
            reason = f"{type(error).__name__}: {error}"
            raise RenderError(f"{job.output}: WeasyPrint could not render it: {reason}") from None
        os.replace(partial, job.cache_file)
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
    warnings_file = job.cache_file.with_suffix(".warnings.json")
    if collect.messages:
        warnings_file.write_text(json.dumps(collect.messages, ensure_ascii=False), encoding="utf-8")
    elif warnings_file.exists():
        warnings_file.unlink()
    return collect.messages


def mark_rights(path: Path, metas: dict[str, str]) -> None:
    """Write the print document's `dcterms.rights` and `dcterms.license` metas into the PDF's XMP metadata
    as dc:rights, xmpRights:WebStatement and xmpRights:Marked (WeasyPrint writes neither); without them, no change.

    The PDF's Info dictionary has no field for rights; XMP is where readers (Acrobat's Document Properties,
    exiftool) show them. The producer and dates WeasyPrint wrote stay as they are (a reproducible PDF)."""
    import pikepdf

    rights, licence = metas.get("dcterms.rights"), metas.get("dcterms.license")
    if not rights and not licence:
        return
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            if rights:
                meta["dc:rights"] = rights
            if licence:
                meta["xmpRights:WebStatement"] = licence
            meta["xmpRights:Marked"] = "True"
        pdf.save(path, deterministic_id=True)


def cached_warnings(cache_file: Path) -> list[str]:
    warnings_file = cache_file.with_suffix(".warnings.json")
    return json.loads(warnings_file.read_text(encoding="utf-8")) if warnings_file.exists() else []


def render_all(jobs: list[RenderJob], workers: int) -> dict[str, list[str]]:
    """Render jobs, in parallel when that can help; returns warnings by output path."""
    if workers <= 1 or len(jobs) <= 1:
        return {job.output: render(job) for job in jobs}
    # Largest first (the handbooks), so that no worker is left with a long job at the end.
    ordered = sorted(jobs, key=lambda job: len(job.document), reverse=True)
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        return dict(zip((job.output for job in ordered), pool.map(render, ordered), strict=True))


