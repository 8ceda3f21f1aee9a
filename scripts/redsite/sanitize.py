"""Keep contributed Markdown from injecting scripts: the rendered HTML passes an allowlist.

Raw HTML is legal Markdown, so a page could carry <script>, event handlers or
javascript: links. Everything outside the allowlist is dropped; comments stay,
because the build's directives (<!-- red:... -->) are comments, except those that
imitate the build's own markers (<!-- red-pdf-size ... -->, <!-- red-offline-size ... -->):
only the build writes those, after this step.

Ids and attributes that belong to the theme, the build or the search (redsite.reserved_names) are refused
before the build by the source policy, with file and line; reserved_attribute_problems finds any that
reached the HTML another way, and the sanitiser drops them all the same, so that even a build that goes on
after the error (`mkdocs serve`) gives them to no element.
"""

from __future__ import annotations

import html
import re

import nh3

from redsite.problems import Problem
from redsite.reserved_names import is_reserved_id, reserved_data_attribute

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
# Text-align is the one inline style contributed tables keep (Markdown writes it for an aligned column). The
# Content-Security-Policy allows exactly these spellings by hash (redsite.page_security), so every kept style
# is written as one of them: nh3 writes 'text-align:left', which no hash would match.
ALLOWED_STYLES = {align: f"text-align: {align};" for align in ("left", "center", "right")}
TEXT_ALIGN = re.compile(r"\s*text-align\s*:\s*(left|center|right)\s*;?\s*", re.IGNORECASE)
# A start tag as nh3 writes it: every value double-quoted, '<' in text escaped.
STYLED_TAG = re.compile(r'<[a-zA-Z][^\s/>]*(?:\s+[^\s="\'<>/]+(?:="[^"]*")?)*\s+style="[^"]*"[^<>]*>')
STYLE = re.compile(r'\sstyle="([^"]*)"')


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id" and is_reserved_id(value):
        return None
    if name.startswith("data-") and reserved_data_attribute(name):
        return None
    return value


# Built once: nh3.clean() builds its sanitizer again from these sets on every page.
CLEANER = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    attribute_filter=_keep_attribute,
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


def sanitize_html(html_text: str) -> str:
    cleaned = CLEANER.clean(html_text)
    if ' style="' in cleaned:
        cleaned = STYLED_TAG.sub(_hashed_style, cleaned)
    return COMMENT.sub(_without_markers, cleaned) if "<!--" in cleaned else cleaned


def _hashed_style(tag: re.Match) -> str:
    """The tag with its style written as the policy's spelling, or without it when it is anything else."""
    def spelled(style: re.Match) -> str:
        found = TEXT_ALIGN.fullmatch(html.unescape(style.group(1)))
        return f' style="{ALLOWED_STYLES[found.group(1).lower()]}"' if found else ""
    return STYLE.sub(spelled, tag.group())


START_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
ID_VALUE = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)
ATTRIBUTE_NAME = re.compile(r"\s(data-[\w-]+)", re.IGNORECASE)
CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.IGNORECASE | re.DOTALL)  # shows attributes as text


def reserved_attribute_problems(page_html: str, markdown: str, repo_path: str, lang: str) -> list[Problem]:
    """Reserved ids and attributes in the start tags of the HTML Markdown made of a page, located in its source:
    the source policy refuses those it finds in the Markdown; this sees the HTML, whatever wrote it."""
    found: dict[str, str] = {}  # what -> the text to look for in the source
    for tag in START_TAG.findall(CODE.sub("", page_html)):
        if " id" in tag or "\tid" in tag or "\nid" in tag:
            for value in ("".join(groups) for groups in ID_VALUE.findall(tag)):
                if is_reserved_id(html.unescape(value)):
                    found[f"the id '{value}'"] = value
        if "data-" in tag:
            for name in ATTRIBUTE_NAME.findall(tag):
                if reserved_data_attribute(name):
                    found[f"the attribute {name}"] = name
    lines = markdown.splitlines() if found else []
    return [Problem("source", lang, repo_path,
                    next((number for number, line in enumerate(lines, 1) if needle in line), None),
                    f"{what} belongs to the theme, the build or the search",
                    "remove it" + (", or choose another id: the theme's own element must be the only one with it"
                                   if what.startswith("the id") else ": the search reads it, contributed content "
                                   "may not set it"))
            for what, needle in found.items()]
