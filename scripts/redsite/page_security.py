"""What leaves the build: escaped titles, a Content-Security-Policy on every page, local media only,
reproducible files.

- Titles. MkDocs takes a page's title from its front matter (plain text) or from its first heading
  (HTML, with entities such as `&lt;`). Material prints it raw in the nav, the header and the
  breadcrumbs, and passes it through `striptags` in `<title>`, which decodes the entities: a heading
  `&lt;/title&gt;&lt;script&gt;` became a real script. `protect_page` makes `page.title` the escaped
  plain text everywhere (as Markup, so that a template's `| e` does not escape it twice), and
  overrides/main.html prints it in `<title>` without `striptags`.
  Material prints `page.meta.description` raw inside an attribute, so it is escaped too.
- Content-Security-Policy. GitHub Pages sets no headers, so every page gets a `<meta http-equiv>`
  policy that allows only the site itself. Material's own inline scripts are allowed by their
  SHA-256 hashes, computed from each built page. A script is hashed only when it lies outside the
  page's content and its body has the shape of an inline script in one of the theme's templates
  (`{{ ... }}` parts may vary, except those that print page metadata). A script that came from
  content is never hashed, so even if one got past the sanitiser the browser refuses to run it.
  Data blocks (`application/ld+json`, `application/json`: the JSON-LD, Material's configuration) are not
  scripts and need no hash; any other type counts as a script. The content may hold neither.
- Media. An `<img>`, `<video>`, ... whose source is on another host makes every reader's browser
  contact that host; the build refuses it, naming the source file and line.
- Reproducibility. `sitemap.xml.gz` is written with the mtime SOURCE_DATE_EPOCH (or the last commit).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import os
import re
import subprocess
from functools import cache, lru_cache
from html.parser import HTMLParser
from pathlib import Path

from markupsafe import Markup

from redsite.problems import Problem
from redsite.sanitize import ALLOWED_STYLES
from redsite.urls import is_remote

META_NAME = "Content-Security-Policy"
# The only inline <script> types that are data, never run: a browser runs every JavaScript type (under any of its
# names), modules, import maps and speculation rules, so every other type counts as a script. A data block needs
# no hash (the policy's script-src does not apply to it); a method page's JSON-LD and Material's configuration are
# data blocks, written by the templates (the content may hold none).
DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}
DATA_BLOCK_TYPE = re.compile(r"""\btype\s*=\s*["']?(?:application/ld\+json|application/json)["'\s>]""", re.IGNORECASE)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
TEMPLATE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
TAGS = re.compile(r"<[^>]*>")
# A browser starts a script element at "<script" followed by a space, "/" or ">", in any case.
SCRIPT_START = re.compile(r"<script(?=[\s/>])", re.IGNORECASE)
SCRIPT_ELEMENT = re.compile(r"(?P<start><script(?=[\s/>])[^>]*>)(?P<body>.*?)</script(?=[\s/>])",
                            re.IGNORECASE | re.DOTALL)
STYLED_TAG = re.compile(r"<[a-zA-Z][^<>]*?[\s\"'/]style\s*=[^>]*>", re.IGNORECASE)
STYLE_EQUALS = re.compile(r"\s*=")
HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
MEDIA_TAGS = {"img", "audio", "video", "source", "track", "iframe", "embed", "object", "input", "image", "use"}
_MEDIA_NAMES = "|".join(sorted(MEDIA_TAGS))
MEDIA_TAG_START = re.compile(rf"<(?:{_MEDIA_NAMES})(?=[\s/>])", re.IGNORECASE)
MEDIA_TAG = re.compile(rf"<(?:{_MEDIA_NAMES})(?=[\s/>])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.IGNORECASE)
MEDIA_ATTRIBUTES = {"src", "srcset", "poster", "data", "href", "xlink:href"}
# Text-align is the one inline style contributed tables may keep, written by the sanitiser in exactly these
# spellings. 'unsafe-hashes' allows exactly these three attribute values, no other.
ALLOWED_STYLE_ATTRIBUTES = tuple(ALLOWED_STYLES.values())


# --------------------------------------------------------------------------- titles


def plain_title(page) -> str:
    """The page's title as plain text (front matter is plain text; a heading's title is HTML)."""
    title = str(page.title or "")
    if "title" in (page.meta or {}):
        return title
    return html.unescape(TAGS.sub("", title))


def protect_page(page, title_text: str) -> None:
    """Make every place Material prints the title or description receive escaped text."""
    # Markup: the escaped title is HTML now, so a template that escapes it once more (Material's
    # footer prints `page.next_page.title | e` in the links' aria-label) leaves it as it is, and a
    # title "A & B" is read aloud as "A & B", not "A &amp; B".
    page.title = Markup(html.escape(title_text, quote=True))
    description = (page.meta or {}).get("description")
    if description is not None:
        page.meta["description"] = html.escape(str(description), quote=True)


# --------------------------------------------------------------------------- Content-Security-Policy


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@cache
def template_script_patterns(template_dirs: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """Regular expressions for the inline scripts the theme's templates can produce.

    A template's `{{ ... }}` becomes a wildcard that may not contain '<'; scripts that print page
    metadata (Material's redirect.html prints `page.meta.location`) are left out, since contributors
    write that metadata.
    """
    patterns = []
    for directory in template_dirs:
        for path in sorted(Path(directory).rglob("*.html")):
            source = path.read_text(encoding="utf-8")
            for match in TEMPLATE_SCRIPT.finditer(source):
                attributes, body = match.group("attributes"), match.group("body")
                if "src=" in attributes or not body.strip() or "page.meta" in body or \
                        DATA_BLOCK_TYPE.search(attributes + ">"):
                    continue  # data blocks are never hashed: a pattern of one could match a script
                parts = JINJA.split(body)
                pattern = "[^<]*?".join(re.escape(part) for part in parts)
                patterns.append(re.compile(pattern, re.DOTALL))
    return tuple(patterns)


class _StartTag(HTMLParser):
    """The attributes of one start tag, decoded as HTMLParser decodes them."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.attributes: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs):
        self.attributes = dict(attrs)

    handle_startendtag = handle_starttag


def _attributes(start_tag: str) -> dict[str, str | None]:
    return dict(_parsed_attributes(start_tag))


@lru_cache(maxsize=2048)  # the theme's start tags recur on every page; keyed by the tag itself
def _parsed_attributes(start_tag: str) -> tuple[tuple[str, str | None], ...]:
    parser = _StartTag()
    parser.feed(start_tag)
    parser.close()
    return tuple(parser.attributes.items())


def ascii_lower(text: str) -> str:
    """`text` with A-Z made a-z and nothing else changed, so every offset stays that of `text` (str.lower()
    lengthens 'İ'); names in HTML are ASCII. Through bytes: twice as fast as str.lower() on a Russian page."""
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def _styled_tags(text: str) -> list[str]:
    """The start tags that hold a `style` attribute: found from the word, which is rare in a page,
    rather than by matching every tag (what a pattern over all tags cost, at 1,000 pages per language)."""
    lower, tags, position = ascii_lower(text), [], 0
    while (found := lower.find("style", position)) >= 0:
        position = found + 5
        if found and lower[found - 1] in " \t\n\r\f\"'/" and STYLE_EQUALS.match(lower, position):
            start, end = lower.rfind("<", 0, found), lower.find(">", position)
            if start >= 0 and end >= 0 and STYLED_TAG.fullmatch(text, start, end + 1):
                tags.append(text[start:end + 1])
    return list(dict.fromkeys(tags))


def inline_scripts_and_styles(text: str) -> tuple[list[tuple[int, str]], set[str], bool]:
    """(start offset, body) of every inline executable script, every style attribute's value, and
    whether a `<script` is left that no `</script>` closes.

    Tokenising the whole page with HTMLParser cost more than Markdown itself at 1,000 pages per
    language, so only the tags that matter are found by pattern and only those are parsed.
    Both ways of erring are closed: a `<script` the patterns over-match (in a comment or an attribute)
    is refused and fails the build; a body or style they cut differently from a browser gets a hash the
    browser does not see, so the browser blocks it.
    """
    scripts: list[tuple[int, str]] = []
    closed = 0
    for match in SCRIPT_ELEMENT.finditer(text):
        closed += 1
        attributes = _attributes(match.group("start"))
        if "src" not in attributes and not is_data_block(attributes):
            scripts.append((match.start(), match.group("body")))
    styles = {value for tag in _styled_tags(text) if (value := _attributes(tag).get("style")) is not None}
    return scripts, styles, len(SCRIPT_START.findall(text)) > closed


def is_data_block(attributes: dict[str, str | None]) -> bool:
    return (attributes.get("type") or "").strip().lower() in DATA_BLOCK_TYPES


def csp_for(output: str, content: str | None, template_dirs: tuple[str, ...]) -> tuple[str, list[str]]:
    """The policy for one built page, and the inline scripts it refuses to allow (with why)."""
    scripts, styles, unclosed = inline_scripts_and_styles(output)
    start = output.find(content) if content else -1
    end = start + len(content) if start >= 0 else -1
    patterns = template_script_patterns(template_dirs)
    hashes, refused = set(), []
    if unclosed:
        refused.append("a <script> that is never closed")
    if start >= 0:  # nor may the content carry a data block: a contributor's JSON-LD would speak for the site
        refused += [f"a <script type=\"{_attributes(match.group('start')).get('type')}\"> in the page content"
                    for match in SCRIPT_ELEMENT.finditer(output, start, end)
                    if is_data_block(_attributes(match.group("start")))]
    for offset, body in scripts:
        if start <= offset < end:
            refused.append(f"a <script> in the page content: {body.strip()[:60]!r}")
        elif any(pattern.fullmatch(body) for pattern in patterns):
            hashes.add(_sha256(body))
        else:
            refused.append(f"an inline <script> that no template writes: {body.strip()[:60]!r}")
    style_hashes = {_sha256(style) for style in styles if style in ALLOWED_STYLE_ATTRIBUTES}
    style_src = "'self'" + (" 'unsafe-hashes' " + " ".join(sorted(style_hashes)) if style_hashes else "")
    policy = "; ".join([
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'" + "".join(" " + h for h in sorted(hashes)),
        f"style-src {style_src}",
        "img-src 'self' data:",  # data: for the theme's own icons (CSS masks); contributed data: images are refused
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])
    return policy, refused


def add_csp(output: str, content: str | None, template_dirs: tuple[str, ...]) -> tuple[str, list[str]]:
    """`output` with the policy as the first element of <head> (it covers only what follows it)."""
    policy, refused = csp_for(output, content, template_dirs)
    head = HEAD.search(output)
    if head is None:
        return output, [*refused, "the page has no <head>: no Content-Security-Policy could be added"]
    tag = f'\n    <meta http-equiv="{META_NAME}" content="{html.escape(policy, quote=False)}">'
    return output[:head.end()] + tag + output[head.end():], refused


def has_csp(output: str) -> bool:
    head = HEAD.search(output)
    return bool(head) and output[head.end():head.end() + 200].lstrip().startswith(f'<meta http-equiv="{META_NAME}"')


def file_has_csp(path: Path, start: int = 8192) -> bool:
    """has_csp() of the file, read whole only when its first `start` characters do not settle it: the policy is
    the first element of <head>, near the top (reading all 3,000 pages of a 1,000-per-language build again
    cost more than checking them)."""
    with path.open(encoding="utf-8") as file:
        text = file.read(start)
        head = HEAD.search(text)
        if len(text) == start and (head is None or head.end() + 200 > start):  # there may be more to read
            text += file.read()
    return has_csp(text)


# --------------------------------------------------------------------------- media


class _Media(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.remote: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in MEDIA_TAGS:
            return
        for name, value in attrs:
            if name in MEDIA_ATTRIBUTES and value:
                urls = [part.split()[0] for part in value.split(",") if part.split()] if name == "srcset" \
                    else [value]
                self.remote += [url for url in urls if is_remote(url)]  # as the browser reads it (redsite.urls)

    handle_startendtag = handle_starttag


def _media_tags(content_html: str) -> str:
    """The media start tags of the page, or the whole page when a tag's end cannot be found by pattern
    (an unbalanced quote): tokenising every page with HTMLParser was a large part of the build at 1,000
    pages per language, and the fallback keeps the check complete."""
    tags = MEDIA_TAG.findall(content_html)
    return "".join(tags) if len(tags) == len(MEDIA_TAG_START.findall(content_html)) else content_html


def remote_media(content_html: str, source_text: str, repo_path: str, lang: str) -> list[Problem]:
    """Images and media of a rendered page that load from elsewhere, located in the Markdown source."""
    parser = _Media()
    parser.feed(_media_tags(content_html))
    parser.close()
    problems = []
    for url in dict.fromkeys(parser.remote):
        line = next((number for number, text in enumerate(source_text.splitlines(), 1) if url in text), None)
        problems.append(Problem(
            "source", lang, repo_path, line, f"image or media from another site: {url[:80]}",
            "download it (if its licence allows), put the file next to the page and link it by its file name; "
            "readers' browsers must not contact other hosts"))
    return problems


# --------------------------------------------------------------------------- reproducible files


def source_date_epoch(repo: Path) -> int:
    """SOURCE_DATE_EPOCH if set, else the time of the last commit, else 0 (never the clock)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return int(value)
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=repo, capture_output=True,
                                text=True, check=False, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return 0
    stamp = result.stdout.strip()
    return int(stamp) if result.returncode == 0 and stamp.isdigit() else 0


def rewrite_sitemap_gz(site: Path, epoch: int) -> None:
    """MkDocs stamps sitemap.xml.gz with the build time; write it again from sitemap.xml with `epoch`."""
    for sitemap in site.rglob("sitemap.xml"):
        target = sitemap.with_name("sitemap.xml.gz")
        if not target.exists():
            continue
        with open(target, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=epoch,
                                                      compresslevel=9) as packed:
            packed.write(sitemap.read_bytes())
