"""Typography the build applies, so that authors never type invisible characters.

Russian: a no-break space before an em dash (and a spaced en dash used as a dash becomes one),
narrow no-break spaces between groups of thousands, « » for straight quotes („ “ inside them).
Swedish: a no-break space between groups of thousands, ” for straight quotes.
Every language: a table cell or a fact (<td>, <dd>) holding only an ISO date, month or range of
them ("2007-04", "2007-09-25/2007-09-27") is written in the language's own format by Babel.

Only text is changed: never tags or attribute values (so never URLs), nothing inside code, pre,
kbd, samp, script, style or textarea. Applying the rules twice changes nothing more.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from babel import Locale
from babel.dates import format_date, format_skeleton

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
EM_DASH = "\u2014"
EN_DASH = "\u2013"

SKIPPED = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})
TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
TAG_NAME = re.compile(r"<(/?)([A-Za-z][\w-]*)")
STRAIGHT_QUOTE = re.compile(r'"|&quot;|&#34;|&#x22;', re.I)
# Groups of thousands already separated by a space, or a bare number of five or more digits; never
# inside a word, a path, a decimal number or a range written with a hyphen.
THOUSANDS = re.compile(r"(?<![\w/.,:\-\u2013])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d{5,})(?![\w/\-]|[.,:]\d)")
DASH_AFTER_SPACE = re.compile(r"[ \t\n]+\u2014")
SPACED_EN_DASH = re.compile(r"[ \u00a0]\u2013(?=\s)")
ISO_DATE = r"\d{4}-\d{2}(?:-\d{2})?"
DATE_CELL = re.compile(rf"(<(td|dd)\b[^>]*>)(\s*)({ISO_DATE}(?:\s*/\s*{ISO_DATE})?)(\s*)(</\2>)$")
LANG_ATTRIBUTE = re.compile(r"""\slang\s*=\s*["']?([A-Za-z-]+)""")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
OPENING_CONTEXT = " \t\n\u00a0\u202f([{\u2014\u2013-/«„"


@dataclass(frozen=True)
class Rules:
    """How one language writes: `locale` for Babel, `date_pattern` (a CLDR pattern) for full dates."""

    lang: str
    locale: str
    date_pattern: str

    @cached_property  # read for every text node of every page
    def thousands_separator(self) -> str | None:
        return {"ru": NARROW_NBSP, "sv": NBSP}.get(self.lang)

    @cached_property  # read for every text node of every page
    def changes_text(self) -> bool:
        """Whether typeset_text can change anything (English text is left as written)."""
        return self.lang == "ru" or self.thousands_separator is not None or self.quotes is not None

    @cached_property  # read for every text node of every page
    def quotes(self) -> tuple[str, str, str, str] | None:
        """(open, close, inner open, inner close) for straight quotes, or None to leave them."""
        return {"ru": ("«", "»", "„", "“"), "sv": ("”", "”", "’", "’")}.get(self.lang)


def rules_for(lang: str) -> Rules:
    """The rules of a site language, from its UI strings (Babel locale, full-date pattern)."""
    from redsite.render import t  # here, not at the top: the rules above need no UI strings

    return Rules(lang, t("typography_locale", lang), t("last_updated_date_format", lang))


def typeset_html(html: str, rules: Rules, rules_of: Callable[[str], Rules] | None = None) -> str:
    """The page's HTML with the language's typography applied to its text.

    An element with a `lang` attribute (an English fallback page on the Swedish site, a Russian term
    on the glossary) is set by `rules_of(its language)`, when given, until it closes."""
    parts = TOKEN.split(html)
    skipped: list[str] = []
    languages: list[list] = []  # [tag name, open elements of that name, rules]
    quotes = _QuoteState()
    previous = " "
    for index, part in enumerate(parts):
        current = languages[-1][2] if languages else rules
        if index % 2:  # a tag or a comment
            tag = TAG_NAME.match(part)
            if not tag:
                continue
            closing, name = tag[1] == "/", tag[2].lower()
            if name in SKIPPED and not part.endswith("/>"):
                if not closing:
                    skipped.append(name)
                elif name in skipped:
                    del skipped[len(skipped) - 1 - skipped[::-1].index(name)]
            if languages and languages[-1][0] == name and name not in VOID:
                languages[-1][1] += -1 if closing else 1
                if languages[-1][1] == 0:
                    languages.pop()
            elif not closing and rules_of and "lang" in part and name not in VOID and not part.endswith("/>"):
                lang = LANG_ATTRIBUTE.search(part)
                if lang and lang[1] != current.lang:
                    languages.append([name, 1, rules_of(lang[1])])
            if name == "td" or name == "dd":
                cell = DATE_CELL.match("".join(parts[index:index + 3]))
                if cell and not closing:
                    parts[index + 1] = cell[3] + localized_dates(cell[4], current) + cell[5]
            continue
        if skipped or not part:
            continue
        if current.changes_text and not part.isspace():  # most text nodes are the indentation between tags
            parts[index] = typeset_text(part, current, quotes, previous)
        previous = parts[index][-1]
    return "".join(parts)


class _QuoteState:
    """Open quotes across the text nodes of one page: a quotation may contain markup."""

    def __init__(self):
        self.depth = 0


def typeset_text(text: str, rules: Rules, quotes: _QuoteState | None = None, previous: str = " ") -> str:
    """One text node (entities as in HTML). `previous`: the character before it on the page."""
    if rules.lang == "ru":
        text = SPACED_EN_DASH.sub(NBSP + EM_DASH, text)
        text = DASH_AFTER_SPACE.sub(NBSP + EM_DASH, text)
    separator = rules.thousands_separator
    if separator:
        text = THOUSANDS.sub(lambda m: _grouped(m[1], separator), text)
    marks = rules.quotes
    if marks and ('"' in text or "&" in text):
        text = _quoted(text, marks, quotes or _QuoteState(), previous)
    return text


def _grouped(number: str, separator: str) -> str:
    digits = re.sub(r"\D", "", number)
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return separator.join(groups)


def _quoted(text: str, marks: tuple[str, str, str, str], state: _QuoteState, previous: str) -> str:
    out = []
    position = 0
    for match in STRAIGHT_QUOTE.finditer(text):
        before = text[match.start() - 1] if match.start() else previous
        out.append(text[position:match.start()])
        if before in OPENING_CONTEXT:
            out.append(marks[0] if state.depth == 0 else marks[2])
            state.depth += 1
        else:
            state.depth = max(0, state.depth - 1)
            out.append(marks[1] if state.depth == 0 else marks[3])
        position = match.end()
    out.append(text[position:])
    return "".join(out)


def localized_dates(value: str, rules: Rules) -> str:
    """An ISO date ("2007-09-25"), month ("2007-04") or range of either ("a/b"), in the language's own
    format; anything else (an invalid or invented date such as "20XX-05") is returned unchanged."""
    try:
        if "/" in value:
            start, end = (part.strip() for part in value.split("/", 1))
            return _range(start, end, rules)
        return _single(value.strip(), rules)
    except ValueError:
        return value


def _parse(text: str) -> tuple[dt.date, bool]:
    """(date, whether the day is given)."""
    if len(text) == 7:
        return dt.date.fromisoformat(text + "-01"), False
    return dt.date.fromisoformat(text), True


def _single(text: str, rules: Rules) -> str:
    date, has_day = _parse(text)
    if has_day:
        return format_date(date, rules.date_pattern, locale=rules.locale)
    return format_skeleton("yMMMM", date, locale=rules.locale)


def _range(start_text: str, end_text: str, rules: Rules) -> str:
    """Babel's (CLDR's) interval pattern for the largest field that differs, with full month names."""
    start, start_day = _parse(start_text)
    end, end_day = _parse(end_text)
    if start_day != end_day or end < start:
        raise ValueError("not a range")
    if start == end:
        return _single(start_text, rules)
    skeleton = "yMMMd" if start_day else "yMMM"
    differs = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    intervals = Locale.parse(rules.locale).interval_formats
    first, second = intervals[skeleton][differs]
    return (format_date(start, _long_month(first), locale=rules.locale)
            + format_date(end, _long_month(second), locale=rules.locale))


def _long_month(pattern: str) -> str:
    """CLDR's interval patterns abbreviate the month (MMM, LLL); pages write it out (MMMM, LLLL)."""
    return re.sub(r"(?<![ML])(MMM|LLL)(?![ML])", lambda m: m[1] + m[1][0], pattern)
