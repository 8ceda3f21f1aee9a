"""The offline copies: each language's zip, unzipped and browsed over file:// in Debian's Chromium."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

from redsite.downloads import offline
from redsite.model import load_model
from redsite.render import format_size, t
from redsite.site_files import NotASiteFile

MODEL = load_model()
DEFAULT = MODEL.default_language.code
LANGS = list(MODEL.codes)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def test_references_resolve_from_the_file_that_holds_them():
    assert offline.resolve("sv/methods/x/index.html", "../../../assets/a.css") == ("assets/a.css", "")
    assert offline.resolve("sv/index.html", "methods/#top") == ("sv/methods", "#top")
    assert offline.resolve("index.html", "https://example.org/") is None
    assert offline.resolve("index.html", "#main") is None
    with pytest.raises(NotASiteFile):  # never outside the site (more routes: test_site_files.py)
        offline.resolve("index.html", "../../etc/passwd")




def test_the_copy_takes_every_languages_pages_but_only_its_own_languages_downloads(tmp_path):
    """A tiny built site: each home page links to the others, to its own guide and to a shared stylesheet; the
    Swedish page also links to the English guide (as a page missing in Swedish does)."""
    pages = {
        "index.html": '<link href="assets/x.css" rel="stylesheet"><a href="sv/">sv</a><a href="ru/">ru</a>'
                      '<a href="pdf/guide-en.pdf">PDF</a>',
        "sv/index.html": '<link href="../assets/x.css" rel="stylesheet"><a href="../">en</a><a href="../ru/">ru</a>'
                         '<a href="pdf/guide-sv.pdf">PDF</a><a href="../pdf/fallback-en.pdf">PDF (en)</a>',
        "ru/index.html": '<link href="../assets/x.css" rel="stylesheet"><a href="../">en</a><a href="../sv/">sv</a>'
                         '<a href="pdf/guide-ru.pdf">PDF</a><a href="data/list.json">JSON</a>',
    }
    files = {"assets/x.css": "a { color: red }", "pdf/guide-en.pdf": "%PDF", "sv/pdf/guide-sv.pdf": "%PDF",
             "pdf/fallback-en.pdf": "%PDF", "ru/pdf/guide-ru.pdf": "%PDF", "ru/data/list.json": "[]"}
    for path, text in {**pages, **files}.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    package = offline.collect(tmp_path, "sv", MODEL)
    assert package.pages == set(pages)  # the language menu works on disk
    assert package.files == set(pages) | {"assets/x.css", "sv/pdf/guide-sv.pdf", "pdf/fallback-en.pdf"}
    english = offline.collect(tmp_path, "en", MODEL)
    assert english.files == set(pages) | {"assets/x.css", "pdf/guide-en.pdf"}  # a file no English page offers


def unzip(site: Path, lang: str, target: Path) -> Path:
    archive = site / offline.site_path(lang, DEFAULT)
    assert archive.is_file(), archive
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        assert all(not name.startswith("/") and ".." not in name.split("/") for name in names)
        opened.extractall(target)
    return target / f"red-knowledge-{lang}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_and_the_methods_catalog_offer_the_zip_with_its_size(built_site, lang):
    prefix = "" if lang == DEFAULT else f"{lang}/"
    archive = built_site.site / offline.site_path(lang, DEFAULT)
    size = format_size(archive.stat().st_size, lang)
    for page in (f"{prefix}index.html", f"{prefix}methods/index.html"):
        html = (built_site.site / page).read_text(encoding="utf-8")
        link = re.search(r'<li class="red-offline-link"><a href="([^"]+)" type="application/zip" download>([^<]+)</a>',
                         html)
        assert link, page
        assert ((built_site.site / page).parent / link.group(1)).resolve() == archive.resolve()
        assert link.group(2) == f"{t('offline_download', lang)} (ZIP, {size})"


@pytest.mark.parametrize("lang", LANGS)
def test_the_offline_copy_works_from_disk_and_never_leaves_it(built_site, browser, tmp_path, lang):
    root = unzip(built_site.site, lang, tmp_path)
    home = (root / "index.html").resolve().as_uri()
    context = browser.new_context()
    requests: list[str] = []
    failed: list[tuple[str, str]] = []
    context.on("request", lambda request: requests.append(request.url))
    context.on("requestfailed", lambda request: failed.append((request.url, request.failure or "")))
    page = context.new_page()
    language_home = root / offline.SITE_FOLDER / ("index.html" if lang == DEFAULT else f"{lang}/index.html")
    page.goto(home, wait_until="commit")  # a translation's index.html forwards to its home page
    page.wait_for_url(language_home.resolve().as_uri())
    page.wait_for_load_state("load")
    start = page.url
    to_visit, visited, downloads, languages = [start], set(), set(), set()
    while to_visit:
        url = to_visit.pop()
        if url in visited:
            continue
        visited.add(url)
        page.goto(url)
        page.wait_for_load_state("load")
        languages.add(page.evaluate("document.documentElement.lang"))
        for href in page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)"):
            target, _ = urldefrag(href)
            if not target.startswith("file:"):
                continue  # a link to the web (sources, other languages): shown, never loaded here
            local = Path(urlsplit(target).path)
            assert local.is_file(), (url, href)  # every link inside the copy leads to a file
            assert local.resolve().is_relative_to(root.resolve()), (url, href)
            if local.suffix == ".html":
                to_visit.append(target)
            else:
                downloads.add(local.suffix)
    context.close()
    assert len(visited) >= 3 * 30 and languages == set(LANGS)  # every language's pages: the language menu works
    assert {".pdf", ".docx", ".odt"} <= downloads
    leaving = [url for url in requests if not url.startswith(LOCAL_SCHEMES)]
    assert not leaving, leaving[:10]
    # Material's search script asks for search/search_index.js when opened from file://; the copy has no
    # search (it needs the online site, as the note says), so that one request fails, on the disk.
    missing = [url for url in requests if url.startswith("file:") and "/search/" not in url
               and not Path(unquote(urlsplit(url).path)).is_file()]
    assert not missing, missing[:10]
    # A load cut short by the next navigation (a favicon, say) is aborted, not broken.
    broken = [(url, reason) for url, reason in failed if "/search/" not in url and reason != "net::ERR_ABORTED"]
    assert not broken, broken[:10]


def test_the_copy_says_search_needs_the_web_and_keeps_its_fonts_and_icon(built_site, browser, tmp_path):
    lang = "sv"
    root = unzip(built_site.site, lang, tmp_path)
    page = browser.new_page()
    page.goto((root / offline.SITE_FOLDER / lang / "methods" / "forum-building" / "index.html").resolve().as_uri())
    page.wait_for_load_state("load")
    note = page.locator(".red-offline-note")
    assert t("offline_search_note", lang) in note.inner_text()
    assert not page.locator(".md-search").is_visible()
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate("[...document.fonts].filter(font => font.status === 'loaded').map(font => font.family)")
    assert any("Noto Sans" in family for family in loaded), loaded  # the self-hosted font, from the zip
    favicon = page.eval_on_selector("link[rel~=icon]", "link => link.href")
    assert favicon.startswith("file:") and Path(urlsplit(favicon).path).is_file()
    page.close()


def test_skipping_says_so_and_writes_nothing(tmp_path):
    report = offline.publish(tmp_path, "https://example.org/red/", skip=True, cache_dir=tmp_path / "cache")
    assert "Offline copies skipped (RED_SKIP_PDF=1 or RED_SKIP_OUTPUTS=1)" in report.messages()[0][1]
    assert not any(tmp_path.iterdir())
