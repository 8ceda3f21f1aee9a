"""Limits on a page's Markdown, checked when the page is read (redsite.pages), so before Markdown, Pygments,
typography or the outline see its text; a page over a limit is refused with file, line and fix, and read no
further.

Python-Markdown takes time that grows with the square of a paragraph on a '[' that nothing closes (it looks
for the end of a link through the rest of the paragraph from each one) or of the page on a tag that nothing
closes, crashes with a RecursionError on lists or definitions nested a few hundred deep, and builds tables
and abbreviations at a cost that grows with their product with the text. The limits (the content model's
source_policy: markdown_limits) bound all of these; scripts/benchmark_limits.py builds a page at every limit
at once and compares it with the real site's build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pymdownx.superfences import RE_NESTED_FENCE_START

from redsite.frontmatter import body_start
from redsite.model import ContentModel
from redsite.problems import Problem

KIND = "source"
CONTAINER_PREFIX = re.compile(r"[ \t>]*")
INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
BACKTICK_RUN = re.compile(r"(\\*)(`+)")
# One level of nesting at the start of a line: a quote mark, a list marker, a definition, or an indent.
NESTING_STEP = re.compile(r" {0,3}>[ \t]?| {0,3}(?:[-*+]|\d{1,9}[.)]|:)(?:[ \t]+|$)| {4}|\t")
DEFINITION = re.compile(r" {0,3}:[ \t]")
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^<>]*?(/?)>")  # an element's tag, not <https://...>
TAG_START = re.compile(r"</?[a-zA-Z]")  # where Python-Markdown's HTML parser starts reading a tag
NOT_NEWLINE = re.compile(r"[^\n]")
BRACKET = re.compile(r"\\.|\]\(|[\[\]()]")
MARKUP = re.compile(r"[*_\[\]!`<>&\\~{}|]")  # where Python-Markdown's inline patterns start
HEADING = re.compile(r"[ \t>]*#{1,6}(?:[ \t]|$)")
SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
ABBREVIATION = re.compile(r"^[ \t>]*\*\[[^\]\n]*\]:", re.MULTILINE)
TABLE_SEPARATOR = re.compile(r"[|:\- \t]+")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr"})


@dataclass(frozen=True)
class MarkdownLimits:
    line_chars: int
    run: int
    nesting: int
    bracket_nesting: int
    table_columns: int
    table_cells: int
    abbreviations: int
    unended_tags: int
    markup_characters: int
    headings: int

    @classmethod
    def of(cls, model: ContentModel) -> MarkdownLimits:
        return cls(**{name: int(value) for name, value in model.source_policy["markdown_limits"].items()})


@cache
def _run_pattern(length: int) -> re.Pattern:
    return re.compile(r"(.)\1{" + str(length) + ",}")  # the same character more than `length` times


def limit_problems(text: str, repo_path: str, lang: str, model: ContentModel) -> list[Problem]:
    """The Markdown of the page (its text after the front matter, whose YAML has limits of its own) over a limit:
    the first finding of each kind, with its line (one is enough to fix)."""
    limits = MarkdownLimits.of(model)
    problems: list[Problem] = []
    lines = text.split("\n")
    first = body_start(lines)
    if first:
        lines, text = lines[first:], "\n".join(lines[first:])

    def report(number: int | None, message: str, hint: str) -> None:
        problems.append(Problem(KIND, lang, repo_path, number + first, message, hint))

    longest = max(lines, key=len)
    if len(longest) > limits.line_chars:
        report(lines.index(longest) + 1,
               f"the line has {len(longest):,} characters; the limit is {limits.line_chars:,}",
               "break it into several lines (a blank line starts a new paragraph; within one, line breaks are spaces)")
    run = _run_pattern(limits.run).search(text)
    if run:
        character = run.group(1)
        report(text.count("\n", 0, run.start()) + 1,
               f"the character {character!r} is repeated {len(run.group()):,} times in a row; "
               f"the limit is {limits.run}",
               "shorten the run (for space between words, one space is enough; for a rule, write ---)")
    _backticks(code_masked(lines, inline=False), report)
    masked = code_masked(lines)
    for check in (_markup, _headings, _nesting, _html_nesting, _brackets, _tables, _abbreviations):
        check(masked, limits, report)
    return problems


def _backticks(lines: list[str], report) -> None:
    """Backtick runs per paragraph, paired as Markdown pairs them: a run opens inline code, the next run of the
    same length closes it. From a run that nothing closes, Python-Markdown reads the rest of the paragraph, and
    then misreads the runs after it, reading the rest again from each (quadratic)."""
    opened: tuple[int, int] | None = None  # the open run's length and line
    for number, line in enumerate([*lines, ""], start=1):
        if not line.strip():
            if opened:
                report(opened[1], "a '`' on this line starts inline code that nothing closes in its paragraph",
                       "close it with as many backticks as open it, or write a backtick that is text as \\`")
                return
            continue
        if "`" not in line:
            continue
        for run in BACKTICK_RUN.finditer(line):
            length = len(run.group(2))
            if opened is None:
                length -= len(run.group(1)) % 2  # an escaped backtick is text, outside code only
                opened = (length, number) if length else None
            elif length == opened[0]:
                opened = None


def _markup(lines: list[str], limits: MarkdownLimits, report) -> None:
    """Characters Markdown reads as markup, outside code: its inline patterns are tried at each, and a page
    made of them (`*_*_*_...`) takes seconds per language to convert where prose takes milliseconds."""
    count = 0
    for number, line in enumerate(lines, start=1):
        count += len(MARKUP.findall(line))
        if count > limits.markup_characters:
            report(number, f"the page has more than {limits.markup_characters:,} characters that Markdown reads as "
                   "markup (* _ [ ] ! ` < > & \\ ~ { } |) by this line", "split the page; write such characters "
                   "that are text in code (`...`) or in a code block")
            return


def _headings(lines: list[str], limits: MarkdownLimits, report) -> None:
    """Headings on the page: each is an entry of the table of contents, printed on the page and made unique
    against all the others."""
    count = 0
    for number, line in enumerate(lines, start=1):
        if "#" in line and HEADING.match(line) or line and SETEXT_UNDERLINE.fullmatch(line) and number > 1 \
                and lines[number - 2].strip():
            count += 1
            if count > limits.headings:
                report(number, f"the page has more than {limits.headings} headings by this line",
                       "split the page, or make some headings bold text")
                return


def code_masked(lines: list[str], inline: bool = True) -> list[str]:
    """The lines with the content of fenced code blocks blanked, the line numbers kept: Markdown reads no markup
    there. With `inline`, inline code is blanked too and the fences' opening lines are kept (their attributes
    are checked); without, the fences are blanked as well and inline code is kept."""
    masked: list[str] = []
    fence: str | None = None
    for line in lines:
        if "`" not in line and "~" not in line:
            masked.append("" if fence else line)
            continue
        start = CONTAINER_PREFIX.match(line).end()
        if fence:
            stripped = line[start:].strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            masked.append("")
            continue
        opening = RE_NESTED_FENCE_START.match(line, start)
        if opening:
            fence = opening.group("fence")
            masked.append(line if inline else "")
            continue
        masked.append(INLINE_CODE.sub(lambda code: " " * len(code.group()), line) if inline else line)
    return masked


def _nesting(lines: list[str], limits: MarkdownLimits, report) -> None:
    """Lists, quotes, definitions and indented blocks inside each other. Python-Markdown nests each definition
    that follows another without a blank line inside it, so those count too."""
    definitions = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            definitions = 0
            continue
        depth, position = 0, 0
        while step := NESTING_STEP.match(line, position):
            if step.end() == position:
                break
            depth, position = depth + 1, step.end()
        if DEFINITION.match(line, CONTAINER_PREFIX.match(line).end()):
            definitions += 1
            depth += definitions - 1
        if depth > limits.nesting:
            report(number, f"lists, quotes or definitions are nested {depth:,} deep here; "
                   f"the limit is {limits.nesting}",
                   "flatten the structure; put a blank line between the items of a definition list")
            return


def _html_nesting(lines: list[str], limits: MarkdownLimits, report) -> None:
    """Raw HTML elements inside each other; and tags that do not end on their line, from each of which Markdown's
    HTML parser reads on through the rest of the page (each one costs a pass over it)."""
    text = "\n".join(lines)
    if "<" not in text:
        return
    text, unclosed = blank_comments(text)
    if unclosed is not None:
        report(text.count("\n", 0, unclosed) + 1, "the comment that starts on this line ('<!--') is never closed",
               "close it with '-->' (a comment never closed hides the rest of the page)")
        return
    open_tags: list[tuple[str, int]] = []
    unended = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if "<" not in line:
            continue
        last_end = line.rfind(">")
        unended += sum(start.start() > last_end for start in TAG_START.finditer(line))
        if unended > limits.unended_tags:
            start = next(start.start() for start in TAG_START.finditer(line) if start.start() > last_end)
            report(number, f"the tag that starts {line[start:start + 20]!r} does not end with '>' on its line, and "
                   f"{limits.unended_tags} before it on the page do not either; that is the limit",
                   "end HTML tags on the line where they start; write a '<' that starts no tag as &lt; (Markdown's "
                   "HTML parser reads on from each such '<' through the rest of the page)")
            return
        for tag in TAG.finditer(line):
            closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3)
            if name in VOID or self_closing:
                continue
            if not closing:
                open_tags.append((name, number))
                if len(open_tags) > limits.nesting:
                    report(number, f"HTML elements are nested {len(open_tags):,} deep here; "
                           f"the limit is {limits.nesting}",
                           "flatten the HTML (or write the structure in Markdown)")
                    return
            elif any(open_name == name for open_name, _ in open_tags):
                while open_tags.pop()[0] != name:
                    pass


def blank_comments(text: str) -> tuple[str, int | None]:
    """`text` with its HTML comments blanked (their newlines kept), and where a comment that is never closed
    starts (None when every one is). One pass: a pattern `<!--.*?-->` rescans the rest of the text from each
    '<!--' that nothing closes."""
    parts, position = [], 0
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            return "".join(parts) + text[position:], start
        parts += [text[position:start], NOT_NEWLINE.sub(" ", text[start:end + 3])]
        position = end + 3
    return "".join(parts) + text[position:], None


def _brackets(lines: list[str], limits: MarkdownLimits, report) -> None:
    """Square brackets per paragraph: each '[' closed by a ']' in it; a link's target, '](', closed by its ')' on
    the same line; neither nested deeper than the limit. (Markdown looks for the end of a link or of its target
    through the rest of the paragraph from each one that is not closed.)"""
    squares: list[int] = []  # the lines of the '[' not closed yet in the paragraph
    for number, line in enumerate([*lines, ""], start=1):
        if not line.strip():
            if squares:
                report(squares[0], "a '[' on this line is not closed by a ']' in its paragraph",
                       "close it, or write a bracket that is text as \\[; Markdown reads each '[' as the start of a "
                       "link and looks for its end through the rest of the paragraph")
                return
            continue
        if "[" not in line and "]" not in line:
            continue
        targets: list[int] = []  # the parentheses open in each link target open on the line
        for mark in BRACKET.findall(TAG.sub("", line)):
            if mark == "[":
                squares.append(number)
            elif mark in ("]", "]("):
                if squares:
                    squares.pop()
                if mark == "](":
                    targets.append(1)
            elif targets:
                targets[-1] += 1 if mark == "(" else -1 if mark == ")" else 0
                if not targets[-1]:
                    targets.pop()
            if len(squares) + len(targets) > limits.bracket_nesting:
                report(number, f"links or square brackets are nested {len(squares) + len(targets)} deep here; "
                       f"the limit is {limits.bracket_nesting}", "write brackets that are text as \\[ and \\]")
                return
        if targets:
            report(number, "the target of a link on this line, after '](', is not closed by ')' on the line",
                   "close it with ')' (a link's address has no spaces and ends on its line); write a bracket that "
                   "is text as \\(")
            return


def _tables(lines: list[str], limits: MarkdownLimits, report) -> None:
    """Columns per table, and cells in all the tables of the page (each cell is a paragraph of its own to
    Markdown). A table is a row with '|' over a separator row: Python-Markdown's separator is any row of '|',
    ':', '-' and spaces with as many cells, so '|||' is one too."""
    if not any("|" in line for line in lines):
        return
    cells, index = 0, 1
    while index < len(lines):
        separator = lines[index]
        index += 1
        if "|" not in separator or "|" not in lines[index - 2] or not TABLE_SEPARATOR.fullmatch(separator):
            continue
        row = separator.strip()
        columns = len(row[row.startswith("|"):len(row) - row.endswith("|")].split("|"))  # a border pipe is no cell
        rows = next((count for count, line in enumerate(lines[index:]) if "|" not in line or not line.strip()),
                    len(lines) - index)
        cells += columns * (rows + 1)
        index += rows
        if columns > limits.table_columns:
            report(index - rows - 1, f"the table has {columns:,} columns; the limit is {limits.table_columns}",
                   "split it into several tables, or link a spreadsheet")
            return
        if cells > limits.table_cells:
            report(index - rows - 1, f"the tables of the page have more than {limits.table_cells:,} cells, this one "
                   f"{columns * (rows + 1):,}", "split the page, or link a spreadsheet")
            return


def _abbreviations(lines: list[str], limits: MarkdownLimits, report) -> None:
    text = "\n".join(lines)
    if "*[" not in text:
        return
    found = list(ABBREVIATION.finditer(text))
    if len(found) > limits.abbreviations:
        over = found[limits.abbreviations]
        report(text.count("\n", 0, over.start()) + 1, f"the page defines {len(found):,} abbreviations; the limit is "
               f"{limits.abbreviations}", "keep the abbreviations the page uses; explain others in the glossary")
