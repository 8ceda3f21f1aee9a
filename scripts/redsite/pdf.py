"""Printable guides: a PDF per method page and a handbook of all methods, per language.

The PDFs are made from the HTML the build has already written: the page's
<article> (title, notices, facts box, body, sources), so the text exists once.
Small pure functions turn that HTML into a print document (cover, contents,
chapters); `publish()` renders only what changed, with WeasyPrint, in parallel,
and keeps every PDF in a cache keyed by the hash of everything that shapes it.

WeasyPrint is imported only inside the render functions: a build that skips
PDFs (RED_SKIP_PDF=1, `make serve`) never loads it.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import math
import os
import posixpath
import re
import shutil
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from html import escape
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import tinyhtml5
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from redsite.model import ContentModel, load_model
from redsite.outputs import pdfua  # issue 13: PDF/UA-1 fixes (definition lists, /Lang, artifacts)
from redsite.render import DIRECTIVE, t

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


# --- What the build tells us ------------------------------------------------------------------

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


def settings_from_env(environ: Mapping[str, str], project_dir: Path) -> Settings:
    """RED_SKIP_PDF=1 skips rendering; RED_PDF_WORKERS and RED_PDF_CACHE tune the render step."""
    skip = environ.get("RED_SKIP_PDF", "").strip().lower() in {"1", "true", "yes", "on"}
    try:
        workers = max(1, int(environ.get("RED_PDF_WORKERS", "") or os.cpu_count() or 1))
    except ValueError:
        workers = os.cpu_count() or 1
    cache = environ.get("RED_PDF_CACHE") or project_dir / ".cache" / "pdf"
    return Settings(skip, workers, Path(cache))


# --- File names and download buttons ----------------------------------------------------------

def guide_filename(slug: str, lang: str) -> str:
    return f"red-{slug}-{lang}.pdf"


def handbook_filename(lang: str) -> str:
    return f"red-handbook-{lang}.pdf"


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
    hreflang_attr = f' hreflang="{escape(hreflang)}"' if hreflang else ""
    return (f'<p class="red-download" data-search-exclude>'
            f'<a class="md-button md-button--primary" href="{escape(href)}" type="application/pdf" download'
            f'{hreflang_attr}>{escape(label)} (PDF<!-- red-pdf-size {lang} {target} -->)</a></p>')


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
            fallback=fallback)
        pdf_lang = default if fallback else lang
        target = site_path(pdf_lang, guide_filename(slug, pdf_lang), default)
        label = t("pdf_download_guide_english" if fallback else "pdf_download_guide", lang)
        plan.link_pages.add(page.file.dest_uri)
        return download_button(get_relative_url(target, page.url), label, lang, target,
                               hreflang=default if fallback else None)
    if offers_handbook(raw_html):
        plan.catalogs[lang] = CatalogPage(lang, page.url, page.file.dest_uri, page.canonical_url or "")
        target = site_path(lang, handbook_filename(lang), default)
        plan.link_pages.add(page.file.dest_uri)
        return download_button(get_relative_url(target, page.url), t("pdf_download_handbook", lang), lang, target)
    return ""


# --- From the built page to a print document --------------------------------------------------

def _local(name: str) -> str:
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return XML_PREFIXES.get(namespace, "") + local
    return name


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _is_screen_only(element) -> bool:
    if not isinstance(element.tag, str):
        return True  # comments and processing instructions
    return _local(element.tag) in SCREEN_ONLY_TAGS or bool(_classes(element) & SCREEN_ONLY_CLASSES)


def _drop_children(parent, unwanted) -> None:
    """Remove the children for which `unwanted(child)` holds, keeping the text that follows them."""
    for child in list(parent):
        if unwanted(child):
            index = list(parent).index(child)
            if child.tail:
                if index:
                    previous = parent[index - 1]
                    previous.tail = (previous.tail or "") + child.tail
                else:
                    parent.text = (parent.text or "") + child.tail
            parent.remove(child)
        else:
            _drop_children(child, unwanted)


def parse_html(html: str):
    return tinyhtml5.parse(html, namespace_html_elements=False)


def extract_article(page_html: str):
    """The page's article element (Material's .md-content__inner), without the web-only parts."""
    # Parsing only the article's stretch of the page is ten times faster than the whole page
    # (navigation and all); the parser still sees every element inside it.
    start, end = page_html.find('<article class="md-content__inner'), page_html.rfind("</article>")
    root = parse_html(page_html[start:end + len("</article>")] if 0 <= start < end else page_html)
    article = next((element for element in root.iter("article") if "md-content__inner" in _classes(element)), None)
    if article is None:
        raise ValueError("no <article class=\"md-content__inner\"> in the built page")
    _drop_children(article, _is_screen_only)
    return article


def inner_html(element) -> str:
    """The element's content as HTML (ElementTree itself only writes XML)."""
    parts = [escape(element.text or "", quote=False)]
    for child in element:
        _serialize(child, parts)
        parts.append(escape(child.tail or "", quote=False))
    return "".join(parts)


def _serialize(element, parts: list[str]) -> None:
    if not isinstance(element.tag, str):
        return
    tag = _local(element.tag)
    attributes = "".join(f' {_local(name)}="{escape(value)}"' for name, value in element.attrib.items())
    parts.append(f"<{tag}{attributes}>")
    if tag in VOID_TAGS:
        return
    text = element.text or ""
    if tag in ("pre", "textarea", "listing") and text.startswith("\n"):
        text = "\n" + text  # the parser drops one leading newline in these elements
    parts.append(escape(text, quote=False))
    for child in element:
        _serialize(child, parts)
        parts.append(escape(child.tail or "", quote=False))
    parts.append(f"</{tag}>")


def _split_fragment(url: str) -> tuple[str, str]:
    base, _, fragment = url.partition("#")
    return base, fragment


def retarget(article, page: GuidePage, chapters: Mapping[str, str] | None = None, id_prefix: str = "") -> list[str]:
    """Make links and images work on paper; return the site-relative paths of local images.

    - links to other pages become absolute web addresses (a PDF travels without the site);
      in a handbook, links to a page that is a chapter of it point to that chapter instead;
    - in a handbook every id gets `id_prefix`, since all chapters share one document;
    - images are addressed from the site root, so that the document does not depend on where
      the site was built (the render's base URL is the site directory).
    """
    chapters = chapters or {}
    images: list[str] = []
    for element in article.iter():
        if not isinstance(element.tag, str):
            continue
        if id_prefix and element.get("id"):
            element.set("id", id_prefix + element.get("id"))
        tag = _local(element.tag)
        if tag == "a" and element.get("href") is not None:
            href = element.get("href").strip()
            if href.startswith("#"):
                element.set("href", "#" + id_prefix + href[1:] if len(href) > 1 else href)
                continue
            if urlsplit(href).scheme:
                continue
            if not page.web_address:
                del element.attrib["href"]
                continue
            absolute = urljoin(page.web_address, href)
            base, fragment = _split_fragment(absolute)
            if base in chapters:
                slug = chapters[base]
                element.set("href", f"#{slug}--{fragment}" if fragment else f"#{slug}")
            else:
                element.set("href", absolute)
        elif tag == "img" and element.get("src"):
            src = element.get("src").strip()
            if urlsplit(src).scheme:
                continue  # remote images are not fetched (see the URL fetcher); data: URLs stay inline
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.url.rstrip("/") + "/x"), src))
            element.set("src", resolved.lstrip("/"))
            images.append(resolved.lstrip("/"))
    return images


def _cover(lang: str, model: ContentModel, kind: str, title: str, summary: str, reviewed: str,
           web_address: str) -> str:
    rows = [(t("pdf_language", lang), escape(model.language(lang).name))]
    if reviewed:
        rows.append((t("last_reviewed", lang), escape(reviewed)))
    if web_address:
        rows.append((t("pdf_web_address", lang), f'<a href="{escape(web_address)}">{escape(web_address)}</a>'))
    facts = "".join(f"<dt>{escape(label)}</dt><dd>{value}</dd>" for label, value in rows)
    summary_html = f'<p class="red-cover__summary">{escape(summary)}</p>' if summary else ""
    return (f'<section class="red-cover">'
            f'<p class="red-cover__project">{escape(model.language(lang).site_name)}</p>'
            f'<p class="red-cover__kind">{escape(kind)}</p>'
            f'<p class="red-cover__title">{escape(title)}</p>{summary_html}'
            f'<dl class="red-cover__facts">{facts}</dl>'
            f'<p class="red-cover__publisher">{escape(t("pdf_author", lang))}<br>'
            f'{escape(t("footer_project", lang))}</p></section>')


def _document(lang: str, title: str, description: str, reviewed: str, body: str, kind_class: str) -> str:
    meta = [f'<meta name="author" content="{escape(t("pdf_author", lang))}">']
    if description:
        meta.append(f'<meta name="description" content="{escape(description)}">')
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", reviewed or ""):
        meta.append(f'<meta name="dcterms.modified" content="{reviewed}">')
    body = pdfua.definition_lists_as_tables(body)  # issue 13: dl as table structure for PDF/UA
    return (f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
            f'<title>{escape(title)}</title>{"".join(meta)}</head>'
            f'<body class="red-print {kind_class}">{body}</body></html>')


def guide_document(page: GuidePage, article, model: ContentModel | None = None) -> tuple[str, list[str]]:
    """The print document of one method: cover, then the page's article. Returns (HTML, local images)."""
    model = model or load_model()
    images = retarget(article, page)
    cover = _cover(page.lang, model, t("pdf_kind_guide", page.lang), page.title, page.summary,
                   page.last_reviewed, page.web_address)
    body = f'{cover}<article class="red-chapter">{inner_html(article)}</article>'
    return _document(page.lang, page.title, page.summary, page.last_reviewed, body, "red-print--guide"), images


def handbook_document(lang: str, catalog: CatalogPage | None, chapters: list[tuple[GuidePage, object]],
                      model: ContentModel | None = None) -> tuple[str, list[str]]:
    """All methods of a language in one document: cover, contents, one chapter per method."""
    model = model or load_model()
    ordered = sorted(chapters, key=lambda item: item[0].title.casefold())
    targets = {page.web_address: page.slug for page, _ in ordered if page.web_address}
    images: list[str] = []
    parts = []
    for page, article in ordered:
        images += retarget(article, page, targets, id_prefix=f"{page.slug}--")
        if page.fallback:  # issue 13: the English title of a chapter standing in for a translation
            next(article.iter("h1"), article).set("lang", model.default_language.code)
        parts.append(f'<article class="red-chapter" id="{escape(page.slug)}">{inner_html(article)}</article>')
    title = t("pdf_handbook_title", lang)
    reviewed = max((page.last_reviewed for page, _ in ordered), default="")
    cover = _cover(lang, model, t("pdf_kind_handbook", lang), title, "", reviewed,
                   catalog.web_address if catalog else "")
    default = model.default_language.code
    entries = "".join(f'<li><a href="#{escape(page.slug)}"{f" lang={default}" if page.fallback else ""}>'
                      f'{escape(page.title)}</a></li>' for page, _ in ordered)
    contents = (f'<section class="red-toc"><h1 class="red-toc__title">{escape(t("pdf_contents", lang))}</h1>'
                f'<ol>{entries}</ol></section>')
    body = cover + contents + "".join(parts)
    return _document(lang, title, "", reviewed, body, "red-print--handbook"), images


# --- Stylesheets: the print design and the fonts -----------------------------------------------

FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
FONT_URL = re.compile(r'url\("?([^")]+)"?\)')
FONT_SUBSET = re.compile(r"noto-sans-([a-z-]+?)-\d{3}-(?:normal|italic)\.woff2")


def print_font_css(fonts_css: str) -> tuple[str, list[str]]:
    """fonts.css for WeasyPrint: one family per unicode-range subset; returns (CSS, font files).

    The web's fonts.css gives every subset the one family name "Noto Sans". WeasyPrint
    (70) identifies embedded fonts by family, weight and style only, so the Latin and
    Cyrillic files of one family collapse into one PDF font and letters come out as
    wrong glyphs. Distinct family names, listed in order, keep them apart.
    """
    families: list[str] = []
    files: list[str] = []

    def rename(match: re.Match) -> str:
        block = match.group(0)
        url = FONT_URL.search(block)
        subset = FONT_SUBSET.search(url.group(1)) if url else None
        if not subset:
            return block
        files.append(url.group(1))
        family = f"RED Noto Sans {subset.group(1)}"
        if family not in families:
            families.append(family)
        return re.sub(r'font-family:\s*"[^"]*"', f'font-family: "{family}"', block)

    faces = FONT_FACE.sub(rename, fonts_css)
    # Latin before Cyrillic, base sets before extensions: the common letters come from the base files.
    order = sorted(families, key=lambda family: ("cyrillic" in family, "ext" in family))
    stack = ", ".join(f'"{family}"' for family in order)
    return f"{faces}\nhtml {{ font-family: {stack}, sans-serif; }}\n", files


@dataclass(frozen=True)
class Styles:
    """Everything besides the document that shapes a PDF, and its fingerprint."""

    print_css: str
    font_css: str  # @font-face rules with absolute file: URLs
    fingerprint: str  # hash of the print CSS, the font rules and the font files


def decompressed_font(woff2_file: Path, font_cache: Path) -> Path:
    """The TrueType form of a WOFF2 file, made once and kept in the cache.

    WeasyPrint decompresses every @font-face file for every document it renders,
    which cost about 5 of the 6 seconds of a short guide; TrueType files load at once.
    """
    data = woff2_file.read_bytes()
    target = font_cache / f"{woff2_file.stem}-{hashlib.sha256(data).hexdigest()[:16]}.ttf"
    if not target.is_file():
        from fontTools.ttLib import woff2

        font_cache.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.part")
        with open(woff2_file, "rb") as source, open(partial, "wb") as out:
            woff2.decompress(source, out)
        os.replace(partial, target)
    return target


def load_styles(site_dir: Path, cache_dir: Path, print_css_file: Path = PRINT_CSS) -> Styles:
    fonts_file = site_dir / FONTS_CSS
    font_css, font_files = print_font_css(fonts_file.read_text(encoding="utf-8"))
    print_css = print_css_file.read_text(encoding="utf-8")
    digest = hashlib.sha256()
    for text in (print_css, font_css):
        digest.update(text.encode("utf-8"))
    local_fonts = {}
    for name in font_files:
        woff2_file = (fonts_file.parent / name).resolve()
        digest.update(woff2_file.read_bytes())
        local_fonts[name] = decompressed_font(woff2_file, cache_dir / "fonts").resolve().as_uri()
    font_css = FONT_URL.sub(lambda match: f'url("{local_fonts.get(match.group(1), match.group(1))}")', font_css)
    font_css = font_css.replace('format("woff2")', 'format("truetype")')
    return Styles(print_css, font_css, digest.hexdigest())


def weasyprint_version() -> str:
    from importlib.metadata import version

    return version("weasyprint")


def cache_key(document: str, styles_fingerprint: str, engine_version: str, images: Iterable[bytes] = ()) -> str:
    """Hash of all that shapes a PDF: the print HTML, the stylesheets and fonts, the images, WeasyPrint."""
    digest = hashlib.sha256()
    for part in (CACHE_FORMAT, PDF_VARIANT, engine_version, styles_fingerprint, document):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    for image in images:
        digest.update(hashlib.sha256(image).digest())
    return digest.hexdigest()


# --- Rendering ---------------------------------------------------------------------------------

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


def render(job: RenderJob) -> list[str]:
    """Render one print document into its cache file; return WeasyPrint's warnings.

    Only local files are fetched: a PDF never pulls anything from another host.
    """
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    logger = logging.getLogger("weasyprint")
    collect, propagate = _Collect(), logger.propagate
    logger.addHandler(collect)
    logger.propagate = False
    try:
        fetcher = URLFetcher(allowed_protocols={"file", "data"})
        fonts, stylesheets = _stylesheets(job.styles, fetcher)
        job.cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial = job.cache_file.with_name(f"{job.cache_file.name}.{os.getpid()}.part")
        try:
            with pdfua.language_tags():  # issue 13: /Lang on parts in another language
                HTML(string=job.document, base_url=job.base_url, url_fetcher=fetcher).write_pdf(
                    partial, stylesheets=stylesheets, font_config=fonts, pdf_variant=PDF_VARIANT,
                    pdf_identifier=job.cache_file.stem[:32].encode("ascii"))
            pdfua.mark_running_content_as_artifacts(partial)  # issue 13: running headers/footers
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


# --- The PDF step of a build -------------------------------------------------------------------

@dataclass
class Report:
    planned: int = 0
    from_cache: int = 0
    rendered: int = 0
    seconds: float = 0.0
    workers: int = 1
    skipped: bool = False
    warnings: list[str] = field(default_factory=list)

    def messages(self) -> list[tuple[int, str]]:
        if self.skipped:
            return [(logging.INFO, f"PDF guides skipped (RED_SKIP_PDF=1): {self.planned} PDF(s) not generated; "
                                   "their download buttons lead nowhere in this build. Run 'make build' for them.")]
        processes = f"{self.workers} process{'es' if self.workers > 1 else ''}"
        lines = [(logging.INFO, f"PDF guides: {self.planned} PDF(s), {self.from_cache} from the cache, "
                                f"{self.rendered} rendered with {processes}; the PDF step took {self.seconds:.1f} s")]
        return lines + [(logging.WARNING, warning) for warning in self.warnings]


def _built_article(site_dir: Path, page: GuidePage):
    try:
        return extract_article((site_dir / page.dest).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PluginError(f"PDF guides: cannot read the built page {page.dest}: {error}\n    how to fix: the page "
                          "template must keep Material's <article class=\"md-content__inner\">") from None


def plan_jobs(plan: PdfPlan, site_dir: Path, styles: Styles, cache_dir: Path, engine_version: str,
              model: ContentModel | None = None) -> list[RenderJob]:
    """One render job per method page (translations and the English originals) and per handbook."""
    model = model or load_model()
    default = model.default_language.code
    base_url = site_dir.resolve().as_uri() + "/"
    documents: list[tuple[str, str, list[str]]] = []
    # Parsed once; each document gets its own copy, since retarget() changes links and ids in place.
    articles = {key: _built_article(site_dir, page) for key, page in plan.guides.items()}
    for (lang, slug), page in sorted(plan.guides.items()):
        if page.fallback:
            continue  # its button offers the default language's PDF
        html, images = guide_document(page, copy.deepcopy(articles[(lang, slug)]), model)
        documents.append((site_path(lang, guide_filename(slug, lang), default), html, images))
    for lang in sorted({lang for lang, _ in plan.guides} | set(plan.catalogs)):
        chapters = [(page, copy.deepcopy(articles[key])) for key, page in plan.guides.items() if key[0] == lang]
        html, images = handbook_document(lang, plan.catalogs.get(lang), chapters, model)
        documents.append((site_path(lang, handbook_filename(lang), default), html, images))
    jobs = []
    for output, html, images in documents:
        image_bytes = [(site_dir / image).read_bytes() for image in images if (site_dir / image).is_file()]
        key = cache_key(html, styles.fingerprint, engine_version, image_bytes)
        jobs.append(RenderJob(output, html, base_url, styles, cache_dir / key[:2] / f"{key}.pdf"))
    return jobs


def fill_sizes(site_dir: Path, pages: Iterable[str]) -> None:
    """Write each PDF's size into the download buttons that point to it."""
    def size(match: re.Match) -> str:
        target = site_dir / match.group(2)
        return f", {format_size(target.stat().st_size, match.group(1))}" if target.is_file() else match.group(0)

    for dest in pages:
        path = site_dir / dest
        if not path.is_file():
            continue
        html = path.read_text(encoding="utf-8")
        filled = SIZE_MARKER.sub(size, html)
        if filled != html:
            path.write_text(filled, encoding="utf-8")


def prune_cache(cache_dir: Path, keep: int, max_age_days: int = CACHE_MAX_AGE_DAYS) -> None:
    """Forget PDFs no build has used for a while, and the least recently used beyond `keep`.

    A cache hit refreshes the file's time. Test builds (whose site address differs each
    session) and edits add entries; this keeps the folder from growing without end.
    """
    entries = sorted((entry.stat().st_mtime, entry) for entry in cache_dir.glob("??/*.pdf"))
    limit = time.time() - max_age_days * 86400
    for position, (used, entry) in enumerate(entries):
        if used < limit or position < len(entries) - keep:
            entry.unlink(missing_ok=True)
            entry.with_suffix(".warnings.json").unlink(missing_ok=True)


def publish(plan: PdfPlan, site_dir: Path, settings: Settings, model: ContentModel | None = None) -> Report:
    """Put every planned PDF into the site (from the cache or freshly rendered) and fill in the sizes."""
    model = model or load_model()
    planned = len([page for page in plan.guides.values() if not page.fallback])
    planned += len({lang for lang, _ in plan.guides} | set(plan.catalogs))
    if settings.skip:
        return Report(planned=planned, skipped=True)
    started = time.perf_counter()
    styles = load_styles(site_dir, settings.cache_dir)
    jobs = plan_jobs(plan, site_dir, styles, settings.cache_dir, weasyprint_version(), model)
    missing = [job for job in jobs if not job.cache_file.is_file()]
    try:
        warnings = render_all(missing, settings.workers)
    except RenderError as error:
        raise PluginError(f"PDF guides: {error}\n    how to fix: check the page's HTML for the element named "
                          "above; set RED_SKIP_PDF=1 to build the site without PDFs meanwhile") from None
    report = Report(planned=len(jobs), from_cache=len(jobs) - len(missing), rendered=len(missing),
                    workers=min(settings.workers, max(1, len(missing))))
    for job in jobs:
        target = site_dir / job.output
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(job.cache_file, target)
        os.utime(job.cache_file)
        report.warnings += [f"{job.output}: WeasyPrint: {message}"
                            for message in warnings.get(job.output) or cached_warnings(job.cache_file)]
    fill_sizes(site_dir, plan.link_pages)
    prune_cache(settings.cache_dir, keep=10 * len(jobs))
    report.seconds = time.perf_counter() - started
    return report
