"""Typography the build applies, so that authors never type invisible characters.

Russian: a no-break space before an em dash (and a spaced en dash used as a dash becomes one),
narrow no-break spaces between groups of thousands and between a year and «г.»/«гг.» (as CLDR writes
its own Russian dates), « » for straight quotes („ “ inside them).
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
from functools import cached_property, lru_cache
from itertools import pairwise

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
# Only from the start of a run of spaces: started anywhere inside it, the pattern rescanned the rest of the run
# from every position (quadratic on a long run).
DASH_AFTER_SPACE = re.compile(r"(?<![ \t\n])[ \t\n]+\u2014")
SPACED_EN_DASH = re.compile(r"[ \u00a0]\u2013(?=\s)")
SPACE_BEFORE_YEAR_ABBREVIATION = re.compile(r"(?<=\d)[ \u00a0](?=гг?\.)")  # "2026 г.", "2006–2007 гг."
ISO_DATE = r"\d{4}-\d{2}(?:-\d{2})?"
DATE_CELL = re.compile(rf"(<(td|dd)\b[^>]*>)(\s*)({ISO_DATE}(?:\s*/\s*{ISO_DATE})?)(\s*)(</\2>)$")
LANG_ATTRIBUTE = re.compile(r"""\slang\s*=\s*["']?([A-Za-z0-9-]+)""")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
OPENING_CONTEXT = " \t\n\u00a0\u202f([{\u2014\u2013-/«„"


@dataclass(frozen=True)
class Rules:
    """How one language writes: `locale` for Babel, `date_pattern` (a CLDR pattern) for full dates."""

    lang: str
    locale: str  # "" for a language without rules here: nothing is changed, dates included
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


@lru_cache(maxsize=64)  # a lang attribute is any text a contributor wrote: bounded
def rules_for(lang: str) -> Rules:
    """The rules of a language, from its UI strings (Babel locale, full-date pattern).

    `lang` may be any language tag a contributor marks a passage with (`<span lang="de">`, `{: lang="fi" }`,
    as WCAG asks for a phrase in another language): a site language with a region or script (sv-SE) keeps
    that language's rules; any other language gets rules that change nothing, so its text and its dates
    stay as written."""
    from redsite.render import ui_strings  # here, not at the top: the rules above need no UI strings

    primary = lang.split("-", 1)[0].lower()
    locales, date_patterns = ui_strings()["typography_locale"], ui_strings()["last_updated_date_format"]
    if primary not in locales:
        return Rules(primary, "", "")
    return Rules(primary, locales[primary], date_patterns[primary])


def typeset_html(html: str, rules: Rules, rules_of: Callable[[str], Rules] | None = None,
                 memo: TypesetMemo | None = None) -> str:
    """The page's HTML with the language's typography applied to its text.

    An element with a `lang` attribute (an English fallback page on the Swedish site, a Russian term
    on the glossary) is set by `rules_of(its language)`, when given, until it closes.
    With `memo`, stretches of the page already typeset in the same state are reused (see TypesetMemo):
    the result is the same."""
    if memo is not None:
        typeset = memo.typeset(html, rules, rules_of)
        if typeset is not None:
            return typeset
    parts = TOKEN.split(html)
    _typeset_parts(parts, rules, rules_of, _Walk())
    return "".join(parts)


START = ((), (), 0, " ")  # _Walk.key() at the start of a page


class _Walk:
    """Where typesetting stands between two text nodes: the open elements whose text is left alone, the open
    elements in another language, the open quotes (a quotation may contain markup) and the last character."""

    __slots__ = ("skipped", "languages", "quotes", "previous")

    def __init__(self, key: tuple = START):
        skipped, languages, depth, self.previous = key
        self.skipped: list[str] = list(skipped)
        self.languages: list[list] = [list(language) for language in languages]  # [tag name, open count, rules]
        self.quotes = _QuoteState()
        self.quotes.depth = depth

    def key(self) -> tuple:
        """Everything the typesetting of what follows depends on, hashable."""
        return (tuple(self.skipped), tuple(tuple(language) for language in self.languages),
                self.quotes.depth, self.previous)


def _typeset_parts(parts: list[str], rules: Rules, rules_of: Callable[[str], Rules] | None, walk: _Walk) -> None:
    """Typeset `parts` (TOKEN.split: text at even indices, tags and comments at odd ones) in place, from
    `walk`, which is left where the last part ends."""
    skipped, languages, quotes = walk.skipped, walk.languages, walk.quotes
    previous = walk.previous
    known = _TAGS
    last = len(parts) - 1
    for index in range(0, last + 1, 2):
        part = parts[index]  # text
        if part and not skipped:
            if not part.isspace():  # most text nodes are the indentation between tags
                current = languages[-1][2] if languages else rules
                if current.changes_text:
                    parts[index] = part = typeset_text(part, current, quotes, previous)
            previous = part[-1]
        if index == last:
            break
        part = parts[index + 1]  # a tag or a comment
        tag = known.get(part)
        if tag is None:
            tag = _remember_tag(part)
        if not tag:
            continue
        closing, name, skips, void, lang, cell = tag
        current = languages[-1][2] if languages else rules  # the rules this tag is in
        if skips:
            if not closing:
                skipped.append(name)
            elif name in skipped:
                del skipped[len(skipped) - 1 - skipped[::-1].index(name)]
        if languages and languages[-1][0] == name and not void:
            languages[-1][1] += -1 if closing else 1
            if languages[-1][1] == 0:
                languages.pop()
        elif lang and rules_of and (own := rules_of(lang)) != current:
            languages.append([name, 1, own])
        if cell and not closing:
            inner = languages[-1][2] if languages else rules  # a cell may name its own language
            date = inner.locale and DATE_CELL.match("".join(parts[index + 1:index + 4]))
            if date:
                parts[index + 2] = date[3] + localized_dates(date[4], inner) + date[5]
    walk.previous = previous


TAG_LIMIT = 2048
_TAGS: dict[str, tuple] = {}  # a tag's text -> _tag(it): the same tags recur on every page


def _remember_tag(part: str) -> tuple:
    if len(_TAGS) >= TAG_LIMIT:  # bounded: an article's links are seldom seen again
        _TAGS.clear()
    _TAGS[part] = tag = _tag(part)
    return tag


def _tag(part: str) -> tuple:
    """What typesetting needs of a tag: (closing, name, whether it opens or closes an element whose text is left
    alone, whether it is void, the language of the element it opens when it names one, whether it is a cell);
    () for a comment or a '<' that starts no tag."""
    tag = TAG_NAME.match(part)
    if not tag:
        return ()
    closing, name = tag[1] == "/", tag[2].lower()
    self_closing = part.endswith("/>")
    lang = None
    if not closing and "lang" in part and name not in VOID and not self_closing:
        found = LANG_ATTRIBUTE.search(part)
        lang = found[1] if found else None
    return closing, name, name in SKIPPED and not self_closing, name in VOID, lang, name in ("td", "dd")


# A stretch of a page starts at one of these start tags. Any start tag would do, except that a cell's closing tag
# must stay with its cell (DATE_CELL reads the two parts after a <td>/<dd>); these begin the blocks that pages of
# one language share: the header, each menu entry, the footer, the scripts.
STRETCH = re.compile(r"<(?:li|nav|header|footer|main|article|script|div)[\s>]")


class TypesetMemo:
    """Typeset stretches of pages, reused: most of a page (header, menu, footer, search, interface strings) is
    the same on every page of a language, and typesetting it again was a large part of the build at 1,000 pages
    per language.

    A page is cut into stretches before STRETCH tags. A stretch's result depends only on its text, the rules
    and the state typesetting reached before it (_Walk.key), which together are the key: so a reused stretch is
    what typesetting the page whole gives, byte for byte, and an edited page (`mkdocs serve`) has new text,
    hence new keys. Bounded: when the stretches held reach `limit` characters, the memo starts again empty
    (an article's stretches seldom recur; the shared ones are back after one page)."""

    def __init__(self, limit: int = 500_000):
        self.limit = limit
        self._stretches: dict[tuple, dict[tuple, tuple[str, tuple]]] = {}  # (rules, rules_of) -> stretches
        self._held = 0

    def typeset(self, html: str, rules: Rules, rules_of: Callable[[str], Rules] | None) -> str | None:
        """The typeset page, or None when it cannot be cut where TOKEN would cut it whole (see _cut_cleanly)."""
        stretches = self._stretches.setdefault((rules, rules_of), {})
        out: list[str] = []
        state = START
        starts = [0, *[match.start() for match in STRETCH.finditer(html)], len(html)]
        for begin, end in pairwise(starts):
            stretch = html[begin:end]
            found = stretches.get((stretch, state))
            if found is None:
                parts = TOKEN.split(stretch)
                if not _cut_cleanly(stretch, parts):
                    return None
                walk = _Walk(state)
                _typeset_parts(parts, rules, rules_of, walk)
                found = ("".join(parts), walk.key())
                self._remember(stretches, (stretch, state), found)
            out.append(found[0])
            state = found[1]
        return "".join(out)

    def _remember(self, stretches: dict, key: tuple, found: tuple[str, tuple]) -> None:
        size = len(key[0]) + len(found[0])
        if self._held + size > self.limit:
            for held in self._stretches.values():
                held.clear()
            self._held = 0
        self._held += size
        stretches[key] = found


def _cut_cleanly(stretch: str, parts: list[str]) -> bool:
    """Whether TOKEN splits `stretch` alone as it splits it within any page: no '<' is left in its text (in
    the page, a tag could run on past the stretch's end: '<' in a script's body, or STRETCH found inside an
    attribute value), and no '<!--' was taken as a tag for want of its '-->'."""
    if "<" in "".join(parts[0::2]):
        return False
    return "<!--" not in stretch or all(
        len(tag) >= 7 and tag.endswith("-->") for tag in parts[1::2] if tag.startswith("<!--"))


class _QuoteState:
    """Open quotes across the text nodes of one page: a quotation may contain markup."""

    def __init__(self):
        self.depth = 0


def typeset_text(text: str, rules: Rules, quotes: _QuoteState | None = None, previous: str = " ") -> str:
    """One text node (entities as in HTML). `previous`: the character before it on the page."""
    if rules.lang == "ru":
        if EN_DASH in text or EM_DASH in text:
            text = SPACED_EN_DASH.sub(NBSP + EM_DASH, text)
            text = DASH_AFTER_SPACE.sub(NBSP + EM_DASH, text)
        text = SPACE_BEFORE_YEAR_ABBREVIATION.sub(NARROW_NBSP, text)
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
