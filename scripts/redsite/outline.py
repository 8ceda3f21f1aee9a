"""The outline of a page's Markdown body: headings (level, text, anchor, line), links, images,
tables, code blocks, admonitions and prose blocks, each with its line number.

The validator (structure, untranslated text, anchors) and the front-matter checks (required
sections) read pages through this module only. Anchors are made as the site makes them: the
`toc` extension's slugify (configured in mkdocs.yml) and its `unique`; tests/test_outline.py
checks every real page against Python-Markdown's own toc.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from markdown.extensions.toc import unique
from pymdownx.slugs import slugify

if TYPE_CHECKING:
    from redsite.frontmatter import PageSource

@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Element:
    """A structural element: `section` counts the headings above it (0 = before the first)."""

    line: int
    section: int
    value: str


@dataclass(frozen=True)
class Block:
    """A paragraph, list item, heading, table row or admonition title: its words, markup removed."""

    line: int
    words: tuple[str, ...]
    key: str  # the words, case-folded: equal keys mean the same text

    @classmethod
    def of(cls, line: int, found: tuple[str, ...]) -> Block:
        return cls(line, found, " ".join(found).casefold())


@dataclass(frozen=True)
class Outline:
    headings: tuple[Heading, ...]
    links: tuple[Element, ...]
    images: tuple[Element, ...]
    tables: tuple[Element, ...]
    code_blocks: tuple[Element, ...]
    admonitions: tuple[Element, ...]
    blocks: tuple[Block, ...]
    anchors: frozenset[str]
    generated: bool  # holds a <!-- red:... --> directive: the build adds content we cannot see here

    @property
    def word_count(self) -> int:
        return sum(len(block.words) for block in self.blocks)


FENCE_OPEN = re.compile(r"^\s*(`{3,}|~{3,})\s*([^\s`{]*)")
# Patterns that run on every line: none may backtrack over a run of spaces (one that did took minutes on a
# heading followed by 100,000 spaces). The closing '#'s and the attribute list of a heading are cut off by
# heading_text and trailing_attributes, in one pass.
ATX_HEADING = re.compile(r" {0,3}(#{1,6})\s++(.*)")
ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s+([\w-]+)[^"]*(?:"(.*)")?\s*$')
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[([^\]^][^\]]*)\]:\s*<?([^\s>]+)>?")
ATTRIBUTE_ID = re.compile(r"(?:^|\s)#([\w-]+)")
HTML_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
INLINE_CODE = re.compile(r"(`+)(.+?)\1")
# A link's or an image's destination: '(', the URL (maybe in <>), an optional quoted title, ')'. Possessive, so
# that no run of spaces is tried in every split between the three places that may take it; the second branch
# is the one match that needed such a split: no URL, then the title.
DESTINATION = r"""\((?:\s*+<?([^)\s>]*+)>?(?:\s++["'][^)]*["'])?|\s++["'][^)]*["'])\s*+\)"""
IMAGE = re.compile(r"!\[([^\]]*)\]" + DESTINATION)
LINK = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\]]*\])*+)\]" + DESTINATION)
AUTOLINK = re.compile(r"<((?:https?|mailto):[^>]+)>")
BARE_URL = re.compile(r"(?:https?://|www\.)\S+")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
ATTRIBUTE_LIST = re.compile(r"\{:?\s*[#.][^}]*\}|\{:[^}]*\}")
FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]]+\]:?")
WORD = re.compile(r"[^\W\d]\w*(?:['’\-]\w+)*")  # starts with a letter: numbers are not words
DIRECTIVE = "red:"

_slug = slugify(case="lower")  # the same slugify as the toc extension in mkdocs.yml


def _cells(row: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", row.strip())
    if cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return cells


def heading_text(content: str) -> str:
    """An ATX heading's text without its closing '#'s (which a space must precede) and trailing spaces."""
    content = content.rstrip()
    if content.endswith("#"):
        opened = content.rstrip("#")
        if opened and opened != opened.rstrip():
            return opened.rstrip()
    return content


def trailing_attributes(text: str) -> tuple[int, str] | None:
    """Where a heading's attribute list '{: #id .class }' starts (spaces before it included) and what it holds,
    when the heading ends with one."""
    stripped = text.rstrip()
    if not stripped.endswith("}"):
        return None
    end = len(stripped) - 1
    start = stripped.find("{", stripped.rfind("}", 0, end) + 1, end)
    if start < 0:
        return None
    inside = stripped[start + 1:end]
    return len(stripped[:start].rstrip()), inside.removeprefix(":").lstrip()


def prose(text: str) -> str:
    """The words a reader sees in a line of Markdown: link text, not URLs; no code, tags or attributes."""
    # most lines of prose have nothing to remove; plain `in` tests are the fastest way to see that
    if not ("`" in text or "[" in text or "<" in text or "{" in text or "http" in text or "www." in text):
        return text
    text = INLINE_CODE.sub(" ", text)
    text = IMAGE.sub(lambda match: f" {match.group(1)} ", text)
    text = LINK.sub(lambda match: f" {match.group(1)} ", text)
    text = AUTOLINK.sub(" ", text)
    text = BARE_URL.sub(" ", text)
    text = HTML_TAG.sub(" ", text)
    text = ATTRIBUTE_LIST.sub(" ", text)
    return FOOTNOTE_REFERENCE.sub(" ", text)


def words(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(prose(text)))


@lru_cache(maxsize=8192)
def parse_outline(body: str, body_line: int = 1) -> Outline:
    """Headings, links, images, tables, code blocks, admonitions and prose blocks of a body."""
    lines = body.splitlines()
    headings: list[Heading] = []
    links: list[Element] = []
    images: list[Element] = []
    tables: list[Element] = []
    code_blocks: list[Element] = []
    admonitions: list[Element] = []
    blocks: list[Block] = []
    anchors: set[str] = set()
    reached: dict[str, str] = {}  # for _unique
    generated = False
    paragraph: list[str] = []
    paragraph_line = 0
    fence: str | None = None
    in_comment = False

    def add_block(line: int, text: str) -> None:
        found = words(text)
        if found:
            blocks.append(Block.of(line, found))

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            add_block(paragraph_line, " ".join(paragraph))
        paragraph = []

    def scan_references(text: str, number: int) -> None:
        if not ("[" in text or "<" in text or "{" in text or "id" in text):
            return
        text = INLINE_CODE.sub(" ", text)
        for match in IMAGE.finditer(text):
            images.append(Element(number, len(headings), match.group(2) or ""))
        for match in LINK.finditer(IMAGE.sub(" ", text)):
            links.append(Element(number, len(headings), match.group(2) or ""))
        for match in AUTOLINK.finditer(text):
            links.append(Element(number, len(headings), match.group(1)))
        anchors.update(HTML_ID.findall(text))
        for attributes in ATTRIBUTE_LIST.findall(text):
            anchors.update(ATTRIBUTE_ID.findall(attributes.strip("{}:")))

    index = 0
    while index < len(lines):
        raw, number = lines[index], body_line + index
        index += 1
        if fence:
            stripped = raw.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            continue
        if in_comment:
            if "-->" not in raw:
                continue
            raw, in_comment = raw.split("-->", 1)[1], False
        if "<!--" in raw:
            raw, comments = _without_comments(raw)
            generated = generated or any(DIRECTIVE in comment for comment in comments)
            if "<!--" in raw:
                raw, comment = raw.split("<!--", 1)
                generated = generated or DIRECTIVE in comment
                in_comment = True
        stripped = raw.strip()
        if not stripped:
            flush()
            continue
        # Fences, headings, admonitions, reference definitions, rules, list items and quotes start
        # with a mark or a digit: a line of prose starts with a letter and skips their patterns.
        marked = not stripped[0].isalpha()
        fence_match = marked and FENCE_OPEN.match(raw)
        if fence_match:
            flush()
            fence = fence_match.group(1)[0] * 3
            code_blocks.append(Element(number, len(headings), fence_match.group(2)))
            continue
        heading = marked and ATX_HEADING.match(raw)
        if heading:
            flush()
            text = heading_text(heading.group(2))
            attributes = trailing_attributes(text)
            explicit = ATTRIBUTE_ID.search(attributes[1]) if attributes else None
            if attributes:
                text = text[:attributes[0]]
            anchor = explicit.group(1) if explicit else _unique(_slug(prose(text).strip(), "-"), anchors, reached)
            anchors.add(anchor)
            headings.append(Heading(number, len(heading.group(1)), text.strip(), anchor))
            scan_references(text, number)
            add_block(number, text)
            continue
        admonition = marked and ADMONITION.match(raw)
        if admonition:
            flush()
            admonitions.append(Element(number, len(headings), admonition.group(1)))
            add_block(number, admonition.group(2) or "")
            continue
        if "|" in raw and index < len(lines) and "-" in lines[index] and TABLE_SEPARATOR.match(lines[index]):
            flush()
            rows = [(raw, number)]
            index += 1
            while index < len(lines) and lines[index].strip() and "|" in lines[index]:
                rows.append((lines[index], body_line + index))
                index += 1
            tables.append(Element(number, len(headings), f"{len(_cells(raw))} columns, {len(rows) - 1} rows"))
            for row, row_number in rows:
                scan_references(row, row_number)
                add_block(row_number, " ".join(_cells(row)))
            continue
        reference = marked and REFERENCE_DEFINITION.match(raw)
        if reference:
            flush()
            links.append(Element(number, len(headings), reference.group(2)))
            continue
        if marked and RULE.match(raw):
            flush()
            continue
        if marked and (LIST_ITEM.match(raw) or stripped.startswith(">")):
            flush()
            raw = LIST_ITEM.sub("", raw).lstrip("> ")
        scan_references(raw, number)
        if not paragraph:
            paragraph_line = number
        paragraph.append(raw)
    flush()
    return Outline(tuple(headings), tuple(links), tuple(images), tuple(tables), tuple(code_blocks),
                   tuple(admonitions), tuple(blocks), frozenset(anchors), generated)




def _unique(anchor: str, anchors: set[str], reached: dict[str, str]) -> str:
    """The toc extension's unique(anchor, anchors) ('plan', 'plan_1', 'plan_2', ...), without trying again the
    suffixes it tried for the same anchor before: those are taken still, and trying them made a page of many
    equal headings take time that grows with their square."""
    found = unique(reached.get(anchor, anchor), anchors)
    reached[anchor] = found
    return found


def _without_comments(line: str) -> tuple[str, list[str]]:
    """The line with each comment closed on it replaced by a space, and those comments. One pass: a pattern
    `<!--.*?-->` rescanned the rest of the line from every '<!--' that nothing closes."""
    kept, comments, position = [], [], 0
    while (start := line.find("<!--", position)) >= 0 and (end := line.find("-->", start + 4)) >= 0:
        kept += [line[position:start], " "]
        comments.append(line[start:end + 3])
        position = end + 3
    return "".join(kept) + line[position:], comments


def outline_of(page: PageSource) -> Outline:
    return parse_outline(page.body, page.body_line)


def headings(body: str, body_line: int = 1) -> list[tuple[int, str]]:
    """Level-2 headings of a body (the content model's sections), with their line numbers."""
    return [(heading.line, heading.text) for heading in parse_outline(body, body_line).headings if heading.level == 2]
