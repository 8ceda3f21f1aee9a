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
from redsite.downloads import office
from redsite.downloads.pdf.files import guide_filename
from redsite.downloads.pdf.files import site_path as pdf_site_path
from redsite.downloads.pdf.volumes import plan_volumes
from redsite.downloads.plan import GUIDE_TYPE, DownloadPlan, GuidePage
from redsite.feeds import page_url
from redsite.model import ContentModel
from redsite.origin import origin_of
from redsite.pages import published_pages, typed_pages

# The keys a record adds to the front matter; a content type may not have a field of the same name (schema.py).
ADDED_KEYS = ("slug", "language", "url", "last_updated", "translations", "downloads")
# A method's guide (PDF, DOCX, ODT), its adaptation worksheet, and the handbook (or volume) that holds it.
DOWNLOAD_KINDS = ("pdf", "docx", "odt", "worksheet_docx", "worksheet_odt", "handbook_pdf", "handbook_docx",
                  "handbook_odt")


@dataclass(frozen=True)
class Downloads:
    """Which downloads the build makes (its settings): a record lists only files that exist."""

    pdf: bool = True
    editable: bool = True  # DOCX and ODT
    only: frozenset[str] | None = None  # RED_PDF_ONLY: the PDFs of these slugs only
    handbook_limit: int | None = None  # the PDF handbook's volumes, which the editable handbook follows

    def kinds(self, slug: str) -> tuple[str, ...]:
        pdf = self.pdf and (self.only is None or slug in self.only)
        handbook_pdf = self.pdf and self.only is None  # a benchmark's cut handbook is not the site's
        made = {"pdf": pdf, "handbook_pdf": handbook_pdf}
        return tuple(kind for kind in DOWNLOAD_KINDS if made.get(kind, self.editable))


def prefix(lang: str, model: ContentModel) -> str:
    return "" if lang == model.default_language.code else f"{lang}/"


def address(site_url: str, path: str) -> str:
    """An absolute address below the site root (`site_url` ends with '/')."""
    return site_url + path


def own_pages(root: Path, model: ContentModel) -> dict[str, set[str]]:
    """language -> the pages (paths in its tree) written in it (a pending translation is not: the site shows the
    English page in its place)."""
    return {lang: {page.rel for page in published_pages(lang, root, model)} for lang in model.codes}


def translations(rel: str, lang: str, site_url: str, owned: Mapping[str, set[str]], model: ContentModel) -> dict:
    """The addresses of the page's other language versions that exist (not a fallback), in the model's order."""
    return {code: address(site_url, prefix(code, model) + page_url(rel))
            for code in model.codes if code != lang and rel in owned.get(code, ())}


def handbook_stems(lang: str, root: Path, made: Downloads, model: ContentModel) -> dict[str, str]:
    """slug -> the name (without extension) of the handbook or volume that holds the method in `lang`, planned as
    the PDF step plans it (redsite.downloads.pdf.volumes) from the pages' titles and origins."""
    plan = DownloadPlan()
    for page_file, parsed in typed_pages(GUIDE_TYPE, lang, root, model=model):
        slug = PurePosixPath(page_file.rel).stem
        plan.guides[(lang, slug)] = GuidePage(lang, slug, str(parsed.meta.get("title", slug)), "", "", "", "", "",
                                              page_file.lang != lang, origin_key=origin_of(parsed.meta) or "")
    volumes = plan_volumes(plan, made.handbook_limit, model).get(lang, [])
    return {key[1]: office.handbook_stem(volume) for volume in volumes for key in volume.keys}


def downloads(type_name: str, slug: str, lang: str, site_url: str, made: Downloads, model: ContentModel,
              stems: Mapping[str, str]) -> dict:
    """The addresses of the downloads this build made of a page; `stems`: handbook_stems of its language."""
    if type_name != GUIDE_TYPE:
        return {}
    default = model.default_language.code
    paths = {"pdf": pdf_site_path(lang, guide_filename(slug, lang), default),
             "handbook_pdf": pdf_site_path(lang, f"{stems[slug]}.pdf", default)}
    for kind in ("docx", "odt"):
        paths[kind] = office.site_path(lang, office.filename(slug, lang, kind), default)
        paths[f"worksheet_{kind}"] = office.site_path(lang, office.worksheet_filename(slug, lang, kind), default)
        paths[f"handbook_{kind}"] = office.site_path(lang, f"{stems[slug]}.{kind}", default)
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
    stems = handbook_stems(lang, root, made, model) if type_name == GUIDE_TYPE else {}
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
        record["downloads"] = downloads(type_name, slug, lang, site_url, made, model, stems)
        found.append(record)
    return sorted(found, key=lambda record: record["slug"])
