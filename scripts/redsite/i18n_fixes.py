"""Corrections to what mkdocs-static-i18n produces out of the box, as pure functions.

- hreflang alternates: absolute URLs, an x-default, and no English fallback
  claimed as a Swedish or Russian page;
- search: one index per language instead of one mixed index;
- 404: each language keeps its own 404 page, the root one stays English.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import PurePosixPath

ALTERNATE_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
HTML_LANG = re.compile(r'<html[^>]*\blang="([^"]+)"')


def absolute_url(site_url: str, url: str) -> str:
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + ("" if url in ("", "./", ".") else url.lstrip("/"))


def hreflang_links(alternates: dict[str, tuple[str, bool]], site_url: str, default_lang: str) -> str:
    """<link rel=alternate> tags: `alternates` maps language -> (page URL, is a real translation)."""
    links = [
        f'<link rel="alternate" hreflang="{lang}" href="{escape(absolute_url(site_url, url))}">'
        for lang, (url, real) in alternates.items()
        if real
    ]
    if default_lang in alternates:
        url = alternates[default_lang][0]
        links.append(f'<link rel="alternate" hreflang="x-default" href="{escape(absolute_url(site_url, url))}">')
    return "\n".join(links)


def replace_alternate_links(html: str, links: str) -> str:
    """Swap Material's relative alternate links for `links` (inserted where the first one stood).

    Only the <head> is searched: the links are there, and the body is most of the page."""
    end = html.find("</head>")
    head, body = (html[:end], html[end:]) if end >= 0 else (html, "")
    match = ALTERNATE_LINK.search(head)
    if not match:
        return head + (links + "\n" if end >= 0 else "") + body
    cleaned = ALTERNATE_LINK.sub("", head)
    return cleaned[: match.start()] + links + "\n" + cleaned[match.start():] + body


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
