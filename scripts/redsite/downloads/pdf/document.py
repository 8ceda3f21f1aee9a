"""From a built page's article (redsite.downloads.articles) to a print document: a cover, the article with its
links retargeted for paper, a table of contents for the handbook."""

from __future__ import annotations

import re
from html import escape

from markupsafe import Markup

from redsite import licensing
from redsite.downloads.articles import inner_html, retarget
from redsite.downloads.pdf import pdfua
from redsite.downloads.plan import CatalogPage, GuidePage
from redsite.model import ContentModel, load_model
from redsite.render import fragment, t
from redsite.typography import rules_for, typeset_html


def _cover(lang: str, model: ContentModel, kind: str, title: str, summary: str, reviewed: str,
           web_address: str, origin: str = "") -> str:
    rows = [(t("pdf_language", lang), model.language(lang).name)]
    if origin:  # where the method comes from
        rows.append((t("field_origin", lang), origin))
    if reviewed:
        rows.append((t("last_reviewed", lang), reviewed))
    if web_address:
        rows.append((t("pdf_web_address", lang), Markup('<a href="{0}">{0}</a>').format(web_address)))
    return fragment("pdf_cover.html", project=model.language(lang).site_name, kind=kind, title=title,
                    summary=summary, rows=rows, author=t("pdf_author", lang), publisher=t("footer_project", lang),
                    licence=licensing.statement_html(lang, model))


def _document(lang: str, title: str, description: str, reviewed: str, body: str, kind_class: str) -> str:
    body = typeset_html(body, rules_for(lang), rules_for)  # the cover and contents too; idempotent
    modified = reviewed if re.fullmatch(r"\d{4}-\d{2}-\d{2}", reviewed or "") else ""
    body = pdfua.definition_lists_as_tables(body)  # PDF/UA: a <dl> reaches the PDF as loose items otherwise
    return fragment("pdf_document.html", lang=lang, title=title, author=t("pdf_author", lang),
                    description=description, modified=modified, kind_class=kind_class, body=Markup(body),
                    rights=licensing.rights(lang, t("pdf_author", lang)), licence_url=licensing.content_licence().url)


def guide_document(page: GuidePage, article, model: ContentModel | None = None) -> tuple[str, list[str]]:
    """The print document of one method: cover, then the page's article. Returns (HTML, local images)."""
    model = model or load_model()
    images = retarget(article, page)
    cover = _cover(page.lang, model, t("pdf_kind_guide", page.lang), page.title, page.summary,
                   page.last_reviewed, page.web_address, page.origin)
    body = f'{cover}<article class="red-chapter">{inner_html(article)}</article>'
    return _document(page.lang, page.title, page.summary, page.last_reviewed, body, "red-print--guide"), images


def handbook_document(lang: str, catalog: CatalogPage | None, chapters: list[tuple[GuidePage, object]],
                      model: ContentModel | None = None, volume: str = "") -> tuple[str, list[str]]:
    """All methods of a language in one document: cover, contents, one chapter per method.

    `volume` names one volume of a split handbook (redsite.downloads.pdf.volumes), shown on its cover and in its title;
    links to chapters in other volumes lead to the web pages."""
    model = model or load_model()
    ordered = sorted(chapters, key=lambda item: item[0].title.casefold())
    targets = {page.web_address: page.slug for page, _ in ordered if page.web_address}
    images: list[str] = []
    parts = []
    for page, article in ordered:
        images += retarget(article, page, targets, id_prefix=f"{page.slug}--")
        if page.fallback:  # the English title of a chapter standing in for a translation (PDF/UA /Lang)
            next(article.iter("h1"), article).set("lang", model.default_language.code)
        parts.append(f'<article class="red-chapter" id="{escape(page.slug)}">{inner_html(article)}</article>')
    title = t("pdf_handbook_title", lang)
    reviewed = max((page.last_reviewed for page, _ in ordered), default="")
    cover = _cover(lang, model, t("pdf_kind_handbook", lang), title, volume, reviewed,
                   catalog.web_address if catalog else "")
    if volume:
        title = t("pdf_volume_document_title", lang).format(handbook=title, volume=volume)
    contents = fragment("pdf_contents.html", title=t("pdf_contents", lang),
                        chapters=[(page.slug, page.title, model.default_language.code if page.fallback else "")
                                  for page, _ in ordered])
    body = cover + contents + "".join(parts)
    return _document(lang, title, "", reviewed, body, "red-print--handbook"), images


