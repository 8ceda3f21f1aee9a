"""What a method page shows first and what every page says at its end, in the built HTML of every language: the
first paragraph before the downloads and the facts box, the downloads in one group, each date with a label that
says what it means, the proposal to change a page in words, the header's short name, the editable formats named
on the home page and the catalog, and what the offline copy holds."""

from __future__ import annotations

import re
import zipfile
from html import unescape

import pytest

from redsite import reader_html
from redsite.downloads import office, offline
from redsite.downloads.guide_group import guide_group
from redsite.model import load_model
from redsite.pages import list_pages, read_page, typed_pages
from redsite.render import t

MODEL = load_model()
DEFAULT = MODEL.default_language.code


# The page's own first paragraph: a <p> without a class (the search weighs it as an introduction).
LEAD = r'<p(?: data-pagefind-weight="[0-9.]+")?>'


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def article(html: str) -> str:
    return html[html.index('<article class="md-content__inner'):html.rindex("</article>")]


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_downloads_group_is_one_button_naming_the_formats_around_their_buttons():
    buttons = ('<p class="red-download"><a href="a.pdf">A (PDF)</a></p>'
               '<p class="red-download"><a href="a.docx">B (DOCX)</a> <a href="a.odt">C (ODT)</a></p>')
    html = guide_group(buttons, ["PDF", "DOCX", "ODT"], '<p class="red-licence-note">N</p>', "sv", False)
    assert html.startswith('<details class="red-download red-downloads" data-search-exclude>')
    assert f"<summary class=\"md-button md-button--primary\">{t('pdf_download_guide', 'sv')} (PDF, DOCX, ODT)" in html
    assert f'<div class="red-downloads__formats">{buttons}</div><p class="red-licence-note">N</p></details>' in html
    fallback = guide_group('<a href="a.pdf">A (PDF)</a>', ["PDF"], "", "ru", True)
    assert f"{t('pdf_download_guide_english', 'ru')} (PDF)</summary>" in fallback


@pytest.mark.parametrize("lang", MODEL.codes)
def test_a_method_page_shows_its_first_paragraph_before_the_downloads_and_the_facts(built_site, lang):
    pages = typed_pages("method", lang)
    assert len(pages) >= 15
    for page_file, _ in pages:
        slug = page_file.rel.rsplit("/", 1)[-1].removesuffix(".md")
        html = article((built_site.site / prefix(lang) / "methods" / slug / "index.html").read_text("utf-8"))
        marks = ('<h1 id="red-title">', '<p class="red-origin"', LEAD, '<details class="red-download red-downloads"',
                 '<section class="red-facts"', "<h2 id=")
        order = [re.search(mark, html).start() for mark in marks]
        assert order == sorted(order), (lang, slug, order)
        lead = html[order[2]:html.index("</p>", order[2]) + 4]
        body = read_page(page_file).body  # typed_pages may hold front matter only (pages.drop_bodies)
        first_words = text_of(next(block for block in body.split("\n\n") if block.strip()))[:20]
        assert first_words.split()[0] in text_of(lead), (lang, slug, lead[:80])  # the page's own first paragraph
        group = html[order[3]:html.index("</details>", order[3])]
        # the PDF, then the guide's and the worksheet's editable formats
        assert group.count('<a class="md-button') == 1 + 2 * len(office.KINDS) and "red-licence-note" in group, slug


@pytest.mark.parametrize("lang", MODEL.codes)
def test_every_date_says_what_it_means_and_a_change_is_proposed_in_words(built_site, lang):
    assert t("last_reviewed", lang) != t("last_updated", lang)
    for rel in [page.rel for page in list_pages(lang)]:
        built = built_site.site / prefix(lang) / rel.removesuffix(".md").removesuffix("index").strip("/")
        html = (built / "index.html").read_text("utf-8") if built.is_dir() else None
        if html is None:
            continue
        body = article(html)
        assert "md-content__button" not in html, rel  # no pencil icon beside the title
        updated = body.index(f'<p class="red-last-updated"><small>{t("last_updated", lang)} <time')
        suggest = re.search(r'<p class="red-suggest-change red-no-print"><a href="(https://[^"]+/edit/main/'
                            r'[^"]+\.md)" rel="edit">([^<]+)</a>', body)
        assert suggest and suggest.start() > updated, rel
        assert suggest.group(2) == t("suggest_change", lang) and "GitHub" in suggest.group(2)
        if read_page(next(page for page in list_pages(lang) if page.rel == rel)).meta.get("type"):
            facts = body[body.index('<section class="red-facts"'):]
            assert f"<dt>{t('last_reviewed', lang)}</dt>" in facts, rel


def test_each_language_has_a_short_header_name_no_longer_than_its_site_name():
    for language in MODEL.languages:
        assert language.header_name and len(language.header_name) <= len(language.site_name), language.code


@pytest.mark.parametrize("lang", MODEL.codes)
def test_the_header_carries_the_short_name_beside_the_full_one(built_site, lang):
    html = (built_site.site / prefix(lang) / "methods" / "index.html").read_text("utf-8")
    header = html[html.index('<header class="md-header'):html.index("</header>")]
    language = MODEL.language(lang)
    if language.header_name == language.site_name:
        assert "red-site-name" not in header and language.site_name in header
    else:
        assert (f'<span class="red-site-name">{language.site_name}</span>'
                f'<span class="red-site-name red-site-name--short">{language.header_name}</span>') in header


@pytest.mark.parametrize("lang", MODEL.codes)
def test_the_home_page_and_the_catalog_name_the_editable_formats(built_site, lang):
    for page in ("index.html", "methods/index.html"):
        body = article((built_site.site / prefix(lang) / page).read_text("utf-8"))
        prose = text_of(re.sub(r'<(details|div|p) class="red-[^"]*".*?</\1>', " ", body, flags=re.S))
        words = prose.lower()
        assert all(kind in words for kind in ("pdf", "docx", "odt", "word", "opendocument")), (lang, page)


@pytest.mark.parametrize("lang", MODEL.codes)
def test_the_offline_copy_holds_every_page_in_every_language_and_its_own_guides(built_site, lang):
    """What the hint next to the offline link says (ui_strings offline_hint)."""
    site = built_site.site
    with zipfile.ZipFile(site / offline.site_path(lang, DEFAULT)) as archive:
        names = {name.split("/", 2)[2] for name in archive.namelist() if name.count("/") >= 2}
    built_pages = {path.relative_to(site).as_posix() for path in site.rglob("index.html")
                   if "offline" not in path.parts and "404" not in path.name}
    assert built_pages <= names
    own = {path.relative_to(site).as_posix() for path in (site / prefix(lang) / "pdf").glob("*.pdf")}
    assert own and own <= names
    for other in MODEL.codes:
        if other != lang:
            assert not [path for path in (site / prefix(other) / "pdf").glob("red-*.pdf")
                        if path.relative_to(site).as_posix() in names], other
    home = (site / prefix(lang) / "index.html").read_text("utf-8")
    hint = re.search(r'<li class="red-offline-link">.*?<small>([^<]+)</small>', home, re.S)
    assert hint and re.sub(r"[\u00a0\u202f]", " ", unescape(hint.group(1))) == t("offline_hint", lang)  # typography


def test_the_lead_split_agrees_with_the_built_page(built_site):
    """The function the build uses, on a built page: its first paragraph is a paragraph of the page's text."""
    html = article((built_site.site / "sv" / "methods" / "seminars" / "index.html").read_text("utf-8"))
    body = html[html.index("</p>", html.index('<p class="red-origin"')) + 4:]
    lead, rest = reader_html.split_lead(body)
    assert re.match(LEAD, lead) and rest.startswith("<details")
