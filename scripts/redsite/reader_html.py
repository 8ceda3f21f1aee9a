"""What the reader's browser gets, corrected for keyboard, screen-reader and phone use.

Pure functions, wired into the MkDocs events by redsite.plugin.reader:

- `configure_language`: interface strings that Material and Python-Markdown take from
  mkdocs.yml in English (heading-anchor titles, the light/dark toggle), set per language from
  ui_strings.yml, the one source of interface text;
- `title_heading`: the page's h1, with an id, made the first entry of the page's table of
  contents: Material's skip link goes to the first entry, so it now lands on the title instead
  of the first h2, on every page (also pages without h2, such as the glossary);
- `split_lead`: the page's first paragraph, which the facts box and the downloads follow, so that a
  phone's first screen shows text, not only a title and boxes;
- `finish_page`: no head `<link rel=alternate>` (see `strip_alternate_links`), a name for
  each menu section toggle, the section's checkbox as the keyboard's stop (named, with its state) in place
  of its label, and no label that points at a control the page lacks.
"""

from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser

from mkdocs.structure.toc import AnchorLink, TableOfContents

from redsite.render import TITLE_ID, page_title, t

VOID_ELEMENTS = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}
HEAD_ALTERNATE = re.compile(r'(?m)^[ \t]*<link rel="alternate"[^>]*\bhreflang="[^"]*"[^>]*>\n?')
# Material's toggle for a menu section whose index page is a link: a label holding only an icon. It gets
# text, hidden on screen (red.css), which names the section's checkbox (see `focus_section_checkboxes`):
# HTML allows no aria-label, role or state on a label bound to a control (axe-core's aria-prohibited-attr,
# the Nu checker).
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


class _FirstElement(HTMLParser):
    """Where the first top-level element of an HTML fragment ends, if it is a paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.is_paragraph: bool | None = None  # None until the first element or text shows up
        self.end: tuple[int, int] | None = None  # (line, column) of the paragraph's end tag
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if self.is_paragraph is None:
            self.is_paragraph = tag == "p"
        if tag not in VOID_ELEMENTS:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if self.is_paragraph is None:
            self.is_paragraph = False

    def handle_endtag(self, tag):
        self.depth -= 1
        if self.depth == 0 and self.is_paragraph and self.end is None:
            self.end = self.getpos()

    def handle_data(self, data):
        if self.is_paragraph is None and data.strip():
            self.is_paragraph = False  # text outside any element: no paragraph to lead with

    def handle_comment(self, data):
        if self.is_paragraph is None:
            self.is_paragraph = False  # a build marker or a comment comes first: leave the order alone


def split_lead(body: str) -> tuple[str, str]:
    """(the body's first paragraph, the rest) if the body starts with a paragraph, else ('', body).

    A parser, not a pattern: a paragraph's attribute may hold "</p>". Only `<p>` counts: a page that opens
    with a heading, a list or a notice keeps its boxes above it."""
    parser = _FirstElement()
    parser.feed(body)
    if not parser.is_paragraph or parser.end is None:
        return "", body
    line, column = parser.end
    offset = sum(len(text) + 1 for text in body.split("\n")[:line - 1]) + column  # the parser counts "\n" only
    end = body.index(">", offset) + 1
    return body[:end], body[end:]


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


# Material makes a menu section's label the keyboard's stop (tabindex="0") and leaves its checkbox out of
# reach (display: none). A label has no name in the accessibility tree (Chromium exposes it as LabelText with an
# empty name), so a screen reader got an unnamed stop without a state. The checkbox becomes the stop instead:
# named by that label (aria-labelledby, since the section's title in the drawer is a second label of it), its
# checked state said aloud, toggled by Space; red.css keeps it invisible and rings the label when it has focus.
SECTION_LABEL = re.compile(r'(<label class="md-nav__link[^"]*" for="(?P<control>[^"]*)" id="(?P=control)_label")'
                           r' tabindex="0">')
SECTION_CHECKBOX = re.compile(r'<input class="md-nav__toggle md-toggle( [^"]*)?" type="checkbox" id="(?P<id>[^"]*)"')
# Material keeps the section's `nav` aria-expanded up to date from clicks on a focusable label only; the state
# is the checkbox's now, and aria-expanded is no state of a navigation landmark anyway.
SECTION_NAV_EXPANDED = re.compile(r'(<nav class="md-nav" data-md-level="\d+" aria-labelledby="(?P<label>[^"]*)")'
                                  r' aria-expanded="(?:true|false)"')
FOCUSABLE_CHECKBOX_CLASS = "red-nav-checkbox"


def focus_section_checkboxes(html: str) -> str:
    controls = set(match["control"] for match in SECTION_LABEL.finditer(html))
    if not controls:
        return html

    def focusable(match: re.Match) -> str:
        if match["id"] not in controls:
            return match.group(0)
        classes = " ".join(["md-nav__toggle", "md-toggle", *(match.group(1) or "").split(), FOCUSABLE_CHECKBOX_CLASS])
        return f'<input class="{classes}" type="checkbox" id="{match["id"]}" aria-labelledby="{match["id"]}_label"'

    html = SECTION_CHECKBOX.sub(focusable, SECTION_LABEL.sub(r"\1>", html))
    labels = {f"{control}_label" for control in controls}
    return SECTION_NAV_EXPANDED.sub(lambda match: match.group(1) if match["label"] in labels else match.group(0), html)


def finish_page(html: str, lang: str) -> str:
    named = name_section_toggles(strip_alternate_links(html), lang)
    return unbind_labels_of_missing_controls(focus_section_checkboxes(named))
