"""An offline copy of each language's site: a zip that works when opened from disk (file://).

The copy is made from the built site, not by a second build:

- the pages of the language are found by following links from its home page; every
  file they use (stylesheets, scripts, fonts, images, the PDF, DOCX and ODT guides)
  comes along, whatever folder it is in; pages of other languages do not;
- links to folders ("../methods/") get "index.html" added, since a browser shows a
  folder listing, not the page, for a file:// folder;
- links to pages that are not in the copy (other languages, the feed) point to the
  web address of the online site, so that nothing dangles;
- <link rel="alternate"> elements go: Material's language selector fetches
  sitemap.xml next to each of them, which would leave the disk;
- the fonts are embedded into the copy's fonts.css as data: URLs (Chromium refuses
  web fonts from file:// URLs), and the pages' Content-Security-Policy allows data: fonts;
- search needs the online site (it loads an index with fetch(), which file:// does
  not allow): the search box is hidden and a note in the reader's language says so,
  with the online address.

A top-level index.html forwards to the language's home page.
"""

from __future__ import annotations

import base64
import html as html_text
import posixpath
import re
import time
import zipfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from redsite import site_files
from redsite.model import ContentModel, load_model
from redsite.render import fragment, t
from redsite.site_files import NotASiteFile

FOLDER = "offline"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entry times: the same site gives the same zip
SIZE_MARKER = re.compile(r"<!-- red-offline-size ([a-z]{2,3}) ([\w./-]+\.zip) -->")
OFFLINE_ITEM = re.compile(r'<li class="red-offline-link">.*?</li>', re.S)
ATTRIBUTE_URL = site_files.ATTRIBUTE_URL
CSS_URL = re.compile(r'url\((["\']?)([^"\')]+)\1\)')
ALTERNATE_LINK = re.compile(r'[ \t]*<link rel="alternate[" ][^>]*>\n?')  # the feed's is "alternate feed"
SEARCH_BLOCK = re.compile(r'<div class="md-search" data-md-component="search"')
CONTENT_START = re.compile(r'(<article class="md-content__inner[^"]*">)')
FONT_CSS = "assets/stylesheets/fonts.css"
FONT_TYPES = {".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf"}


def zip_name(lang: str) -> str:
    return f"red-knowledge-{lang}-offline.zip"


def site_path(lang: str, default: str) -> str:
    prefix = "" if lang == default else f"{lang}/"
    return f"{prefix}{FOLDER}/{zip_name(lang)}"


def download_item(page_url: str, lang: str, default: str) -> dict:
    """What the outputs box (home page, methods catalog) says about the offline copy; the size comes later."""
    from mkdocs.utils import get_relative_url

    target = site_path(lang, default)
    return {"href": get_relative_url(target, page_url), "label": t("offline_download", lang),
            "hint": t("offline_hint", lang), "size_marker": Markup(f"<!-- red-offline-size {lang} {target} -->")}


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


@dataclass
class Package:
    lang: str
    files: set[str] = field(default_factory=set)  # site paths in the copy
    pages: set[str] = field(default_factory=set)  # the HTML pages among them
    refused: list[str] = field(default_factory=list)  # "page: reference and why": none may leave the build


def collect(site: Path, lang: str, model: ContentModel, base_path: str = "") -> Package:
    """The language's pages (reached by links from its home page) and every file they use; `base_path`:
    the path of the online site's address ("/red-knowledge/"), below which the theme's absolute links lie."""
    default = model.default_language.code
    languages = list(model.codes)
    home = "index.html" if lang == default else f"{lang}/index.html"
    package = Package(lang)
    queue = [home]
    while queue:
        current = queue.pop()
        if current in package.files:
            continue
        package.files.add(current)
        if current.endswith(".html"):
            package.pages.add(current)
            text = _read_text(site, current)
            references = [html_text.unescape(match.group(2)) for match in ATTRIBUTE_URL.finditer(text)]
        elif current.endswith(".css"):
            text = _read_text(site, current)
            references = [match.group(2) for match in CSS_URL.finditer(text)]
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
            if target.endswith(".html") and language_of(target, languages, default) != lang:
                continue  # another language's page: linked online instead
            queue.append(target)
    return package


# --- Rewriting the copy's files ------------------------------------------------------------------


def rewrite_page(html: str, page: str, site: Path, package: Package, site_url: str, lang: str) -> str:
    """A page of the copy: folder links to index.html, outside pages online, no alternates, no search.

    `site_url` is the online site's root address (with its trailing slash).
    """
    online = home_address(site_url, lang)
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
        # Not in the copy (another language, the feed, a missing file): the online address.
        address = urljoin(site_url, path + ("/" if path and (site / path).is_dir() else ""))  # "": the root
        return f"{match.group(1)}{escape(address)}{escape(suffix)}{match.group(3)}"

    html = OFFLINE_ITEM.sub("", html)
    html = ALTERNATE_LINK.sub("", html)
    # The copy's fonts are data: URLs (see inline_fonts): its policy has to let them in.
    html = html.replace("font-src 'self'", "font-src 'self' data:", 1)
    html = ATTRIBUTE_URL.sub(rewrite, html)
    html = SEARCH_BLOCK.sub('<div class="md-search" data-md-component="search" hidden', html, count=1)
    note = fragment("offline_note.html", text=t("offline_search_note", lang), online=online)
    html = CONTENT_START.sub(lambda match: match.group(1) + note, html, count=1)
    stylesheet = posixpath.relpath("assets/stylesheets/offline.css", posixpath.dirname(page) or ".")
    return html.replace("</head>", f'<link rel="stylesheet" href="{stylesheet}">\n</head>', 1)


OFFLINE_CSS = """/* Only in the offline copy: search needs the online site, so its box is hidden. */
.md-search, label[for="__search"], .md-header__button[for="__search"] { display: none !important; }
.red-offline-note { padding: 0.6em 0.8em; border-left: 0.2rem solid currentcolor; }
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


def write_zip(site: Path, package: Package, target: Path, site_url: str, model: ContentModel) -> None:
    default = model.default_language.code
    home = "index.html" if package.lang == default else f"{package.lang}/index.html"
    top = f"red-knowledge-{package.lang}"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        def add(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(f"{top}/{name}", FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)

        if package.lang != default:
            add("index.html", forwarding_page(package.lang, home, model).encode("utf-8"))
        for path in sorted(package.files):
            if path in package.pages:
                html = _read_text(site, path)
                add(path, rewrite_page(html, path, site, package, site_url, package.lang).encode("utf-8"))
            elif path == FONT_CSS:
                add(path, inline_fonts(_read_text(site, path), path, site).encode("utf-8"))
            else:
                add(path, site_files.read_site_file(site, path))
        add("assets/stylesheets/offline.css", OFFLINE_CSS.encode("utf-8"))
    partial.replace(target)


# --- The offline step of a build -----------------------------------------------------------------


@dataclass
class Report:
    zips: dict[str, tuple[int, int]] = field(default_factory=dict)  # lang -> (files, bytes)
    seconds: float = 0.0
    skipped: bool = False

    def messages(self) -> list[str]:
        if self.skipped:
            return ["Offline copies skipped (RED_SKIP_PDF=1 or RED_SKIP_OUTPUTS=1): their links lead nowhere "
                    "in this build."]
        sizes = ", ".join(f"{lang} {count} files {size / 1e6:.1f} MB" for lang, (count, size) in self.zips.items())
        return [f"Offline copies: {sizes}; the offline step took {self.seconds:.1f} s"]


def publish(site: Path, site_url: str, skip: bool, model: ContentModel | None = None) -> Report:
    """Write each language's zip into the built site and the sizes into the links that offer it."""
    model = model or load_model()
    if skip:
        return Report(skipped=True)
    started = time.perf_counter()
    default = model.default_language.code
    report = Report()
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    try:
        packages = [collect(site, lang, model, urlsplit(site_url).path) for lang in model.codes]
        refused = [f"[{package.lang}] {reason}" for package in packages for reason in package.refused]
        if refused:
            raise PluginError("Offline copies: these references lead to no file of the built site, so no copy "
                              "was made:\n  " + "\n  ".join(refused[:50]) + f"\n    how to fix: {site_files.FIX}")
        for package in packages:
            target = site / site_path(package.lang, default)
            write_zip(site, package, target, site_url, model)
            report.zips[package.lang] = (len(package.files), target.stat().st_size)
    except (NotASiteFile, UnicodeDecodeError) as error:  # a file that changed or broke after the check
        raise PluginError(f"Offline copies: {error}") from None
    fill_sizes(site, model)
    report.seconds = time.perf_counter() - started
    return report


def fill_sizes(site: Path, model: ContentModel) -> None:
    """Write each zip's size where the build put its marker. Only the build's own zips count: a marker
    naming another file or language (contributed content cannot write one, see redsite.sanitize) is left alone."""
    from redsite.downloads.pdf import format_size

    planned = {(lang, site_path(lang, model.default_language.code)) for lang in model.codes}

    def size(match: re.Match) -> str:
        if (match.group(1), match.group(2)) not in planned:
            return match.group(0)
        target = site / match.group(2)
        return f", {format_size(target.stat().st_size, match.group(1))}" if target.is_file() else match.group(0)

    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "red-offline-size" in html:
            page.write_text(SIZE_MARKER.sub(size, html), encoding="utf-8")
