"""The DOCX and ODT documents' page and look: A4, the running header and the page numbers, the typeface, the
boxes and tables in the PDF's looks (redsite.downloads.office: style, reference_docx, reference_odt, finish).

Units read the reference documents and the look taken from print.css; the rest read every document of the
real site (guides, worksheets, handbooks) with python-docx and odfpy, and one DOCX and one ODT go through
LibreOffice (soffice --convert-to pdf), whose PDF pypdf reads: its pages, their size, their numbers, its fonts.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from odf import office as office_element
from odf import style as odf_style
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load as load_odt
from pypdf import PdfReader

from redsite.downloads import office
from redsite.downloads.office import files, finish, reference_docx, style
from redsite.downloads.pdf.files import PRINT_CSS
from redsite.model import load_model
from redsite.pages import typed_pages
from redsite.render import t

MODEL = load_model()
DEFAULT = MODEL.default_language.code
A4_TWIPS = (11906, 16838)
A4_POINTS = (595.3, 841.9)
LOOK = style.look()


# --- Units: the look, the reference documents, what finish.py adds ----------------------------------------------

def test_the_look_is_read_from_the_pdfs_print_style():
    css = PRINT_CSS.read_text(encoding="utf-8")
    assert LOOK.margins_mm == (24, 20, 22, 22) and "margin: 24mm 20mm 22mm 22mm" in css
    assert LOOK.boxes["note"] == style.Box("283593", "F3F4FB", 2.0) and "background: #f3f4fb" in css
    assert LOOK.boxes["warning"].background == "FFF4E5" and LOOK.header_fill == "ECEFF7"
    changed = style.look_from(css.replace("#fff4e5", "#abcdef"))
    assert changed.boxes["warning"].background == "ABCDEF"  # a colour changed in print.css changes the documents'


@pytest.mark.parametrize("broken, message", [
    (lambda css: css.replace("size: A4;", "size: letter;"), "the office documents are A4 like the PDF"),
    (lambda css: re.sub(r"\.admonition \{[^}]*\}", "", css, count=1), "no 'border-left' in '.admonition'"),
    (lambda css: css.replace("margin: 24mm 20mm 22mm 22mm;", "margin: 24mm;"), "four lengths in mm"),
])
def test_a_print_style_the_documents_cannot_follow_is_a_clear_error(broken, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        style.look_from(broken(PRINT_CSS.read_text(encoding="utf-8")))


def _members(kind: str) -> zipfile.ZipFile:
    return zipfile.ZipFile(office.REFERENCE_DOCS[kind])


def test_the_reference_docx_is_a4_with_a_header_from_page_two_and_page_numbers_on_every_page():
    archive = _members("docx")
    document = archive.read("word/document.xml").decode()
    assert f'<w:pgSz w:w="{A4_TWIPS[0]}" w:h="{A4_TWIPS[1]}"/>' in document and "<w:titlePg/>" in document
    for part in ("word/footer1.xml", "word/footer2.xml"):  # every page, the first too
        footer = archive.read(part).decode()
        assert re.findall(r"<w:instrText[^>]*> (\w+) </w:instrText>", footer) == ["PAGE", "NUMPAGES"]
    header = archive.read("word/header1.xml").decode()
    assert re.findall(r"<w:instrText[^>]*> (\w+) </w:instrText>", header) == ["AUTHOR", "TITLE"]
    assert "instrText" not in archive.read("word/header2.xml").decode()  # the first page's: empty
    types = archive.read("[Content_Types].xml").decode()
    assert all(f'PartName="/{part}"' in types for part in reference_docx.DOCX_PARTS)


def test_the_reference_docx_names_an_office_font_with_its_alternatives_and_the_pdfs_boxes_and_tables():
    archive = _members("docx")
    styles = archive.read("word/styles.xml").decode()
    fonts = set(re.findall(r'w:ascii="([^"]+)"', styles))
    assert fonts == {"Calibri"} and "Noto Sans" not in styles
    table = archive.read("word/fontTable.xml").decode()
    assert '<w:font w:name="Calibri"><w:altName w:val="Carlito, Liberation Sans, Arial"/>' in table
    for kind, box in LOOK.boxes.items():
        for name in (style.box_style(kind), style.box_style(kind, title=True)):
            definition = re.search(rf'w:styleId="{name}">.*?</w:style>', styles, re.S)[0]
            assert f'w:left w:val="single" w:sz="16" w:space="8" w:color="{box.border}"' in definition
            assert f'w:fill="{box.background}"' in definition
    facts = re.search(rf'w:styleId="{style.FACTS_TABLE}">.*?</w:style>', styles, re.S)[0]
    assert f'w:color="{LOOK.facts.border}"' in facts and f'w:fill="{LOOK.facts.background}"' in facts
    table_style = re.search(r'w:styleId="Table" w:default="1">.*?</w:style>', styles, re.S)[0]
    assert table_style.count(f'w:color="{LOOK.table_border}"') == 6  # all four sides and both inner rules
    assert '<w:tblStylePr w:type="firstRow">' in table_style and f'w:fill="{LOOK.header_fill}"' in table_style
    heading = re.search(r'w:styleId="Heading2">.*?</w:style>', styles, re.S)[0]
    assert '<w:i w:val="0"/>' in heading and f'<w:color w:val="{LOOK.heading}"/>' in heading  # print's indigo


def test_the_reference_odt_is_a4_with_the_same_header_footer_font_and_boxes():
    styles = _members("odt").read("styles.xml").decode()
    assert 'fo:page-width="210mm" fo:page-height="297mm"' in styles
    for footer in (re.search(rf"<style:{name}>.*?</style:{name}>", styles, re.S)[0]
                   for name in ("footer", "footer-first")):
        assert "<text:page-number" in footer and "<text:page-count" in footer
    header = re.search(r"<style:header>.*?</style:header>", styles, re.S)[0]
    assert "<text:initial-creator" in header and "<text:title" in header
    assert re.search(r'<style:header-first><text:p text:style-name="Header"/></style:header-first>', styles)
    assert """svg:font-family="Calibri, Carlito, 'Liberation Sans', Arial\"""" in styles
    assert 'style:font-name="Times New Roman"' not in styles  # every style: the office font
    for kind, box in LOOK.boxes.items():
        definition = re.search(rf'style:name="{style.box_style(kind)}".*?</style:style>', styles, re.S)[0]
        assert f"fo:border-left=\"2pt solid #{box.border.lower()}\"" in definition
        assert f'fo:background-color="#{box.background.lower()}"' in definition
    heading = re.search(r'style:name="Heading_20_2".*?</style:style>', styles, re.S)[0]
    assert 'fo:font-style="normal"' in heading


ODT_CONTENT = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"><office:automatic-styles>'
               '<style:style style:name="Table1" style:family="table"><style:table-properties table:align="center"/>'
               '</style:style><style:style style:name="Table2" style:family="table"><style:table-properties '
               'table:align="center"/></style:style></office:automatic-styles><office:body><office:text>'
               '<table:table table:name="Table1" table:style-name="Table1"><table:table-row>'
               '<table:table-cell table:style-name="TableRowCell"><text:p text:style-name="Table_20_Heading">'
               '<text:span text:style-name="RedFactsTerm">Teman</text:span></text:p></table:table-cell>'
               '<table:table-cell table:style-name="TableRowCell"><text:p>Nätverk</text:p></table:table-cell>'
               '</table:table-row></table:table><table:table table:name="Table2" table:style-name="Table2">'
               '<table:table-header-rows><table:table-row><table:table-cell table:style-name="TableHeaderRowCell">'
               '<text:p>Steg</text:p></table:table-cell></table:table-row></table:table-header-rows>'
               '<table:table-row><table:table-cell table:style-name="TableRowCell"><text:p>1</text:p>'
               '</table:table-cell></table:table-row></table:table></office:text></office:body>'
               '</office:document-content>')


def test_an_odts_table_cells_get_the_pdfs_rules_header_tint_and_the_facts_box_look():
    content = finish.odt_content(ODT_CONTENT.encode()).decode()
    cells = re.findall(r'<table:table-cell table:style-name="(\w+)"', content)
    assert cells == [finish.FACTS_FIRST_CELL, finish.FACTS_CELL, finish.HEADER_CELL, finish.CELL]
    assert content.count('table:align="margins"') == 2  # the text's full width
    header = re.search(rf'style:name="{finish.HEADER_CELL}".*?</style:style>', content)[0]
    assert f'fo:background-color="#{LOOK.header_fill.lower()}"' in header and "0.5pt solid #9e9e9e" in header
    facts = re.search(rf'style:name="{finish.FACTS_FIRST_CELL}".*?</style:style>', content)[0]
    assert f'fo:border-left="2pt solid #{LOOK.facts.border.lower()}"' in facts


def test_a_docx_headers_fields_show_the_title_and_the_site_before_word_updates_them():
    header = reference_docx.docx_header_footer("word/header1.xml")
    shown = finish.docx_header(header, "Arbetsblad: Möten & forum", "Kunskapsbanken om RED").decode()
    texts = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", shown)
    assert texts == ["Kunskapsbanken om RED", "Arbetsblad: Möten &amp; forum"]


# --- Every document of the real site ---------------------------------------------------------------------------

def built_documents(site: Path, kind: str) -> list[Path]:
    found = sorted(path for lang in MODEL.codes
                   for path in (site / ("" if lang == DEFAULT else lang) / files.FOLDER).glob(f"*.{kind}"))
    return found


def _fields(element) -> list[str]:
    return [" ".join(node.text.split()) for node in element.iter(qn("w:instrText"))]


def test_every_docx_is_a4_with_the_running_header_page_numbers_and_its_title_first(built_site):
    documents = built_documents(built_site.site, "docx")
    # a guide and a worksheet per method written in the language, one handbook per language
    assert len(documents) == sum(2 * len(office_pages(lang)) + 1 for lang in MODEL.codes)
    for path in documents:
        document = Document(str(path))
        [section] = document.sections
        size = section._sectPr.find(qn("w:pgSz"))
        assert (int(size.get(qn("w:w"))), int(size.get(qn("w:h")))) == A4_TWIPS, path.name
        assert section.different_first_page_header_footer, path.name
        assert _fields(section.footer._element) == _fields(section.first_page_footer._element) == [
            "PAGE", "NUMPAGES"], path.name
        header = section.header._element
        title = document.core_properties.title
        assert _fields(header) == ["AUTHOR", "TITLE"] and title in "".join(header.itertext()), path.name
        first = document.paragraphs[0]
        assert (first.style.name, first.text) == ("Heading 1", title), path.name  # the title first
        assert document.paragraphs[-1].style.name == "Red Colophon", path.name  # the colophon last


def _elements(parent) -> list:
    """The element children (the line breaks between them are text nodes, which have no qname)."""
    return [node for node in parent.childNodes if node.nodeType == node.ELEMENT_NODE]


def test_every_odt_is_a4_with_the_running_header_page_numbers_and_its_title_first(built_site):
    documents = built_documents(built_site.site, "odt")
    assert len(documents) == len(built_documents(built_site.site, "docx"))
    for path in documents:
        document = load_odt(str(path))
        [layout] = document.automaticstyles.getElementsByType(odf_style.PageLayout)
        [properties] = layout.getElementsByType(odf_style.PageLayoutProperties)
        assert (properties.getAttribute("pagewidth"), properties.getAttribute("pageheight")) == ("210mm", "297mm")
        [master] = document.masterstyles.getElementsByType(odf_style.MasterPage)
        footers = [node for node in _elements(master) if node.qname[1] in ("footer", "footer-first")]  # odfpy 1.4
        assert len(footers) == 2, path.name  # has no class for footer-first
        for footer in footers:
            assert footer.getElementsByType(odf_text.PageNumber) and footer.getElementsByType(odf_text.PageCount)
        header = master.getElementsByType(odf_style.Header)[0]
        [title_field] = header.getElementsByType(odf_text.Title)
        body = _elements(document.getElementsByType(office_element.Text)[0])
        first = next(node for node in body if node.qname[1] in ("h", "p", "table"))
        assert first.qname[1] == "h" and first.getAttribute("outlinelevel") == "1", path.name
        assert teletype.extractText(first) == teletype.extractText(title_field), path.name  # title first
        last = [node for node in body if node.qname[1] == "p"][-1]
        assert last.getAttribute("stylename") == style.COLOPHON, path.name


def office_pages(lang: str) -> list[str]:
    """The method pages written in `lang` (a fallback page offers the default language's documents)."""
    return sorted(Path(page.rel).stem for page, _ in typed_pages("method", lang) if page.lang == lang)


def pdf_fonts(pdf: PdfReader) -> set[str]:
    fonts = set()
    for page in pdf.pages:
        resources = page.get("/Resources")
        fonts_of_page = resources.get_object().get("/Font") if resources is not None else None
        for font in (fonts_of_page.get_object() if fonts_of_page is not None else {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    return fonts


# --- LibreOffice: one DOCX and one ODT as a reader's office suite lays them out ---------------------------------

@pytest.fixture(scope="module")
def laid_out(built_site, tmp_path_factory):
    """A Swedish guide (DOCX) and worksheet (ODT) converted to PDF by LibreOffice, in one run of soffice with a
    profile of its own; its time is printed (the conversion is the slow part of this file)."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: apt-get install libreoffice-writer-nogui (system-packages.txt)"
    folder = tmp_path_factory.mktemp("libreoffice")
    site = built_site.site / "sv" / files.FOLDER
    sources = {"docx": site / files.filename("bilateral-meetings", "sv", "docx"),
               "odt": site / files.worksheet_filename("bilateral-meetings", "sv", "odt")}
    copies = []
    for kind, source in sources.items():
        copies.append(folder / f"{kind}.{kind}")  # distinct names: both become <name>.pdf
        shutil.copyfile(source, copies[-1])
    started = time.perf_counter()
    result = subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                             "--convert-to", "pdf", "--outdir", str(folder), *map(str, copies)],
                            capture_output=True, text=True, timeout=300, check=False)
    seconds = time.perf_counter() - started
    print(f"\nLibreOffice converted {len(copies)} documents in {seconds:.1f} s")
    assert result.returncode == 0, result.stderr
    return {kind: (sources[kind], PdfReader(str(folder / f"{kind}.pdf"))) for kind in sources}


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_libreoffice_lays_the_document_out_on_numbered_a4_pages_in_an_office_font(laid_out, kind):
    source, pdf = laid_out[kind]
    pages = pdf.pages
    assert len(pages) >= 2, source.name
    for number, page in enumerate(pages, 1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=1), (source.name, number)
        text = " ".join(page.extract_text().split())
        assert f"{number} / {len(pages)}" in text, (source.name, number)  # the footer's fields, filled in
    site_name = MODEL.language("sv").site_name
    first, second = (" ".join(page.extract_text().split()) for page in pages[:2])
    assert site_name not in first and site_name in second  # the running header from the second page on
    fonts = pdf_fonts(pdf)
    assert any("Carlito" in font for font in fonts), fonts  # Calibri, or LibreOffice's metric twin of it
    assert not any("Noto" in font for font in fonts), fonts


def test_the_worksheet_laid_out_keeps_its_checklist_and_the_background_after_it(laid_out):
    _, pdf = laid_out["odt"]
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    steps, background = t("worksheet_steps_title", "sv"), t("worksheet_background_title", "sv")
    assert text.index(steps) < text.index(background) < text.index(t("doc_use_title", "sv"))
    assert text.count(style.CHECKBOX) == 7  # the seven steps of "Så kan du använda metoden"
