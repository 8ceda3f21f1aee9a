"""What the build tells the PDF step (pages, catalogs, settings), PDF file names and download buttons."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from pathlib import Path, PurePosixPath

from markupsafe import Markup
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils import get_relative_url

from redsite.origin import origin_label, origin_of
from redsite.render import DIRECTIVE, fragment, t

PRINT_CSS = Path(__file__).with_name("print.css")
FONTS_CSS = "assets/stylesheets/fonts.css"  # in the built site; the web pages load the same file
GUIDE_TYPE = "method"  # the content type that gets a PDF per page and a handbook
PDF_FOLDER = "pdf"
PDF_VARIANT = "pdf/ua-1"  # tagged (structure tree, /MarkInfo, /Lang) and declared PDF/UA-1 in its XMP metadata
SIZE_MARKER = re.compile(r"<!-- red-pdf-size ([a-z]{2,3}) ([\w./-]+\.pdf) -->")
CACHE_FORMAT = "red-pdf-2"  # bump when the code that builds print documents changes meaning
CACHE_MAX_AGE_DAYS = 30

# Elements of the built page that belong to the web, not to paper.
SCREEN_ONLY_CLASSES = {"md-content__button", "headerlink", "red-download", "red-last-updated", "red-no-print"}
SCREEN_ONLY_TAGS = {"script", "style", "form", "button", "nav", "noscript", "template", "iframe"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
XML_PREFIXES = {"http://www.w3.org/1999/xlink": "xlink:", "http://www.w3.org/XML/1998/namespace": "xml:"}


@dataclass(frozen=True)
class GuidePage:
    """A method page as one language's build produced it."""

    lang: str  # the build (site language) the page belongs to
    slug: str  # file name without .md, the same in every language
    title: str
    summary: str
    url: str  # site-root-relative page URL, e.g. "sv/methods/forum-building/"
    dest: str  # the built file, e.g. "sv/methods/forum-building/index.html"
    web_address: str  # absolute URL of the page ("" when the site has no site_url)
    last_reviewed: str
    fallback: bool  # the English page standing in for a missing translation
    origin: str = ""  # the method's origin in the page's language (redsite.origin), shown on the cover
    origin_key: str = ""  # the same as a vocabulary key (red, lead-partner, ...): a split handbook's sections


@dataclass(frozen=True)
class CatalogPage:
    lang: str
    url: str
    dest: str
    web_address: str


@dataclass
class PdfPlan:
    """What one `mkdocs build` (all languages) asks of the PDF step; filled page by page."""

    guides: dict[tuple[str, str], GuidePage] = field(default_factory=dict)  # (lang, slug) -> page
    catalogs: dict[str, CatalogPage] = field(default_factory=dict)  # lang -> methods catalog page
    link_pages: set[str] = field(default_factory=set)  # built files that carry download buttons

    def clear(self) -> None:
        self.guides.clear()
        self.catalogs.clear()
        self.link_pages.clear()


@dataclass(frozen=True)
class Settings:
    skip: bool
    workers: int
    cache_dir: Path
    handbook_limit: int | None = None  # the most methods in one handbook PDF; beyond it, volumes (volumes.py)
    only: frozenset[str] | None = None  # benchmark only: render just these method slugs (RED_PDF_ONLY)


def handbook_limit(value, where: str) -> int | None:
    """The handbook limit as configured (None: never split), or a clear error naming where it was set."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    if isinstance(value, bool) or not re.fullmatch(r"[0-9]+", text) or int(text) < 1:
        raise ConfigurationError(
            f"{where} is {value!r}; it must be a whole number of methods (1 or more), e.g. 50: a handbook "
            "with more methods is published as one volume per origin, split into numbered parts; "
            "leave it out to keep every method of a language in one handbook")
    return int(text)


def settings_from_env(environ: Mapping[str, str], project_dir: Path) -> Settings:
    """RED_SKIP_PDF=1 skips rendering; RED_PDF_WORKERS and RED_PDF_CACHE tune the render step;
    RED_PDF_HANDBOOK_LIMIT splits large handbooks; RED_PDF_ONLY (comma-separated slugs) is for benchmarks."""
    skip = environ.get("RED_SKIP_PDF", "").strip().lower() in {"1", "true", "yes", "on"}
    try:
        workers = max(1, int(environ.get("RED_PDF_WORKERS", "") or os.cpu_count() or 1))
    except ValueError:
        workers = os.cpu_count() or 1
    cache = environ.get("RED_PDF_CACHE") or project_dir / ".cache" / "pdf"
    limit = handbook_limit(environ.get("RED_PDF_HANDBOOK_LIMIT"), "RED_PDF_HANDBOOK_LIMIT")
    only = frozenset(slug.strip() for slug in environ.get("RED_PDF_ONLY", "").split(",") if slug.strip())
    return Settings(skip, workers, Path(cache), limit, only or None)


def guide_filename(slug: str, lang: str) -> str:
    return f"red-{slug}-{lang}.pdf"


def handbook_filename(lang: str, volume: str = "") -> str:
    """red-handbook-sv.pdf; a volume of a split handbook: red-handbook-lead-partner-2-sv.pdf (volumes.py)."""
    return f"red-handbook-{volume}-{lang}.pdf" if volume else f"red-handbook-{lang}.pdf"


def site_path(lang: str, filename: str, default: str) -> str:
    """Where a PDF lives, relative to the site root: pdf/… for the default language, sv/pdf/… otherwise."""
    prefix = "" if lang == default else f"{lang}/"
    return f"{prefix}{PDF_FOLDER}/{filename}"


def format_size(size: int, lang: str) -> str:
    """'180 kB', '1,2 MB' (sv), '180 КБ' (ru): sizes as readers of that language write them."""
    kilobytes = max(1, math.ceil(size / 1000))
    if kilobytes < 1000:
        return f"{kilobytes}\u00a0{t('pdf_unit_kb', lang)}"
    from babel.numbers import format_decimal

    megabytes = format_decimal(round(size / 1_000_000, 1), format="#,##0.0", locale=lang)
    return f"{megabytes}\u00a0{t('pdf_unit_mb', lang)}"


def download_button(href: str, label: str, lang: str, target: str, hreflang: str | None = None) -> str:
    """A download link styled as a button; the size is filled in once the PDF exists (see fill_sizes)."""
    return fragment("download_button.html", href=href, label=label, hreflang=hreflang,
                    size_marker=Markup(f"<!-- red-pdf-size {escape(lang)} {escape(target)} -->"))


def handbook_marker(lang: str) -> str:
    """Where the methods catalog gets its handbook links (volumes.fill_handbook_links)."""
    return f"<!-- red-pdf-handbook {escape(lang)} -->"


def offers_handbook(raw_html: str) -> bool:
    """The methods catalog page is the one that lists the guide type (<!-- red:catalog method -->)."""
    return any(match.group(1) == "catalog" and match.group(2) == GUIDE_TYPE for match in DIRECTIVE.finditer(raw_html))


def offer_downloads(plan: PdfPlan, page, lang: str, raw_html: str, fallback: bool, default: str) -> str:
    """Record a method page or the methods catalog for the PDF step; return its download button (or '').

    `page` is a MkDocs page. An English page standing in for a missing translation
    offers the English PDF (labelled so) instead of a second copy under another name.
    """
    meta = page.meta or {}
    if meta.get("type") == GUIDE_TYPE:
        slug = PurePosixPath(page.file.src_uri).stem
        plan.guides[(lang, slug)] = GuidePage(
            lang=lang, slug=slug, title=str(page.title or meta.get("title", slug)),
            summary=str(meta.get("summary", "")), url=page.url, dest=page.file.dest_uri,
            web_address=page.canonical_url or "", last_reviewed=str(meta.get("last_reviewed", "")),
            fallback=fallback, origin=origin_label(meta, lang), origin_key=origin_of(meta) or "")
        pdf_lang = default if fallback else lang
        target = site_path(pdf_lang, guide_filename(slug, pdf_lang), default)
        label = t("pdf_download_guide_english" if fallback else "pdf_download_guide", lang)
        plan.link_pages.add(page.file.dest_uri)
        return download_button(get_relative_url(target, page.url), label, lang, target,
                               hreflang=default if fallback else None)
    if offers_handbook(raw_html):
        plan.catalogs[lang] = CatalogPage(lang, page.url, page.file.dest_uri, page.canonical_url or "")
        plan.link_pages.add(page.file.dest_uri)
        # One handbook or several volumes: known once every method page is built (volumes.fill_handbook_links).
        return handbook_marker(lang)
    return ""


