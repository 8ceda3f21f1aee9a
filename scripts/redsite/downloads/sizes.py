"""Download sizes on the pages that offer them: one pass after every download is written.

A download's button carries a marker where its size goes: `<!-- red-pdf-size LANG PATH -->` (and red-doc-size,
red-offline-size), LANG being the language the size is written in and PATH the file from the site root. The
methods catalog carries `<!-- red-pdf-handbook LANG -->` and `<!-- red-doc-handbook LANG -->` where its
handbooks' links go, known once every method page is built. After the last download is written, `fill_pages`
reads each page that the build gave a marker (DownloadPlan.link_pages) once and writes it at most once, for
every format.

Only the build writes markers; a page holds contributed text too, and the sanitiser drops comments that
imitate them (redsite.sanitize). Beyond that, a marker gets a size only when it names a file this build wrote,
in a language that file may be offered in: no marker reads a file of its choosing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path

from markupsafe import Markup

from redsite import site_files
from redsite.downloads.articles import built_page
from redsite.render import format_size

MARKER = re.compile(r"<!-- red-(pdf|doc|offline)-size ([a-z]{2,3}) ([\w./-]+) -->")
SUFFIXES = {"pdf": (".pdf",), "doc": (".docx", ".odt"), "offline": (".zip",)}  # what each kind of marker names


@dataclass(frozen=True)
class Download:
    """A file a download step wrote into the site."""

    path: str  # from the site root, as its markers name it
    kind: str  # the kind of its markers: pdf, doc or offline
    size: int  # bytes
    languages: frozenset[str]  # the languages of the markers that may show its size


def size_marker(kind: str, lang: str, target: str) -> Markup:
    """Where a button's size goes, e.g. `<!-- red-pdf-size sv sv/pdf/red-x-sv.pdf -->`."""
    if kind not in SUFFIXES or not target.endswith(SUFFIXES[kind]):
        raise ValueError(f"no {kind} download: {target}")
    return Markup(f"<!-- red-{kind}-size {escape(lang)} {escape(target)} -->")


HANDBOOK_KINDS = ("pdf", "doc")  # the PDF handbook's links, the editable handbook's buttons


def handbook_marker(lang: str, kind: str = "pdf") -> str:
    """Where the methods catalog gets its handbook's links: the PDF's (redsite.downloads.pdf.volumes.handbook_links)
    or the DOCX/ODT's (redsite.downloads.office.handbook.catalog_buttons)."""
    if kind not in HANDBOOK_KINDS:
        raise ValueError(f"no handbook of kind {kind}")
    return f"<!-- red-{kind}-handbook {escape(lang)} -->"


def fill(html: str, downloads: Mapping[str, Download], replacements: Mapping[str, str] | None = None) -> str:
    """The page with each marker of `replacements` replaced (first: what replaces them may hold size markers),
    then each size marker of a written download (`downloads`, by path) filled in; any other marker is left."""
    for marker, text in (replacements or {}).items():
        html = html.replace(marker, text)

    def size(match: re.Match) -> str:
        kind, lang, path = match.groups()
        download = downloads.get(path)
        if download is None or download.kind != kind or lang not in download.languages:
            return match.group(0)
        return f", {format_size(download.size, lang)}"

    return MARKER.sub(size, html) if "<!-- red-" in html else html


def fill_pages(site_dir: Path, pages: Iterable[str], downloads: Iterable[Download],
               replacements: Mapping[str, Mapping[str, str]] | None = None) -> int:
    """fill() every page of `pages` (built files, from the site root) with the downloads written and the page's
    own `replacements` (by page): one read each, one write if it changed. Returns how many pages changed."""
    written = {download.path: download for download in downloads}
    changed = 0
    for dest in sorted(pages):
        if site_files.site_file(site_dir, dest) != dest:
            continue  # not built (a page MkDocs left out) or not a page
        html = built_page(site_dir, dest)
        filled = fill(html, written, (replacements or {}).get(dest))
        if filled != html:
            (site_dir / dest).write_text(filled, encoding="utf-8")
            changed += 1
    return changed
