"""One record per page of a content type in one language: its front matter as the content model defines it, its
address, the addresses of its other language versions, its downloads and when it last changed.

Only the pages written in the language are its records: an English page standing in for a missing translation
is the English dataset's, and a language without its own page is not listed among a page's translations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from redsite import page_info
from redsite.downloads.office import document as office
from redsite.downloads.pdf.plan import GUIDE_TYPE, guide_filename
from redsite.downloads.pdf.plan import site_path as pdf_site_path
from redsite.feeds import page_url
from redsite.model import ContentModel
from redsite.pages import list_pages, typed_pages

# The keys a record adds to the front matter; a content type may not have a field of the same name (schema.py).
ADDED_KEYS = ("slug", "language", "url", "last_updated", "translations", "downloads")
DOWNLOAD_KINDS = ("pdf", "docx", "odt")


@dataclass(frozen=True)
class Downloads:
    """Which downloads the build makes (its settings): a record lists only files that exist."""

    pdf: bool = True
    editable: bool = True  # DOCX and ODT
    only: frozenset[str] | None = None  # RED_PDF_ONLY: the PDFs of these slugs only

    def kinds(self, slug: str) -> tuple[str, ...]:
        pdf = self.pdf and (self.only is None or slug in self.only)
        return tuple(kind for kind in DOWNLOAD_KINDS if (pdf if kind == "pdf" else self.editable))


def prefix(lang: str, model: ContentModel) -> str:
    return "" if lang == model.default_language.code else f"{lang}/"


def address(site_url: str, path: str) -> str:
    """An absolute address below the site root (`site_url` ends with '/')."""
    return site_url + path


def own_pages(root: Path, model: ContentModel) -> dict[str, set[str]]:
    """language -> the pages (paths in its tree) written in it."""
    return {lang: {page.rel for page in list_pages(lang, root, model)} for lang in model.codes}


def translations(rel: str, lang: str, site_url: str, owned: Mapping[str, set[str]], model: ContentModel) -> dict:
    """The addresses of the page's other language versions that exist (not a fallback), in the model's order."""
    return {code: address(site_url, prefix(code, model) + page_url(rel))
            for code in model.codes if code != lang and rel in owned.get(code, ())}


def downloads(type_name: str, slug: str, lang: str, site_url: str, made: Downloads, model: ContentModel) -> dict:
    if type_name != GUIDE_TYPE:
        return {}
    default = model.default_language.code
    paths = {"pdf": pdf_site_path(lang, guide_filename(slug, lang), default)}
    paths.update({kind: office.site_path(lang, office.filename(slug, lang, kind), default)
                  for kind in office.REFERENCE_DOCS})
    return {kind: address(site_url, paths[kind]) for kind in made.kinds(slug)}


def plain(value, text: bool = False):
    """A front-matter value as JSON has it: dates as ISO text, lists item by item; with `text` (a str or text
    field, which the front-matter check lets hold a number or a date), every scalar as text."""
    if isinstance(value, list):
        return [plain(item, text) for item in value]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if text and not isinstance(value, str):
        return str(value)
    return value


def records(type_name: str, lang: str, *, root: Path, model: ContentModel, site_url: str,
            committed: Mapping[str, dt.date], made: Downloads,
            owned: Mapping[str, set[str]] | None = None) -> list[dict]:
    """The records of `lang`'s own pages of `type_name` in the project at `root`, by slug (the same order in every
    language)."""
    owned = own_pages(root, model) if owned is None else owned
    fields = model.fields_of(type_name)
    found = []
    for page_file, parsed in typed_pages(type_name, lang, root, model=model):
        if page_file.lang != lang:
            continue  # a fallback: the English page, in the English dataset
        slug = PurePosixPath(page_file.rel).stem
        meta = parsed.meta
        record = {"slug": slug, "language": lang,
                  "url": address(site_url, prefix(lang, model) + page_url(page_file.rel))}
        record.update({spec.name: plain(meta[spec.name], spec.parsed.kind in ("str", "text"))
                       for spec in fields if meta.get(spec.name) is not None})
        updated = page_info.last_updated(page_file.repo_path(root), meta, committed)
        if updated is not None:
            record["last_updated"] = updated.isoformat()
        record["translations"] = translations(page_file.rel, lang, site_url, owned, model)
        record["downloads"] = downloads(type_name, slug, lang, site_url, made, model)
        found.append(record)
    return sorted(found, key=lambda record: record["slug"])
