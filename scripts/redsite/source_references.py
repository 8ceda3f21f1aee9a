"""What a page's links and images name, as its source shows them: the source policy's checks of references.

- images and media are local files: a URL is judged as a browser reads it (redsite.urls), so `/\\host` and
  `/&#9;/host` are remote too;
- links and images name files of the site: no absolute path, `file:` URL or `../` that climbs out of the site
  (redsite.site_files decides, as it does for the downloads);
- no comment imitates one of the build's own markers (`<!-- red-offline-size ... -->` and the like).

Each finding is a Problem with file, line and fix; the built page is checked again (redsite.page_security,
redsite.site_files) for what spans lines or hides in markup.
"""

from __future__ import annotations

import html
import re

from redsite.model import ContentModel, load_model
from redsite.problems import Problem
from redsite.site_files import FIX, NotASiteFile, locate
from redsite.source_text import KIND
from redsite.urls import is_remote

MD_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)")
MD_IMAGE_REFERENCE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\]\s*\[([^\]]*)\]")
MD_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
# Link text without "[": each match stops at the next one, so a line of brackets takes linear time (nested
# brackets are rare; the built page is checked again).
MD_LINK = re.compile(r"!?\[(?:[^\[\]\\]|\\.)*\]\(\s*<?([^)\s>]+)")
HTML_TAG = re.compile(r"<\s*[a-zA-Z][^<>]*>")
HTML_URL_ATTRIBUTE = re.compile(
    r"[\s\"'/](?:href|src|srcset|poster|data|xlink:href|background|cite|action|formaction)\s*=\s*"
    r"(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))", re.IGNORECASE)
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*)>")
CODE_SPAN = re.compile(r"`[^`]*`")  # inline code, where an example may show markup
BUILD_MARKER = re.compile(r"<!--\s*red-[a-z]", re.IGNORECASE)  # the build's own: red-pdf-size, red-offline-size, ...
HTML_MEDIA = re.compile(
    r"<\s*(?:img|audio|video|source|track|iframe|embed|object|input|image|use|link)\b[^>]*?"
    r"\b(src|srcset|poster|data|href|xlink:href)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\"'\s>]+))", re.IGNORECASE)


def remote_media(text: str, repo_path: str, lang: str) -> list[Problem]:
    """Images and media that would load from another host (or a data: URL) when a reader opens the page."""
    problems = []
    if "![" not in text and "<" not in text:
        return problems  # every pattern below starts with one of these: most pages have neither
    definitions = None
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence or ("![" not in line and "<" not in line):
            continue
        urls = MD_IMAGE.findall(line) + _html_media_urls(line)
        for alt, label in MD_IMAGE_REFERENCE.findall(line):
            if definitions is None:
                definitions = {name.casefold(): target for name, target in MD_REFERENCE_DEFINITION.findall(text)}
            url = definitions.get((label or alt).casefold())
            if url:
                urls.append(url)
        for url in urls:
            if is_remote(url, decode_entities=True):
                problems.append(Problem(
                    KIND, lang, repo_path, number,
                    f"image or media from another site: {url[:80]}",
                    "download it (if its licence allows), put the file next to the page and link it by its "
                    "file name; readers' browsers must not contact other hosts"))
    return problems


def _html_media_urls(line: str) -> list[str]:
    """The URLs of the media attributes of raw HTML on a line, each candidate of a srcset apart."""
    urls = []
    for attribute, *values in HTML_MEDIA.findall(line):
        value = "".join(values)
        urls += [part.split()[0] for part in value.split(",") if part.split()] if attribute.lower() == "srcset" \
            else [value]
    return urls


def built_file(repo_path: str, model: ContentModel) -> str:
    """The site path of the page MkDocs builds from `repo_path`: 'docs_sv/methods/x.md' ->
    'sv/methods/x/index.html' (links in its raw HTML are relative to that file)."""
    lang, rel = model.split_page_path(repo_path) or (model.default_language.code, repo_path)
    folder, _, name = rel.rpartition("/")
    stem = name.removesuffix(".md")
    path = f"{folder}/" if folder else ""
    path += "index.html" if stem in ("index", "README") else f"{stem}/index.html"
    return path if lang == model.default_language.code else f"{lang}/{path}"


def _references(line: str) -> list[tuple[str, bool]]:
    """The URLs a line of Markdown links or embeds, each with whether it stands in raw HTML (entities apply)."""
    found = [(url, False) for url in MD_LINK.findall(line) + AUTOLINK.findall(line)]
    for tag in HTML_TAG.findall(line):
        found += [("".join(values), True) for values in HTML_URL_ATTRIBUTE.findall(tag)]
    return found


def outside_files(text: str, repo_path: str, lang: str, model: ContentModel | None = None) -> list[Problem]:
    """Links and images that name a file outside the site: an absolute path (/etc/passwd), a file: URL, or a
    '../' that climbs above the site, found where the source shows them; the built page is checked again
    (redsite.site_files.built_page_problems) for what spans lines or hides in markup."""
    if "](" not in text and "<" not in text and "]:" not in text:
        return []
    base = built_file(repo_path, model or load_model())
    problems = []
    definitions = {target: number for number, line in enumerate(text.splitlines(), start=1)
                   for _, target in MD_REFERENCE_DEFINITION.findall(line)} if "]:" in text else {}
    seen: set[tuple[int, str]] = set()
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence or ("](" not in line and "<" not in line):
            continue
        for url, in_html in _references(CODE_SPAN.sub("", line)):
            seen.add((number, url))
            problems += _outside(base, url, in_html, repo_path, lang, number)
    for url, number in definitions.items():
        if (number, url) not in seen:
            problems += _outside(base, url, False, repo_path, lang, number)
    return problems


def _outside(base: str, url: str, in_html: bool, repo_path: str, lang: str, line: int) -> list[Problem]:
    candidates = [part.strip().split(" ")[0] for part in url.split(",")] if in_html and "," in url else [url]
    problems = []
    for candidate in candidates:
        try:
            locate(base, html.unescape(candidate) if in_html else candidate)
        except NotASiteFile as problem:
            problems.append(Problem(KIND, lang, repo_path, line, f"link or image outside the site: "
                                                                 f"'{candidate[:80]}' {problem.reason}", FIX))
    return problems


def build_markers(text: str, repo_path: str, lang: str) -> list[Problem]:
    """Comments that imitate the build's own markers (where it writes a download's size, the handbook links)."""
    return [Problem(KIND, lang, repo_path, text.count("\n", 0, match.start()) + 1,
                    "a comment that imitates one of the build's own markers ('<!-- red-...'); only the build "
                    "writes these", "remove the comment; the build's directives are written '<!-- red:name -->'")
            for match in BUILD_MARKER.finditer(text)]
