"""What the reader's browser gets, corrected for keyboard, screen-reader and phone use.

Pure functions, wired into the MkDocs events by redsite.plugin.reader:

- `configure_language`: interface strings that Material and Python-Markdown take from
  mkdocs.yml in English (heading-anchor titles, the light/dark toggle), set per language from
  ui_strings.yml, the one source of interface text;
- `title_heading`: the page's h1, with an id, made the first entry of the page's table of
  contents: Material's skip link goes to the first entry, so it now lands on the title instead
  of the first h2, on every page (also pages without h2, such as the glossary);
- `finish_page`: no head `<link rel=alternate>` (see `strip_alternate_links`), a name for
  each menu section toggle, and no label that points at a control the page lacks.
"""

from __future__ import annotations

import re
from html import escape, unescape

from mkdocs.structure.toc import AnchorLink, TableOfContents

from redsite.render import TITLE_ID, page_title, t

HEAD_ALTERNATE = re.compile(r'(?m)^[ \t]*<link rel="alternate"[^>]*\bhreflang="[^"]*"[^>]*>\n?')
# Material's toggle for a menu section whose index page is a link: a label holding only an icon.
# It is named by text inside it, hidden on screen (red.css): HTML allows no aria-label, role or state on
# a label that is bound to a control (axe-core's aria-prohibited-attr, the Nu checker), and the control
# itself, Material's hidden checkbox, is never focused: the label is what the keyboard reaches.
SECTION_TOGGLE = re.compile(
    r'(<a href="[^"]*" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">(?P<title>[^<]*)</span>\s*'
    r'</a>\s*<label class="md-nav__link[^"]*" for="[^"]*" id="[^"]*" tabindex="0")>'
    r'(\s*<span class="md-nav__icon md-icon"></span>)'
)


def configure_language(config, lang: str) -> None:
    """Per-language interface strings for Markdown's toc extension and Material's palette toggle."""
    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = t("permalink_title", lang)
    # Each toggle is named after what it switches to: system setting -> light -> dark -> system.
    next_scheme = {"(prefers-color-scheme)": "palette_to_light", "(prefers-color-scheme: light)": "palette_to_dark",
                   "(prefers-color-scheme: dark)": "palette_to_system"}
    for option in config.theme.get("palette") or []:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if toggle and option.get("media") in next_scheme:
            toggle["name"] = t(next_scheme[option["media"]], lang)


def title_heading(page, title: str) -> str:
    """The page's h1; registers it as the first table-of-contents entry (the skip link's target)."""
    heading = AnchorLink(escape(title), TITLE_ID, 1)
    heading.children = list(page.toc or [])
    page.toc = TableOfContents([heading])
    return page_title(title)


def home_title(page, lang: str) -> str | None:
    """A language's home page is titled by its front matter, not by its menu label 'Home'."""
    if page.file.src_uri.removeprefix(f"{lang}/") == "index.md":
        return page.meta.get("title") or None
    return None


def strip_alternate_links(html: str) -> str:
    """Remove `<link rel="alternate" hreflang>` from the head.

    Material's language selector fetches `sitemap.xml` relative to the href of every
    `link[rel=alternate]` on the page (bundle.js: `ui()` → `kt()`), so each per-page hreflang
    link cost a failed request, and a click on the switcher was redirected (301) to the
    alternate's URL without its trailing slash. The hreflang alternates of every page are
    published in sitemap.xml (overrides/sitemap.xml), which search engines read instead.
    """
    head_end = html.find("</head>")
    if head_end < 0:
        return HEAD_ALTERNATE.sub("", html)
    return HEAD_ALTERNATE.sub("", html[:head_end]) + html[head_end:]


HIDDEN_TEXT_CLASS = "red-visually-hidden"
LABEL_FOR = re.compile(r'(<label\b[^>]*?)\s+for="(?P<target>[^"]*)"')
ELEMENT_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')


def name_section_toggles(html: str, lang: str) -> str:
    def named(match: re.Match) -> str:
        name = escape(t("nav_section_toggle", lang).format(title=unescape(match.group("title").strip())), quote=False)
        return f'{match.group(1)}>{match.group(3)}<span class="{HIDDEN_TEXT_CLASS}">{name}</span>'
    return SECTION_TOGGLE.sub(named, html)


def unbind_labels_of_missing_controls(html: str) -> str:
    """A `<label for>` whose control is not on the page keeps its text but loses `for` (a label must name a
    control that exists). Material's table-of-contents title points at a `__toc` toggle that it leaves out on
    a section's index page (navigation.indexes), such as the catalogs."""
    ids = set(ELEMENT_ID.findall(html))
    return LABEL_FOR.sub(lambda match: match.group(0) if match.group("target") in ids else match.group(1), html)


def finish_page(html: str, lang: str) -> str:
    return unbind_labels_of_missing_controls(name_section_toggles(strip_alternate_links(html), lang))
