"""reference.docx: the DOCX documents' page, running header and footer, typeface and styles, as the PDF has
them (style.py reads them from print.css); reference_odt.py does the same for the ODT.

pandoc takes a DOCX's styles, page size, margins, header and footer from the reference document. It starts
from the pinned pandoc's own reference document (`--print-default-data-file`), edited here as XML (lxml), so
that every element keeps its place in the schema's order (Word refuses a document whose elements are out of
order). scripts/make_reference_docs.py writes both with fixed zip timestamps.

What the styles give the documents (the ODT the same):
- A4 with print.css's margins; a running header (the site's name and the document's title, as fields that
  read the document's properties) from the second page on, and "page / pages" at the foot of every page;
- the typeface and sizes of print.css; headings without pandoc's italics and in the print style's indigo;
  a new page before each level-1 heading but the first (the handbook's chapters);
- boxes as paragraph styles (a coloured bar on the left, a tinted background): RedBoxNote, RedBoxWarning,
  RedBoxExample and their …Title styles; the colophon (RedColophon); a worksheet's lead and answer cells;
- tables with thin grey rules and a tinted header row ("Table"), and the facts box as a table with the
  box's bar and tint (RedFactsTable). An ODT's table cells are styled after pandoc (finish.py).
"""

from __future__ import annotations

from lxml import etree

from redsite.downloads.office import style

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"w": W, "r": R, "a": A}
HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
FOOTER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
# Header and footer parts this module adds: part name -> (kind, relationship id, sectPr reference type)
DOCX_PARTS = {"word/header1.xml": ("header", "rIdRedHeader", "default"),
              "word/header2.xml": ("header", "rIdRedHeaderFirst", "first"),
              "word/footer1.xml": ("footer", "rIdRedFooter", "default"),
              "word/footer2.xml": ("footer", "rIdRedFooterFirst", "first")}


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def half_points(pt: float) -> int:
    return round(pt * 2)


def eighths(pt: float) -> int:
    return round(pt * 8)


def _w(xml: str):
    return etree.fromstring(f'<root xmlns:w="{W}" xmlns:r="{R}">{xml}</root>')[0]


# --- DOCX: run and paragraph properties, in the schema's order ------------------------------------------------

def rpr(*, bold: bool | None = None, italic: bool | None = None, colour: str = "", size: float | None = None,
        font: bool = True) -> str:
    name = style.look().font
    parts = [f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>' if font else ""]
    if bold is not None:
        parts.append("<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    if italic is not None:
        parts.append("<w:i/><w:iCs/>" if italic else '<w:i w:val="0"/><w:iCs w:val="0"/>')
    if colour:
        parts.append(f'<w:color w:val="{colour}"/>')
    if size is not None:
        parts.append(f'<w:sz w:val="{half_points(size)}"/><w:szCs w:val="{half_points(size)}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>"


def _border(side: str, colour: str, pt: float, space: int = 4) -> str:
    return f'<w:{side} w:val="single" w:sz="{eighths(pt)}" w:space="{space}" w:color="{colour}"/>'


def ppr(*, keep_next: bool = False, keep_lines: bool = False, page_break: bool = False,
        left_bar: style.Box | None = None, top_rule: tuple[str, float] | None = None, before: int = 0,
        after: int = 0, indent_mm: float = 0, outline: int | None = None, tabs: str = "", justify: str = "") -> str:
    parts = ["<w:keepNext/>" if keep_next else "", "<w:keepLines/>" if keep_lines else "",
             "<w:pageBreakBefore/>" if page_break else ""]
    if left_bar or top_rule:
        sides = _border("top", *top_rule, space=6) if top_rule else ""
        sides += _border("left", left_bar.border, left_bar.border_pt, space=8) if left_bar else ""
        parts.append(f"<w:pBdr>{sides}</w:pBdr>")
    if left_bar:
        parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{left_bar.background}"/>')
    parts.append(tabs)
    parts.append(f'<w:spacing w:before="{before}" w:after="{after}"/>')
    if indent_mm:
        parts.append(f'<w:ind w:left="{twips(indent_mm)}" w:right="{twips(indent_mm)}"/>')
    if justify:
        parts.append(f'<w:jc w:val="{justify}"/>')
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>"


def paragraph_style(style_id: str, name: str, based_on: str, p: str, r: str, next_id: str = "") -> str:
    following = f'<w:next w:val="{next_id}"/>' if next_id else ""
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="{based_on}"/>{following}<w:qFormat/>{p}{r}</w:style>')


def table_style(style_id: str, name: str, borders: str, fill: str, size: float, header: str = "") -> str:
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    margins = (f'<w:tblCellMar><w:top w:w="{twips(1.2)}" w:type="dxa"/><w:left w:w="{twips(2)}" w:type="dxa"/>'
               f'<w:bottom w:w="{twips(1.2)}" w:type="dxa"/><w:right w:w="{twips(2)}" w:type="dxa"/></w:tblCellMar>')
    return (f'<w:style w:type="table" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="TableNormal"/><w:qFormat/>'
            f'<w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>{rpr(size=size, font=False)}'
            f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>{margins}</w:tblPr>'
            f'<w:tcPr>{shading}</w:tcPr>{header}</w:style>')


def _docx_new_styles(look: style.Look) -> list[str]:
    styles = []
    for kind, box in look.boxes.items():
        body, title = style.box_style(kind), style.box_style(kind, title=True)
        styles.append(paragraph_style(body, f"Red Box {kind.capitalize()}", "BodyText",
                                      ppr(left_bar=box, before=0, after=0, indent_mm=1), rpr()))
        styles.append(paragraph_style(title, f"Red Box {kind.capitalize()} Title", body,
                                      ppr(keep_next=True, left_bar=box, before=0, after=0, indent_mm=1),
                                      rpr(bold=True), next_id=body))
    rule = (look.table_border, look.table_border_pt)
    small = look.running_pt + 0.5
    styles.append(paragraph_style(style.COLOPHON, "Red Colophon", "BodyText",
                                  ppr(keep_lines=True, keep_next=True, top_rule=rule, before=40, after=40),
                                  rpr(colour=look.running_text, size=small)))
    styles.append(paragraph_style(style.COLOPHON_TITLE, "Red Colophon Title", style.COLOPHON,
                                  ppr(keep_next=True, top_rule=rule, before=240, after=40),
                                  rpr(bold=True, colour=look.running_text, size=small), next_id=style.COLOPHON))
    styles.append(f'<w:style w:type="character" w:customStyle="1" w:styleId="{style.FACTS_TERM}">'
                  f'<w:name w:val="Red Facts Term"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>'
                  f'{rpr(bold=True, font=False)}</w:style>')
    styles.append(paragraph_style(style.LEAD, "Red Lead", "BodyText", ppr(before=0, after=160),
                                  rpr(size=look.body_pt + 1)))
    styles.append(paragraph_style(style.ANSWER, "Red Answer", "Compact", ppr(before=0, after=360), rpr()))
    facts = look.facts
    facts_borders = _border("left", facts.border, facts.border_pt, space=0)
    styles.append(table_style(style.FACTS_TABLE, "Red Facts Table", facts_borders, facts.background,
                              look.table_pt))
    return styles


def docx_styles(xml: bytes) -> bytes:
    look = style.look()
    root = etree.fromstring(xml)
    default_rpr = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    language = default_rpr.find("w:lang", NS)
    default_rpr.getparent().replace(default_rpr, _w(rpr(colour=look.text, size=look.body_pt)))
    if language is not None:
        root.find("w:docDefaults/w:rPrDefault/w:rPr", NS).append(language)  # w:lang is last in the order
    for fonts in root.iter(f"{{{W}}}rFonts"):  # every style: the one typeface
        fonts.attrib.clear()
        for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(f"{{{W}}}{attribute}", look.font)
    for element in root.findall("w:style", NS):
        style_id = element.get(f"{{{W}}}styleId")
        level = style_id[len("Heading"):-len("Char") if style_id.endswith("Char") else None] \
            if style_id.startswith("Heading") else ""
        if level.isdigit() and int(level) <= 9:
            size = look.heading_pt.get(int(level), look.body_pt)
            _replace(element, "w:rPr", rpr(bold=True, italic=False, colour=look.heading, size=size))
            if not style_id.endswith("Char"):
                before = 0 if level == "1" else 240 if level == "2" else 160
                _replace(element, "w:pPr", ppr(keep_next=True, keep_lines=True, page_break=level == "1",
                                               before=before, after=120 if level == "1" else 60,
                                               outline=int(level) - 1))
        elif style_id == "Hyperlink":
            _replace(element, "w:rPr", rpr(colour=look.link, font=False))
        elif style_id in ("Caption", "TableCaption"):
            _replace(element, "w:rPr", rpr(bold=True, italic=False, colour=look.heading, size=look.table_pt))
        elif style_id == "Table":
            borders = "".join(_border(side, look.table_border, look.table_border_pt, space=0)
                              for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
            header = (f'<w:tblStylePr w:type="firstRow">{rpr(bold=True, font=False)}'
                      f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{look.header_fill}"/></w:tcPr>'
                      "</w:tblStylePr>")
            new = _w(table_style("Table", "Table", borders, "", look.table_pt, header))
            new.set(f"{{{W}}}default", "1")
            new.remove(new.find("w:qFormat", NS))
            new.attrib.pop(f"{{{W}}}customStyle")
            element.getparent().replace(element, new)
    for new_style in _docx_new_styles(look):
        root.append(_w(new_style))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _replace(parent, path: str, xml: str) -> None:
    """Put `xml` in place of the child at `path` (or where the schema wants it, if the child is missing)."""
    new = _w(xml)
    old = parent.find(path, NS)
    if old is not None:
        parent.replace(old, new)
        return
    if path == "w:pPr" and parent.find("w:rPr", NS) is not None:
        parent.find("w:rPr", NS).addprevious(new)  # pPr comes before rPr
    else:
        parent.append(new)


def docx_theme(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for latin in root.iter(f"{{{A}}}latin"):
        latin.set("typeface", style.look().font)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def docx_font_table(xml: bytes) -> bytes:
    """The typeface's entry: its alternatives (altName, comma-separated) and its kind, for Word's substitution."""
    look = style.look()
    root = etree.fromstring(xml)
    for old in root.findall("w:font", NS):
        if old.get(f"{{{W}}}name") == look.font:
            root.remove(old)
    root.insert(0, _w(f'<w:font w:name="{look.font}"><w:altName w:val="{", ".join(look.font_stack[1:])}"/>'
                      f'<w:panose1 w:val="{style.PANOSE}"/><w:charset w:val="00"/><w:family w:val="swiss"/>'
                      '<w:pitch w:val="variable"/></w:font>'))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _field(instruction: str, shown: str = "") -> str:
    """A field as Word writes it (begin, instruction, separate, the shown result, end); the viewer updates it."""
    run = f'<w:r><w:rPr><w:noProof/></w:rPr><w:t xml:space="preserve">{shown}</w:t></w:r>' if shown else ""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{run}<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def docx_header_footer(part: str) -> bytes:
    """The running header (the site's name, a tab, the title: both fields of the document's properties) from the
    second page on, an empty one on the first (the title stands there); "page / pages" on every page."""
    look = style.look()
    kind, _, placement = DOCX_PARTS[part]
    text_width = twips(look.page_mm[0] - look.margins_mm[1] - look.margins_mm[3])
    props = rpr(colour=look.running_text, size=look.running_pt, font=False)
    if kind == "header":
        tabs = f'<w:tabs><w:tab w:val="right" w:pos="{text_width}"/></w:tabs>'
        content = (_field("AUTHOR", "RED") + '<w:r><w:tab/></w:r>' + _field("TITLE", "RED")
                   if placement == "default" else "")
        paragraph = f'<w:p>{ppr(tabs=tabs, after=0)}{content}</w:p>'
        element = "hdr"
    else:
        paragraph = (f'<w:p>{ppr(after=0, justify="right")}{_field("PAGE", "1")}'
                     f'<w:r><w:t xml:space="preserve"> / </w:t></w:r>{_field("NUMPAGES", "1")}</w:p>')
        element = "ftr"
    root = _w(f"<w:{element}>{paragraph}</w:{element}>")
    for paragraph_rpr in root.iter(f"{{{W}}}r"):  # the running text's size and colour on every run
        existing = paragraph_rpr.find("w:rPr", NS)
        if existing is not None:
            paragraph_rpr.remove(existing)
        paragraph_rpr.insert(0, _w(props))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def docx_document(xml: bytes) -> bytes:
    """The section: A4, print.css's margins, the header and footer parts, a first page of its own."""
    look = style.look()
    root = etree.fromstring(xml)
    body = root.find("w:body", NS)
    old = body.find("w:sectPr", NS)
    references = "".join(f'<w:{kind}Reference w:type="{placement}" r:id="{rel_id}"/>'
                         for kind, rel_id, placement in DOCX_PARTS.values())
    top, right, bottom, left = (twips(mm) for mm in look.margins_mm)
    width, height = (twips(mm) for mm in look.page_mm)
    section = _w(f'<w:sectPr>{references}<w:footnotePr><w:numRestart w:val="eachSect"/></w:footnotePr>'
                 f'<w:pgSz w:w="{width}" w:h="{height}"/><w:pgMar w:top="{top}" w:right="{right}" '
                 f'w:bottom="{bottom}" w:left="{left}" w:header="{twips(style.HEADER_MM)}" '
                 f'w:footer="{twips(style.FOOTER_MM)}" w:gutter="0"/><w:titlePg/></w:sectPr>')
    if old is not None:
        body.replace(old, section)
    else:
        body.append(section)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def docx_relationships(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for part, (kind, rel_id, _) in DOCX_PARTS.items():
        relation = etree.SubElement(root, f"{{{PKG_REL}}}Relationship")
        relation.set("Id", rel_id)
        relation.set("Type", REL_TYPE + kind)
        relation.set("Target", part.removeprefix("word/"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def docx_content_types(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for part, (kind, _, _) in DOCX_PARTS.items():
        override = etree.SubElement(root, f"{{{CONTENT_TYPES}}}Override")
        override.set("PartName", f"/{part}")
        override.set("ContentType", HEADER_TYPE if kind == "header" else FOOTER_TYPE)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


DOCX_EDITS = {"word/styles.xml": docx_styles, "word/theme/theme1.xml": docx_theme,
              "word/fontTable.xml": docx_font_table, "word/document.xml": docx_document,
              "word/_rels/document.xml.rels": docx_relationships, "[Content_Types].xml": docx_content_types}
DOCX_ADDED = {part: (lambda part=part: docx_header_footer(part)) for part in DOCX_PARTS}
