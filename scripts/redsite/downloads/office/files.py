"""The DOCX/ODT guides' file names and the download buttons of a method page."""

from __future__ import annotations

from pathlib import PurePosixPath

from mkdocs.utils import get_relative_url

from redsite.downloads.plan import GUIDE_TYPE
from redsite.downloads.sizes import size_marker
from redsite.render import fragment, t

KINDS = ("docx", "odt")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
FOLDER = "documents"  # sv/documents/red-forum-building-sv.odt, next to sv/pdf/


def filename(slug: str, lang: str, kind: str) -> str:
    return f"red-{slug}-{lang}.{kind}"


def site_path(lang: str, name: str, default: str) -> str:
    prefix = "" if lang == default else f"{lang}/"
    return f"{prefix}{FOLDER}/{name}"


def download_buttons(page, lang: str, fallback: bool, default: str) -> str:
    """DOCX and ODT buttons for a method page (or ''); sizes are filled in once the files exist.

    `page` is a MkDocs page. An English page standing in for a missing translation
    offers the English documents, labelled so, as its PDF button does.
    """
    if (page.meta or {}).get("type") != GUIDE_TYPE:
        return ""
    slug = PurePosixPath(page.file.src_uri).stem
    doc_lang = default if fallback else lang
    buttons = []
    for kind in KINDS:
        target = site_path(doc_lang, filename(slug, doc_lang, kind), default)
        label = t(f"doc_download_{kind}", lang)
        if fallback:
            label = f"{label} – {t('doc_in_english', lang)}"
        buttons.append({"href": get_relative_url(target, page.url), "media_type": MEDIA_TYPES[kind], "label": label,
                        "kind": kind.upper(), "size_marker": size_marker("doc", lang, target)})
    return fragment("document_buttons.html", buttons=buttons, hreflang=default if fallback else "")
