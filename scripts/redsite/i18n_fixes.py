"""Corrections to what mkdocs-static-i18n produces out of the box, as pure functions.

- hreflang alternates: absolute URLs, an x-default, and no English fallback
  claimed as a Swedish or Russian page;
- 404: each language keeps its own 404 page, the root one stays English.
"""

from __future__ import annotations

import re
from html import escape

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
    """Swap Material's relative alternate links for `links` (inserted where the first one stood)."""
    match = ALTERNATE_LINK.search(html)
    if not match:
        return html.replace("</head>", links + "\n</head>", 1)
    cleaned = ALTERNATE_LINK.sub("", html)
    return cleaned[: match.start()] + links + "\n" + cleaned[match.start():]


def html_language(html: str) -> str | None:
    match = HTML_LANG.search(html)
    return match.group(1) if match else None
