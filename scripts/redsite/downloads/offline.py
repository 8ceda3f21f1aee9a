"""An offline copy of each language's site: a zip that works when opened from disk (file://).

The copy is made from the built site, not by a second build:

- the pages are found by following links from the language's home page: every page of
  all three languages, so that the language menu works on disk too; every file the pages
  use (stylesheets, scripts, fonts, images) comes along, and the downloads (the PDF, DOCX
  and ODT guides, the data files) of the language's own pages; the other languages'
  downloads stay online, which keeps each zip about a third of a copy of everything;
- the site sits in a folder `site/` next to an `index.html` that forwards to the
  language's home page: the English home page is the site's own `index.html`;
- links to folders ("../methods/") get "index.html" added, since a browser shows a
  folder listing, not the page, for a file:// folder;
- links to files that are not in the copy (the other languages' downloads, the feed)
  point to the web address of the online site, so that nothing dangles;
- <link rel="alternate"> elements go: Material's language selector fetches
  sitemap.xml next to each of them, which would leave the disk;
- the fonts are embedded into the copy's fonts.css as data: URLs (Chromium refuses
  web fonts from file:// URLs), and the pages' Content-Security-Policy allows data: fonts;
- search needs the online site (it loads an index with fetch(), which file:// does
  not allow): the search button goes, and a note in the page's language says so, with
  the online address; the home page's note adds that on a phone the PDF guides are
  the way to read offline (phone browsers do not open a folder of pages).
"""

from __future__ import annotations

import base64
import html as html_text
import posixpath
import re
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from redsite import site_files
from redsite.downloads.pipeline import Report, cache_path, content_key, copy_into_site, cpu_seconds, prune_cache
from redsite.downloads.plan import language_path
from redsite.downloads.sizes import size_marker
from redsite.model import ContentModel, load_model
from redsite.render import fragment, t
from redsite.site_files import NotASiteFile

FOLDER = "offline"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entry times: the same site gives the same zip
CACHE_FORMAT = "red-offline-1"  # bump when the code that writes the zip (not its entries) changes meaning
OFFLINE_ITEM = re.compile(r'<li class="red-offline-link">.*?</li>', re.S)
ATTRIBUTE_URL = site_files.ATTRIBUTE_URL
CSS_URL = re.compile(r'url\((["\']?)([^"\')]+)\1\)')
ALTERNATE_LINK = re.compile(r'[ \t]*<link rel="alternate[" ][^>]*>\n?')  # the feed's is "alternate feed"
SEARCH_BLOCK = re.compile(r'<div class="md-search" data-md-component="search"')
# The site search's box (overrides/partials/red-search.html): without its attribute search.js finds no search to
# set up, so neither the button nor the "/" key tries to load an index from the disk.
RED_SEARCH = re.compile(r'(<div class="red-search") data-red-search\b')
CONTENT_START = re.compile(r'(<article class="md-content__inner[^"]*">)')
FONT_CSS = "assets/stylesheets/fonts.css"
SITE_FOLDER = "site"  # inside the zip's top folder, beside the index.html that forwards to the language's home
# What a page offers to take away rather than to read: from another language's page, the online address.
DOWNLOAD_SUFFIXES = {".pdf", ".docx", ".odt", ".zip", ".json", ".csv", ".tbx", ".xml", ".gz"}
FONT_TYPES = {".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf"}


def zip_name(lang: str) -> str:
    return f"red-knowledge-{lang}-offline.zip"


def site_path(lang: str, default: str) -> str:
    return language_path(lang, FOLDER, zip_name(lang), default)


def download_item(page_url: str, lang: str, default: str) -> dict:
    """What the outputs box (home page, methods catalog) says about the offline copy; the size comes later."""
    target = site_path(lang, default)
    return {"href": get_relative_url(target, page_url), "label": t("offline_download", lang),
            "hint": t("offline_hint", lang), "size_marker": size_marker("offline", lang, target)}


# --- Which files make up a language's copy -----------------------------------------------------


def language_of(path: str, languages: list[str], default: str) -> str:
    first = path.split("/", 1)[0]
    return first if first in languages and first != default else default


def resolve(base_file: str, reference: str, base_path: str = "") -> tuple[str, str] | None:
    """The site path a reference in `base_file` points to, and its query and fragment; None if it is not a
    file of the site (a web address, a fragment). Raises NotASiteFile for one outside the site
    (redsite.site_files decides; `base_path` is the path of the site's address, see locate)."""
    found = site_files.locate(base_file, reference, base_path)
    return None if found.path is None else (found.path, found.suffix)


def as_file(site: Path, path: str) -> str | None:
    """The file a site path means: itself, or the index.html of a folder; None if the site has none.
    Raises NotASiteFile for one that leads out of the site or is no regular file."""
    return site_files.site_file(site, path)


PageFilter = Callable[[str, str], str]  # (site path, page as built) -> the page as the copy takes it


def as_built(path: str, html: str) -> str:
    return html


@dataclass
class Package:
    lang: str
    files: set[str] = field(default_factory=set)  # site paths in the copy
    pages: set[str] = field(default_factory=set)  # the HTML pages among them
    refused: list[str] = field(default_factory=list)  # "page: reference and why": none may leave the build
    texts: dict[str, str] = field(default_factory=dict)  # the pages and stylesheets, read once


def collect(site: Path, lang: str, model: ContentModel, base_path: str = "", page_filter: PageFilter = as_built
            ) -> Package:
    """The pages of every language (reached by links from the language's home page), every file they use, and the
    downloads of the language's own pages; `base_path`: the path of the online site's address ("/red-knowledge/"),
    below which the theme's absolute links lie. Each page is read once, through `page_filter` (the build fills in
    its download sizes)."""
    default = model.default_language.code
    languages = list(model.codes)
    package = Package(lang)
    queue = [(home_page(lang, default), True)]  # (site path, reached from a page of the copy's language)
    while queue:
        current, from_own = queue.pop()
        if current in package.files:
            continue
        if not from_own and PurePosixPath(current).suffix in DOWNLOAD_SUFFIXES:
            continue  # another language's download: online (a page of the copy's own language may still ask for it)
        package.files.add(current)
        if current.endswith(".html"):
            package.pages.add(current)
            text = package.texts[current] = page_filter(current, _read_text(site, current))
            references = [html_text.unescape(match.group(2)) for match in ATTRIBUTE_URL.finditer(text)]
            own = language_of(current, languages, default) == lang
        elif current.endswith(".css"):
            text = package.texts[current] = _read_text(site, current)
            references = [match.group(2) for match in CSS_URL.finditer(text)]
            own = True
        else:
            continue
        for reference in references:
            try:
                resolved = resolve(current, reference, base_path)
                target = as_file(site, resolved[0]) if resolved else None
            except NotASiteFile as refused:
                package.refused.append(f"{current}: {refused}")
                continue
            if target is None or target in package.files or target.endswith(".zip"):
                continue
            queue.append((target, own))
    return package


def home_page(lang: str, default: str) -> str:
    return "index.html" if lang == default else f"{lang}/index.html"


# --- Rewriting the copy's files ------------------------------------------------------------------


def rewrite_page(html: str, page: str, site: Path, package: Package, site_url: str, model: ContentModel) -> str:
    """A page of the copy: folder links to index.html, outside files online, no alternates, no search, a note in
    the page's language (on the copy's home page, with the advice for phones).

    `site_url` is the online site's root address (with its trailing slash).
    """
    default = model.default_language.code
    lang = language_of(page, list(model.codes), default)
    online = home_address(site_url, lang, model)
    base_path = urlsplit(site_url).path

    def rewrite(match: re.Match) -> str:
        try:
            resolved = resolve(page, html_text.unescape(match.group(2)), base_path)
            target = as_file(site, resolved[0]) if resolved else None
        except NotASiteFile:  # collect() refused the copy already
            return match.group(0)
        if resolved is None:
            return match.group(0)
        path, suffix = resolved
        if target in package.files:
            relative = posixpath.relpath(target, posixpath.dirname(page) or ".")
            return f"{match.group(1)}{escape(relative)}{escape(suffix)}{match.group(3)}"
        # Not in the copy (another language's download, the feed, a missing file): the online address.
        address = urljoin(site_url, path + ("/" if path and (site / path).is_dir() else ""))  # "": the root
        return f"{match.group(1)}{escape(address)}{escape(suffix)}{match.group(3)}"

    html = OFFLINE_ITEM.sub("", html)
    html = ALTERNATE_LINK.sub("", html)
    # The copy's fonts are data: URLs (see inline_fonts): its policy has to let them in.
    html = html.replace("font-src 'self'", "font-src 'self' data:", 1)
    html = ATTRIBUTE_URL.sub(rewrite, html)
    html = SEARCH_BLOCK.sub('<div class="md-search" data-md-component="search" hidden', html, count=1)
    html = RED_SEARCH.sub(r"\1", html, count=1)
    phone = t("offline_phone_note", lang) if page == home_page(package.lang, default) else ""
    note = fragment("offline_note.html", text=t("offline_search_note", lang), online=online, phone=phone)
    html = CONTENT_START.sub(lambda match: match.group(1) + note, html, count=1)
    stylesheet = posixpath.relpath("assets/stylesheets/offline.css", posixpath.dirname(page) or ".")
    return html.replace("</head>", f'<link rel="stylesheet" href="{stylesheet}">\n</head>', 1)


OFFLINE_CSS = """/* Only in the offline copy: search needs the online site, so its box and buttons are hidden. */
.md-search, label[for="__search"], .md-header__button[for="__search"], .red-search, .red-search-offer {
  display: none !important;
}
.red-offline-note { padding: 0.6em 0.8em; border-left: 0.2rem solid currentcolor; }
.md-typeset .red-offline-note > p { margin: 0.3em 0; }
"""


def inline_fonts(css: str, css_path: str, site: Path) -> str:
    def embed(match: re.Match) -> str:
        try:
            resolved = resolve(css_path, match.group(2))
            target = as_file(site, resolved[0]) if resolved else None
        except NotASiteFile:  # collect() refused the copy already
            return match.group(0)
        suffix = Path(target).suffix if target else ""
        if target is None or suffix not in FONT_TYPES:
            return match.group(0)
        data = base64.b64encode(site_files.read_site_file(site, target)).decode("ascii")
        return f'url("data:{FONT_TYPES[suffix]};base64,{data}")'

    return CSS_URL.sub(embed, css)


def home_address(site_url: str, lang: str, model: ContentModel | None = None) -> str:
    default = (model or load_model()).default_language.code
    return urljoin(site_url, "" if lang == default else f"{lang}/")


def forwarding_page(lang: str, home: str, model: ContentModel) -> str:
    return fragment("offline_forward.html", lang=lang, title=model.language(lang).site_name, home=home)


def _read_text(site: Path, path: str) -> str:
    return site_files.read_site_file(site, path).decode("utf-8")


Entry = tuple[str, Callable[[], bytes]]  # a name in the zip, and what makes its bytes


def entries(site: Path, package: Package, site_url: str, model: ContentModel) -> list[Entry]:
    """What the language's zip holds, in order: the forwarding page, every file of the copy, the copy's CSS.
    Each entry's bytes are made when asked for: the zip's cache key reads them once, writing it again."""
    default = model.default_language.code
    home = f"{SITE_FOLDER}/{home_page(package.lang, default)}"
    top = f"red-knowledge-{package.lang}"
    found: list[Entry] = [(f"{top}/index.html", lambda: forwarding_page(package.lang, home, model).encode("utf-8"))]
    for path in sorted(package.files):
        if path in package.pages:
            def make(path=path):
                return rewrite_page(package.texts[path], path, site, package, site_url, model).encode("utf-8")
        elif path == FONT_CSS:
            def make(path=path):
                return inline_fonts(package.texts[path], path, site).encode("utf-8")
        else:
            def make(path=path):
                return site_files.read_site_file(site, path)
        found.append((f"{top}/{SITE_FOLDER}/{path}", make))
    found.append((f"{top}/{SITE_FOLDER}/assets/stylesheets/offline.css", OFFLINE_CSS.encode))
    return found


def zip_key(found: list[Entry]) -> str:
    """The content hash of the zip these entries make."""
    names = [name for name, _ in found]
    return content_key((CACHE_FORMAT, *names), (make() for _, make in found))


def write_zip(found: list[Entry], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, make in found:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, make())
    partial.replace(target)


# --- The offline step of a build -----------------------------------------------------------------


@dataclass(frozen=True)
class ZipJob:
    output: str  # the zip in the site
    lang: str
    cache_file: Path
    files: int  # how many files of the site it holds


def _zip_jobs(site: Path, site_url: str, model: ContentModel, cache_dir: Path, page_filter: PageFilter
              ) -> Iterator[tuple[ZipJob, bool]]:
    """Each language's zip job, and whether it was made now (not in the cache): the pipeline's jobs, made one
    language at a time, so that only one language's pages are held at once. Stops with the references of
    every language that lead to no file of the built site: then no zip reaches the site."""
    default = model.default_language.code
    refused: list[str] = []
    for lang in model.codes:
        package = collect(site, lang, model, urlsplit(site_url).path, page_filter)
        refused += [f"[{package.lang}] {reason}" for reason in package.refused]
        if refused:
            continue  # no zip for any language; the others are still checked, to name every reference
        found = entries(site, package, site_url, model)
        job = ZipJob(site_path(lang, default), lang, cache_path(cache_dir, zip_key(found), ".zip"), len(package.files))
        made = not job.cache_file.is_file()
        if made:
            write_zip(found, job.cache_file)
        yield job, made
    if refused:
        raise PluginError("Offline copies: these references lead to no file of the built site, so no copy "
                          "was made:\n  " + "\n  ".join(refused[:50]) + f"\n    how to fix: {site_files.FIX}")


def publish(site: Path, site_url: str, skip: bool, model: ContentModel | None = None, *, cache_dir: Path,
            page_filter: PageFilter = as_built) -> Report:
    """Write each language's zip into the built site (from the cache, or made now); `page_filter` gives each page
    as the copy takes it (the build: with the sizes of the downloads written before)."""
    model = model or load_model()
    report = Report("Offline copies", "zip(s)", "offline", verb="written")
    if skip:
        report.skipped = ("Offline copies skipped (RED_SKIP_PDF=1 or RED_SKIP_OUTPUTS=1): their links lead nowhere "
                          "in this build.")
        return report
    started, cpu = time.perf_counter(), cpu_seconds()
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    try:
        planned = list(_zip_jobs(site, site_url, model, cache_dir, page_filter))
    except (NotASiteFile, UnicodeDecodeError) as error:  # a file that changed or broke after the check
        raise PluginError(f"Offline copies: {error}") from None
    jobs = [job for job, _ in planned]
    copy_into_site(jobs, [job for job, made in planned if made], site, report, "offline",
                   lambda job: frozenset({job.lang}))
    sizes = ", ".join(f"{job.lang} {job.files} files {download.size / 1e6:.1f} MB"
                      for job, download in zip(jobs, report.downloads, strict=True))
    report.details.append(f"Offline copies: {sizes}")
    prune_cache(cache_dir, keep=10 * max(1, len(jobs)), patterns=["??/*.zip"])
    report.seconds = time.perf_counter() - started
    report.cpu_seconds = cpu_seconds() - cpu
    return report
