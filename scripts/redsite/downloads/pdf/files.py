"""The PDF step's settings, its file names and the PDF download buttons of a page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mkdocs.utils import get_relative_url

from redsite.downloads import plan as download_plan
from redsite.downloads.plan import DownloadPlan, language_path
from redsite.downloads.sizes import handbook_marker, size_marker
from redsite.render import fragment, t

PRINT_CSS = Path(__file__).with_name("print.css")
FONTS_CSS = "assets/stylesheets/fonts.css"  # in the built site; the web pages load the same file
PDF_FOLDER = "pdf"
PDF_VARIANT = "pdf/ua-1"  # tagged (structure tree, /MarkInfo, /Lang) and declared PDF/UA-1 in its XMP metadata
CACHE_FORMAT = "red-pdf-2"  # bump when the code that builds print documents changes meaning


@dataclass(frozen=True)
class Settings:
    skip: bool
    workers: int
    cache_dir: Path
    handbook_limit: int | None = None  # the most methods in one handbook PDF; beyond it, volumes (volumes.py)
    only: frozenset[str] | None = None  # benchmark only: render just these method slugs (plugins.red.pdf.only)


def guide_filename(slug: str, lang: str) -> str:
    return f"red-{slug}-{lang}.pdf"


def handbook_filename(lang: str, volume: str = "") -> str:
    """red-handbook-sv.pdf; a volume of a split handbook: red-handbook-lead-partner-2-sv.pdf (volumes.py)."""
    return f"red-handbook-{volume}-{lang}.pdf" if volume else f"red-handbook-{lang}.pdf"


def site_path(lang: str, filename: str, default: str) -> str:
    """Where a PDF lives, relative to the site root: pdf/… for the default language, sv/pdf/… otherwise."""
    return language_path(lang, PDF_FOLDER, filename, default)


def download_button(href: str, label: str, lang: str, target: str, hreflang: str | None = None) -> str:
    """A download link styled as a button; its size is filled in once the PDF exists (redsite.downloads.sizes)."""
    return fragment("download_button.html", href=href, label=label, hreflang=hreflang,
                    size_marker=size_marker("pdf", lang, target))


def offer_downloads(plan: DownloadPlan, page, lang: str, raw_html: str, fallback: bool, default: str) -> str:
    """Record a method page or the methods catalog for the download steps; return its PDF button (or '').

    `page` is a MkDocs page. An English page standing in for a missing translation
    offers the English PDF (labelled so) instead of a second copy under another name.
    """
    recorded = download_plan.record_page(plan, page, lang, raw_html, fallback)
    if recorded == "guide":
        slug = PurePosixPath(page.file.src_uri).stem
        pdf_lang = default if fallback else lang
        target = site_path(pdf_lang, guide_filename(slug, pdf_lang), default)
        label = t("pdf_download_print", lang)  # in the downloads group beside the editable formats
        if fallback:
            label = f"{label} – {t('doc_in_english', lang)}"
        return download_button(get_relative_url(target, page.url), label, lang, target,
                               hreflang=default if fallback else None)
    if recorded == "catalog":
        # One handbook or several volumes: known once every method page is built (volumes.handbook_links).
        return handbook_marker(lang)
    return ""
