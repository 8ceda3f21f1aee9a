"""Site search with Pagefind: what a page offers the index, and building the index.

Pagefind indexes each page as the build writes it (redsite.pagefind_service) and writes
its bundle to `/pagefind/` once every language is built. It keeps one index per language, chosen by each page's
`<html lang>`, and stems Swedish and Russian words.

What is indexed is decided here, not in the templates:
- only the article, wrapped in `data-pagefind-body` by `mark_for_search`; the
  header, nav, footer and "edit this page" stay outside it;
- never the notices and download buttons inside it (`EXCLUDED_SELECTORS`);
- never the guidance for contributors on a catalog page: the sections after the
  catalog ("How to add a method", ...);
- an English fallback page in the Swedish or Russian tree is not indexed there:
  its text is the English page's, which the English index already holds at its
  own address. So a Swedish search returns only Swedish pages, and the English
  text is found once, in English.

Filters (content type, work package, themes, regions, and any other field whose
values come from a vocabulary) carry the content model's labels in the page's
language, so each language's index has its own filter names and values.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import cbor2
from markupsafe import Markup

from redsite import search_relevance
from redsite.model import ContentModel
from redsite.render import fragment, t

BUNDLE_DIR = "pagefind"
ENTRY_FILE = "pagefind-entry.json"  # the bundle's list of languages (Pagefind's name)
# Inside the article but not content: notices about the page, PDF buttons, heading anchors,
# the catalog filter form. `data-search-exclude` is how the build marks what search must skip.
EXCLUDED_SELECTORS = (
    ".red-notice", ".red-download", "[data-search-exclude]", ".headerlink", ".red-filter",
)
# Pagefind writes every UI it has; the site uses the component UI only (assets/javascripts/search.js).
UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                       "pagefind-highlight.js")
TYPE_FILTER_KEY = "search_filter_type"
BLOCK_BOUNDARY = re.compile(r"(</(?:dt|dd|td|th|li)>)")
LIST_TAG = re.compile(r"<(/?)ul\b[^>]*>")
CATALOG = re.compile(r'<ul class="red-catalog"[^>]*\bdata-red-catalog>')  # as render.catalog writes it


def type_label(content_type: str, lang: str) -> str:
    return t(f"content_type_{content_type}", lang)


def vocabulary_fields(model: ContentModel, content_type: str | None = None) -> list[tuple[str, str]]:
    """(field, vocabulary) for every field whose values come from a vocabulary, in the model's order."""
    fields = model.fields_of(content_type) if model.type_named(content_type) else model.common_fields
    return [(spec.name, spec.parsed.vocabulary) for spec in fields
            if spec.parsed.kind == "enum" and spec.parsed.vocabulary in model.vocabularies]


def filter_names(lang: str, model: ContentModel) -> list[str]:
    """The filter names a reader sees in `lang`, in display order (content type first)."""
    names = [t(TYPE_FILTER_KEY, lang)]
    seen = set()
    for content_type in [None, *model.content_types]:
        for field_name, _ in vocabulary_fields(model, content_type):
            if field_name not in seen:
                seen.add(field_name)
                names.append(t(f"field_{field_name}", lang))
    return names


def page_filters(meta: dict, lang: str, model: ContentModel) -> list[tuple[str, str]]:
    """(filter name, value label) pairs of one page, in the page's language."""
    content_type = meta.get("type")
    if model.type_named(content_type) is None:
        return []
    pairs = [(t(TYPE_FILTER_KEY, lang), type_label(content_type, lang))]
    for field_name, vocabulary in vocabulary_fields(model, content_type):
        value = meta.get(field_name)
        keys = value if isinstance(value, list) else [value] if value else []
        name = t(f"field_{field_name}", lang)
        # a region within another is found by a filter of either (content model: part_of)
        keys = model.related_keys(vocabulary, [key for key in keys if key in model.vocabularies[vocabulary]])
        pairs += [(name, model.label(vocabulary, key, lang)) for key in keys]
    return pairs


def separate_cells(html: str) -> str:
    """A space after each list, definition and table cell, so that their words never run together."""
    return BLOCK_BOUNDARY.sub(r"\1 ", html)


def _end_of_list(html: str, start: int) -> int:
    """Where the <ul> that opens at `start` closes: catalog entries hold lists and h2 titles of their own."""
    depth = 0
    for tag in LIST_TAG.finditer(html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return len(html)


def split_off_contributor_guidance(html: str) -> tuple[str, str]:
    """(content, guidance): on a catalog page, the sections after the catalog are guidance on adding
    pages, not content; elsewhere the guidance is ''."""
    catalog = CATALOG.search(html)
    guidance = html.find("<h2", _end_of_list(html, catalog.start())) if catalog else -1
    if guidance < 0:
        return html, ""
    return html[:guidance], html[guidance:]


def mark_for_search(content: str, meta: dict, lang: str, model: ContentModel, *, fallback: bool,
                    rel: str = "", markdown: str = "", title: str = "") -> str:
    """The article HTML as the index should see it: the body marker, the page's filters and search keywords,
    separated cells, the weights of redsite.search_relevance (`rel`: the page's path in its tree;
    `markdown`: its body, for the glossary terms it uses; `title`: its title, for a query that is the title).

    A fallback page, or a page the content model keeps out of the search, is returned unmarked: once
    any page carries `data-pagefind-body`, Pagefind skips the pages that do not. `content` is the
    build's own (sanitized) HTML.
    """
    weight = search_relevance.page_weight(rel, meta, model)
    if fallback or weight is None:
        return content
    article, guidance = split_off_contributor_guidance(separate_cells(content))
    return fragment("search_body.html", article=Markup(search_relevance.weigh_article(article, weight)),
                    guidance=Markup(guidance), weight=search_relevance.format_weight(weight) if weight != 1 else "",
                    filters=page_filters(meta, lang, model), keywords_meta=search_relevance.KEYWORDS_META,
                    title_filter=search_relevance.TITLE_FILTER, title_key=search_relevance.title_key(title),
                    keywords=", ".join(search_relevance.search_keywords(meta, markdown, lang, model)))


def template_context(lang: str, model: ContentModel) -> dict:
    """What the search partial (overrides/partials/red-search.html) needs: the filter names, the bundle path,
    the options Pagefind searches with in `lang` (redsite.search_relevance)."""
    return {"filters": filter_names(lang, model), "bundle": f"{BUNDLE_DIR}/",
            "options": search_relevance.browser_options(lang, model)}


LUNR_ASSETS = re.compile(r"assets/javascripts/(?:lunr/|workers/search\.)")


def without_lunr(files):
    """MkDocs `Files` minus Material's lunr search (stemmers, worker), which the theme copies in regardless."""
    for file in [f for f in files if LUNR_ASSETS.match(f.src_uri)]:
        files.remove(file)
    return files


FRAGMENT_HEADER = b"pagefind_dcd"


def read_fragments(bundle: Path) -> dict[str, list[dict]]:
    """The indexed pages of a built bundle by language: Pagefind's fragments (url, content, filters, anchors)."""
    fragments: dict[str, list[dict]] = {}
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        fragments.setdefault(path.name.split("_", 1)[0], []).append(
            json.loads(data.removeprefix(FRAGMENT_HEADER)))
    return fragments


def bundle_bytes_per_language(bundle: Path) -> dict[str, int]:
    """Bytes on disk of each language's index: word index, fragments, filters, metadata and its wasm."""
    sizes: dict[str, int] = {}
    for path in bundle.rglob("*"):
        match = re.match(r"(?:pagefind\.|wasm\.)?([a-z]{2,3}(?:-[a-z]+)?)[_.]", path.name)
        if path.is_file() and path.parent.name in ("index", "fragment", "filter", bundle.name) and match \
                and not path.name.startswith("pagefind-"):
            sizes[match.group(1)] = sizes.get(match.group(1), 0) + path.stat().st_size
    return sizes


@dataclass
class IndexResult:
    seconds: float
    summary: str  # Pagefind's own count of languages, pages and words


class SearchIndexError(Exception):
    pass


def pagefind_command(site_dir: Path) -> list[str]:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE_DIR]
    for selector in EXCLUDED_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def read_bundle_file(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(FRAGMENT_HEADER):
        raise SearchIndexError(f"{path}: no {FRAGMENT_HEADER.decode()} header: has Pagefind's file format changed?")
    return cbor2.loads(data[len(FRAGMENT_HEADER):])


def _write_bundle_file(folder: Path, prefix: str, language: str, length: int, value, taken: set[str]) -> str:
    """Write `value` as Pagefind does (CBOR behind its header, gzipped), named by the SHA-1 of the CBOR,
    as Pagefind names it; returns the name (`en_3abf81f`) without the prefix and suffix."""
    body = cbor2.dumps(value)
    digest = hashlib.sha1(body).hexdigest()
    name = f"{language}_{digest[:length]}"
    while name in taken and length < len(digest):  # Pagefind's own answer to a short-hash collision
        length += 1
        name = f"{language}_{digest[:length]}"
    taken.add(name)
    suffix = ".pf_meta" if prefix else ".pf_filter"
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzip.compress(FRAGMENT_HEADER + body, mtime=0))
    return name


def sort_filters(bundle: Path) -> dict:
    """Pagefind 1.5 writes each filter's values, and the list of filters in a language's metadata, in
    hash-map order, which changes from run to run (its source says so: "TODO: Change filter indexes to
    BTree to give them a stable hash"). So the filter files, the metadata file and the entry file got
    new names in every build. Sort both, and name the files as Pagefind names them (SHA-1 of the
    content): two builds of one commit give the same bundle, and a file changes name only if it changes.
    The page numbers inside are Pagefind's own and untouched. The entry file is written with its keys
    sorted too (Pagefind lists the languages in hash-map order); returns it."""
    entry_file = bundle / ENTRY_FILE
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    taken: set[str] = set()
    for language, details in entry["languages"].items():
        meta_file = bundle / f"pagefind.{details['hash']}.pf_meta"
        meta = read_bundle_file(meta_file)
        filters = []
        for filter_name, filter_hash in meta[3]:  # MetaIndex: version, pages, index chunks, filters, ...
            filter_file = bundle / "filter" / f"{filter_hash}.pf_filter"
            name, values = read_bundle_file(filter_file)  # FilterIndex: name, [[value, pages], ...]
            filter_file.unlink()
            values.sort(key=lambda value: value[0])
            filters.append([filter_name, _write_bundle_file(bundle / "filter", "", language, 7,
                                                            [name, values], taken)])
        meta[3] = sorted(filters)
        meta_file.unlink()
        details["hash"] = _write_bundle_file(bundle, "pagefind.", language, 10, meta, taken)
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                          encoding="utf-8")
    return entry


def finish_bundle(bundle: Path) -> str:
    """What the site publishes of Pagefind's bundle: the component UI only, filters sorted (a reproducible
    bundle); returns Pagefind's count of languages and pages."""
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
    languages = sort_filters(bundle)["languages"]
    pages = sum(details["page_count"] for details in languages.values())
    return f"{len(languages)} languages, {pages} pages"


def index_finished_site(site_dir: Path) -> IndexResult:
    """Index a finished site with Pagefind's command line into `<site_dir>/pagefind/`, replacing any previous
    bundle. The build no longer does this (redsite.pagefind_service indexes each page as it is written); it is
    the reference the build's index is tested against, and indexes a site outside the build."""
    shutil.rmtree(site_dir / BUNDLE_DIR, ignore_errors=True)
    started = time.perf_counter()
    try:
        result = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired as error:
        raise SearchIndexError("Pagefind did not finish indexing within 10 minutes.") from error
    output = result.stdout + result.stderr
    if result.returncode != 0 or "Error" in output:
        hint = ("how to fix: run `make .venv/.requirements-installed` (it installs pagefind from requirements.txt)"
                if "No module named" in output else "how to fix: read Pagefind's message above")
        raise SearchIndexError(f"Pagefind could not index {site_dir}:\n{output.strip()}\n{hint}")
    summary = finish_bundle(site_dir / BUNDLE_DIR)
    return IndexResult(time.perf_counter() - started, summary)
