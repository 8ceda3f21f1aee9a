"""Which passages of a translation correspond to which passages of its English page.

The outline (redsite.outline) gives both pages' blocks and headings; the structural comparison
(redsite.translations.structure) decides when two pages are built alike. Pairing builds on both:

- where both pages have as many headings, sections pair while the headings' levels agree (the
  comparison of `compare_structure`), up to and including the section that ends at the first heading
  that differs; the rest of the page is one unit. Where one page has a heading more, only the text
  before the first heading pairs: heading levels cannot tell which heading is missing;
- within a pair of sections, blocks pair one to one when both sections have the same blocks in the
  same order (heading, paragraph, list item, table row, admonition title, quotation) and no pair is
  far longer on one side than the section as a whole: a translator who merged two paragraphs and
  split another keeps the count but not the lengths. Otherwise the section is one unit.

A check reads the result as units, each a range of English blocks and the range of translated blocks
that renders it, with the level at which they correspond: "block", "section" or "page".
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from redsite.outline import ADMONITION, ATX_HEADING, LIST_ITEM, Outline, parse_outline
from redsite.translations.structure import first_difference

BLOCK, SECTION, PAGE = "block", "section", "page"
# What a block is, for pairing and for messages ("this list item").
KIND_NAMES = {"h": "heading", "a": "admonition title", "t": "table row", "l": "list item", "q": "quotation",
              "p": "paragraph"}
# A block pair is implausible when one side is this many times longer than the section's own
# proportion predicts; only blocks of LENGTH_CHECKED words or more are compared (a heading of one
# English word is often three Russian ones).
LENGTH_FACTOR = 3.0
LENGTH_CHECKED = 8


@dataclass(frozen=True)
class Unit:
    english: range  # indices into the English outline's blocks
    translated: range  # indices into the translation's outline's blocks
    level: str  # BLOCK (one block each), SECTION or PAGE


@lru_cache(maxsize=4096)
def block_kinds(body: str, body_line: int) -> str:
    """One letter per block of the body's outline (see KIND_NAMES), read from the block's first line."""
    lines = body.splitlines()
    kinds = []
    for block in parse_outline(body, body_line).blocks:
        raw = lines[block.line - body_line]
        stripped = raw.lstrip()
        if stripped.startswith("#") and ATX_HEADING.match(raw):
            kinds.append("h")
        elif stripped[:3] in ("!!!", "???") and ADMONITION.match(raw):
            kinds.append("a")
        elif stripped.startswith("|"):
            kinds.append("t")
        elif LIST_ITEM.match(raw):
            kinds.append("l")
        elif stripped.startswith(">"):
            kinds.append("q")
        else:
            kinds.append("p")
    return "".join(kinds)


def _section_starts(outline: Outline) -> list[int]:
    """The index of each section's first block: section 0 runs from block 0 to the first heading."""
    block_lines = [block.line for block in outline.blocks]
    return [0, *(bisect_right(block_lines, heading.line - 1) for heading in outline.headings)]


@lru_cache(maxsize=4096)
def pair_blocks(english_body: str, english_line: int, translated_body: str, translated_line: int) -> tuple[Unit, ...]:
    """The translation's blocks against the English page's, as units (see the module's docstring)."""
    source, target = parse_outline(english_body, english_line), parse_outline(translated_body, translated_line)
    levels_en = [heading.level for heading in source.headings]
    levels_tr = [heading.level for heading in target.headings]
    starts_en, starts_tr = _section_starts(source), _section_starts(target)
    ends_en = [*starts_en[1:], len(source.blocks)]
    ends_tr = [*starts_tr[1:], len(target.blocks)]
    # Section s runs from heading s - 1 to heading s. With as many headings on both pages, it pairs while
    # the levels agree up to heading s - 1; where one page lacks a heading, levels cannot tell which
    # one (## B missing before ## C looks like ## C missing), so only the text before the first pairs.
    if len(levels_en) == len(levels_tr):
        paired = first_difference(levels_en, levels_tr) + 1
    else:
        paired = min(1, len(levels_en), len(levels_tr))
    kinds_en = kinds_tr = ""
    units: list[Unit] = []
    for section in range(paired):
        english = range(starts_en[section], ends_en[section])
        translated = range(starts_tr[section], ends_tr[section])
        if len(english) == len(translated) and not kinds_en:
            kinds_en = block_kinds(english_body, english_line)
            kinds_tr = block_kinds(translated_body, translated_line)
        if len(english) == len(translated) and kinds_en[english.start:english.stop] == \
                kinds_tr[translated.start:translated.stop] and _lengths_agree(source, target, english, translated):
            units += [Unit(range(e, e + 1), range(t, t + 1), BLOCK) for e, t in zip(english, translated, strict=True)]
        elif len(english) or len(translated):
            units.append(Unit(english, translated, SECTION))
    if paired < len(starts_en):
        rest_en = range(starts_en[paired], len(source.blocks))
        rest_tr = range(starts_tr[paired] if paired < len(starts_tr) else len(target.blocks), len(target.blocks))
        if len(rest_en):
            units.append(Unit(rest_en, rest_tr, PAGE))
    return tuple(units)


def _lengths_agree(source: Outline, target: Outline, english: range, translated: range) -> bool:
    lengths_en = [len(source.blocks[index].words) for index in english]
    lengths_tr = [len(target.blocks[index].words) for index in translated]
    proportion = sum(lengths_tr) / max(1, sum(lengths_en))  # Russian and Swedish run longer or shorter
    for length_en, length_tr in zip(lengths_en, lengths_tr, strict=True):
        if max(length_en, length_tr) >= LENGTH_CHECKED:
            expected = length_en * proportion
            if not expected / LENGTH_FACTOR <= length_tr <= expected * LENGTH_FACTOR:
                return False
    return True
