"""The search index made during the build (redsite.pagefind_service, redsite.search_build): the same index
Pagefind makes of the finished site, and every way its service can fail ends the build with a clear
error, never a hang or a partial index."""

from __future__ import annotations

import hashlib
import re
import shutil
import signal
import stat
import time
from pathlib import Path

import pytest

from fixture_site import run_build
from redsite import pagefind_service, search_build, search_index
from redsite.model import load_model
from redsite.pagefind_service import PagefindFeed, SearchIndexError
from redsite.search_build import SiteIndex

BUNDLE = search_index.BUNDLE_DIR
MODEL = load_model()


def by_url(bundle: Path) -> dict[str, dict[str, dict]]:
    return {lang: {page["url"]: page for page in pages}
            for lang, pages in search_index.read_fragments(bundle).items()}


def site_pages(site: Path) -> list[tuple[str, str, str]]:
    """(language, address, page) of every HTML page of a built site, one language after another, as built."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        parts = path.relative_to(site).parts
        if BUNDLE not in parts:
            language = parts[0] if parts[0] in MODEL.codes else MODEL.default_language.code
            pages.append((language, pagefind_service.url_for("/".join(parts)), path.read_text(encoding="utf-8")))
    return sorted(pages, key=lambda page: page[0] != MODEL.default_language.code)  # stable: en, ru, sv


def feed_pages(pages, **options) -> PagefindFeed:
    """One language's pages fed to one service."""
    feed = PagefindFeed(search_index.EXCLUDED_SELECTORS, **options)
    feed.start()
    for _, url, page in pages:
        if (document := pagefind_service.document_for_index(page)) is not None:
            feed.add(url, document)
    return feed


def index_pages(pages, **options) -> SiteIndex:
    index = SiteIndex(search_index.EXCLUDED_SELECTORS, **options)
    for language, url, page in pages:
        if (document := pagefind_service.document_for_index(page)) is not None:
            index.add(language, url, document)
    return index


def test_the_builds_index_is_pagefinds_own_index_of_the_finished_site(built_site, tmp_path):
    """Every page's indexed fragment (url, text, filters, headings, metadata, language) equals what Pagefind's
    command line makes of the finished site, as the build did before it indexed each page as it was written:
    so fallback and 404 pages, EXCLUDED_SELECTORS and the body marker work as before, although the service
    sees only part of each page."""
    site = tmp_path / "site"
    shutil.copytree(built_site.site, site, ignore=shutil.ignore_patterns(BUNDLE, "pdf", "documents", "*.zip"))
    search_index.index_finished_site(site)
    fed, whole = by_url(built_site.site / BUNDLE), by_url(site / BUNDLE)
    assert sorted(fed) == sorted(whole) and all(len(pages) >= 30 for pages in fed.values())
    for lang in whole:
        assert sorted(fed[lang]) == sorted(whole[lang]), lang
        differing = [url for url in whole[lang] if fed[lang][url] != whole[lang][url]]
        assert not differing, (lang, differing[:5])


def test_what_the_service_is_sent_is_the_page_from_its_search_body_on(built_site):
    page = (built_site.site / "sv" / "methods" / "seminars" / "index.html").read_text(encoding="utf-8")
    document = pagefind_service.document_for_index(page)
    assert document.startswith('<html lang="sv" class="no-js"><head><title>')
    assert document.endswith(page[page.index(pagefind_service.BODY_MARKER):])
    assert 'class="md-nav' not in document and len(document) < len(page)
    fallback = "<html lang='sv'><head><title>T</title></head><body><article><p>English</p></article></body></html>"
    assert pagefind_service.document_for_index(fallback) is None  # no body marker: Pagefind would skip it


def test_addresses_are_pagefinds():
    assert pagefind_service.url_for("index.html") == "/"
    assert pagefind_service.url_for("sv/methods/seminars/index.html") == "/sv/methods/seminars/"
    assert pagefind_service.url_for("ru/404.html") == "/ru/404.html"


def _digests(bundle: Path) -> dict[str, str]:
    return {path.relative_to(bundle).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in bundle.rglob("*") if path.is_file()}


def test_the_same_pages_fed_twice_give_the_same_bundle_written_by_pagefind_or_sent_through_the_pipe(
        built_site, tmp_path):
    """Pagefind writes filters in hash-map order; search_index.finish_bundle sorts them on this path too.
    Where /proc shows when Pagefind's writes are done it writes the bundle; elsewhere it sends it (GetFiles)."""
    pages = site_pages(built_site.site)
    bundles = []
    for run, watch_files in (("a", True), ("b", False)):
        indexed = search_build.write_bundle(index_pages(pages, watch_files=watch_files), tmp_path / run)
        assert indexed.summary == f"3 languages, {sum(map(len, by_url(built_site.site / BUNDLE).values()))} pages"
        bundles.append(_digests(tmp_path / run / BUNDLE))
    assert bundles[0] == bundles[1]
    assert "pagefind-component-ui.js" in bundles[0] and not set(bundles[0]) & set(search_index.UNUSED_BUNDLE_FILES)


# --- failures ------------------------------------------------------------------------------------------------


def script(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "fake-pagefind"
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_a_missing_service_is_a_clear_error(tmp_path, monkeypatch):
    with pytest.raises(SearchIndexError, match=r"could not start.*No such file.*\nHow to fix: run `make "):
        PagefindFeed([], binary=tmp_path / "no-pagefind").start()
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-pagefind"))  # how pagefind's API finds it
    with pytest.raises(SearchIndexError, match="could not start"):
        PagefindFeed([]).start()


def test_a_service_that_never_answers_fails_after_the_silence_not_a_hang(tmp_path):
    started = time.monotonic()
    with pytest.raises(SearchIndexError, match=r"has not answered for 1 s while a new index was due \(hung\?\)"):
        PagefindFeed([], stall_seconds=1, binary=script(tmp_path, "exec cat > /dev/null")).start()
    assert time.monotonic() - started < 10


def test_a_service_that_answers_nonsense_is_a_clear_error(tmp_path):
    with pytest.raises(SearchIndexError, match="not a Pagefind message: b'hello'.*\nPagefind said: trouble"):
        PagefindFeed([], stall_seconds=5, binary=script(tmp_path, "echo trouble >&2; printf hello,; sleep 5")).start()


def test_a_service_that_dies_mid_build_fails_the_build(built_site, tmp_path):
    pages = site_pages(built_site.site)
    feed = feed_pages(pages[:10])
    feed.process.send_signal(signal.SIGKILL)
    with pytest.raises(SearchIndexError, match=r"it ended during the build \(exit status -9\)"):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # the next page handed to it fails, once its end is seen
            feed.add(*pages[10][1:])
            time.sleep(0.05)
    assert feed.process is None
    index = index_pages(pages[:10])
    index.feeds[pages[0][0]].process.send_signal(signal.SIGKILL)
    with pytest.raises(SearchIndexError, match="ended during the build"):
        search_build.write_bundle(index, tmp_path)
    assert not (tmp_path / BUNDLE).exists()  # no partial bundle


def test_a_service_that_hangs_mid_build_is_stopped_and_fails_the_build(built_site, tmp_path):
    pages = site_pages(built_site.site)
    assert PagefindFeed([]).stall_seconds == 120  # as the README says
    index = index_pages(pages[:10], stall_seconds=2)
    process = index.feeds[pages[0][0]].process
    process.send_signal(signal.SIGSTOP)
    try:
        index.add(*pages[10])
        started = time.monotonic()
        with pytest.raises(SearchIndexError, match=r"has not answered for 2 s while the bundle for .* was due"):
            search_build.write_bundle(index, tmp_path)
        assert time.monotonic() - started < 10
        assert process.poll() is not None  # killed, not left behind
    finally:
        if process.poll() is None:
            process.kill()


def test_the_build_fails_with_a_clear_message_when_pagefind_is_missing_or_dies(repo_copy, site_address, tmp_path):
    missing = run_build(repo_copy, tmp_path / "site", {"RED_SKIP_PDF": "1",
                                                        "PAGEFIND_BINARY_PATH": str(tmp_path / "no-pagefind")},
                        site_url=site_address)
    assert missing.returncode != 0
    assert "Pagefind's indexing service" in missing.log and "How to fix" in missing.log
    assert "Traceback" not in missing.log
    real = PagefindFeed._find_binary()
    # the real service, cut off after the first 50 kB it is sent (a few pages), then failing: not a timer,
    # which a quick build (a language takes about a second) could outrun
    dying = script(tmp_path, f"dd bs=1 count=50000 status=none | {real} \"$@\"; exit 3")
    died = run_build(repo_copy, tmp_path / "site2", {"RED_SKIP_PDF": "1", "PAGEFIND_BINARY_PATH": str(dying)},
                     site_url=site_address)
    assert died.returncode != 0
    # cut mid-message, Pagefind may first say so itself; either way the build stops, saying why
    assert re.search(r"Pagefind's indexing service failed: (it ended during the build \(exit status 3\)|"
                     r"it could not read a message: EOF while parsing)", died.log), died.log[-2000:]
    assert "How to fix" in died.log
    assert "Traceback" not in died.log
    assert not (tmp_path / "site2" / BUNDLE).exists()


def test_a_failed_build_ends_its_service():
    from redsite.plugin import search

    indexing = search.SearchIndexing()
    indexing.start(stall_seconds=120)
    indexing.index.add("en", "/", "<html lang='en'><body><div data-pagefind-body><p>Text</p></div></body></html>")
    process, staging = indexing.index.feeds["en"].process, indexing.index.staging
    assert process.poll() is None and staging.is_dir()
    indexing.abandon()
    assert process.poll() is not None and not staging.exists()
    indexing.abandon()  # twice: nothing left to end


def test_a_dirty_build_indexes_the_whole_site_not_only_the_pages_it_rebuilt(repo_copy, site_address, tmp_path):
    site = tmp_path / "site"
    first = run_build(repo_copy, site, {"RED_SKIP_PDF": "1"}, site_url=site_address)
    assert first.returncode == 0, first.log
    everything = by_url(site / BUNDLE)
    (repo_copy / "docs_sv" / "about.md").write_text(
        (repo_copy / "docs_sv" / "about.md").read_text(encoding="utf-8") + "\nRegionalförstoringsglas.\n",
        encoding="utf-8")
    dirty = run_build(repo_copy, site, {"RED_SKIP_PDF": "1"}, site_url=site_address, dirty=True,
                      strict=False)  # --no-strict: MkDocs warns about any --dirty build
    assert dirty.returncode == 0, dirty.log
    assert "Search index (Pagefind, the whole site after a --dirty build)" in dirty.log
    after = by_url(site / BUNDLE)
    assert {lang: sorted(pages) for lang, pages in after.items()} == {
        lang: sorted(pages) for lang, pages in everything.items()}
    assert "Regionalförstoringsglas" in after["sv"]["/sv/about/"]["content"]


def test_each_language_is_written_and_its_service_ended_once_the_build_moves_on(tmp_path):
    """static-i18n builds one language after another: a language's Pagefind process ends (and gives back
    its memory) while the next language is built, not at the end of the build."""
    index = SiteIndex(search_index.EXCLUDED_SELECTORS)
    try:
        for lang, word in (("en", "harbour"), ("sv", "hamnen")):
            index.add(lang, f"/{lang}/a/", f"<html lang='{lang}'><body><div data-pagefind-body><p>{word}</p></div>"
                                           "</body></html>")
        english, swedish = index.feeds["en"].process, index.feeds["sv"].process
        deadline = time.monotonic() + 10
        while english.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert english.poll() == 0 and swedish.poll() is None
        assert (index.staging / "en" / "pagefind-entry.json").exists()
        with pytest.raises(SearchIndexError, match="a page of 'en' came after the build had moved on to 'sv'"):
            index.add("en", "/en/b/", "<html lang='en'><body><div data-pagefind-body><p>late</p></div></body></html>")
        search_build.write_bundle(index, tmp_path)
    finally:
        index.close()
    fragments = by_url(tmp_path / BUNDLE)
    assert {lang: sorted(pages) for lang, pages in fragments.items()} == {"en": ["/en/a/"], "sv": ["/sv/a/"]}
    assert not index.staging.exists()
