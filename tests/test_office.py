"""The editable guides (DOCX and ODT), read back with python-docx and odfpy.

Unit tests check redsite.downloads.office's HTML changes on small inputs; the rest read
the real site (`built_site`, built once per session with PDFs, DOCX and ODT).
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from html import unescape
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from odf import dc, table, teletype
from odf import text as odf_text
from odf.opendocument import load as load_odt

from conftest import REPO
from redsite import licensing
from redsite.downloads import articles, office
from redsite.downloads import plan as download_plan
from redsite.model import load_model
from redsite.pages import typed_pages
from redsite.render import format_size, t
from test_pdf import PAGE  # the same Swedish guide page as the PDF tests

MODEL = load_model()
DEFAULT = MODEL.default_language.code
LANGS = list(MODEL.codes)

ARTICLE = (
    '<article class="md-content__inner md-typeset"><h1>Arenabyggande</h1>'
    '<section class="red-facts" aria-label="I korthet"><dl><dt>Teman</dt><dd>Nätverk</dd>'
    '<dt>Regioner</dt><dd>Sydsverige, Kaliningradregionen</dd></dl></section>'
    '<p>Text med <a href="../seminars/">seminarier</a>.</p>'
    '<p><img src="https://tracker.example.com/pixel.png" alt="Karta över regionen"></p>'
    '<h2 id="aktorer">Aktörer</h2><ul><li>Kommuner</li></ul></article>'
)


# --- Units ---------------------------------------------------------------------------------------

def test_the_title_comes_first_then_the_article_with_its_facts_table_and_the_colophon_last(tmp_path):
    html, images = office.pandoc_input(PAGE, articles.extract_article(ARTICLE), tmp_path, MODEL)
    assert images == []
    assert "<dl>" not in html
    assert ('<table class="red-facts" data-custom-style="RedFactsTable"><caption>I korthet</caption><colgroup>'
            '<col style="width: 28%"><col style="width: 72%"></colgroup><tbody><tr><th scope="row">'
            '<span data-custom-style="RedFactsTerm">Teman</span></th><td>Nätverk</td></tr>') in html
    body = html[html.index("<body>") + len("<body>"):]
    assert body.startswith("<h1>Arenabyggande</h1>")  # the title first, though the web wraps it
    facts, colophon = html.index("<table"), html.index("red-use-note")
    assert facts < html.index("Kommuner") < colophon  # the article, then the colophon
    note = html[colophon:]
    assert "https://example.org/red/sv/methods/forum-building/" in note
    assert t("doc_use_title", "sv") in note and t("doc_use_note", "sv") in note
    assert licensing.statement(MODEL.default_language.code, MODEL) not in note  # the page's language, not English
    assert "CC BY 4.0" in note and "deed.sv" in note
    assert '<div data-custom-style="RedColophonTitle">' in note and '<div data-custom-style="RedColophon">' in note
    assert '<a href="https://example.org/red/sv/methods/seminars/">' in html  # links work outside the site
    assert "<title>" not in html  # pandoc would print it as a second title


BOXES = ('<div class="admonition note"><p class="admonition-title">Vad projektdokumenten säger</p><p>Citat.</p>'
         '<ul><li>punkt</li></ul></div>'
         '<div class="admonition warning red-notice" lang="en" role="note"><p class="admonition-title">Not translated'
         '</p><p><a href="../x/">Read</a></p></div>'
         '<div class="admonition example red-notice"><p class="admonition-title">Exempel</p></div>'
         '<div class="admonition danger"><p>No title</p></div>')


def test_each_box_becomes_its_title_and_body_in_the_box_styles_of_its_kind(tmp_path):
    article = articles.extract_article(ARTICLE.replace("</article>", BOXES + "</article>"))
    html, _ = office.pandoc_input(PAGE, article, tmp_path, MODEL)
    assert ('<div data-custom-style="RedBoxNoteTitle"><p class="admonition-title">Vad projektdokumenten säger</p>'
            '</div><div data-custom-style="RedBoxNote"><p>Citat.</p><ul><li>punkt</li></ul></div>') in html
    assert '<div class="red-box" lang="en"><div data-custom-style="RedBoxWarningTitle">' in html  # keeps its language
    assert '<div data-custom-style="RedBoxExampleTitle"><p class="admonition-title">Exempel</p></div>' in html
    assert '<div data-custom-style="RedBoxWarning"><p>No title</p></div>' in html  # danger looks like a warning
    assert '<div class="admonition' not in html
    assert '<div data-custom-style="RedBoxExample">' not in html  # no empty body


def test_remote_images_become_their_description_and_local_ones_are_embedded(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "map.png").write_bytes(b"\x89PNG fake")
    local_image = '<img src="../../../assets/map.png" alt="x"></article>'
    article = articles.extract_article(ARTICLE.replace("</article>", local_image))
    html, images = office.pandoc_input(PAGE, article, tmp_path, MODEL)
    assert "tracker.example.com" not in html
    assert "Karta över regionen" in html
    assert images == [b"\x89PNG fake"]
    assert 'src="data:image/png;base64,' in html


def test_metadata_is_written_into_the_container_and_nothing_else_changes():
    core = ('<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="y" '
            'xmlns:xsi="z"><dc:title></dc:title><dc:creator></dc:creator>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">1970-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>')
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<body/>")
        archive.writestr("docProps/core.xml", core)
    changed = office.finish_document(buffer.getvalue(), "docx", "Arena & forum", "RED – kunskapsbank", "2026-11-22")
    with zipfile.ZipFile(BytesIO(changed)) as archive:
        assert archive.namelist() == ["word/document.xml", "docProps/core.xml"]
        written = archive.read("docProps/core.xml").decode()
        assert archive.read("word/document.xml") == b"<body/>"
    assert "<dc:title>Arena &amp; forum</dc:title>" in written
    assert "<dc:creator>RED – kunskapsbank</dc:creator>" in written
    assert "2026-11-22T00:00:00Z" in written


def test_the_reference_documents_are_what_the_script_makes(tmp_path):
    subprocess.run([sys.executable, str(REPO / "scripts" / "make_reference_docs.py"), "--output-dir", str(tmp_path)],
                   check=True, capture_output=True)
    for committed in office.REFERENCE_DOCS.values():
        assert (tmp_path / committed.name).read_bytes() == committed.read_bytes(), committed.name
    styles = zipfile.ZipFile(office.REFERENCE_DOCS["docx"]).read("word/styles.xml").decode()
    assert 'w:ascii="Calibri"' in styles and 'w:val="1A237E"' in styles  # an office PC's font; print's colour


def test_skipping_says_so(tmp_path):
    report = office.publish(download_plan.DownloadPlan(), tmp_path, skip=True, cache_dir=tmp_path / "documents",
                            workers=1)
    assert report.skipped and "skipped" in report.messages()[0][1]
    assert not any(tmp_path.iterdir())


# --- The built site ------------------------------------------------------------------------------

class _Outline(HTMLParser):
    """(level, text) of every heading inside the article; ignores the permalink '¶' anchors."""

    def __init__(self) -> None:
        super().__init__()
        self.outline: list[tuple[int, str]] = []
        self._level = 0
        self._skip = 0
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self._level, self._text = int(tag[1]), []
        elif tag == "a" and "headerlink" in (dict(attrs).get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "a" and self._skip:
            self._skip -= 1
        elif re.fullmatch(r"h[1-6]", tag) and self._level:
            self.outline.append((self._level, " ".join("".join(self._text).split())))
            self._level = 0

    def handle_data(self, data):
        if self._level and not self._skip:
            self._text.append(data)


def web_outline(html: str) -> list[tuple[int, str]]:
    article = html[html.index('<article class="md-content__inner'):html.rindex("</article>")]
    parser = _Outline()
    parser.feed(article)
    return parser.outline


def docx_outline(document) -> list[tuple[int, str]]:
    outline = []
    for paragraph in document.paragraphs:
        match = re.fullmatch(r"Heading (\d)", paragraph.style.name)
        if match:
            outline.append((int(match.group(1)), " ".join(paragraph.text.split())))
    return outline


def odt_outline(document) -> list[tuple[int, str]]:
    return [(int(heading.getAttribute("outlinelevel")), " ".join(teletype.extractText(heading).split()))
            for heading in document.getElementsByType(odf_text.H)]


def method_pages(lang: str) -> list[str]:
    return sorted(Path(page.rel).stem for page, _ in typed_pages("method", lang))


def built_documents(site: Path, lang: str, slug: str) -> tuple[Path, Path, Path]:
    prefix = "" if lang == DEFAULT else f"{lang}/"
    page = site / f"{prefix}methods/{slug}/index.html"
    docs = site / f"{prefix}{office.FOLDER}"
    return page, docs / f"red-{slug}-{lang}.docx", docs / f"red-{slug}-{lang}.odt"


def test_the_build_log_reports_the_step_and_what_it_made(built_site):
    files = int(re.search(r"DOCX/ODT documents: (\d+) document\(s\)", built_site.log)[1])
    made = re.search(r"each in both formats: (\d+) guide\(s\), (\d+) worksheet\(s\), (\d+) handbook\(s\)",
                     built_site.log)
    guides, worksheets, handbooks = map(int, made.groups())
    own = sum(1 for lang in LANGS for page, _ in typed_pages("method", lang) if page.lang == lang)
    assert guides == worksheets == own and handbooks == len(LANGS)  # one handbook each: the site is not split
    assert files == 2 * (guides + worksheets + handbooks)


@pytest.mark.parametrize("lang", LANGS)
def test_each_docx_has_the_pages_outline_language_title_facts_table_and_colophon(built_site, lang):
    locale = MODEL.language(lang).document_locale
    slugs = method_pages(lang)
    assert len(slugs) >= 17
    for slug in slugs:
        page, docx_file, _ = built_documents(built_site.site, lang, slug)
        html = page.read_text(encoding="utf-8")
        document = Document(str(docx_file))
        outline = web_outline(html)
        assert outline[0][0] == 1 and len(outline) > 5, slug
        assert docx_outline(document) == outline, slug
        assert [title for level, title in outline if level == 2][-1] == t("sources_title", lang)  # the sources
        properties = document.core_properties
        assert (properties.language, properties.title, properties.author) == (
            locale, outline[0][1], MODEL.language(lang).site_name), slug
        defaults = document.styles.element.find(qn("w:docDefaults"))
        assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == locale
        facts = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
        assert t("field_themes", lang) in facts and t("last_reviewed", lang) in facts, slug
        assert document.paragraphs[0].text == outline[0][1], slug  # the title first
        colophon = [paragraph.text for paragraph in document.paragraphs[-8:]]  # the use note closes it
        assert t("doc_use_title", lang) in colophon, slug
        assert any(f"/methods/{slug}/" in text for text in colophon), slug
        assert not any(paragraph.style.name == "Title" for paragraph in document.paragraphs), slug
        if "<li>" in html[html.index('<article class="md-content__inner'):]:  # the page's lists stay lists
            assert document.element.body.findall(f".//{qn('w:numPr')}"), slug


@pytest.mark.parametrize("lang", LANGS)
def test_each_odt_has_the_pages_outline_language_title_and_facts_table(built_site, lang):
    locale = MODEL.language(lang).document_locale
    language, country = locale.split("-")
    for slug in method_pages(lang):
        page, _, odt_file = built_documents(built_site.site, lang, slug)
        outline = web_outline(page.read_text(encoding="utf-8"))
        document = load_odt(str(odt_file))
        assert odt_outline(document) == outline, slug
        assert teletype.extractText(document.meta.getElementsByType(dc.Language)[0]) == locale
        assert teletype.extractText(document.meta.getElementsByType(dc.Title)[0]) == outline[0][1]
        styles = zipfile.ZipFile(odt_file).read("styles.xml").decode()
        assert f'fo:language="{language}"' in styles and f'fo:country="{country}"' in styles
        assert document.getElementsByType(odf_text.List), slug  # the sources at least are a list
        tables = document.getElementsByType(table.Table)
        first_column = [" ".join(teletype.extractText(row.getElementsByType(table.TableCell)[0]).split())
                        for row in tables[0].getElementsByType(table.TableRow)]
        assert t("field_themes", lang) in first_column, slug


@pytest.mark.parametrize("lang", LANGS)
def test_each_method_page_offers_docx_and_odt_with_type_and_size_next_to_the_pdf(built_site, lang):
    for slug in method_pages(lang):
        page, docx_file, odt_file = built_documents(built_site.site, lang, slug)
        html = page.read_text(encoding="utf-8")
        pdf_button = html.index('type="application/pdf"')
        for kind, built in (("docx", docx_file), ("odt", odt_file)):
            media_type = re.escape(office.MEDIA_TYPES[kind])
            match = re.search(rf'<a class="md-button" href="([^"]+\.{kind})" type="{media_type}" download>([^<]+)</a>',
                              html)
            assert match, (slug, kind)
            assert (page.parent / match.group(1)).resolve() == built.resolve()
            size = format_size(built.stat().st_size, lang)
            assert match.group(2) == f"{t(f'doc_download_{kind}', lang)} ({kind.upper()}, {size})"
            assert 0 < match.start() - pdf_button < 2000  # right after the PDF button


def _paragraph_texts(document_file: Path, kind: str) -> list[str]:
    """Every paragraph and heading of a DOCX or ODT, table cells included, as the reader sees it."""
    if kind == "docx":
        document = Document(str(document_file))
        cells = [paragraph for grid in document.tables for row in grid.rows for cell in row.cells
                 for paragraph in cell.paragraphs]
        return [paragraph.text for paragraph in [*document.paragraphs, *cells]]
    document = load_odt(str(document_file))
    return [teletype.extractText(element) for kind_of in (odf_text.P, odf_text.H)
            for element in document.getElementsByType(kind_of)]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_guide_leaves_out_the_pages_hidden_search_filters(built_site, tmp_path, lang):
    """The page's hidden filter block (for Pagefind) is not text for readers: neither the web page nor
    the PDF shows it, and the DOCX and ODT, converted by pandoc from the real built page, must not either."""
    slug = "forum-building"
    page_file, _, _ = built_documents(built_site.site, lang, slug)
    html = page_file.read_text(encoding="utf-8")
    hidden = re.search(r"<div hidden data-pagefind-ignore>(.*?)</div>", html, flags=re.S)
    values = [unescape(value) for value in re.findall(r'<span data-pagefind-filter="[^"]+">([^<]+)</span>', hidden[1])]
    assert len(values) >= 4  # type, themes, regions, origin
    run_together = "".join("".join(values).split())  # however pandoc spaces them, the words in this order
    outline = web_outline(html)
    prefix = "" if lang == DEFAULT else f"{lang}/"
    guide = download_plan.GuidePage(lang=lang, slug=slug, title=outline[0][1], summary="",
                                    url=f"{prefix}methods/{slug}/", dest=str(page_file.relative_to(built_site.site)),
                                    web_address=f"https://example.org/red/{prefix}methods/{slug}/",
                                    last_reviewed="2026-11-22", fallback=False)
    pandoc_html, _ = office.pandoc_input(guide, articles.extract_article(html), built_site.site, MODEL)
    assert "data-pagefind-filter" not in pandoc_html
    for kind in office.REFERENCE_DOCS:
        output = tmp_path / f"guide.{kind}"
        office.convert(office.Job(kind, kind, pandoc_html, MODEL.language(lang).document_locale, guide.title,
                                      MODEL.language(lang).site_name, guide.last_reviewed, output),
                         office.pandoc_path())
        texts = [" ".join(text.split()) for text in _paragraph_texts(output, kind)]
        assert not any(run_together in "".join(text.split()) for text in texts), kind
        assert {text for _, text in outline} <= set(texts), kind  # the real content is all there, to the sources
        assert t("field_themes", lang) in texts and values[1] in " ".join(texts), kind  # the facts table stays
