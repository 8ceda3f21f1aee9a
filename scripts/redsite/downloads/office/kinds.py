"""The DOCX/ODT documents a build makes, each from the articles it has already written, and their file names:

- a guide per method page and language (article.py): red-<slug>-<lang>.docx / .odt;
- an adaptation worksheet per method page and language (worksheet.py): red-<slug>-<lang>-worksheet.docx / .odt
  (a guide's name ends with its language, a worksheet's with "worksheet", so no slug makes one the other's);
- a handbook per language, or per volume when the PDF handbook is split (handbook.py): the PDF handbook's name
  with .docx / .odt.

They live in `documents/` below the language's root (sv/documents/...), beside sv/pdf/. Every document goes
through the same jobs, cache and copy (document.py): what is planned here is only its HTML and its properties.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError

from redsite import site_files
from redsite.downloads.office import article, handbook, worksheet
from redsite.downloads.pdf.document import extract_article
from redsite.downloads.pdf.plan import CatalogPage, GuidePage
from redsite.downloads.pdf.volumes import Volume
from redsite.model import ContentModel

FOLDER = "documents"  # sv/documents/red-forum-building-sv.odt, next to sv/pdf/
WORKSHEET_SUFFIX = "-worksheet"
KINDS = ("guide", "worksheet", "handbook")


def filename(slug: str, lang: str, kind: str) -> str:
    """A guide's file name: red-forum-building-sv.docx."""
    return f"red-{slug}-{lang}.{kind}"


def worksheet_filename(slug: str, lang: str, kind: str) -> str:
    return f"red-{slug}-{lang}{WORKSHEET_SUFFIX}.{kind}"


def handbook_filename(volume: Volume, kind: str) -> str:
    return f"{handbook.stem(volume)}.{kind}"


def site_path(lang: str, name: str, default: str) -> str:
    prefix = "" if lang == default else f"{lang}/"
    return f"{prefix}{FOLDER}/{name}"


@dataclass(frozen=True)
class Planned:
    """One document to make in both formats: where, from what HTML, with which properties."""

    what: str  # guide, worksheet or handbook
    lang: str
    names: dict  # kind (docx, odt) -> site path
    html: str
    title: str
    day: str  # the latest review of what it holds: the document's date
    images: list[bytes] = field(default_factory=list)


def read_article(site_dir: Path, page: GuidePage):
    try:
        return extract_article((site_dir / page.dest).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PluginError(f"DOCX/ODT guides: cannot read the built page {page.dest}: {error}") from None


def _made(make: Callable, page_dest: str, *args):
    """`make(*args)`, with an image outside the built site reported against the page that shows it."""
    try:
        return make(*args)
    except site_files.NotASiteFile as error:
        where = error if error.page else error.on_page(page_dest)
        raise PluginError(f"DOCX/ODT guides: an image outside the built site: {where}\n    how to fix: "
                          f"{site_files.FIX}") from None


def plan_documents(guides: Mapping[tuple[str, str], GuidePage], site_dir: Path, model: ContentModel,
                   volumes: Mapping[str, list[Volume]] | None = None,
                   catalogs: Mapping[str, CatalogPage] | None = None, kinds=("docx", "odt")) -> list[Planned]:
    """Every guide and worksheet (the pages' own languages only: a fallback page offers the default language's),
    then every handbook or volume."""
    default = model.default_language.code
    planned = []
    for (lang, slug), page in sorted(guides.items()):
        if page.fallback:
            continue
        for what, make, name, title in (
                ("guide", article.pandoc_input, filename, page.title),
                ("worksheet", worksheet.pandoc_input, worksheet_filename, worksheet.document_title(page))):
            html, images = _made(make, page.dest, page, read_article(site_dir, page), site_dir, model)
            planned.append(Planned(what, lang, {kind: site_path(lang, name(slug, lang, kind), default)
                                                for kind in kinds}, html, title, page.last_reviewed, images))
    article_of = handbook.fresh_articles(guides, lambda page: read_article(site_dir, page))
    for lang, language_volumes in sorted((volumes or {}).items()):
        for volume in language_volumes:
            if not volume.keys:
                continue
            html, images, reviewed = _made(handbook.pandoc_input, "", volume, guides, article_of,
                                           (catalogs or {}).get(lang), site_dir, model)
            planned.append(Planned("handbook", lang, {kind: site_path(lang, handbook_filename(volume, kind), default)
                                                      for kind in kinds}, html, handbook.title(volume, model),
                                   reviewed, images))
    return planned
