"""Site search (Pagefind): what each page gives the index, and the index the real build produces.

The search in a real browser (recall per language, lazy loading, filters, keyboard, CSP) is in
tests/test_search_browser.py.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from mkdocs.structure.files import File, Files

from redsite import search_index, search_relevance
from redsite.model import load_model
from redsite.pages import list_pages, published_pages, typed_pages
from redsite.render import t

MODEL = load_model()
DEFAULT = MODEL.default_language.code
METHOD_META = {"type": "method", "title": "Forum building", "work_package": ["b", "c"],
               "themes": ["networking"], "regions": ["kaliningrad"], "origin": "red", "example": False}


def test_page_filters_carry_the_content_models_labels_in_the_pages_language():
    filters = search_index.page_filters(METHOD_META, "sv", MODEL)
    assert filters == [
        ("Innehållstyp", "Metod"),
        (t("field_work_package", "sv"), MODEL.label("work_packages", "b", "sv")),
        (t("field_work_package", "sv"), MODEL.label("work_packages", "c", "sv")),
        (t("field_themes", "sv"), "Nätverk och arenor"),
        (t("field_regions", "sv"), "Kaliningradregionen"),
        ("Ursprung", "RED:s egen metod"),
    ]
    assert search_index.page_filters({"title": "About"}, "ru", MODEL) == []


def test_filter_names_cover_every_vocabulary_field_in_the_readers_language():
    assert search_index.filter_names("ru", MODEL) == [
        "Тип материала", t("field_work_package", "ru"), t("field_themes", "ru"), t("field_regions", "ru"),
        "Источник метода"]
    for content_type in MODEL.content_types:
        for lang in MODEL.codes:
            assert search_index.type_label(content_type, lang)


def test_an_article_is_marked_for_the_index_with_its_filters_escaped():
    html = search_index.mark_for_search("<h1>T</h1><dl><dt>Teman</dt><dd>Miljö</dd></dl>",
                                        {**METHOD_META, "themes": ["environment"]}, "sv", MODEL, fallback=False)
    assert html.startswith("<div data-pagefind-body><h1>T</h1><dl><dt>Teman</dt> <dd>Miljö</dd> </dl>")
    assert '<div hidden data-pagefind-ignore><span data-pagefind-filter="Innehållstyp">Metod</span>' in html
    escaped = search_index.mark_for_search("<p>x</p>", {**METHOD_META, "work_package": ["c"]}, "en", MODEL,
                                           fallback=False)
    assert "Methods for investments, business and business development, including good governance" in escaped
    assert '<span data-pagefind-filter="Work package">(c)' in escaped
    assert '<span data-pagefind-filter="Origin">RED&#39;s own method</span>' in escaped  # autoescaped


def test_a_fallback_page_is_left_out_of_its_trees_index():
    content = "<h1>About</h1><p>English text</p>"
    assert search_index.mark_for_search(content, METHOD_META, "sv", MODEL, fallback=True) == content


def test_the_guidance_after_a_catalog_is_not_indexed():
    # catalog entries, as render.catalog writes them, have h2 titles and tag lists of their own
    html = ('<p>Intro</p><ul class="red-catalog" data-red-catalog><li><h2>M</h2><ul><li>t</li></ul></li>'
            '<li><h2>N</h2><ul><li>u</li></ul></li></ul>'
            '<h2 id="add">How to add a method</h2><p>Run new_page.py</p>')
    marked = search_index.mark_for_search(html, {"title": "Methods"}, "en", MODEL, fallback=False)
    assert marked == ('<div data-pagefind-body><p data-pagefind-weight="3">Intro</p>'
                      '<ul class="red-catalog" data-pagefind-weight="0.3" data-red-catalog><li><h2>M</h2>'
                      '<ul><li>t</li> </ul></li> <li><h2>N</h2><ul><li>u</li> </ul></li> </ul>'
                      '<div data-pagefind-ignore><h2 id="add">How to add a method</h2>'
                      '<p>Run new_page.py</p></div></div>')
    assert search_index.split_off_contributor_guidance("<h2>A</h2><p>b</p>") == ("<h2>A</h2><p>b</p>", "")


def test_materials_lunr_files_are_dropped_from_the_site(tmp_path):
    def file(path):
        return File(path, str(tmp_path), str(tmp_path / "site"), use_directory_urls=True)
    files = Files([file("assets/javascripts/lunr/min/lunr.sv.min.js"), file("assets/javascripts/workers/search.1.js"),
                   file("assets/javascripts/bundle.js"), file("assets/javascripts/search.js")])
    kept = [f.src_uri for f in search_index.without_lunr(files)]
    assert kept == ["assets/javascripts/bundle.js", "assets/javascripts/search.js"]


def test_indexing_a_site_without_pages_is_a_clear_error(tmp_path):
    with pytest.raises(search_index.SearchIndexError, match="Pagefind could not index"):
        search_index.index_finished_site(tmp_path / "missing")


def test_the_pinned_pagefind_indexes_each_html_lang_separately(tmp_path):
    """Stemming itself is tested by the inflected queries in tests/test_search_browser.py."""
    for lang, text in (("sv", "arbetspaketen"), ("ru", "семинарах")):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "index.html").write_text(
            f'<html lang="{lang}"><body><h1>{text}</h1><p>{text}</p></body></html>', encoding="utf-8")
    search_index.index_finished_site(tmp_path)
    assert sorted(json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())["languages"]) == ["ru", "sv"]
    version = subprocess.run([sys.executable, "-m", "pagefind", "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == "pagefind 1.5.2"


# --- the real site's index ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fragments(built_site):
    return search_index.read_fragments(built_site.site / search_index.BUNDLE_DIR)


def url_prefix(lang: str) -> str:
    return "/" if lang == DEFAULT else f"/{lang}/"


def test_each_language_has_its_own_index_of_its_own_pages(built_site, fragments):
    entry = json.loads((built_site.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == sorted(MODEL.codes)
    for lang in MODEL.codes:
        urls = {fragment["url"] for fragment in fragments[lang]}
        left_out = MODEL.search["not_indexed"]
        assert left_out and set(left_out) <= {page.rel for page in list_pages(DEFAULT)}
        # a language's index holds the pages written in it: a fallback is searched once, in English
        published = {page.rel for page in published_pages(lang)}
        assert entry["languages"][lang]["page_count"] == len(urls) == len(published - set(left_out))
        assert not {url_prefix(lang) + rel.removesuffix(".md") + "/" for rel in left_out} & urls
        others = tuple(f"/{code}/" for code in MODEL.codes if code not in (lang, DEFAULT))
        assert all(url.startswith(url_prefix(lang)) and not url.startswith(others) for url in urls), urls
    assert not any("404" in fragment["url"] for pages in fragments.values() for fragment in pages)


def _bundle_digests(bundle) -> dict[str, str]:
    return {path.relative_to(bundle).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in bundle.rglob("*") if path.is_file()}


def test_indexing_the_real_site_twice_gives_the_same_bundle_with_sorted_filters(built_site, tmp_path):
    """Pagefind 1.5.2 alone writes filter values and filters in hash-map order (new file names each run);
    search_index.sort_filters makes the bundle a function of the pages."""
    site = tmp_path / "site"
    shutil.copytree(built_site.site, site, ignore=shutil.ignore_patterns("pagefind", "pdf", "documents", "*.zip"))
    bundles = []
    for _ in range(2):
        search_index.index_finished_site(site)
        bundles.append(_bundle_digests(site / "pagefind"))
    assert bundles[0] == bundles[1], sorted(set(bundles[0].items()) ^ set(bundles[1].items()))
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    referenced = set()
    for lang, details in entry["languages"].items():
        meta = search_index.read_bundle_file(bundle / f"pagefind.{details['hash']}.pf_meta")
        assert meta[3] == sorted(meta[3]) and len(meta[3]) >= 4, lang
        for filter_name, filter_hash in meta[3]:
            filter_file = bundle / "filter" / f"{filter_hash}.pf_filter"
            name, values = search_index.read_bundle_file(filter_file)
            assert name == filter_name and len(values) >= 2
            assert [value for value, _ in values] == sorted(value for value, _ in values), (lang, name)
            body = gzip.decompress(filter_file.read_bytes()).removeprefix(search_index.FRAGMENT_HEADER)
            assert filter_hash == f"{lang}_{hashlib.sha1(body).hexdigest()[:7]}"  # named by content
            referenced.add(filter_file.name)
    assert referenced == {path.name for path in (bundle / "filter").iterdir()}  # none left behind


def test_the_old_lunr_search_is_gone(built_site):
    site = built_site.site
    assert not list(site.rglob("search_index.json"))
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert not list(site.glob("assets/javascripts/workers/search.*"))
    html = (site / "sv" / "index.html").read_text(encoding="utf-8")
    assert "md-search__input" not in html and 'data-md-component="search"' not in html
    bundle = {path.name for path in (site / "pagefind").iterdir()}
    assert "pagefind-component-ui.js" in bundle and not bundle & set(search_index.UNUSED_BUNDLE_FILES)


def fragment_for(fragments, lang: str, rel_url: str) -> dict:
    return next(f for f in fragments[lang] if f["url"] == url_prefix(lang) + rel_url)


def test_only_the_article_is_indexed_with_cells_and_facts_kept_apart(fragments):
    for lang in MODEL.codes:
        seminars = fragment_for(fragments, lang, "methods/seminars/")
        content = seminars["content"]
        assert f'{t("field_themes", lang)} {MODEL.label("themes", "knowledge-exchange", lang)}' in content
        assert f'{MODEL.label("regions", "kaliningrad", lang)} {t("last_reviewed", lang)}' in content
        assert t("pdf_download_guide", lang) not in content  # the download button
        assert "GitHub" not in content and t("accessibility", lang) not in content  # header, footer
        example = fragment_for(fragments, lang, "workshops/example-forum-building-vision/")["content"]
        assert t("example_notice", lang) not in example
        glossary = fragment_for(fragments, lang, "glossary/")["content"]
        terms = {"en": "study visit", "sv": "studiebesök", "ru": "ознакомительный визит"}
        row = r"[ .]+".join(terms[code] for code in [lang, *(code for code in MODEL.codes if code != lang)])
        assert re.search(row, glossary), glossary[:500]
        catalog = fragment_for(fragments, lang, "methods/")["content"]
        assert "new_page.py" not in catalog  # the guidance for contributors


def test_headings_are_sub_results_and_metadata_gives_filters(fragments):
    for lang in MODEL.codes:
        page = fragment_for(fragments, lang, "methods/seminars/")
        anchors = {anchor["id"]: anchor["text"] for anchor in page["anchors"]}
        assert MODEL.section_title("transferability", lang) in anchors.values()
        for page_file, parsed in typed_pages("method", lang):
            fragment = fragment_for(fragments, lang, page_file.rel.removesuffix(".md") + "/")
            expected = {name: sorted(v for n, v in search_index.page_filters(parsed.meta, lang, MODEL) if n == name)
                        for name, _ in search_index.page_filters(parsed.meta, lang, MODEL)}
            expected[search_relevance.TITLE_FILTER] = [search_relevance.title_key(parsed.meta["title"])]
            assert {name: sorted(values) for name, values in fragment["filters"].items()} == expected


def test_mkdocs_serve_indexes_on_every_rebuild(repo_copy):
    """`make serve` runs `mkdocs serve`: the first build and each rebuild after an edit write a new index."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=repo_copy, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "RED_SKIP_PDF": "1", "SITE_URL": f"http://127.0.0.1:{port}/"})

    def swedish_index(previous: str | None = None) -> str:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json") as response:
                    current = json.loads(response.read())["languages"]["sv"]["hash"]
                if current != previous:
                    return current
            except OSError:
                pass
            time.sleep(0.25)
        raise AssertionError("no new search index was served within 4 minutes")

    try:
        first = swedish_index()
        with (repo_copy / "docs_sv" / "about.md").open("a", encoding="utf-8") as page:
            page.write("\nRegionalförstoringsglas.\n")
        assert swedish_index(first) != first
    finally:
        server.terminate()
        server.wait(timeout=30)
