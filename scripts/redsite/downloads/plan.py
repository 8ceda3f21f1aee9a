"""What one build asks of its downloads: the method pages and catalogs, recorded page by page, and the built
pages that carry a download's marker (its size, or the handbook's links), filled in once after every download
is written (redsite.downloads.sizes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from redsite.origin import origin_label, origin_of
from redsite.render import DIRECTIVE

GUIDE_TYPE = "method"  # the content type that gets a guide per page (PDF, DOCX, ODT) and a handbook


def language_path(lang: str, folder: str, name: str, default: str) -> str:
    """Where a download lives, from the site root: pdf/<name> for the default language, sv/pdf/<name> otherwise
    (each format's site_path names its folder)."""
    prefix = "" if lang == default else f"{lang}/"
    return f"{prefix}{folder}/{name}"


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
class DownloadPlan:
    """What one `mkdocs build` (all languages) asks of the download steps; filled page by page."""

    guides: dict[tuple[str, str], GuidePage] = field(default_factory=dict)  # (lang, slug) -> page
    catalogs: dict[str, CatalogPage] = field(default_factory=dict)  # lang -> methods catalog page
    link_pages: set[str] = field(default_factory=set)  # built files that carry a download's marker

    def clear(self) -> None:
        self.guides.clear()
        self.catalogs.clear()
        self.link_pages.clear()


def offers_handbook(raw_html: str) -> bool:
    """The methods catalog page is the one that lists the guide type (<!-- red:catalog method -->)."""
    return any(match.group(1) == "catalog" and match.group(2) == GUIDE_TYPE for match in DIRECTIVE.finditer(raw_html))


def record_page(plan: DownloadPlan, page, lang: str, raw_html: str, fallback: bool) -> str:
    """Record a method page ("guide") or the methods catalog ("catalog") for the download steps; "" for any
    other page. `page` is a MkDocs page."""
    meta = page.meta or {}
    if meta.get("type") == GUIDE_TYPE:
        slug = PurePosixPath(page.file.src_uri).stem
        plan.guides[(lang, slug)] = GuidePage(
            lang=lang, slug=slug, title=str(page.title or meta.get("title", slug)),
            summary=str(meta.get("summary", "")), url=page.url, dest=page.file.dest_uri,
            web_address=page.canonical_url or "", last_reviewed=str(meta.get("last_reviewed", "")),
            fallback=fallback, origin=origin_label(meta, lang), origin_key=origin_of(meta) or "")
        plan.link_pages.add(page.file.dest_uri)
        return "guide"
    if offers_handbook(raw_html):
        plan.catalogs[lang] = CatalogPage(lang, page.url, page.file.dest_uri, page.canonical_url or "")
        plan.link_pages.add(page.file.dest_uri)
        return "catalog"
    return ""
