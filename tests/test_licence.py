"""The licences, chosen and shown: the repository's files and pyproject, every page's footer, the notes near the
downloads, the sources box and the about page, the feeds, and the PDF, DOCX and ODT guides read back with
pikepdf, python-docx and odfpy (the real site, `built_site`, built with every download)."""

from __future__ import annotations

import re
import tomllib
import zipfile
from html import unescape
from pathlib import Path
from xml.etree import ElementTree

import pikepdf
import pytest
from docx import Document
from odf.opendocument import load as load_odt
from pypdf import PdfReader

from conftest import REPO
from redsite import licensing
from redsite.model import load_model
from redsite.pages import typed_pages
from redsite.render import t

MODEL = load_model()
DEFAULT = MODEL.default_language.code
LANGS = list(MODEL.codes)
LICENCE = licensing.content_licence(MODEL)
# The official names of CC BY 4.0 in each language (Creative Commons' own deeds).
OFFICIAL = {"en": "Attribution 4.0 International", "sv": "Erkännande 4.0 Internationell",
            "ru": "«Атрибуция 4.0 Международная»"}
QUOTED = [key for key, entry in MODEL.sources.items() if entry.get("file")]


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def typeset_free(text: str) -> str:
    """The build's typography turns spaces into no-break spaces in Swedish and Russian text."""
    return re.sub(r"[\u00a0\u202f]", " ", text)


# --- The repository --------------------------------------------------------------------------

def test_the_repository_states_both_licences_and_pyproject_names_them():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    code, content = MODEL.licences["code"], MODEL.licences["content"]
    assert project["license"] == f"{code['spdx']} AND {content['spdx']}" == "MIT AND CC-BY-4.0"
    assert project["license-files"] == [code["file"], content["file"]]
    assert (REPO / code["file"]).read_text(encoding="utf-8").startswith("MIT License\n")
    statement = (REPO / content["file"]).read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International" in statement and content["legal_code"] in statement
    assert "quoted project documents" in statement and code["file"] in statement
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"`{code['file']}`" in readme and f"`{content['file']}`" in readme


def test_the_licence_has_its_official_name_and_deed_in_every_language():
    for lang in LANGS:
        assert LICENCE.name(lang) == f"Creative Commons {OFFICIAL[lang]}"
        assert LICENCE.deed(lang) == f"{LICENCE.url}deed.{lang}"


def test_every_quoted_document_is_credited_in_every_language():
    assert QUOTED == ["red-description", "red-about", "blekinge-strategy", "baltmet-annex"]
    for key in QUOTED:
        for lang in LANGS:
            assert MODEL.source_author(key, lang), (key, lang)
    assert MODEL.source_author("invented", "en") == ""  # not a document: nobody to credit


# --- Pages -----------------------------------------------------------------------------------

FOOTER = re.compile(r'<p class="red-footer-licence">(.*?)</p>', re.S)


def built_pages(site: Path) -> list[Path]:
    return sorted([*site.rglob("index.html"), *site.rglob("404.html")])


def language_of(site: Path, page: Path) -> str:
    first = page.relative_to(site).parts[0]
    return first if first in LANGS else DEFAULT


def test_every_page_footer_names_the_content_licence_with_a_link_in_its_language(built_site):
    pages = [page for page in built_pages(built_site.site) if "offline" not in page.parts]
    assert len(pages) > 100
    for page in pages:
        lang = language_of(built_site.site, page)
        html = page.read_text(encoding="utf-8")
        footer = FOOTER.search(html)
        assert footer, page
        link = f'<a href="{LICENCE.deed(lang)}" rel="license">'
        assert link in footer[1], page
        assert f"{LICENCE.name(lang)} ({LICENCE.short})" in typeset_free(text_of(footer[1])), page


NOTE = re.compile(r'<p class="red-licence-note red-no-print" data-search-exclude>(.*?)</p>', re.S)


@pytest.mark.parametrize("lang", LANGS)
def test_method_pages_say_under_their_downloads_that_the_guide_may_be_adapted_and_shared(built_site, lang):
    methods = typed_pages("method", lang)
    assert methods
    for page_file, _ in methods:
        rel = f"{prefix(lang)}methods/{Path(page_file.rel).stem}/index.html"
        html = (built_site.site / rel).read_text(encoding="utf-8")
        note = NOTE.search(html)
        assert note, rel
        assert html.rindex('class="red-download', 0, note.start()) < note.start()  # right under the buttons
        words = typeset_free(text_of(note[1]))
        fallback = page_file.lang != lang
        assert words == typeset_free(text_of(t("licence_guide_note", lang).format(licence=LICENCE.short))), rel
        assert f'href="{LICENCE.deed(lang)}" rel="license"' in note[1], (rel, fallback)


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_says_so_where_it_offers_the_guides(built_site, lang):
    html = (built_site.site / prefix(lang) / "index.html").read_text(encoding="utf-8")
    note = NOTE.search(html)
    assert note and f'href="{LICENCE.deed(lang)}"' in note[1]
    heading = html.rindex("<h3", 0, note.start())
    assert html.find("<h", heading + 3, note.start()) < 0  # inside the "download a guide" section
    assert text_of(html[heading:html.index("</h3>", heading)]).strip().rstrip("¶").strip() in (
        "Download a guide", "Ladda ner en vägledning", "Скачать руководство")


SOURCES = re.compile(r'<section class="red-sources">.*?</section>', re.S)


@pytest.mark.parametrize("lang", LANGS)
def test_the_sources_box_credits_each_quoted_document_and_excludes_it_from_the_licence(built_site, lang):
    checked = 0
    for type_name in MODEL.content_types:
        for page_file, parsed in typed_pages(type_name, lang):
            folder = MODEL.content_types[type_name].folder
            html = (built_site.site / prefix(lang) / folder / Path(page_file.rel).stem / "index.html").read_text(
                encoding="utf-8")
            box = typeset_free(text_of(SOURCES.search(html)[0]))
            shown_lang = page_file.lang  # a fallback page shows the English box
            for source in parsed.meta["sources"]:
                if source in QUOTED:
                    author = typeset_free(MODEL.source_author(source, shown_lang))
                    assert t("source_author", shown_lang).format(author=author) in box, page_file.rel
            quoted = any(source in QUOTED or str(source).startswith("https://") for source in parsed.meta["sources"])
            assert (typeset_free(t("sources_not_covered", shown_lang)) in box) == quoted, page_file.rel
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("lang", LANGS)
def test_the_about_page_lists_the_quoted_documents_with_their_authors_outside_the_licence(built_site, lang):
    html = (built_site.site / prefix(lang) / "about" / "index.html").read_text(encoding="utf-8")
    listing = re.search(r'<ul class="red-source-documents">(.*?)</ul>', html, re.S)[1]
    items = [typeset_free(text_of(item)) for item in re.findall(r"<li>(.*?)</li>", listing, re.S)]
    assert items == [typeset_free(f"{MODEL.source_title(key, lang)}. "
                                  + t("source_author", lang).format(author=MODEL.source_author(key, lang)))
                     for key in QUOTED]
    words = typeset_free(text_of(html))
    assert typeset_free(t("source_documents_intro", lang)) in words
    assert f'<a href="{LICENCE.deed(lang)}" rel="license">' in html[:html.index('class="red-source-documents"')]


# --- Feeds and downloads ------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("lang", LANGS)
def test_each_feed_carries_the_licence_as_rights_and_a_license_link(built_site, lang):
    root = ElementTree.parse(built_site.site / prefix(lang) / "feed.xml").getroot()
    assert root.findtext(f"{ATOM}rights") == licensing.rights(lang, t("pdf_author", lang))
    assert LICENCE.deed(lang) in root.findtext(f"{ATOM}rights")
    assert [link.get("href") for link in root.iter(f"{ATOM}link") if link.get("rel") == "license"] == [LICENCE.url]


def guide_files(site: Path, suffix: str) -> list[tuple[str, Path]]:
    found = [(language_of(site, path), path) for path in site.rglob(f"*.{suffix}") if "offline" not in path.parts]
    assert {lang for lang, _ in found} == set(LANGS), suffix
    return sorted(found)


def test_every_pdf_names_the_licence_on_its_cover_and_in_its_metadata(built_site):
    pdfs = guide_files(built_site.site, "pdf")
    assert len(pdfs) >= 30
    for lang, path in pdfs:
        cover = " ".join(typeset_free(PdfReader(path).pages[0].extract_text()).split())
        assert LICENCE.short in cover and "© " + t("pdf_author", lang) in typeset_free(cover), path
        assert typeset_free(LICENCE.name(lang)).split()[-1] in cover, path
        with pikepdf.open(path) as document:
            meta = document.open_metadata()
            assert meta["dc:rights"] == licensing.rights(lang, t("pdf_author", lang)), path
            assert meta["xmpRights:WebStatement"] == LICENCE.url and meta["xmpRights:Marked"] == "True", path
            assert meta["pdfuaid:part"] == "1", path  # the rights joined WeasyPrint's metadata, none replaced
            link = [annotation.A.URI for page in document.pages[:1] for annotation in page.get("/Annots", [])
                    if "/A" in annotation and "/URI" in annotation.A]
            assert LICENCE.deed(lang) in [str(uri) for uri in link], path  # the deed is a link on the cover


def custom_properties(path: Path) -> dict[str, str]:
    """A DOCX's custom properties (docProps/custom.xml), read through python-docx's package."""
    package = Document(str(path)).part.package
    part = next(part for part in package.iter_parts() if str(part.partname) == "/docProps/custom.xml")
    root = ElementTree.fromstring(part.blob)
    return {prop.get("name"): "".join(prop.itertext()) for prop in root}


def test_every_docx_carries_the_licence_in_its_properties_and_in_its_colophon(built_site):
    documents = guide_files(built_site.site, "docx")  # guides, worksheets, handbooks
    for lang, path in documents:
        properties = custom_properties(path)
        assert properties == {"rights": licensing.rights(lang, t("pdf_author", lang)), "license": LICENCE.url}, path
        colophon = typeset_free(" ".join(paragraph.text for paragraph in Document(str(path)).paragraphs[-8:]))
        assert typeset_free(licensing.statement(lang)) in colophon, path
        with zipfile.ZipFile(path) as package:  # declared as a package part, or Word would not read it
            assert "/docProps/custom.xml" in package.read("[Content_Types].xml").decode()


def test_every_odt_carries_the_licence_in_its_metadata_and_in_its_colophon(built_site):
    from odf import teletype
    from odf.meta import UserDefined
    from odf.text import P

    for lang, path in guide_files(built_site.site, "odt"):
        document = load_odt(str(path))
        fields = {field.getAttribute("name"): str(field) for field in document.meta.getElementsByType(UserDefined)}
        assert fields == {"rights": licensing.rights(lang, t("pdf_author", lang)), "license": LICENCE.url}, path
        paragraphs = typeset_free(" ".join(teletype.extractText(p) for p in document.getElementsByType(P)[-8:]))
        assert typeset_free(licensing.statement(lang)) in paragraphs, path


def test_the_contributors_guide_names_both_licences_and_the_credit_of_sources():
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert MODEL.licences["content"]["file"] in guide and MODEL.licences["code"]["file"] in guide
    assert "Creative Commons Attribution 4.0 International" in guide
    assert all("author" in entry for entry in MODEL.sources.values() if entry.get("file"))
    assert "`sources`" in guide and "`author`" in guide
