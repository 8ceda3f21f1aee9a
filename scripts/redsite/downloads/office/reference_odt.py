"""reference.odt: the ODT documents' page layout, running header and footer, typeface and styles, the same as
reference.docx (reference_docx.py lists what they give the documents), in ODF's terms.

pandoc keeps reference.odt's styles.xml whole: its styles, its page layout and its master page (where the
header and footer live). The edits are lxml's, on the pinned pandoc's own reference document.
"""

from __future__ import annotations

from lxml import etree

from redsite.downloads.office import style

STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
NS = {"style": STYLE, "fo": FO, "svg": SVG, "text": TEXT, "office": OFFICE, "table": TABLE}
REPLACED_FONTS = ("Times New Roman", "Arial")  # the names pandoc's styles use for text and headings
LINE_MM = 4.0  # one line of the running header or footer


def qname(name: str) -> str:
    prefix, _, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}"


def odf_element(xml: str):
    namespaces = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NS.items())
    return etree.fromstring(f"<root {namespaces}>{xml}</root>")[0]


def font_family(stack: tuple[str, ...]) -> str:
    """svg:font-family as CSS writes a list (names with spaces quoted)."""
    return ", ".join(f"'{name}'" if " " in name else name for name in stack)


def _text_properties(*, size: float | None = None, bold: bool | None = None, italic: bool | None = None,
                     colour: str = "") -> str:
    attributes = []
    if colour:
        attributes.append(f'fo:color="#{colour.lower()}"')
    if size is not None:
        attributes += [f'fo:font-size="{size:g}pt"', f'style:font-size-asian="{size:g}pt"',
                       f'style:font-size-complex="{size:g}pt"']
    if bold is not None:
        weight = "bold" if bold else "normal"
        attributes += [f'fo:font-weight="{weight}"', f'style:font-weight-asian="{weight}"',
                       f'style:font-weight-complex="{weight}"']
    if italic is not None:
        posture = "italic" if italic else "normal"
        attributes += [f'fo:font-style="{posture}"', f'style:font-style-asian="{posture}"',
                       f'style:font-style-complex="{posture}"']
    return f"<style:text-properties {' '.join(attributes)}/>"


def _box(box: style.Box) -> str:
    return (f'fo:border-left="{box.border_pt:g}pt solid #{box.border.lower()}" fo:border-right="none" '
            f'fo:border-top="none" fo:border-bottom="none" fo:padding-left="3mm" fo:padding-right="2mm" '
            f'fo:padding-top="0.6mm" fo:padding-bottom="0.6mm" fo:background-color="#{box.background.lower()}" '
            'style:join-border="true"')


def _paragraph_style(name: str, display: str, parent: str, paragraph: str, text: str = "", next_name: str = "") -> str:
    following = f' style:next-style-name="{next_name}"' if next_name else ""
    return (f'<style:style style:name="{name}" style:display-name="{display}" style:family="paragraph" '
            f'style:parent-style-name="{parent}"{following} style:class="text">'
            f"<style:paragraph-properties {paragraph}/>{text}</style:style>")


def new_styles(look: style.Look) -> list[str]:
    styles = []
    for kind, box in look.boxes.items():
        body, title = style.box_style(kind), style.box_style(kind, title=True)
        styles.append(_paragraph_style(body, f"Red Box {kind.capitalize()}", "Text_20_body",
                                       f'fo:margin-top="0mm" fo:margin-bottom="0mm" {_box(box)}'))
        styles.append(_paragraph_style(title, f"Red Box {kind.capitalize()} Title", body,
                                       f'fo:margin-top="0mm" fo:margin-bottom="0mm" fo:keep-with-next="always" '
                                       f'{_box(box)}', _text_properties(bold=True), next_name=body))
    rule = f'fo:border-top="{look.table_border_pt:g}pt solid #{look.table_border.lower()}" fo:padding-top="1.5mm"'
    small = _text_properties(size=look.running_pt + 0.5, colour=look.running_text)
    styles.append(_paragraph_style(style.COLOPHON, "Red Colophon", "Text_20_body",
                                   f'fo:margin-top="0.7mm" fo:margin-bottom="0.7mm" fo:keep-together="always" '
                                   f'{rule} style:join-border="true"', small))
    styles.append(_paragraph_style(style.COLOPHON_TITLE, "Red Colophon Title", style.COLOPHON,
                                   f'fo:margin-top="6mm" fo:margin-bottom="0.7mm" fo:keep-with-next="always" '
                                   f'{rule} style:join-border="true"',
                                   _text_properties(size=look.running_pt + 0.5, bold=True, colour=look.running_text),
                                   next_name=style.COLOPHON))
    styles.append(f'<style:style style:name="{style.FACTS_TERM}" style:display-name="Red Facts Term" '
                  f'style:family="text">{_text_properties(bold=True)}</style:style>')
    styles.append(_paragraph_style(style.LEAD, "Red Lead", "Text_20_body", 'fo:margin-top="0mm" fo:margin-bottom="3mm"',
                                   _text_properties(size=look.body_pt + 1)))
    styles.append(_paragraph_style(style.ANSWER, "Red Answer", "Table_20_Contents",
                                   'fo:margin-top="0mm" fo:margin-bottom="6mm"'))
    text_width = look.page_mm[0] - look.margins_mm[1] - look.margins_mm[3]
    running = _text_properties(size=look.running_pt, colour=look.running_text)
    styles.append(f'<style:style style:name="Header" style:display-name="Header" style:family="paragraph" '
                  f'style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties>'
                  f'<style:tab-stops><style:tab-stop style:position="{text_width:g}mm" style:type="right"/>'
                  f"</style:tab-stops></style:paragraph-properties>{running}</style:style>")
    return styles


def _set_text_properties(element, xml: str) -> None:
    old = element.find("style:text-properties", NS)
    new = odf_element(xml)
    if old is not None:
        element.replace(old, new)
    else:
        element.append(new)


def _set_paragraph(element, **attributes: str) -> None:
    properties = element.find("style:paragraph-properties", NS)
    if properties is None:
        properties = etree.Element(qname("style:paragraph-properties"))
        element.insert(0, properties)
    for name, value in attributes.items():
        properties.set(qname(name.replace("__", ":").replace("_", "-")), value)


def page_layout(look: style.Look) -> str:
    top, right, bottom, left = look.margins_mm
    header_gap, footer_gap = top - style.HEADER_MM - LINE_MM, bottom - style.FOOTER_MM - LINE_MM
    return (f'<style:page-layout style:name="Mpm1"><style:page-layout-properties fo:page-width="{look.page_mm[0]:g}mm" '
            f'fo:page-height="{look.page_mm[1]:g}mm" style:num-format="1" style:print-orientation="portrait" '
            f'fo:margin-top="{style.HEADER_MM:g}mm" fo:margin-bottom="{style.FOOTER_MM:g}mm" '
            f'fo:margin-left="{left:g}mm" fo:margin-right="{right:g}mm" style:writing-mode="lr-tb"/>'
            f'<style:header-style><style:header-footer-properties fo:min-height="{LINE_MM:g}mm" '
            f'fo:margin-bottom="{header_gap:g}mm" style:dynamic-spacing="false"/></style:header-style>'
            f'<style:footer-style><style:header-footer-properties fo:min-height="{LINE_MM:g}mm" '
            f'fo:margin-top="{footer_gap:g}mm" style:dynamic-spacing="false"/></style:footer-style>'
            "</style:page-layout>")


# The header reads the document's properties: the site's name (initial creator) and the title. The first page
# has none (its title stands on it); every page has "page / pages" (LibreOffice gives the first page a footer of its
# own as soon as it has a header of its own).
PAGE_NUMBERS = ('<text:p text:style-name="Footer"><text:page-number text:select-page="current">1</text:page-number>'
                " / <text:page-count>1</text:page-count></text:p>")
MASTER_PAGE = ('<style:master-page style:name="Standard" style:page-layout-name="Mpm1">'
               '<style:header><text:p text:style-name="Header"><text:initial-creator>RED</text:initial-creator>'
               "<text:tab/><text:title>RED</text:title></text:p></style:header>"
               '<style:header-first><text:p text:style-name="Header"/></style:header-first>'
               f"<style:footer>{PAGE_NUMBERS}</style:footer><style:footer-first>{PAGE_NUMBERS}</style:footer-first>"
               "</style:master-page>")


def odt_styles(xml: bytes) -> bytes:
    look = style.look()
    root = etree.fromstring(xml)
    fonts = root.find("office:font-face-decls", NS)
    fonts.insert(0, odf_element(f'<style:font-face style:name="{look.font}" '
                             f'svg:font-family="{font_family(look.font_stack)}" '
                             'style:font-family-generic="swiss" style:font-pitch="variable"/>'))
    for element in root.iter():
        for attribute in ("style:font-name", "style:font-name-complex"):
            if element.get(qname(attribute)) in REPLACED_FONTS:
                element.set(qname(attribute), look.font)
    defaults = root.find("office:styles/style:default-style[@style:family='paragraph']/style:text-properties", NS)
    defaults.attrib.pop(qname("style:use-window-font-color"), None)
    defaults.set(qname("fo:color"), f"#{look.text.lower()}")
    defaults.set(qname("fo:font-size"), f"{look.body_pt:g}pt")
    styles = {element.get(qname("style:name")): element for element in root.find("office:styles", NS)
              if element.tag == qname("style:style")}
    styles["Heading"].find("style:text-properties", NS).set(qname("fo:color"), f"#{look.heading.lower()}")
    for level in range(1, 7):
        heading = styles[f"Heading_20_{level}"]
        _set_text_properties(heading, _text_properties(size=look.heading_pt[level], bold=True, italic=False))
        if level == 1:  # a new page for each chapter of a handbook; the first paragraph of a document makes none
            _set_paragraph(heading, fo__break_before="page", fo__margin_top="0mm", fo__margin_bottom="4mm")
    styles["Internet_20_link"].find("style:text-properties", NS).set(qname("fo:color"), f"#{look.link.lower()}")
    for name in ("Table_20_Contents", "Table_20_Heading"):
        _set_text_properties(styles[name], _text_properties(size=look.table_pt, bold=name == "Table_20_Heading"))
    for name in ("Caption", "TableCaption"):
        _set_text_properties(styles[name], _text_properties(size=look.table_pt, bold=True, italic=False,
                                                            colour=look.heading))
    _set_paragraph(styles["TableCaption"], fo__keep_with_next="always")
    _set_paragraph(styles["Footer"], fo__text_align="end")
    _set_text_properties(styles["Footer"], _text_properties(size=look.running_pt, colour=look.running_text))
    for new in new_styles(look):
        root.find("office:styles", NS).append(odf_element(new))
    automatic = root.find("office:automatic-styles", NS)
    for old in list(automatic):
        automatic.remove(old)  # the old page layout and MP1, the old footer's centred paragraph
    automatic.append(odf_element(page_layout(look)))
    masters = root.find("office:master-styles", NS)
    for old in list(masters):
        masters.remove(old)
    masters.append(odf_element(MASTER_PAGE))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


ODT_EDITS = {"styles.xml": odt_styles}
