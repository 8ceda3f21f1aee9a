"""From a built article to what pandoc reads for a DOCX or ODT guide.

The article is the one the build wrote (redsite.downloads.articles.extract_article), so the text exists once. A
few changes make it a word-processor document that looks like the PDF (the styles are the reference
documents', named in style.py):
- the title comes first (on the web it sits inside the search index's wrapper, after whitespace);
- the facts box becomes a two-column table in the facts style, its terms marked as row headers;
- every box (an admonition: the "What the project documents say" note, the build's notices) becomes
  paragraphs in the box styles of its kind, its title in the title style;
- what is hidden on the web stays out (the search filters); local images are embedded, remote ones become
  their description; links become absolute web addresses;
- the colophon closes the document: that it may be adapted, how to cite it, its address and its licence.
"""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path

from markupsafe import Markup

from redsite import licensing, site_files
from redsite.downloads.articles import classes as _classes
from redsite.downloads.articles import drop_children as _drop_children
from redsite.downloads.articles import inner_html, parse_html, retarget
from redsite.downloads.articles import local_name as _local
from redsite.downloads.office import style
from redsite.downloads.plan import GuidePage
from redsite.model import ContentModel
from redsite.render import fragment, t

FACTS_WIDTHS = (28, 72)  # per cent of the text width: the terms, the values


def _elements(root, tag: str | None = None) -> list:
    return [element for element in root.iter() if isinstance(element.tag, str)
            and (tag is None or _local(element.tag) == tag)]


def _children_of_class(element, name: str):
    return [child for child in element.iter() if name in _classes(child)]


def _parent(root, child):
    return next(element for element in root.iter() if child in list(element))


def _replace(root, old, new) -> None:
    new.tail = old.tail
    parent = _parent(root, old)
    parent[list(parent).index(old)] = new


def facts_as_table(article, lang: str) -> None:
    """The facts box (a <dl> on the web) becomes a two-column table, which word processors keep."""
    for section in _children_of_class(article, "red-facts"):
        rows = []
        term = None
        for item in section.iter():
            tag = _local(item.tag) if isinstance(item.tag, str) else ""
            if tag == "dt":
                term = item
            elif tag == "dd" and term is not None:
                rows.append((Markup(inner_html(term)), [Markup(inner_html(item))]))
                term = None
        table = parse_html(fragment("definition_table.html", classes="red-facts", rows=rows,
                                    caption=section.get("aria-label") or t("facts_title", lang),
                                    custom_style=style.FACTS_TABLE, term_style=style.FACTS_TERM,
                                    widths=FACTS_WIDTHS))
        _replace(article, section, next(table.iter("table")))


def _is_hidden(element) -> bool:
    return isinstance(element.tag, str) and element.get("hidden") is not None


def drop_hidden(article) -> None:
    """Elements marked `hidden` are for machines, not readers: the search filters (a page's type,
    themes and regions for Pagefind) would otherwise end the document as one run-together line.
    Browsers and WeasyPrint never show them; pandoc keeps every text it is given."""
    _drop_children(article, _is_hidden)


def box_kind(element) -> str:
    """The look of an admonition: note, warning or example (style.BOX_KINDS); a kind it does not know is a note."""
    classes = _classes(element) - {"admonition", "red-notice"}
    return next((style.BOX_KINDS[name] for name in sorted(classes) if name in style.BOX_KINDS), "note")


def boxes_as_styles(article) -> int:
    """Each admonition becomes its title in the box's title style, then its content in the box's style: pandoc
    gives the paragraphs of a div with data-custom-style that paragraph style. Returns how many boxes."""
    boxes = [element for element in _elements(article, "div") if "admonition" in _classes(element)]
    for box in boxes:
        kind = box_kind(box)
        wrapper = parse_html('<div></div>').find(".//div")
        wrapper.set("class", "red-box")
        title = next((child for child in box if "admonition-title" in _classes(child)), None)
        if title is not None:
            box.remove(title)
            title_box = wrapper.makeelement("div", {"data-custom-style": style.box_style(kind, title=True)})
            title.tail = None
            title_box.append(title)
            wrapper.append(title_box)
        body = wrapper.makeelement("div", {"data-custom-style": style.box_style(kind)})
        body.text = box.text
        for child in list(box):
            body.append(child)
        if len(body) or (body.text or "").strip():
            wrapper.append(body)
        if box.get("lang"):
            wrapper.set("lang", box.get("lang"))
        _replace(article, box, wrapper)
    return len(boxes)


def embed_images(article, site_dir: Path) -> list[bytes]:
    """Local images become data: URLs (pandoc's sandbox reads no files); remote and missing ones become
    their text. `src` is a path from the site root (retarget); only files of the built site are read
    (redsite.site_files), anything else raises NotASiteFile.

    Returns the bytes of the embedded images, for the cache key.
    """
    embedded: list[bytes] = []
    for image in _elements(article, "img"):
        src = (image.get("src") or "").strip()
        if src.startswith("data:"):
            continue
        path = site_files.locate("index.html", src).path if src else None
        local = site_files.site_file(site_dir, path) if path is not None else None
        if local is not None:
            data = site_files.read_site_file(site_dir, local)
            media = mimetypes.guess_type(local)[0] or "application/octet-stream"
            image.set("src", f"data:{media};base64,{base64.b64encode(data).decode('ascii')}")
            embedded.append(data)
        else:
            image.tag = "span"  # a remote or missing image: keep what it shows in words
            alt = image.get("alt") or ""
            image.attrib.clear()
            image.text = alt
    return embedded


def take_title(article) -> str:
    """The article's <h1> as HTML, taken out of the article ('' if it has none)."""
    heading = next(iter(_elements(article, "h1")), None)
    if heading is None:
        return ""
    parent = _parent(article, heading)
    index = list(parent).index(heading)
    if heading.tail:
        if index:
            parent[index - 1].tail = (parent[index - 1].tail or "") + heading.tail
        else:
            parent.text = (parent.text or "") + heading.tail
    heading.tail = None
    parent.remove(heading)
    wrapper = parse_html("<div></div>").find(".//div")
    wrapper.append(heading)
    return inner_html(wrapper)


def colophon(page: GuidePage, model: ContentModel, kind_note: str = "doc_use_note") -> str:
    """The last lines: the document may be adapted; how to cite the original; where it is online; its licence."""
    site = model.language(page.lang).site_name
    address = page.web_address or ""
    return fragment("document_use_note.html", title=t("doc_use_title", page.lang), note=t(kind_note, page.lang),
                    citation=t("doc_cite_as", page.lang).format(title=page.title, site=site, address=address).strip(),
                    address_label=t("pdf_web_address", page.lang), address=address,
                    licence=licensing.statement_html(page.lang, model), title_style=style.COLOPHON_TITLE,
                    body_style=style.COLOPHON)


def prepare(article, page: GuidePage, site_dir: Path, chapters: dict | None = None, id_prefix: str = "") -> list[bytes]:
    """Every change but the title's and the colophon's, in place; returns the embedded images' bytes."""
    drop_hidden(article)
    retarget(article, page, chapters, id_prefix)
    facts_as_table(article, page.lang)
    boxes_as_styles(article)
    return embed_images(article, site_dir)


def pandoc_input(page: GuidePage, article, site_dir: Path, model: ContentModel) -> tuple[str, list[bytes]]:
    """The HTML pandoc reads for a guide: the title, the article, the colophon."""
    images = prepare(article, page, site_dir)
    title = take_title(article)
    html = fragment("document_pandoc.html", lang=page.lang, title_heading=Markup(title),
                    body=Markup(inner_html(article)), colophon=Markup(colophon(page, model)))
    return html, images
