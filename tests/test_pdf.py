"""The PDF guides: a PDF per method page and a handbook per language, read back with pypdf.

Most tests read the real site (`built_site`, built once per session with PDFs); the
unit tests at the top check the pure functions of redsite.downloads.pdf on small inputs.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import unicodedata
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from types import SimpleNamespace
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from mkdocs.exceptions import PluginError
from pypdf import PdfReader
from pypdf.generic import Destination

from conftest import REPO
from redsite.downloads import articles, pdf, sizes
from redsite.downloads import plan as download_plan
from redsite.downloads.pdf.volumes import handbook_links
from redsite.model import load_model
from redsite.pages import typed_pages
from redsite.plugin.config import build_settings, checked
from redsite.render import format_size, t

MODEL = load_model()
DEFAULT = MODEL.default_language.code
SCRIPT_LETTERS = {  # letters that show a text is really in this language's script
    "en": re.compile(r"[A-Za-z]"),
    "sv": re.compile(r"[åäöÅÄÖ]"),
    "ru": re.compile(r"[А-Яа-яЁё]"),
}


# --- Unit tests of redsite.downloads.pdf ----------------------------------------------------------------

PAGE = download_plan.GuidePage(
    lang="sv", slug="forum-building", title="Arenabyggande", summary="Arenor där alla möts.",
    url="sv/methods/forum-building/", dest="sv/methods/forum-building/index.html",
    web_address="https://example.org/red/sv/methods/forum-building/", last_reviewed="2026-11-22",
    fallback=False)

BUILT_PAGE = (
    '<!doctype html><html lang="sv"><body><nav class="md-nav">menu</nav>\n'
    '<article class="md-content__inner md-typeset">\n'
    '<a href="https://example.org/edit" title="Redigera" class="md-content__button md-icon">'
    '<svg viewBox="0 0 24 24"><path d="M10 20"/></svg></a>\n'
    '<h1>Arenabyggande</h1><section class="red-facts" aria-label="I korthet">'
    '<dl><dt>Teman</dt><dd>Nätverk</dd></dl></section>\n'
    '<details class="red-download red-downloads" data-search-exclude><summary class="md-button">Ladda ner'
    ' vägledningen (PDF, DOCX, ODT)</summary><div class="red-downloads__formats"><p class="red-download">'
    '<a class="md-button" href="../../pdf/red-forum-building-sv.pdf">För läsning (PDF)</a></p></div>'
    '<p class="red-licence-note red-no-print">Du får anpassa</p></details>\n'
    '<p>Första stycket med <a href="../thematic-workshops/">workshoppar</a> och <a href="#aktorer">aktörer</a>.</p>\n'
    '<h2 id="aktorer">Aktörer<a class="headerlink" href="#aktorer" title="Permanent link">¶</a></h2>\n'
    '<p><img src="../../assets/bild.png" alt="Karta"> efter bilden</p>\n'
    '<pre>\n\nkod &lt;här&gt;</pre>\n'
    '<p class="red-last-updated"><small>Senast ändrad 2026-11-20</small></p>\n'
    '<p class="red-suggest-change red-no-print"><a href="https://example.org/edit" rel="edit">Föreslå'
    ' en ändring (GitHub)</a></p>\n'
    '</article></body></html>'
)


def test_extract_article_keeps_the_content_and_drops_the_web_only_parts():
    html = articles.inner_html(articles.extract_article(BUILT_PAGE))
    assert "<h1>Arenabyggande</h1>" in html
    assert '<section class="red-facts" aria-label="I korthet">' in html
    assert "Första stycket" in html and "efter bilden" in html
    for web_only in ("md-content__button", "headerlink", "¶", "red-download", "Ladda ner", "För läsning", "Du får",
                     "Senast ändrad", "Föreslå", "example.org/edit", "menu"):
        assert web_only not in html, web_only
    assert "<h2 id=\"aktorer\">Aktörer</h2>" in html


def test_serialized_html_parses_back_to_the_same_text():
    article = articles.extract_article(BUILT_PAGE)
    again = articles.extract_article(f'<article class="md-content__inner">{articles.inner_html(article)}</article>')
    assert articles.inner_html(again) == articles.inner_html(article)
    # The parser eats one newline after <pre>: the blank line the author wrote must survive the round trip.
    assert "<pre>\n\nkod &lt;här&gt;</pre>" in articles.inner_html(again)


def test_a_guide_links_to_the_web_and_loads_images_from_the_site():
    article = articles.extract_article(BUILT_PAGE)
    images = articles.retarget(article, PAGE)
    html = articles.inner_html(article)
    assert 'href="https://example.org/red/sv/methods/thematic-workshops/"' in html
    assert 'href="#aktorer"' in html
    assert images == ["sv/assets/bild.png"]
    assert 'src="sv/assets/bild.png"' in html


def test_a_handbook_links_to_its_own_chapters_and_keeps_ids_apart():
    article = articles.extract_article(BUILT_PAGE)
    chapters = {"https://example.org/red/sv/methods/thematic-workshops/": "thematic-workshops"}
    articles.retarget(article, PAGE, chapters, id_prefix="forum-building--")
    html = articles.inner_html(article)
    assert 'href="#thematic-workshops"' in html
    assert 'href="#forum-building--aktorer"' in html and 'id="forum-building--aktorer"' in html


def test_guide_document_has_cover_metadata_and_language():
    document, _ = pdf.guide_document(PAGE, articles.extract_article(BUILT_PAGE))
    assert document.startswith('<!DOCTYPE html><html lang="sv">')
    assert "<title>Arenabyggande</title>" in document
    assert f'<meta name="author" content="{t("pdf_author", "sv")}">' in document
    cover = document[document.index('<section class="red-cover">'):document.index("</section>")]
    # the review date as Swedish readers write it (redsite.typography applies to the print document too)
    for expected in ("Arenabyggande", "Svenska", "22 november 2026", PAGE.web_address, MODEL.language("sv").site_name):
        assert expected in cover, expected


def test_handbook_document_lists_chapters_alphabetically_in_its_contents():
    second = download_plan.GuidePage(**{**PAGE.__dict__, "slug": "bilateral-meetings", "title": "Aktörsmöten",
                                        "web_address": "https://example.org/red/sv/methods/bilateral-meetings/"})
    chapters = [(PAGE, articles.extract_article(BUILT_PAGE)), (second, articles.extract_article(BUILT_PAGE))]
    document, _ = pdf.handbook_document("sv", None, chapters)
    contents = document[document.index('class="red-toc"'):]
    assert contents.index("Aktörsmöten") < contents.index("Arenabyggande")
    assert '<article class="red-chapter" id="bilateral-meetings">' in document
    assert f"<title>{t('pdf_handbook_title', 'sv')}</title>" in document


def test_print_fonts_give_each_unicode_subset_its_own_family():
    fonts_css = (REPO / "docs" / "assets" / "stylesheets" / "fonts.css").read_text(encoding="utf-8")
    css, files = pdf.print_font_css(fonts_css)
    assert len(files) == fonts_css.count("@font-face") and all(files)
    families = re.findall(r'font-family: "(RED Noto Sans [a-z-]+)"', css)
    assert set(families) == {"RED Noto Sans latin", "RED Noto Sans latin-ext",
                             "RED Noto Sans cyrillic", "RED Noto Sans cyrillic-ext"}
    stack = re.search(r"html \{ font-family: (.*); \}", css).group(1)
    assert stack.index("latin") < stack.index("cyrillic")


def test_cache_key_changes_with_every_input_and_only_then():
    base = pdf.cache_key("<p>a</p>", "styles", "70.0", [b"image"])
    assert base == pdf.cache_key("<p>a</p>", "styles", "70.0", [b"image"])
    changed = [pdf.cache_key("<p>b</p>", "styles", "70.0", [b"image"]),
               pdf.cache_key("<p>a</p>", "styles2", "70.0", [b"image"]),
               pdf.cache_key("<p>a</p>", "styles", "71.0", [b"image"]),
               pdf.cache_key("<p>a</p>", "styles", "70.0", [b"image2"])]
    assert len({base, *changed}) == 5


@pytest.mark.parametrize(("size", "lang", "expected"), [
    (180_000, "en", "180\u00a0kB"), (180_000, "ru", "180\u00a0КБ"), (1_234_567, "sv", "1,2\u00a0MB"),
    (1_234_567, "en", "1.2\u00a0MB"), (10, "sv", "1\u00a0kB"),
])
def test_sizes_are_written_the_way_each_language_writes_them(size, lang, expected):
    assert format_size(size, lang) == expected


def test_only_the_methods_catalog_offers_the_handbook():
    assert download_plan.offers_handbook("<p>x</p><!-- red:catalog method -->")
    assert not download_plan.offers_handbook("<!-- red:catalog workshop -->")
    assert not download_plan.offers_handbook("<p>no catalog</p>")


def mkdocs_page(src_uri: str, url: str, meta: dict):
    """The few attributes of a MkDocs page that offer_downloads reads."""
    dest = url + "index.html"
    return SimpleNamespace(meta=meta, title=meta.get("title"), url=url, canonical_url=f"https://example.org/{url}",
                           file=SimpleNamespace(src_uri=src_uri, dest_uri=dest))


def test_a_method_page_offers_its_own_guide():
    plan = download_plan.DownloadPlan()
    page = mkdocs_page("sv/methods/forum-building.md", "sv/methods/forum-building/",
                       {"type": "method", "title": "Arenabyggande", "last_reviewed": "2026-11-22"})
    html = pdf.offer_downloads(plan, page, "sv", "<p>x</p>", fallback=False, default="en")
    assert 'href="../../pdf/red-forum-building-sv.pdf"' in html and "hreflang" not in html
    assert f"{t('pdf_download_print', 'sv')} (PDF<!-- red-pdf-size sv sv/pdf/red-forum-building-sv.pdf -->)" in html
    assert plan.guides[("sv", "forum-building")].title == "Arenabyggande"
    assert plan.link_pages == {"sv/methods/forum-building/index.html"}


def test_an_untranslated_method_offers_the_english_guide_and_says_so():
    plan = download_plan.DownloadPlan()
    page = mkdocs_page("methods/seminars.md", "ru/methods/seminars/", {"type": "method", "title": "Seminars"})
    html = pdf.offer_downloads(plan, page, "ru", "", fallback=True, default="en")
    assert 'href="../../../pdf/red-seminars-en.pdf"' in html and 'hreflang="en"' in html
    assert f"{t('pdf_download_print', 'ru')} – {t('doc_in_english', 'ru')} (PDF" in html
    assert plan.guides[("ru", "seminars")].fallback  # still a chapter of the Russian handbook


def test_only_the_methods_catalog_page_offers_the_handbook_button():
    plan = download_plan.DownloadPlan()
    catalog = mkdocs_page("sv/methods/index.md", "sv/methods/", {"title": "Metoder"})
    marker = pdf.offer_downloads(plan, catalog, "sv", "<!-- red:catalog method -->", fallback=False, default="en")
    assert marker == "<!-- red-pdf-handbook sv -->"  # one handbook or volumes: known once every page is built
    [volume] = pdf.plan_volumes(plan, limit=None)["sv"]
    html = handbook_links([volume], "sv/methods/", "en")
    assert 'href="../pdf/red-handbook-sv.pdf"' in html and t("pdf_download_handbook", "sv") in html
    other = mkdocs_page("sv/workshops/index.md", "sv/workshops/", {"title": "Workshoppar"})
    assert pdf.offer_downloads(plan, other, "sv", "<!-- red:catalog workshop -->", fallback=False, default="en") == ""
    assert set(plan.catalogs) == {"sv"}


def test_the_cache_forgets_the_least_recently_used_beyond_its_limit(tmp_path):
    entries = []
    for number in range(5):
        entry = tmp_path / "ab" / f"ab{number}.pdf"
        entry.parent.mkdir(exist_ok=True)
        entry.write_bytes(b"%PDF")
        os.utime(entry, (1_900_000_000 + number, time.time() - 60 + number))
        entries.append(entry)
    (tmp_path / "ab" / "ab0.warnings.json").write_text("[]")
    old = tmp_path / "cd" / "old.pdf"
    old.parent.mkdir()
    old.write_bytes(b"%PDF")
    os.utime(old, (0, time.time() - 40 * 86400))
    pdf.prune_pdf_cache(tmp_path, keep=3)
    assert [entry.exists() for entry in entries] == [False, False, True, True, True]
    assert not (tmp_path / "ab" / "ab0.warnings.json").exists() and not old.exists()


def test_the_plugin_config_gives_the_pdf_settings(tmp_path):
    config, errors, _ = checked({"pdf": {"skip": 1, "workers": 3, "cache_dir": "c"}})  # !ENV: RED_SKIP_PDF=1 is 1
    settings = build_settings(config, tmp_path).pdf
    assert not errors and settings.skip and settings.workers == 3 and settings.cache_dir == tmp_path / "c"
    settings = build_settings(checked({})[0], tmp_path).pdf
    assert not settings.skip and settings.workers >= 1 and settings.cache_dir == tmp_path / ".cache" / "pdf"


def test_skipping_says_so_and_writes_nothing(tmp_path):
    plan = download_plan.DownloadPlan()
    plan.guides[("sv", "forum-building")] = PAGE
    report = pdf.publish(plan, tmp_path, pdf.Settings(skip=True, workers=1, cache_dir=tmp_path / "cache"))
    [(level, message)] = report.messages()
    assert "RED_SKIP_PDF=1" in message and "2 PDF(s) not generated" in message
    assert not any(tmp_path.iterdir())


def test_publish_renders_once_then_uses_the_cache(tmp_path):
    """A tiny site with one Swedish method page, published twice."""
    site = tmp_path / "site"
    shutil.copytree(REPO / "docs" / "assets" / "fonts", site / "assets" / "fonts")
    shutil.copytree(REPO / "docs" / "assets" / "stylesheets", site / "assets" / "stylesheets")
    page_file = site / PAGE.dest
    page_file.parent.mkdir(parents=True)
    page_file.write_text(BUILT_PAGE.replace("(PDF)", "(PDF<!-- red-pdf-size sv sv/pdf/red-forum-building-sv.pdf -->)"),
                         encoding="utf-8")
    plan = download_plan.DownloadPlan()
    plan.guides[("sv", "forum-building")] = PAGE
    plan.link_pages.add(PAGE.dest)
    settings = pdf.Settings(skip=False, workers=1, cache_dir=tmp_path / "cache")

    first = pdf.publish(plan, site, settings)
    sizes.fill_pages(site, plan.link_pages, first.downloads, first.replacements)  # the build's last pass
    guide = site / "sv" / "pdf" / "red-forum-building-sv.pdf"
    assert (first.made, first.from_cache) == (2, 0)
    assert guide.is_file() and (site / "sv" / "pdf" / "red-handbook-sv.pdf").is_file()
    size = format_size(guide.stat().st_size, "sv")
    assert f"För läsning (PDF, {size})" in page_file.read_text("utf-8")
    text = " ".join(pdf_text(guide).split())
    assert "Första stycket med workshoppar och aktörer." in text
    # The page's image does not exist in this tiny site: WeasyPrint's warning names the PDF.
    assert any(warning.startswith("sv/pdf/red-forum-building-sv.pdf: WeasyPrint:") and "bild.png" in warning
               for warning in first.warnings), first.warnings

    second = pdf.publish(plan, site, settings)
    assert (second.made, second.from_cache) == (0, 2)
    assert second.warnings == first.warnings  # remembered with the cached PDF, so a warm build still reports it


def test_a_page_without_its_article_stops_the_build_with_a_clear_message(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(REPO / "docs" / "assets" / "stylesheets", site / "assets" / "stylesheets")
    shutil.copytree(REPO / "docs" / "assets" / "fonts", site / "assets" / "fonts")
    (site / PAGE.dest).parent.mkdir(parents=True)
    (site / PAGE.dest).write_text("<html><body><main>no article</main></body></html>", encoding="utf-8")
    plan = download_plan.DownloadPlan()
    plan.guides[("sv", "forum-building")] = PAGE
    with pytest.raises(PluginError, match="sv/methods/forum-building/index.html.*md-content__inner"):
        pdf.publish(plan, site, pdf.Settings(skip=False, workers=1, cache_dir=tmp_path / "cache"))


# --- The built site ---------------------------------------------------------------------------

def pdf_text(path: Path) -> str:
    return unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in PdfReader(path).pages))


def method_pages(lang: str) -> list[tuple[str, str, bool]]:
    """(slug, title, is an English fallback) of the method pages the `lang` site shows."""
    return [(PurePosixPath(page_file.rel).stem, str(parsed.meta["title"]), page_file.lang != lang)
            for page_file, parsed in typed_pages(download_plan.GUIDE_TYPE, lang)]


def site_prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def all_pdfs(site: Path) -> list[tuple[str, Path]]:
    """(language, file) of every PDF the build published."""
    found = []
    for lang in MODEL.codes:
        found += [(lang, path) for path in sorted((site / site_prefix(lang) / pdf.PDF_FOLDER).glob("*.pdf"))]
    return found


class DownloadLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._open: list[str] | None = None
        self._href = ""
        self._in_download = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("p", "div", "details") and "red-download" in (attributes.get("class") or "").split():
            self._in_download = True
        elif tag == "a" and ((self._in_download and "download" in attributes)
                             or (attributes.get("href") or "").endswith(".pdf")):
            self._open, self._href = [], attributes.get("href") or ""

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.links.append((self._href, "".join(self._open)))
            self._open = None
        elif tag in ("p", "div", "details"):
            self._in_download = False


def download_links(html: str, suffix: str = "") -> list[tuple[str, str]]:
    """(href, label) of the download links; with `suffix` (".pdf"), only those of that type."""
    parser = DownloadLinks()
    parser.feed(html)
    return [(href, label) for href, label in parser.links if href.endswith(suffix)]


def test_the_build_log_reports_the_pdf_step(built_site):
    assert re.search(r"INFO\s+-\s+PDF guides: \d+ PDF\(s\)", built_site.log), built_site.log[-2000:]


def test_every_download_link_on_the_site_leads_to_a_file(built_site):
    site = built_site.site
    checked = 0
    for page in site.rglob("*.html"):
        page_url = page.relative_to(site).as_posix()
        for href, _ in download_links(page.read_text(encoding="utf-8")):
            target = unquote(urlsplit(urljoin(page_url, href)).path)
            assert (site / target).is_file(), f"{page_url}: download link {href} leads nowhere"
            checked += 1
    expected = sum(len(method_pages(lang)) + 1 for lang in MODEL.codes)
    assert checked >= expected


@pytest.mark.parametrize("lang", MODEL.codes)
def test_each_method_page_offers_its_guide_in_its_language(built_site, lang):
    for slug, _title, fallback in method_pages(lang):
        html = (built_site.site / site_prefix(lang) / "methods" / slug / "index.html").read_text(encoding="utf-8")
        links = download_links(html, ".pdf")  # DOCX and ODT buttons follow: see test_office.py
        assert len(links) == 1, (lang, slug, links)
        href, label = links[0]
        pdf_lang = DEFAULT if fallback else lang
        assert href.endswith(f"/pdf/{pdf.guide_filename(slug, pdf_lang)}"), href
        file = built_site.site / site_prefix(pdf_lang) / pdf.PDF_FOLDER / pdf.guide_filename(slug, pdf_lang)
        label_text = t("pdf_download_print", lang) + (f" – {t('doc_in_english', lang)}" if fallback else "")
        assert label == f"{label_text} (PDF, {format_size(file.stat().st_size, lang)})"


@pytest.mark.parametrize("lang", MODEL.codes)
def test_the_methods_catalog_offers_the_handbook(built_site, lang):
    html = (built_site.site / site_prefix(lang) / "methods" / "index.html").read_text(encoding="utf-8")
    [(href, label)] = download_links(html, ".pdf")
    assert href.endswith(f"pdf/{pdf.handbook_filename(lang)}")
    file = built_site.site / site_prefix(lang) / pdf.PDF_FOLDER / pdf.handbook_filename(lang)
    assert label == f"{t('pdf_download_handbook', lang)} (PDF, {format_size(file.stat().st_size, lang)})"


def test_pdf_file_names_describe_the_content(built_site):
    names = {(lang, path.name) for lang, path in all_pdfs(built_site.site)}
    for lang in MODEL.codes:
        expected = {pdf.guide_filename(slug, lang) for slug, _, fallback in method_pages(lang) if not fallback}
        assert expected | {pdf.handbook_filename(lang)} == {name for code, name in names if code == lang}
    assert (DEFAULT, "red-forum-building-en.pdf") in names


@pytest.mark.parametrize("lang", MODEL.codes)
def test_guides_hold_title_and_body_in_the_right_script(built_site, lang):
    for slug, title, fallback in method_pages(lang):
        if fallback:
            continue
        text = " ".join(pdf_text(built_site.site / site_prefix(lang) / "pdf" / pdf.guide_filename(slug, lang)).split())
        assert " ".join(title.split()) in text, (lang, slug)
        for section in MODEL.content_types[download_plan.GUIDE_TYPE].sections:
            assert MODEL.section_title(section, lang) in text, (lang, slug, section)
        assert len(SCRIPT_LETTERS[lang].findall(text)) > (20 if lang == "sv" else 500), (lang, slug)
        assert "\ufffd" not in text and "\x00" not in text


def test_every_pdf_is_tagged_with_language_title_author_and_embedded_fonts(built_site):
    pdfs = all_pdfs(built_site.site)
    assert pdfs
    for lang, path in pdfs:
        reader = PdfReader(path)
        catalog = reader.trailer["/Root"]
        assert catalog["/Lang"] == lang, path.name
        assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"], path.name
        assert catalog["/ViewerPreferences"]["/DisplayDocTitle"], path.name
        assert b'pdfuaid:part="1"' in catalog["/Metadata"].get_object().get_data(), path.name
        assert reader.metadata.title and reader.metadata.author == t("pdf_author", lang), path.name
        fonts = embedded_fonts(reader)
        assert fonts, path.name
        for name, embedded in fonts.items():
            assert embedded, f"{path.name}: font {name} is not embedded"
            assert "Noto-Sans" in name, f"{path.name}: {name} is not the site's Noto Sans (a fallback font)"


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(key in descriptor for key in ("/FontFile2", "/FontFile3"))
    return fonts


@pytest.mark.parametrize("lang", MODEL.codes)
def test_guide_titles_match_their_pages(built_site, lang):
    for slug, title, fallback in method_pages(lang):
        if not fallback:
            reader = PdfReader(built_site.site / site_prefix(lang) / "pdf" / pdf.guide_filename(slug, lang))
            assert reader.metadata.title == title


@pytest.mark.parametrize("lang", MODEL.codes)
def test_handbook_has_cover_contents_and_a_bookmark_per_method_and_section(built_site, lang):
    path = built_site.site / site_prefix(lang) / "pdf" / pdf.handbook_filename(lang)
    reader = PdfReader(path)
    assert reader.metadata.title == t("pdf_handbook_title", lang)
    methods = method_pages(lang)
    outline = reader.outline
    chapters = [entry for entry in outline if isinstance(entry, Destination)]
    assert [entry.title for entry in chapters] == [title for _, title, _ in methods]
    for index, (_, _, fallback) in enumerate(methods):
        position = outline.index(chapters[index])
        sections = outline[position + 1] if position + 1 < len(outline) else None
        assert isinstance(sections, list) and all(isinstance(entry, Destination) for entry in sections)
        section_lang = DEFAULT if fallback else lang
        titles = [entry.title for entry in sections]
        for section in MODEL.content_types[download_plan.GUIDE_TYPE].sections:
            assert MODEL.section_title(section, section_lang) in titles, (chapters[index].title, section)
    first_pages = " ".join(reader.pages[number].extract_text() for number in range(2))
    assert t("pdf_contents", lang) in first_pages and t("pdf_kind_handbook", lang).upper() in first_pages
    assert len(reader.pages) > len(methods) + 2
