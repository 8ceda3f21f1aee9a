"""Keep contributed Markdown from injecting scripts: the rendered HTML passes an allowlist.

Raw HTML is legal Markdown, so a page could carry <script>, event handlers or
javascript: links. Everything outside the allowlist is dropped; comments stay,
because the build's directives (<!-- red:... -->) are comments, except those that
imitate the build's own markers (<!-- red-pdf-size ... -->, <!-- red-offline-size ... -->):
only the build writes those, after this step.
"""

from __future__ import annotations

import re

import nh3

TAGS = set(nh3.ALLOWED_TAGS) | {"input", "section", "dl", "dt", "dd", "abbr", "figure", "figcaption"}
COMMON = {"class", "id", "lang", "title", "dir", "role", "hidden"}
ATTRIBUTES = {
    "*": COMMON,
    "a": COMMON | {"href", "hreflang", "name"},
    "img": COMMON | {"src", "alt", "width", "height", "loading"},
    "td": COMMON | {"colspan", "rowspan", "style"},
    "th": COMMON | {"colspan", "rowspan", "scope", "style"},
    "ol": COMMON | {"start", "reversed", "type"},
    "details": COMMON | {"open"},
    "input": COMMON | {"type", "checked", "disabled"},
    "time": COMMON | {"datetime"},
    "abbr": COMMON,
}


# Built once: nh3.clean() builds its sanitizer again from these sets on every page.
CLEANER = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    generic_attribute_prefixes={"data-", "aria-"},
    filter_style_properties={"text-align"},
    url_schemes={"http", "https", "mailto"},
    strip_comments=False,
    link_rel=None,
)


COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
BUILD_MARKER = re.compile(r"\s*red-[a-z]", re.IGNORECASE)  # red-pdf-size, red-offline-size, ...; not red:


def _without_markers(match: re.Match) -> str:
    return "" if BUILD_MARKER.match(match.group(1)) else match.group(0)


def sanitize_html(html: str) -> str:
    cleaned = CLEANER.clean(html)
    return COMMENT.sub(_without_markers, cleaned) if "<!--" in cleaned else cleaned
