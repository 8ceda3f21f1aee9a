"""The site's search index during the build: one Pagefind service per language (redsite.pagefind_service),
each written when the build moves on to the next language, merged into one bundle at the end."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

from redsite.pagefind_service import PagefindFeed
from redsite.search_index import BUNDLE_DIR, ENTRY_FILE, IndexResult, SearchIndexError, finish_bundle


class SiteIndex:
    """The site's index: one Pagefind service per language of the build, merged into one bundle at the end.

    static-i18n builds one language after another, so when the first page of the next language arrives,
    the previous language's service writes its part of the bundle (while MkDocs renders on) and ends: only
    the last language is written after the build, and each process holds one language's pages, not all
    of them (Pagefind keeps every page in memory until it writes: see redsite/pagefind_service.py)."""

    def __init__(self, exclude_selectors, **feed_options):
        self.exclude_selectors = list(exclude_selectors)
        self.feed_options = feed_options
        self.feeds: dict[str, PagefindFeed] = {}
        self.current: str | None = None
        self.staging = Path(tempfile.mkdtemp(prefix="red-pagefind-"))

    def add(self, language: str, url: str, document: str) -> None:
        """Hand a page of the language being built to its service (started at the language's first page)."""
        if language != self.current:
            if language in self.feeds:
                raise SearchIndexError(f"{url}: a page of {language!r} came after the build had moved on to "
                                       f"{self.current!r} and {language!r}'s index was written.")
            if self.current is not None:
                self.feeds[self.current].request_files(self.staging / self.current)
            self.feeds[language] = PagefindFeed(self.exclude_selectors, **self.feed_options)
            self.current = language
            self.feeds[language].start()
        self.feeds[language].add(url, document)

    def finish(self, bundle: Path) -> int:
        """Every language's part written and merged into `bundle`; the services end. Returns the pages indexed."""
        try:
            if not self.feeds:
                raise SearchIndexError("No page of the build was marked for search (data-pagefind-body): "
                                       "the search would find nothing.")
            indexed = sum(feed.finish(self.staging / language) for language, feed in self.feeds.items())
            merge_bundles([self.staging / language for language in self.feeds], bundle)
            return indexed
        finally:
            self.close()

    def close(self) -> None:
        for feed in self.feeds.values():
            feed.close()
        shutil.rmtree(self.staging, ignore_errors=True)



def merge_bundles(parts: list[Path], bundle: Path) -> None:
    """One bundle from bundles of different languages: each language's files, the shared files (scripts, UI)
    once, and one entry file listing every language. Pagefind names each language's files by language and
    content, so only the shared files meet, and they must be the same (one Pagefind, one configuration)."""
    entry: dict | None = None
    for part in parts:
        part_entry = json.loads((part / ENTRY_FILE).read_text(encoding="utf-8"))
        if entry is None:
            entry = part_entry
        else:
            shared = {key: value for key, value in entry.items() if key != "languages"}
            if shared != {key: value for key, value in part_entry.items() if key != "languages"}:
                raise SearchIndexError(f"{part / ENTRY_FILE}: differs from the other languages' entry beyond its "
                                       f"languages: {part_entry}")
            if clash := sorted(entry["languages"].keys() & part_entry["languages"].keys()):
                raise SearchIndexError(f"Language {clash} was indexed twice (pages of a language built with "
                                       "another?): a page's <html lang> must be the language it is built in.")
            entry["languages"].update(part_entry["languages"])
        for path in sorted(part.rglob("*")):
            target = bundle / path.relative_to(part)
            if path.is_dir() or path.name == ENTRY_FILE:
                continue
            if target.exists():
                if target.read_bytes() != path.read_bytes():
                    raise SearchIndexError(f"Pagefind wrote two different {target.relative_to(bundle)}.")
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, target)
    (bundle / ENTRY_FILE).write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")


def write_bundle(index: SiteIndex | None, site_dir: Path) -> IndexResult:
    """The bundle of every page fed to `index`, in `<site_dir>/pagefind/` (replacing any previous one)."""
    if index is None:
        raise SearchIndexError("No search index was started for this build (the plugin starts one in on_config).")
    bundle = site_dir / BUNDLE_DIR
    shutil.rmtree(bundle, ignore_errors=True)
    started = time.perf_counter()
    index.finish(bundle)
    return IndexResult(time.perf_counter() - started, finish_bundle(bundle))
