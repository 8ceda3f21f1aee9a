"""The trilingual build: every page in every language, switcher, fallbacks, 404s, hreflang, privacy."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
import yaml

from conftest import REPO
from fixture_site import copy_repo, run_build
from redsite.model import load_model
from redsite.pages import list_pages, published_pages
from redsite.render import t
from redsite.search_index import read_fragments

MODEL = load_model()
DEFAULT = MODEL.default_language.code
ENGLISH_PAGES = [page.rel for page in list_pages(DEFAULT)]


def own_pages(lang: str, root: Path = REPO) -> set[str]:
    """The pages the site publishes in `lang`'s own words (English: all; a translation: neither missing nor
    pending). Every other English page is shown in `lang` as the English fallback with its notice."""
    return {page.rel for page in published_pages(lang, root)}


def output_path(rel: str, lang: str) -> str:
    """Where MkDocs (use_directory_urls) writes a page, relative to the site root."""
    path = PurePosixPath(rel)
    html = path.with_suffix(".html") if path.name == "index.md" else path.with_suffix("") / "index.html"
    prefix = "" if lang == DEFAULT else f"{lang}/"
    return prefix + html.as_posix()


def read(site: Path, rel_html: str) -> str:
    return (site / rel_html).read_text(encoding="utf-8")


class LinkCollector(HTMLParser):
    """Collects (tag, attributes) of the elements a browser would fetch or follow."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    collector = LinkCollector()
    collector.feed(html)
    return collector.elements


def test_every_page_exists_in_every_language_with_its_lang(built_site):
    assert len(ENGLISH_PAGES) >= 10
    for rel in ENGLISH_PAGES:
        for lang in MODEL.codes:
            html = read(built_site.site, output_path(rel, lang))
            assert f'<html lang="{lang}"' in html, (rel, lang)


def test_a_page_is_a_fallback_exactly_where_its_translation_is_missing_or_pending(built_site):
    """Whatever mix of translated, pending and missing pages the content has (a pull request may add an
    English page alone): a translated page is never a fallback, any other one always is, with its notice."""
    for lang in MODEL.translations:
        own = own_pages(lang.code)
        for rel in ENGLISH_PAGES:
            html = read(built_site.site, output_path(rel, lang.code))
            fallback = rel not in own
            assert (t("fallback_notice", lang.code) in html) == fallback, (rel, lang.code)
            logged = f"[{lang.code}] not translated yet, English fallback built with notice: {rel}"
            assert (logged in built_site.log) == fallback, (rel, lang.code)


def test_language_switcher_targets_the_same_page(built_site):
    for rel in ENGLISH_PAGES:
        for lang in MODEL.codes:
            page = output_path(rel, lang)
            page_url = built_site.site_url + page
            site_path = urlsplit(built_site.site_url).path
            links = {
                attrs["hreflang"]: attrs["href"]
                for tag, attrs in elements(read(built_site.site, page))
                if tag == "a" and "md-select__link" in attrs.get("class", "")
            }
            assert set(links) == set(MODEL.codes), (page, links)
            for target_lang, href in links.items():
                target = urlsplit(urljoin(page_url, href)).path.removeprefix(site_path)
                if not target.endswith(".html"):
                    target += "index.html"
                assert target == output_path(rel, target_lang), (page, target_lang, href)


def test_html_lang_switches_for_text_in_another_language(built_site):
    html = read(built_site.site, output_path("glossary.md", "sv"))
    assert '<td lang="ru">' in html and '<td lang="en">' in html


def sitemap_alternates(site, loc: str) -> dict[str, str]:
    """hreflang -> href of the sitemap entry whose <loc> is `loc`."""
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.fromstring(read(site, "sitemap.xml"))
    for url in root.findall("s:url", namespaces):
        if url.findtext("s:loc", namespaces=namespaces) == loc:
            return {link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)}
    return {}


def test_hreflang_alternates_are_absolute_with_x_default_in_the_sitemap_not_the_head(built_site):
    site_url = built_site.site_url
    alternates = sitemap_alternates(built_site.site, site_url + "sv/about/")
    assert set(alternates) == {*MODEL.codes, "x-default"}
    assert alternates["sv"] == site_url + "sv/about/"
    assert alternates["x-default"] == alternates["en"] == site_url + "about/"
    # Material's language selector fetches sitemap.xml relative to every <link rel=alternate>
    # in the page: one failed request per link. The sitemap carries them instead.
    html = read(built_site.site, output_path("about.md", "sv"))
    assert not re.search(r'<link rel="alternate"[^>]*hreflang', html)


def test_sitemap_lists_every_real_page_with_alternates(built_site):
    """Each page in each language it is written in; a fallback is not claimed as a translation."""
    sitemap = read(built_site.site, "sitemap.xml")
    assert sitemap.count("<url>") == sum(len(own_pages(lang)) for lang in MODEL.codes)
    assert 'hreflang="x-default"' in sitemap


def test_root_404_is_english_and_each_language_has_its_own(built_site):
    for lang in MODEL.codes:
        html = read(built_site.site, "404.html" if lang == DEFAULT else f"{lang}/404.html")
        assert f'<html lang="{lang}"' in html
        assert t("not_found_title", lang) in html


CSS_URL = re.compile(r"""url\(\s*["']?(?:https?:)?//""", re.I)
FETCHED_LINK_RELS = {"stylesheet", "preconnect", "preload", "prefetch", "dns-prefetch", "icon", "modulepreload",
                     "manifest"}
FETCHING_TAGS = {"script", "img", "iframe", "audio", "video", "source", "embed", "object"}


def test_no_page_fetches_from_a_third_party_host(built_site):
    checked = 0
    for path in built_site.site.rglob("*"):
        if path.suffix == ".html":
            for tag, attrs in elements(path.read_text(encoding="utf-8")):
                rels = set((attrs.get("rel") or "").split())
                fetched = (tag in FETCHING_TAGS and attrs.get("src")) or (
                    tag == "link" and FETCHED_LINK_RELS & rels and attrs.get("href"))
                if fetched:
                    assert not re.match(r"(?:https?:)?//", fetched), (path, tag, fetched)
            checked += 1
        elif path.suffix == ".css":
            assert not CSS_URL.search(path.read_text(encoding="utf-8")), path
    assert checked > 30
    assert "fonts.googleapis.com" not in read(built_site.site, "index.html")


def test_fonts_are_self_hosted_and_cover_swedish_and_cyrillic(built_site):
    css = read(built_site.site, "assets/stylesheets/fonts.css")
    for subset in ("latin", "latin-ext", "cyrillic"):
        font = f"noto-sans-{subset}-400-normal.woff2"
        assert font in css
        assert (built_site.site / "assets/fonts" / font).stat().st_size > 5000
    assert (REPO / "docs/assets/fonts/OFL-LICENSE.txt").exists()


def test_footer_links_accessibility_and_privacy_in_the_readers_language(built_site):
    for lang in MODEL.codes:
        html = read(built_site.site, output_path("methods/forum-building.md", lang))
        footer = html[html.index('<footer class="md-footer">'):]
        assert t("accessibility", lang) in footer and t("privacy", lang) in footer
        # relative to <lang>/methods/forum-building/, so it stays inside the reader's language
        assert 'href="../../accessibility/"' in footer and 'href="../../privacy/"' in footer


def test_site_name_and_interface_are_in_the_page_language(built_site):
    for lang in MODEL.codes:
        html = read(built_site.site, output_path("index.md", lang))
        assert MODEL.language(lang).site_name in html
    swedish = read(built_site.site, output_path("about.md", "sv"))
    assert '<span class="red-search__label">Sök</span>' in swedish  # the search button, Material's own string
    russian = read(built_site.site, output_path("about.md", "ru"))
    assert '<span class="red-search__label">Поиск</span>' in russian


def test_nav_titles_are_translated(built_site):
    swedish = read(built_site.site, output_path("index.md", "sv"))
    assert "Metoder" in swedish
    assert "Методы" in read(built_site.site, output_path("index.md", "ru"))


def test_mkdocs_languages_match_the_content_model():
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    configured = [(lang["locale"], lang["name"], lang["site_name"], lang.get("default") == "true")
                  for lang in i18n["languages"]]
    expected = [(lang.code, lang.name, lang.site_name, lang.default) for lang in MODEL.languages]
    assert configured == expected


def test_symlinked_language_trees_are_committed_as_symlinks():
    for lang in MODEL.translations:
        link = REPO / "docs" / lang.code
        assert link.is_symlink() and link.resolve() == (REPO / lang.tree).resolve()


# --- builds of broken copies -------------------------------------------------------------

@pytest.fixture(scope="module")
def fallback_build(tmp_path_factory, site_address):
    """A copy of the site in which one Swedish page is missing and a Russian page carries an attack."""
    repo = copy_repo(tmp_path_factory.mktemp("fallback") / "repo")
    (repo / "docs_sv" / "about.md").unlink()
    with (repo / "docs_ru" / "about.md").open("a", encoding="utf-8") as page:
        page.write(INJECTION)
    build = run_build(repo, repo / "site", {"RED_SKIP_PDF": "1"}, site_url=site_address)
    assert build.returncode == 0, build.log
    return build


INJECTION = """

<script>alert("injected")</script>
<img src="x.png" alt="x" onerror="alert('injected')">
[click me](javascript:alert('injected'))
<iframe src="../index.html"></iframe>
<p style="color: red" onmouseover="alert('injected')">styled</p>

## Heading <script>alert("heading")</script>
"""


def test_contributed_markdown_cannot_inject_scripts(fallback_build):
    html = read(fallback_build.site, output_path("about.md", "ru"))
    article = html[html.index("<article"):html.index("</article>")]
    assert "styled" in article and "click me" in article
    for attack in ("<script", "onerror", "javascript:", "<iframe", "onmouseover", "color: red"):
        assert attack not in article, attack
    for attack in ("<script>alert", "onerror=", "javascript:", "onmouseover="):
        assert attack not in html, attack  # nor in the table of contents, the nav or the head


def test_missing_translation_shows_notice_in_the_readers_language(fallback_build):
    html = read(fallback_build.site, output_path("about.md", "sv"))
    assert '<html lang="sv"' in html
    assert t("fallback_notice", "sv") in html
    assert '<div lang="en">' in html


def test_missing_translation_is_listed_in_the_build_log(fallback_build):
    assert "[sv] not translated yet, English fallback built with notice: about.md" in fallback_build.log
    repo = fallback_build.site.parent
    assert "about.md" in own_pages("ru", repo)
    logged = {line.rsplit(": ", 1)[1] for line in fallback_build.log.splitlines() if "[ru] not translated yet" in line}
    assert logged == set(ENGLISH_PAGES) - own_pages("ru", repo)  # the real content's own, if any


def test_fallback_is_searched_once_in_english_and_never_in_the_swedish_index(fallback_build):
    fragments = read_fragments(fallback_build.site / "pagefind")
    indexed = {lang: [fragment["url"] for fragment in pages] for lang, pages in fragments.items()}
    assert "/sv/about/" not in indexed["sv"] and "/sv/methods/seminars/" in indexed["sv"]
    assert indexed["en"].count("/about/") == 1 and not [url for url in indexed["en"] if url.startswith("/sv/")]


def test_the_language_menu_of_a_missing_translation_leads_to_the_fallback_that_exists(fallback_build):
    """Real links (a new tab, a copied address), not Material's script: every language's version of the page that
    is missing in Swedish links the English fallback built at the Swedish address, and it links back."""
    site_path = urlsplit(fallback_build.site_url).path
    for lang in MODEL.codes:
        page = output_path("about.md", lang)
        links = {attrs["hreflang"]: attrs["href"] for tag, attrs in elements(read(fallback_build.site, page))
                 if tag == "a" and "md-select__link" in attrs.get("class", "")}
        assert set(links) == set(MODEL.codes), (page, links)
        for target_lang, href in links.items():
            target = urlsplit(urljoin(fallback_build.site_url + page, href)).path.removeprefix(site_path)
            target = target + "index.html" if not target.endswith(".html") else target
            assert target == output_path("about.md", target_lang), (page, target_lang, href)
            assert (fallback_build.site / target).is_file()
    assert t("fallback_notice", "sv") in read(fallback_build.site, output_path("about.md", "sv"))


def test_fallback_is_not_claimed_as_swedish(fallback_build):
    sitemap = read(fallback_build.site, "sitemap.xml")
    assert "/sv/about/</loc>" not in sitemap
    assert "/ru/about/</loc>" in sitemap
    hreflangs = sitemap_alternates(fallback_build.site, fallback_build.site_url + "about/")
    assert "sv" not in hreflangs and "ru" in hreflangs


@pytest.mark.parametrize(
    ("front_matter", "line", "message"),
    [
        ("type: method\ntitle: [unclosed\n", 3, "not valid YAML"),
        ("type: recipe\ntitle: X\n", 2, "unknown content type 'recipe'"),
        ("type: method\ntitle: X\nsummary: S.\nwork_package: b\n", 5, "field 'work_package' must be a list"),
        ("type: method\ntitle: X\n", 1, "missing required field 'summary'"),
        ("type: method\ntitle: <script>alert(1)</script>\n", 3, "field 'title' contains HTML markup"),
    ],
)
def test_broken_front_matter_fails_the_build_with_file_and_line(repo_copy, site_address, front_matter, line, message):
    page = repo_copy / "docs_sv" / "methods" / "forum-building.md"
    page.write_text(f"---\n{front_matter}---\n\nText.\n", encoding="utf-8")
    build = run_build(repo_copy, repo_copy / "site", {"RED_SKIP_PDF": "1"}, site_url=site_address)
    assert build.returncode != 0
    assert f"docs_sv/methods/forum-building.md:{line}: " in build.log
    assert message in build.log
    assert "how to fix:" in build.log
    assert "Traceback" not in build.log
