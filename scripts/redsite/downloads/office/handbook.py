"""The editable handbook of a language: every method's guide in one DOCX and one ODT, beside the PDF handbook.

It follows the PDF handbook's volumes (redsite.downloads.pdf.volumes): one document per language, or one per
volume when the PDF handbook is split, with the same chapters in the same order. The document opens with the
handbook's title, a line on what it holds and the contents (links to the chapters); each chapter is a method's
article as its guide has it (article.prepare), starting on a new page (the reference documents' level-1
heading); links to another chapter lead to it, within the document. The colophon closes it.

On the methods catalog, after the PDF handbook's links, the build leaves a marker
(`<!-- red-doc-handbook LANG -->`, redsite.downloads.sizes) that `catalog_replacements` replaces with the DOCX
and ODT buttons (or, for a split handbook, a list of the volumes' documents), in the one pass that fills in
every download's size.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from html import escape
from pathlib import Path

from markupsafe import Markup

from redsite.downloads.articles import inner_html
from redsite.downloads.office import article as article_module
from redsite.downloads.office import style
from redsite.downloads.office.files import KINDS, button, handbook_filename, handbook_stem, site_path
from redsite.downloads.pdf.volumes import Volume
from redsite.downloads.plan import CatalogPage, GuidePage
from redsite.downloads.sizes import handbook_marker
from redsite.model import ContentModel
from redsite.render import fragment, t
from redsite.typography import rules_for, typeset_html


def title(volume: Volume, model: ContentModel) -> str:
    handbook = t("pdf_handbook_title", volume.lang)
    label = volume.label(model)
    return t("pdf_volume_document_title", volume.lang).format(handbook=handbook, volume=label) if label else handbook


def catalog_page(volume: Volume, catalog: CatalogPage | None, model: ContentModel, reviewed: str) -> GuidePage:
    """The handbook as a page, for its colophon: its title and the catalog's address."""
    return GuidePage(lang=volume.lang, slug=handbook_stem(volume), title=title(volume, model), summary="",
                     url=catalog.url if catalog else "", dest=catalog.dest if catalog else "",
                     web_address=catalog.web_address if catalog else "", last_reviewed=reviewed, fallback=False)


def pandoc_input(volume: Volume, guides: Mapping[tuple[str, str], GuidePage], article_of: Callable,
                 catalog: CatalogPage | None, site_dir: Path, model: ContentModel) -> tuple[str, list[bytes], str]:
    """The HTML pandoc reads for a handbook (or one volume), the embedded images' bytes and its review date.

    `article_of(key)` gives a fresh copy of a chapter's built article (it is changed in place)."""
    pages = [guides[key] for key in volume.keys]
    targets = {page.web_address: page.slug for page in pages if page.web_address}
    images: list[bytes] = []
    chapters = []
    for key, page in zip(volume.keys, pages, strict=True):
        article = article_of(key)
        images += article_module.prepare(article, page, site_dir, targets, id_prefix=f"{page.slug}--")
        heading = article_module.take_title(article)
        heading = heading.replace(f'id="{page.slug}--red-title"', f'id="{escape(page.slug)}"', 1)
        language = f' lang="{model.default_language.code}"' if page.fallback else ""
        chapters.append(f'<div class="red-chapter"{language}>{heading}{inner_html(article)}</div>')
    reviewed = max((page.last_reviewed for page in pages), default="")
    handbook = catalog_page(volume, catalog, model, reviewed)
    contents = [(page.slug, page.title, model.default_language.code if page.fallback else "") for page in pages]
    html = fragment("document_handbook.html", lang=volume.lang, title=handbook.title,
                    lead=t("doc_handbook_lead", volume.lang), lead_style=style.LEAD,
                    contents_title=t("pdf_contents", volume.lang), contents=contents,
                    chapters=Markup("".join(chapters)),
                    colophon=Markup(article_module.colophon(handbook, model, "doc_use_note_handbook")))
    return html, images, reviewed


def catalog_buttons(volumes: list[Volume], page_url: str, model: ContentModel) -> str:
    """The catalog's editable handbook: two buttons, or the list of the volumes' documents."""
    lang, default = volumes[0].lang, model.default_language.code

    def volume_button(volume: Volume, kind: str, label: str) -> dict:
        return button(site_path(lang, handbook_filename(volume, kind), default), label, kind, lang, page_url)

    if not volumes[0].split:
        buttons = [volume_button(volumes[0], kind, t(f"doc_download_handbook_{kind}", lang)) for kind in KINDS]
        html = fragment("document_buttons.html", buttons=buttons, hreflang="", variant="handbook")
    else:
        items = [{"label": volume.label(model),
                  "buttons": [volume_button(volume, kind, kind.upper()) for kind in KINDS]} for volume in volumes]
        html = fragment("document_handbook_volumes.html", intro=t("doc_download_handbook_volumes", lang), items=items)
    return typeset_html(html, rules_for(lang), rules_for)  # the page around it was typeset before this


def catalog_replacements(catalogs: Mapping[str, CatalogPage], volumes: Mapping[str, list[Volume]],
                         model: ContentModel) -> dict[str, dict[str, str]]:
    """Each methods catalog (its built file) -> the marker it left for its editable handbook -> the buttons."""
    return {catalog.dest: {handbook_marker(lang, "doc"): catalog_buttons(volumes[lang], catalog.url, model)}
            for lang, catalog in catalogs.items() if volumes.get(lang)}


def fresh_articles(guides: Mapping[tuple[str, str], GuidePage], read: Callable) -> Callable:
    """article_of(key) for pandoc_input: each built article parsed once, a copy handed out each time."""
    parsed: dict = {}

    def article_of(key):
        if key not in parsed:
            parsed[key] = read(guides[key])
        return copy.deepcopy(parsed[key])

    return article_of

