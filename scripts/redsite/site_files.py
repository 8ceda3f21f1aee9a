"""One door for files: which file of the built site a page may make an output copy or embed.

The offline zips, the images of the PDF guides and handbooks and the images of the DOCX/ODT guides
take files that pages refer to. A page is contributed content, so a reference may name anything on
the build machine: `/etc/passwd`, `/proc/self/environ`, `../../.git/config`, the same URL-encoded
(`%2e%2e/`), with backslashes, as a `file:` URL, or through a symbolic link. Every output asks here,
in two steps:

- `locate(base_file, reference)` reads the reference as a browser reads it on the page `base_file`
  (a site path such as "sv/methods/x/index.html"): tabs and newlines dropped, backslashes as
  slashes, percent-escapes decoded. A web address, an e-mail link or a fragment is not a file
  (`path` None). A `file:` URL, an absolute path or one that climbs above the site root raises
  NotASiteFile: a link between the site's pages is relative, so nothing else can be meant;
- `site_file(site, path)` checks that path on disk: after every symbolic link is resolved it is
  still inside the site, and it is a regular file (a folder stands for its index.html), not a
  device, a pipe or a /proc entry. `read_site_file` reads only such a file.

Nothing here raises for bad input except NotASiteFile, which names the reference and the reason.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from redsite.problems import Problem

SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
WINDOWS_DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")
URL_CONTROLS = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL
URL_ENDS = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")  # and C0 controls and spaces at its ends
# The attributes of a built page that name a file (the sanitiser and MkDocs write double quotes).
ATTRIBUTE_URL = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
FIX = ("link the file by a path relative to the page (e.g. ../images/map.png), and keep the file inside "
       "the docs tree; files from outside the site are never published")


class NotASiteFile(ValueError):
    """A reference that leads to no file of the built site an output may copy."""

    def __init__(self, reference: str, reason: str, page: str = ""):
        super().__init__(f"{page + ': ' if page else ''}{reference[:120]!r} {reason}")
        self.reference = reference
        self.reason = reason
        self.page = page  # the built page that holds the reference, when known

    def on_page(self, page: str) -> NotASiteFile:
        return NotASiteFile(self.reference, self.reason, page)


@dataclass(frozen=True)
class Reference:
    path: str | None  # the site path it names ("" for the root); None when it is not a file of the site
    suffix: str = ""  # its "?query#fragment", kept for links


def _as_browsers_read(reference: str) -> str:
    """The URL a browser takes from the attribute's value: C0 controls and spaces at the ends, and every
    tab and newline, dropped; backslashes as slashes (as in http:, https: and file: URLs)."""
    return URL_CONTROLS.sub("", URL_ENDS.sub("", reference))


def locate(base_file: str, reference: str, base_path: str = "") -> Reference:
    """The site path `reference` names on the page `base_file` (both relative to the site root).

    `base_path` is the path of the site's address ("/red-knowledge/"): the theme links a few pages by
    absolute paths below it, which are the site's own. Raises NotASiteFile for a file: URL, any other
    absolute path, a path on a Windows drive, a NUL, or one that climbs above the site root; a web
    address, mailto:, data: or #fragment has path None."""
    url = _as_browsers_read(reference)
    if not url or url.startswith("#"):
        return Reference(None, url)
    if WINDOWS_DRIVE.match(url):
        raise NotASiteFile(reference, "is a path on a computer's disk, not a file of the site")
    url = url.replace("\\", "/")
    scheme = SCHEME.match(url)
    if scheme and scheme.group(1).lower() == "file":
        raise NotASiteFile(reference, "is a file: URL, which names a file of the computer, not of the site")
    if scheme or url.startswith("//"):
        return Reference(None, url)  # another site, mail, data:, or a host-relative //host/ address
    parts = urlsplit(url)
    path = unquote(parts.path)
    suffix = ("?" + parts.query if parts.query else "") + ("#" + parts.fragment if parts.fragment else "")
    if "\x00" in path or "\\" in path:
        raise NotASiteFile(reference, "holds an encoded NUL or backslash, which no file of the site has")
    if path.startswith("/"):
        path, base_file = _below(posixpath.normpath(path), base_path), ""
        if path is None:
            raise NotASiteFile(reference, "is an absolute path: it names a file of the computer (or a page "
                                          "outside the site's address), not one of the site")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base_file), path))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        raise NotASiteFile(reference, "climbs out of the site with '../'")
    return Reference("" if joined == "." else joined, suffix)


def _below(absolute: str, base_path: str) -> str | None:
    """The site path of an absolute path below the site's address path, or None."""
    base = base_path.rstrip("/")
    if not base_path.startswith("/"):
        return None
    if absolute == base or absolute == "/" and not base:
        return ""
    return absolute[len(base) + 1:] if absolute.startswith(base + "/") else None


def locate_in_html(base_file: str, value: str, base_path: str = "") -> Reference:
    """locate() for an attribute value as written in HTML (with entities such as &amp; or &#47;)."""
    return locate(base_file, html.unescape(value), base_path)


def _inside(root: str, real: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _checked(site: Path, path: str) -> tuple[str, os.stat_result] | None:
    """The real path and status of the site path `path`, or None when it does not exist."""
    if path.startswith("/") or "\x00" in path or ".." in path.split("/") or "\\" in path:
        raise NotASiteFile(path, "is not a path inside the site")
    root = os.path.realpath(site)
    real = os.path.realpath(os.path.join(root, path))
    if not _inside(root, real):
        raise NotASiteFile(path, "leads out of the site through a symbolic link")
    try:
        status = os.stat(real)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:  # a symbolic link loop, a folder it may not enter
        raise NotASiteFile(path, f"cannot be read ({error.strerror})") from None
    return real, status


def site_file(site: Path, path: str) -> str | None:
    """The site path of the regular file that `path` names (a folder: its index.html), or None when the site
    has no such file. Raises NotASiteFile when it leads out of the site or is not a regular file."""
    found = _checked(site, path)
    if found is None:
        return None
    _, status = found
    if stat.S_ISDIR(status.st_mode):
        index = f"{path.rstrip('/')}/index.html" if path else "index.html"
        found = _checked(site, index)
        if found is None:
            return None
        path, status = index, found[1]
        if stat.S_ISDIR(status.st_mode):
            return None
    if not stat.S_ISREG(status.st_mode):
        raise NotASiteFile(path, "is not a regular file (a device, a pipe or a socket)")
    return path


def read_site_file(site: Path, path: str) -> bytes:
    """The bytes of the site file `path` (see site_file); NotASiteFile if it is missing or unreadable."""
    checked = site_file(site, path)
    if checked is None:
        raise NotASiteFile(path, "is not a file of the built site")
    try:
        with open(os.path.realpath(os.path.join(site, checked)), "rb") as file:
            return file.read()
    except OSError as error:
        raise NotASiteFile(path, f"cannot be read ({error.strerror})") from None


def refused_references(content_html: str, base_file: str) -> list[NotASiteFile]:
    """The references of a built page's HTML that no output may follow (locate refuses them)."""
    problems = []
    for match in ATTRIBUTE_URL.finditer(content_html):
        try:
            locate_in_html(base_file, match.group(2))
        except NotASiteFile as problem:
            problems.append(problem)
    return problems


def built_page_problems(article_html: str, base_file: str, source_text: str, repo_path: str,
                        lang: str) -> list[Problem]:
    """A built article's links and images that name no file of the site, located in the Markdown source
    where it shows them (the source policy finds most of them first, by line; this sees what the
    sanitised HTML holds, whatever the source's spelling)."""
    problems, seen = [], set()
    for refused in refused_references(article_html, base_file):
        if refused.reference in seen:
            continue
        seen.add(refused.reference)
        line = next((number for number, text in enumerate(source_text.splitlines(), 1)
                     if refused.reference in text), None)
        problems.append(Problem("source", lang, repo_path, line, f"link or image outside the site: "
                                f"'{refused.reference[:80]}' {refused.reason}", FIX))
    return problems
