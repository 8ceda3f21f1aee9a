"""The DOCX/ODT documents' file names and their download buttons.

- a guide per method page and language: red-<slug>-<lang>.docx / .odt;
- an adaptation worksheet per method page and language: red-<slug>-<lang>-worksheet.docx / .odt (a guide's name
  ends with its language, a worksheet's with "worksheet", so no slug makes one the other's);
- a handbook per language, or per volume when the PDF handbook is split: the PDF handbook's name with .docx / .odt.

They live in `documents/` below the language's root (sv/documents/...), beside sv/pdf/.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from mkdocs.utils import get_relative_url

from redsite.downloads.pdf.volumes import Volume
from redsite.downloads.plan import GUIDE_TYPE, language_path, offers_handbook
from redsite.downloads.sizes import handbook_marker as marker_of_handbook
from redsite.downloads.sizes import size_marker
from redsite.render import fragment, t

KINDS = ("docx", "odt")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
FOLDER = "documents"  # sv/documents/red-forum-building-sv.odt, next to sv/pdf/
WORKSHEET_SUFFIX = "-worksheet"


def filename(slug: str, lang: str, kind: str) -> str:
    """A guide's file name: red-forum-building-sv.docx."""
    return f"red-{slug}-{lang}.{kind}"


def worksheet_filename(slug: str, lang: str, kind: str) -> str:
    return f"red-{slug}-{lang}{WORKSHEET_SUFFIX}.{kind}"


def handbook_stem(volume: Volume) -> str:
    """red-handbook-sv, red-handbook-red-2-sv: the PDF handbook's (or volume's) name without .pdf."""
    return PurePosixPath(volume.filename).stem


def handbook_filename(volume: Volume, kind: str) -> str:
    return f"{handbook_stem(volume)}.{kind}"


def site_path(lang: str, name: str, default: str) -> str:
    return language_path(lang, FOLDER, name, default)


def button(target: str, label: str, kind: str, lang: str, page_url: str) -> dict:
    """A download button's data (document_buttons.html): `target` is the file's site path, `lang` the language
    its size is written in."""
    return {"href": get_relative_url(target, page_url), "media_type": MEDIA_TYPES[kind], "label": label,
            "kind": kind.upper(), "size_marker": size_marker("doc", lang, target)}


def download_buttons(page, lang: str, fallback: bool, default: str) -> str:
    """A method page's DOCX and ODT buttons: its guide's, then its worksheet's (or ''); sizes are filled in once
    the files exist.

    `page` is a MkDocs page. An English page standing in for a missing translation
    offers the English documents, labelled so, as its PDF button does.
    """
    if (page.meta or {}).get("type") != GUIDE_TYPE:
        return ""
    slug = PurePosixPath(page.file.src_uri).stem
    doc_lang = default if fallback else lang
    html = ""
    for variant, name, label_key in (("editable", filename, "doc_download_{}"),
                                     ("worksheet", worksheet_filename, "doc_download_worksheet_{}")):
        buttons = []
        for kind in KINDS:
            label = t(label_key.format(kind), lang)
            if fallback:
                label = f"{label} – {t('doc_in_english', lang)}"
            buttons.append(button(site_path(doc_lang, name(slug, doc_lang, kind), default), label, kind, lang,
                                  page.url))
        html += fragment("document_buttons.html", buttons=buttons, hreflang=default if fallback else "",
                         variant=variant)
    return html


def handbook_marker(lang: str, raw_html: str) -> str:
    """On the methods catalog, after the PDF handbook's: where the editable handbook's buttons go (or '')."""
    return marker_of_handbook(lang, "doc") if offers_handbook(raw_html) else ""
