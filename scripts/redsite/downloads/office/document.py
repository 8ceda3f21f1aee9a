"""Editable guides: what pandoc reads for the DOCX and ODT of a method page, and the metadata it leaves empty.

Like the PDFs, they are made from the article the build has already written
(redsite.downloads.articles.extract_article), so the text exists once. A few small changes make
that HTML a word-processor document: the facts box becomes a table, a note on
the first page says the guide may be adapted, how to cite the original and where
it is online, images are
embedded (local ones) or replaced by their description (remote ones), and web
links become absolute. pandoc then writes both formats (redsite.downloads.office.engine).
"""

from __future__ import annotations

import base64
import mimetypes
import re
import zipfile
from html import escape  # of the XML metadata that pandoc leaves empty
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree

from markupsafe import Markup

from redsite import licensing, site_files
from redsite.downloads.articles import classes as _classes
from redsite.downloads.articles import drop_children as _drop_children
from redsite.downloads.articles import inner_html, parse_html, retarget
from redsite.downloads.articles import local_name as _local
from redsite.downloads.plan import GuidePage
from redsite.model import ContentModel
from redsite.render import fragment, t

# --- From the built article to pandoc's input -------------------------------------------------

def _children_of_class(element, name: str):
    return [child for child in element.iter() if name in _classes(child)]


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
                                    caption=section.get("aria-label") or t("facts_title", lang)))
        replacement = next(table.iter("table"))
        replacement.tail = section.tail
        parent = next(element for element in article.iter() if section in list(element))
        parent[list(parent).index(section)] = replacement


def _is_hidden(element) -> bool:
    return isinstance(element.tag, str) and element.get("hidden") is not None


def drop_hidden(article) -> None:
    """Elements marked `hidden` are for machines, not readers: the search filters (a page's type,
    themes and regions for Pagefind) would otherwise end the document as one run-together line.
    Browsers and WeasyPrint never show them; pandoc keeps every text it is given."""
    _drop_children(article, _is_hidden)


def embed_images(article, site_dir: Path) -> list[bytes]:
    """Local images become data: URLs (pandoc's sandbox reads no files); remote and missing ones become
    their text. `src` is a path from the site root (retarget); only files of the built site are read
    (redsite.site_files), anything else raises NotASiteFile.

    Returns the bytes of the embedded images, for the cache key.
    """
    embedded: list[bytes] = []
    for image in [element for element in article.iter() if isinstance(element.tag, str)
                  and _local(element.tag) == "img"]:
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


def use_note(page: GuidePage, model: ContentModel) -> str:
    """The first page's note: the guide may be adapted; how to cite the original; where it is online."""
    site = model.language(page.lang).site_name
    address = page.web_address or ""
    return fragment("document_use_note.html", title=t("doc_use_title", page.lang), note=t("doc_use_note", page.lang),
                    citation=t("doc_cite_as", page.lang).format(title=page.title, site=site, address=address).strip(),
                    address_label=t("pdf_web_address", page.lang), address=address,
                    licence=licensing.statement_html(page.lang, model))


def pandoc_input(page: GuidePage, article, site_dir: Path, model: ContentModel) -> tuple[str, list[bytes]]:
    """The HTML pandoc reads: the title, the note on its use, then the article (facts as a table, nothing hidden)."""
    drop_hidden(article)
    retarget(article, page)
    facts_as_table(article, page.lang)
    images = embed_images(article, site_dir)
    body = inner_html(article)
    heading = re.match(r"\s*<h1[^>]*>.*?</h1>", body, flags=re.S)
    head, rest = (body[:heading.end()], body[heading.end():]) if heading else ("", body)
    html = fragment("document_pandoc.html", lang=page.lang, title_heading=Markup(head),
                    note=Markup(use_note(page, model)), body=Markup(rest))
    return html, images


# --- Metadata pandoc leaves empty -------------------------------------------------------------

DC = "http://purl.org/dc/elements/1.1/"


def _iso_day(day: str) -> str:
    return f"{day}T00:00:00Z" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day or "") else ""


def docx_core(xml: str, title: str, author: str, day: str) -> str:
    """docProps/core.xml with title and author (pandoc would also print them as a second title block)."""
    xml = xml.replace("<dc:title></dc:title>", f"<dc:title>{escape(title)}</dc:title>")
    xml = xml.replace("<dc:creator></dc:creator>", f"<dc:creator>{escape(author)}</dc:creator>")
    if _iso_day(day):
        xml = re.sub(r"(<dcterms:(?:created|modified) [^>]*>)[^<]*", rf"\g<1>{_iso_day(day)}", xml)
    return xml


def odt_meta(xml: str, title: str, author: str, day: str) -> str:
    """meta.xml with title and author (the same reason as docx_core)."""
    ElementTree.fromstring(xml)  # fail loudly if pandoc's output ever stops being XML
    values = {"dc:title": escape(title), "dc:creator": escape(author), "meta:initial-creator": escape(author)}
    for name, value in values.items():
        if re.search(rf"<{name}>[^<]*</{name}>", xml):
            xml = re.sub(rf"<{name}>[^<]*</{name}>", f"<{name}>{value}</{name}>", xml)
        else:
            xml = xml.replace("</office:meta>", f"<{name}>{value}</{name}></office:meta>")
    if _iso_day(day):
        xml = re.sub(r"(<(meta:creation-date|dc:date)>)[^<]*", rf"\g<1>{_iso_day(day)}", xml)
    return xml


METADATA_FILES = {"docx": ("docProps/core.xml", docx_core), "odt": ("meta.xml", odt_meta)}


def set_metadata(document: bytes, kind: str, title: str, author: str, day: str) -> bytes:
    """Rewrite one member of the zip container, keeping every entry's order, time and compression."""
    member, change = METADATA_FILES[kind]
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(document)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                data = change(data.decode("utf-8"), title, author, day).encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()
