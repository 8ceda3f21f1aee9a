"""What pandoc leaves undone in a DOCX or ODT: the title, author and date in the document's properties, the ODT's
table cells, and the text the running header's fields show before a word processor updates them.

pandoc would print title and author as a second title block if it were given them, so the properties are
written here (docProps/core.xml, meta.xml), with the last review as the documents' date.

pandoc's ODT writer gives every table cell an automatic style without borders or background, whatever the
reference document says; here each cell gets the look print.css gives tables (style.py): thin grey rules, a
tinted header row and row headers, and the facts box's bar and tint for the cells of a facts table (a table
whose row headers are marked with the character style RedFactsTerm, as the pandoc input marks them).
The header's fields (the site's name, the title) read the document's properties; Word shows a field's last
result until it updates it, so that result is written here as well. Everything is parsed and written with
lxml, member by member, keeping every zip entry's order, time and compression.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from functools import cache
from html import escape  # of the XML metadata that pandoc leaves empty
from io import BytesIO
from xml.etree import ElementTree

from lxml import etree

from redsite.downloads.office import style
from redsite.downloads.office.reference_docx import NS as W_NS
from redsite.downloads.office.reference_docx import W
from redsite.downloads.office.reference_odt import NS as ODF_NS
from redsite.downloads.office.reference_odt import odf_element, qname

CELL, HEADER_CELL, FACTS_CELL, FACTS_FIRST_CELL = "RedCell", "RedHeaderCell", "RedFactsCell", "RedFactsFirstCell"


@cache
def cell_styles() -> str:
    """The automatic cell and table styles an ODT's tables get, as ODF XML (one string: also the cache's key)."""
    look = style.look()
    rule = f"{look.table_border_pt:g}pt solid #{look.table_border.lower()}"
    facts = look.facts
    padding = 'fo:padding-top="1.2mm" fo:padding-bottom="1.2mm" fo:padding-left="2mm" fo:padding-right="2mm"'

    def cell(name: str, borders: str, background: str = "") -> str:
        fill = f' fo:background-color="#{background.lower()}"' if background else ""
        return (f'<style:style style:name="{name}" style:family="table-cell"><style:table-cell-properties '
                f'{borders} {padding}{fill}/></style:style>')

    return "".join([
        cell(CELL, f'fo:border="{rule}"'),
        cell(HEADER_CELL, f'fo:border="{rule}"', look.header_fill),
        cell(FACTS_CELL, 'fo:border="none"', facts.background),
        cell(FACTS_FIRST_CELL, f'fo:border="none" fo:border-left="{facts.border_pt:g}pt solid #{facts.border.lower()}"',
             facts.background),
    ])


def fingerprint() -> str:
    return hashlib.sha256(cell_styles().encode("utf-8")).hexdigest()[:16]


def _is_row_header(cell) -> bool:
    return any(paragraph.get(qname("text:style-name")) == "Table_20_Heading"
               for paragraph in cell.iter(qname("text:p")))


def _is_facts_table(table) -> bool:
    return any(span.get(qname("text:style-name")) == style.FACTS_TERM for span in table.iter(qname("text:span")))


def odt_content(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    automatic = root.find("office:automatic-styles", ODF_NS)
    wrapper = odf_element(f"<office:automatic-styles>{cell_styles()}</office:automatic-styles>")
    for new in list(wrapper):
        automatic.append(new)
    table_styles = {element.get(qname("style:name")): element for element in automatic
                    if element.get(qname("style:family")) == "table"}
    for table in root.iter(qname("table:table")):
        own = table_styles.get(table.get(qname("table:style-name")))
        if own is not None:  # the full width of the text, as in the PDF
            properties = own.find("style:table-properties", ODF_NS)
            properties.set(qname("table:align"), "margins")
        facts = _is_facts_table(table)
        for row in table.iter(qname("table:table-row")):
            in_header = row.getparent().tag == qname("table:table-header-rows")
            cells = [cell for cell in row if cell.tag == qname("table:table-cell")]
            for position, cell in enumerate(cells):
                if facts:
                    name = FACTS_FIRST_CELL if position == 0 else FACTS_CELL
                else:
                    name = HEADER_CELL if in_header or _is_row_header(cell) else CELL
                cell.set(qname("table:style-name"), name)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def odt_styles(xml: bytes, title: str, author: str) -> bytes:
    """The master page's header: the fields' shown text."""
    root = etree.fromstring(xml)
    for tag, value in (("text:title", title), ("text:initial-creator", author)):
        for field in root.iter(qname(tag)):
            field.text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def docx_header(xml: bytes, title: str, author: str) -> bytes:
    """Each TITLE and AUTHOR field of a header part shows the document's title and author."""
    values = {"TITLE": title, "AUTHOR": author}
    root = etree.fromstring(xml)
    field, showing = None, False
    for run in root.iter(f"{{{W}}}r"):
        mark = run.find("w:fldChar", W_NS)
        instruction = run.find("w:instrText", W_NS)
        if mark is not None:
            kind = mark.get(f"{{{W}}}fldCharType")
            showing = kind == "separate" and field in values
            if kind == "end":
                field = None
        elif instruction is not None:
            field = (instruction.text or "").split()[0].upper() if (instruction.text or "").split() else None
        elif showing:
            for text in run.findall("w:t", W_NS):
                text.text = values[field]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _iso_day(day: str) -> str:
    return f"{day}T00:00:00Z" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day or "") else ""


def docx_core(xml: str, title: str, author: str, day: str) -> str:
    """docProps/core.xml with title, author and date."""
    xml = xml.replace("<dc:title></dc:title>", f"<dc:title>{escape(title)}</dc:title>")
    xml = xml.replace("<dc:creator></dc:creator>", f"<dc:creator>{escape(author)}</dc:creator>")
    if _iso_day(day):
        xml = re.sub(r"(<dcterms:(?:created|modified) [^>]*>)[^<]*", rf"\g<1>{_iso_day(day)}", xml)
    return xml


def odt_meta(xml: str, title: str, author: str, day: str) -> str:
    """meta.xml with title, author and date."""
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


def finish_document(document: bytes, kind: str, title: str, author: str, day: str) -> bytes:
    """The document with its properties set, its ODT tables styled and its header fields' text written."""
    metadata_file, set_metadata = METADATA_FILES[kind]

    def change(name: str, data: bytes) -> bytes:
        if name == metadata_file:
            return set_metadata(data.decode("utf-8"), title, author, day).encode("utf-8")
        if kind == "odt" and name == "content.xml":
            return odt_content(data)
        if kind == "odt" and name == "styles.xml":
            return odt_styles(data, title, author)
        if kind == "docx" and name.startswith("word/header") and name.endswith(".xml"):
            return docx_header(data, title, author)
        return data

    out = BytesIO()
    with zipfile.ZipFile(BytesIO(document)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, change(info.filename, source.read(info)))
    return out.getvalue()
