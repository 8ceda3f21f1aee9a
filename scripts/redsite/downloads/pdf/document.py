"""From a built page's HTML to a print document: the article without screen-only parts, links
retargeted for paper, a cover, a table of contents for the handbook."""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape
from urllib.parse import urljoin, urlsplit

import tinyhtml5
from markupsafe import Markup

from redsite import licensing, site_files
from redsite.downloads.pdf import pdfua
from redsite.downloads.pdf.plan import (
    SCREEN_ONLY_CLASSES,
    SCREEN_ONLY_TAGS,
    VOID_TAGS,
    XML_PREFIXES,
    CatalogPage,
    GuidePage,
)
from redsite.model import ContentModel, load_model
from redsite.render import fragment, t
from redsite.site_files import NotASiteFile
from redsite.typography import rules_for, typeset_html


def _local(name: str) -> str:
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return XML_PREFIXES.get(namespace, "") + local
    return name


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _is_screen_only(element) -> bool:
    if not isinstance(element.tag, str):
        return True  # comments and processing instructions
    return _local(element.tag) in SCREEN_ONLY_TAGS or bool(_classes(element) & SCREEN_ONLY_CLASSES)


def _drop_children(parent, unwanted) -> None:
    """Remove the children for which `unwanted(child)` holds, keeping the text that follows them."""
    for child in list(parent):
        if unwanted(child):
            index = list(parent).index(child)
            if child.tail:
                if index:
                    previous = parent[index - 1]
                    previous.tail = (previous.tail or "") + child.tail
                else:
                    parent.text = (parent.text or "") + child.tail
            parent.remove(child)
        else:
            _drop_children(child, unwanted)


def parse_html(html: str):
    return tinyhtml5.parse(html, namespace_html_elements=False)


def article_text(page_html: str) -> str:
    """The stretch of the built page that holds its article (the whole page if there is none)."""
    # Parsing only the article's stretch of the page is ten times faster than the whole page
    # (navigation and all); the parser still sees every element inside it.
    start, end = page_html.find('<article class="md-content__inner'), page_html.rfind("</article>")
    return page_html[start:end + len("</article>")] if 0 <= start < end else page_html


def extract_article(page_html: str):
    """The page's article element (Material's .md-content__inner), without the web-only parts."""
    root = parse_html(article_text(page_html))
    article = next((element for element in root.iter("article") if "md-content__inner" in _classes(element)), None)
    if article is None:
        raise ValueError("no <article class=\"md-content__inner\"> in the built page")
    _drop_children(article, _is_screen_only)
    return article


def inner_html(element) -> str:
    """The element's content as HTML (ElementTree itself only writes XML)."""
    parts = [escape(element.text or "", quote=False)]
    for child in element:
        _serialize(child, parts)
        parts.append(escape(child.tail or "", quote=False))
    return "".join(parts)


def _serialize(element, parts: list[str]) -> None:
    if not isinstance(element.tag, str):
        return
    tag = _local(element.tag)
    attributes = "".join(f' {_local(name)}="{escape(value)}"' for name, value in element.attrib.items())
    parts.append(f"<{tag}{attributes}>")
    if tag in VOID_TAGS:
        return
    text = element.text or ""
    if tag in ("pre", "textarea", "listing") and text.startswith("\n"):
        text = "\n" + text  # the parser drops one leading newline in these elements
    parts.append(escape(text, quote=False))
    for child in element:
        _serialize(child, parts)
        parts.append(escape(child.tail or "", quote=False))
    parts.append(f"</{tag}>")


def _split_fragment(url: str) -> tuple[str, str]:
    base, _, fragment = url.partition("#")
    return base, fragment


def retarget(article, page: GuidePage, chapters: Mapping[str, str] | None = None, id_prefix: str = "") -> list[str]:
    """Make links and images work on paper; return the site-relative paths of local images.

    - links to other pages become absolute web addresses (a PDF travels without the site);
      in a handbook, links to a page that is a chapter of it point to that chapter instead;
    - in a handbook every id gets `id_prefix`, since all chapters share one document;
    - images are addressed from the site root, so that the document does not depend on where
      the site was built (the render's base URL is the site directory).
    """
    chapters = chapters or {}
    images: list[str] = []
    for element in article.iter():
        if not isinstance(element.tag, str):
            continue
        if id_prefix and element.get("id"):
            element.set("id", id_prefix + element.get("id"))
        tag = _local(element.tag)
        if tag == "a" and element.get("href") is not None:
            href = element.get("href").strip()
            if href.startswith("#"):
                element.set("href", "#" + id_prefix + href[1:] if len(href) > 1 else href)
                continue
            if urlsplit(href).scheme:
                continue
            if not page.web_address:
                del element.attrib["href"]
                continue
            absolute = urljoin(page.web_address, href)
            base, fragment = _split_fragment(absolute)
            if base in chapters:
                slug = chapters[base]
                element.set("href", f"#{slug}--{fragment}" if fragment else f"#{slug}")
            else:
                element.set("href", absolute)
        elif tag == "img" and element.get("src"):
            try:
                resolved = image_path(page.url, element.get("src"))
            except NotASiteFile as problem:
                raise problem.on_page(page.dest) from None
            if resolved is None:
                continue  # remote images are not fetched (see the URL fetcher); data: URLs stay inline
            element.set("src", resolved)
            images.append(resolved)
    return images


def image_path(page_url: str, src: str) -> str | None:
    """A local image's path from the site root, as the page at `page_url` refers to it with `src`; None for
    one that is not a file of the site (remote, data:). Raises NotASiteFile for one outside the site."""
    folder = page_url.strip("/")
    return site_files.locate(f"{folder}/index.html" if folder else "index.html", src).path


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


