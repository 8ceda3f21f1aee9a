"""The Atom feeds: one per language, parsed back with the standard library's XML parser."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest

from conftest import REPO
from fixture_site import run_build
from redsite import feeds, page_info
from redsite.model import load_model
from redsite.pages import typed_pages
from redsite.render import t

MODEL = load_model()
DEFAULT = MODEL.default_language.code
LANGS = list(MODEL.codes)
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_page_urls_follow_the_directory_layout():
    assert feeds.page_url("methods/forum-building.md") == "methods/forum-building/"
    assert feeds.page_url("methods/index.md") == "methods/"
    assert feeds.feed_path("sv", "en") == "sv/feed.xml" and feeds.feed_path("en", "en") == "feed.xml"


def test_published_is_the_first_commit_and_updated_the_last(tmp_path):
    site = tmp_path / "site"
    (site / "methods" / "forum-building").mkdir(parents=True)
    (site / "methods" / "forum-building" / "index.html").write_text("x")
    path = "docs/methods/forum-building.md"
    found = feeds.entries("en", site, "https://example.org/red/", {path: dt.date(2026, 11, 20)},
                          {path: dt.date(2026, 10, 1)}, MODEL)
    assert [(entry.url, entry.published, entry.updated) for entry in found] == [
        ("https://example.org/red/methods/forum-building/", dt.date(2026, 10, 1), dt.date(2026, 11, 20))]


def feed_of(site: Path, lang: str) -> ElementTree.Element:
    return ElementTree.parse(site / feeds.feed_path(lang, DEFAULT)).getroot()


@pytest.mark.parametrize("lang", LANGS)
def test_each_feed_lists_the_languages_pages_with_title_summary_link_and_the_pages_dates(built_site, lang):
    root = feed_of(built_site.site, lang)
    assert root.tag == f"{ATOM}feed" and root.get(XML_LANG) == lang
    expected = {}
    for content_type in feeds.FEED_TYPES:
        for page_file, parsed in typed_pages(content_type, lang):
            expected[feeds.page_url(page_file.rel)] = (parsed.meta["title"], parsed.meta["summary"])
    prefix = "" if lang == DEFAULT else f"{lang}/"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(expected) >= 23
    for entry in entries:
        assert entry.get(XML_LANG) == lang
        link = entry.find(f"{ATOM}link")
        assert link.get("hreflang") == lang and link.get("rel") == "alternate"
        href = link.get("href")
        assert href.startswith(built_site.site_url + prefix), href
        rel = href[len(built_site.site_url + prefix):]
        assert entry.findtext(f"{ATOM}title") == expected[rel][0]
        assert entry.findtext(f"{ATOM}summary") == expected[rel][1]
        page = (built_site.site / prefix / rel / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<html[^>]*lang="' + lang, page)  # the entry leads to a page in the feed's language
        shown = re.search(r'<time datetime="([\d-]+)">', page).group(1)
        assert entry.findtext(f"{ATOM}updated").startswith(shown)  # the date the page shows
        assert entry.findtext(f"{ATOM}published") <= entry.findtext(f"{ATOM}updated")


def test_the_dates_come_from_git():
    committed = page_info.git_dates()
    first = feeds.first_commit_dates()
    path = "docs/methods/forum-building.md"
    assert path in committed and path in first and first[path] <= committed[path]


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_links_its_languages_feed_and_the_home_page_shows_it(built_site, lang):
    prefix = "" if lang == DEFAULT else f"{lang}/"
    feed_file = (built_site.site / feeds.feed_path(lang, DEFAULT)).resolve()
    pages = [path for path in (built_site.site / prefix).rglob("index.html")
             if lang != DEFAULT or not set(path.relative_to(built_site.site).parts) & set(LANGS)]
    assert len(pages) > 30
    for path in pages:
        html = path.read_text(encoding="utf-8")
        # "alternate" makes it discoverable; "feed" keeps Material's language selector from using it
        link = re.search(r'<link rel="alternate feed" type="application/atom\+xml" href="([^"]+)"', html)
        assert link, path
        assert (path.parent / link.group(1)).resolve() == feed_file, path
    home = (built_site.site / prefix / "index.html").read_text(encoding="utf-8")
    visible = re.search(r'<section class="red-outputs".*?<a href="([^"]+)"[^>]*>([^<]+)</a>', home, flags=re.S)
    assert visible and visible.group(2) == t("feed_link", lang)
    assert (built_site.site / prefix / visible.group(1)).resolve() == feed_file


def test_two_builds_give_identical_feeds(built_site, tmp_path):
    again = run_build(REPO, tmp_path / "site", {"RED_SKIP_PDF": "1"}, site_url=built_site.site_url)
    assert again.returncode == 0, again.log
    for lang in LANGS:
        path = feeds.feed_path(lang, DEFAULT)
        assert (again.site / path).read_bytes() == (built_site.site / path).read_bytes(), path
    assert urlsplit(urljoin(built_site.site_url, "feed.xml")).hostname == "127.0.0.1"
