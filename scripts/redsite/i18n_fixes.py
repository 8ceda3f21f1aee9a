"""Corrections to what mkdocs-static-i18n produces out of the box, as pure functions.

- hreflang alternates: in sitemap.xml only (overrides/sitemap.xml), with an x-default and no
  English fallback claimed as a Swedish or Russian page (head links: redsite.reader_html);
- search: one index per language instead of one mixed index;
- 404: each language keeps its own 404 page, the root one stays English.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

HTML_LANG = re.compile(r'<html[^>]*\blang="([^"]+)"')


def html_language(html: str) -> str | None:
    match = HTML_LANG.search(html)
    return match.group(1) if match else None


def language_of_location(location: str, languages: list[str], default_lang: str) -> tuple[str, str]:
    """Split a search-index location like 'sv/methods/x/' into ('sv', 'methods/x/')."""
    first = PurePosixPath(location.split("#", 1)[0]).parts[:1]
    if first and first[0] in languages and first[0] != default_lang:
        return first[0], location[len(first[0]) + 1:]
    return default_lang, location


def split_search_index(index: dict, languages: list[str], default_lang: str) -> dict[str, dict]:
    """One search index per language, with locations relative to that language's root."""
    per_language = {lang: [] for lang in languages}
    for entry in index.get("docs", []):
        lang, location = language_of_location(entry["location"], languages, default_lang)
        per_language[lang].append({**entry, "location": location})
    config = index.get("config", {})
    return {
        lang: {"config": {**config, "lang": [lang]}, "docs": docs}
        for lang, docs in per_language.items()
    }
