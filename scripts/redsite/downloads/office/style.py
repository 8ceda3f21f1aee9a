"""The look of the DOCX and ODT documents, taken from the PDF's print style (downloads/pdf/print.css).

The reference documents (reference_docs.py) and the tables pandoc leaves unstyled in an ODT (finish.py)
take their page, colours and sizes from here, and here from print.css, so the editable documents cannot
drift from the PDF: a colour changed in print.css changes the reference documents, and a test holds the
committed ones to what the script makes.

The typeface is the one thing print.css does not decide (the PDF embeds the site's Noto Sans). A DOCX or
ODT is opened on the reader's computer with the fonts it has, and the first name is the one Word and
LibreOffice look for (LibreOffice 7.4 reads neither an ODF font list nor a DOCX altName as fallbacks), so
the documents name Calibri, which Windows with Office has; LibreOffice replaces it by the metric-compatible
Carlito where Calibri is missing. The rest of FONT_STACK is written where the formats keep alternatives.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import tinycss2

PRINT_CSS = Path(__file__).parents[1] / "pdf" / "print.css"
FONT_STACK = ("Calibri", "Carlito", "Liberation Sans", "Arial")
PANOSE = "020F0502020204030204"  # Calibri's, for Word's own substitution when no name matches
A4_MM = (210.0, 297.0)
HEADER_MM, FOOTER_MM = 10.0, 9.0  # from the page's edge to the running header and to the page numbers
CHECKBOX = "\u2610"  # ☐: a step to tick, on paper or by typing over it

# Paragraph and character styles the pandoc input names (data-custom-style); the reference documents define them.
BOX_KINDS = {"note": "note", "info": "note", "tip": "note", "abstract": "note", "question": "note",
             "warning": "warning", "danger": "warning", "failure": "warning", "bug": "warning",
             "example": "example", "quote": "note", "success": "note"}  # admonition class -> box look


def box_style(kind: str, title: bool = False) -> str:
    return f"RedBox{kind.capitalize()}{'Title' if title else ''}"


FACTS_TABLE = "RedFactsTable"  # a table style (DOCX); ODT cells get it in finish.py
FACTS_TERM = "RedFactsTerm"  # the character style of a facts table's row headers: it also marks the table
COLOPHON, COLOPHON_TITLE = "RedColophon", "RedColophonTitle"
ANSWER = "RedAnswer"  # a worksheet's blank cell, tall enough to write in
LEAD = "RedLead"  # a worksheet's or handbook's lines under the title


@dataclass(frozen=True)
class Box:
    border: str  # RRGGBB
    background: str
    border_pt: float


@dataclass(frozen=True)
class Look:
    font_stack: tuple[str, ...]
    body_pt: float
    text: str
    heading: str
    heading_pt: dict[int, float]
    link: str
    boxes: dict[str, Box]  # note, warning, example
    facts: Box
    table_pt: float
    table_border: str
    table_border_pt: float
    header_fill: str
    running_pt: float  # header and footer
    running_text: str
    margins_mm: tuple[float, float, float, float]  # top, right, bottom, left
    page_mm: tuple[float, float] = A4_MM

    @property
    def font(self) -> str:
        return self.font_stack[0]


def _rules(css: str) -> dict[str, list]:
    """Selector text (as written) -> its declarations, for the plain rules and @page."""
    rules: dict[str, list] = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            name = " ".join(tinycss2.serialize(rule.prelude).split())
        elif rule.type == "at-rule" and rule.lower_at_keyword == "page" and not _prelude_text(rule):
            name = "@page"
        else:
            continue
        _add(rules, name, rule.content)
    return rules


def _prelude_text(rule) -> str:
    return tinycss2.serialize(rule.prelude).strip()


def _add(rules: dict[str, list], name: str, content) -> None:
    for item in tinycss2.parse_blocks_contents(content or [], skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            rules.setdefault(name, []).append(item)
        elif item.type == "at-rule":  # @page's margin boxes: '@page @bottom-right'
            _add(rules, f"{name} @{item.lower_at_keyword}", item.content)


def _value(rules: dict[str, list], selector: str, prop: str) -> list:
    for declaration in rules.get(selector, []):
        if declaration.lower_name == prop:
            return [token for token in declaration.value if token.type != "whitespace"]
    raise ValueError(f"{PRINT_CSS.name}: no '{prop}' in '{selector}'; the office style reads it from there")


def _colour(tokens: list) -> str:
    found = [token.value for token in tokens if token.type == "hash"]
    if not found or len(found[0]) not in (3, 6):
        raise ValueError(f"{PRINT_CSS.name}: expected a #RRGGBB colour in {tinycss2.serialize(tokens)!r}")
    value = found[0]
    return (value if len(value) == 6 else "".join(char * 2 for char in value)).upper()


def _length(tokens: list, unit: str) -> float:
    found = [token for token in tokens if token.type == "dimension" and token.lower_unit == unit]
    if not found:
        raise ValueError(f"{PRINT_CSS.name}: expected a length in {unit} in {tinycss2.serialize(tokens)!r}")
    return float(found[0].value)


def _lengths(tokens: list, unit: str) -> list[float]:
    return [float(token.value) for token in tokens if token.type == "dimension" and token.lower_unit == unit]


def look_from(css: str) -> Look:
    rules = _rules(css)
    value = lambda selector, prop: _value(rules, selector, prop)  # noqa: E731
    note = Box(_colour(value(".admonition", "border-left")), _colour(value(".admonition", "background")),
               _length(value(".admonition", "border-left"), "pt"))
    boxes = {"note": note}
    for kind in ("warning", "example"):
        selector = f".admonition.{kind}"
        boxes[kind] = Box(_colour(value(selector, "border-left-color")), _colour(value(selector, "background")),
                          note.border_pt)
    facts_selector = ".red-facts table.red-dl, table.red-dl.red-facts"
    facts = Box(_colour(value(facts_selector, "border-left")), _colour(value(facts_selector, "background")),
                _length(value(facts_selector, "border-left"), "pt"))
    margins = _lengths(value("@page", "margin"), "mm")
    if len(margins) != 4:
        raise ValueError(f"{PRINT_CSS.name}: @page margin must give four lengths in mm (top right bottom left)")
    size = [token.lower_value for token in value("@page", "size") if token.type == "ident"]
    if size != ["a4"]:
        raise ValueError(f"{PRINT_CSS.name}: @page size is {size}; the office documents are A4 like the PDF")
    return Look(
        font_stack=FONT_STACK,
        body_pt=_length(value("html", "font-size"), "pt"),
        text=_colour(value("html", "color")),
        heading=_colour(value("h1, h2, h3, h4, h5, h6", "color")),
        heading_pt={level: _length(value(f"h{level}", "font-size"), "pt") for level in (1, 2, 3)}
        | {level: _length(value("h4, h5, h6", "font-size"), "pt") for level in (4, 5, 6)},
        link=_colour(value("a", "color")),
        boxes=boxes,
        facts=facts,
        table_pt=_length(value("table", "font-size"), "pt"),
        table_border=_colour(value("th, td", "border")),
        table_border_pt=_length(value("th, td", "border"), "pt"),
        header_fill=_colour(value("th", "background")),
        running_pt=_length(value("@page @bottom-right", "font-size"), "pt"),  # the page numbers
        running_text=_colour(value("@page @bottom-right", "color")),
        margins_mm=(margins[0], margins[1], margins[2], margins[3]),
    )


@cache
def look() -> Look:
    return look_from(PRINT_CSS.read_text(encoding="utf-8"))
