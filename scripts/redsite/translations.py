"""Cross-language checks: is every page translated, current, and built like its English source?

The command line (scripts/check_translations.py), the build (stale notice and
the translation-status page, via scripts/hooks.py) and the tests all use the
functions here, so a page is "outdated" in exactly one sense everywhere.

Staleness never looks at file dates or commits. A translation records, in its
front-matter field `source_hash`, the version of the English page it was made
from; it is current while that equals `source_hash(english)`. What the hash
covers is described in `normalised_source`. `stamp_text` writes the field.

A translation is checked for:
- missing / orphan: an English page without translation, a translation without English page;
- pending: `pending: true` in the front matter (counts as not translated);
- stale: not stamped, or stamped from another version of the English;
- front-matter: the same validation as the build (redsite.frontmatter.validate_page);
- structure: headings (count, levels), links, images, tables, code blocks, admonitions, and the
  language-neutral front-matter fields (type, themes, regions, ...) differ from the English;
- untranslated: passages identical to the English, or reading as English (rules per script, below);
- broken-link: a link or anchor that does not resolve in that language (a page missing in the
  language resolves to its English fallback, as on the site).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from pymdownx.slugs import slugify

from redsite import source_policy  # sec
from redsite.data_files import check_data_files  # sec
from redsite.frontmatter import FENCE, PageSource, parse_page, validate_page
from redsite.model import REPO_ROOT, ContentModel, load_model
from redsite.pages import PageFile, folder_type, list_pages, read_page, tree_dir
from redsite.problems import Problem
from redsite.scaffold import PLACEHOLDER

SOURCE_HASH = "source_hash"
PENDING = "pending"

# Translation states (the status page shows them; the CLI counts them).
CURRENT, STALE, PENDING_STATE, MISSING, ORPHAN = "current", "stale", "pending", "missing", "orphan"

# Problem kinds, in the order a report lists them for one file.
KINDS = ("source", "data", "missing", "orphan", "front-matter", "placeholder", "pending", "stale", "structure",
         "untranslated", "broken-link")

STAMP_COMMAND = "python scripts/check_translations.py --stamp"


# --------------------------------------------------------------------------- hash and state

def _per_language_fields(model: ContentModel) -> frozenset[str]:
    fields = [*model.common_fields, *model.translation_fields]
    for content_type in model.content_types.values():
        fields.extend(content_type.front_matter_fields)
    return frozenset(f.name for f in fields if f.per_language) | {f.name for f in model.translation_fields}


def normalised_source(page: PageSource, model: ContentModel | None = None) -> str:
    """The text of an English page as far as translations are concerned.

    - Front matter: the parsed values (so quoting, key order and list style do not count),
      without per-language fields (`last_reviewed`) and the translation bookkeeping fields.
    - Body: Unicode NFC; paragraphs are separated by blank lines, and inside a paragraph every
      run of whitespace counts as one space, so re-wrapping lines, trailing spaces, extra blank
      lines and CRLF line endings do not make translations outdated. Any change of a word,
      punctuation mark, link, heading, list or code does.
    """
    model = model or load_model()
    skip = _per_language_fields(model)
    meta = {key: value for key, value in page.meta.items() if key not in skip}
    meta_text = json.dumps(meta, sort_keys=True, ensure_ascii=False, default=str)
    return unicodedata.normalize("NFC", meta_text + "\n\n" + _normalised_body(page.body))


@lru_cache(maxsize=8192)
def _normalised_body(body: str) -> str:
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n[ \t]*\r?\n", body.replace("\r\n", "\n")))
    return "\n\n".join(p for p in paragraphs if p)


def source_hash(page: PageSource, model: ContentModel | None = None) -> str:
    """What a translation made from this English page records in `source_hash` (16 hex digits)."""
    return hashlib.sha256(normalised_source(page, model).encode("utf-8")).hexdigest()[:16]


def stamped_hash(translation: PageSource) -> str | None:
    value = translation.meta.get(SOURCE_HASH)
    return None if value is None else str(value)


def translation_state(english: PageSource | None, translation: PageSource | None,
                      model: ContentModel | None = None) -> str:
    """current, stale, pending, missing or orphan. An unstamped translation is stale:
    nothing shows which English version it matches."""
    if english is None:
        return ORPHAN
    if translation is None:
        return MISSING
    if translation.meta.get(PENDING) is True:
        return PENDING_STATE
    if stamped_hash(translation) != source_hash(english, model):
        return STALE
    return CURRENT


def page_state(rel: str, lang: str, root: Path = REPO_ROOT, model: ContentModel | None = None) -> str:
    """The state of the `lang` translation of the page at `rel` (e.g. 'methods/x.md'), read from disk."""
    model = model or load_model()
    default = model.default_language.code
    return translation_state(_load_rel(rel, default, root, model), _load_rel(rel, lang, root, model), model)


def _load_rel(rel: str, lang: str, root: Path, model: ContentModel) -> PageSource | None:
    path = tree_dir(lang, root, model) / rel
    return read_page(PageFile(lang, rel, path), root) if path.is_file() else None


# --------------------------------------------------------------------------- stamping

SOURCE_HASH_LINE = re.compile(rf"^{SOURCE_HASH}\s*:")


def stamp_text(text: str, digest: str) -> str:
    """`text` with its front-matter line `source_hash: "<digest>"` set; nothing else changes.

    The line is replaced where it exists, else inserted just before the closing '---';
    a page without front matter gets a front matter holding only that line.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    entry = f'{SOURCE_HASH}: "{digest}"'
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        return f"{FENCE}{newline}{entry}{newline}{FENCE}{newline}{text}"
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in (FENCE, "...")), None)
    if end is None:
        raise ValueError("the front matter is never closed")
    for index in range(1, end):
        if SOURCE_HASH_LINE.match(lines[index]):
            ending = lines[index][len(lines[index].rstrip("\r\n")):]
            lines[index] = entry + ending
            return "".join(lines)
    lines.insert(end, entry + newline)
    return "".join(lines)


@dataclass(frozen=True)
class StampOutcome:
    path: str
    status: str  # stamped, current (already), refused
    message: str


def stamp_paths(arguments: list[str], root: Path = REPO_ROOT, model: ContentModel | None = None,
                cwd: Path | None = None) -> list[StampOutcome]:
    """Stamp translation files (or every translation under a folder) as made from the current English.

    Refused, and left untouched: files outside the translation trees, translations without
    English page, front matter that does not parse, and pages still marked `pending: true`
    (stamping says "this translation is complete and current"; the translator removes
    `pending` when it is, then stamps).
    """
    model = model or load_model()
    outcomes = []
    for argument in arguments:
        candidate = Path(argument)
        if not candidate.is_absolute():
            candidate = (cwd or Path.cwd()) / argument
            if not candidate.exists():
                candidate = root / argument
        if not candidate.exists():
            outcomes.append(StampOutcome(argument, "refused", "no such file or folder"))
            continue
        files = sorted(candidate.rglob("*.md")) if candidate.is_dir() else [candidate]
        outcomes.extend(_stamp_file(path, root, model) for path in files)
    return outcomes


def _translation_of(path: Path, root: Path, model: ContentModel) -> tuple[str, str] | None:
    resolved = path.resolve()
    for language in model.translations:
        base = (root / language.tree).resolve()
        if resolved.is_relative_to(base):
            return language.code, resolved.relative_to(base).as_posix()
    return None


def _stamp_file(path: Path, root: Path, model: ContentModel) -> StampOutcome:
    located = _translation_of(path, root, model)
    resolved = path.resolve()
    shown = resolved.relative_to(root.resolve()).as_posix() if resolved.is_relative_to(root.resolve()) else str(path)
    if located is None:
        trees = ", ".join(f"{lang.tree}/" for lang in model.translations)
        return StampOutcome(shown, "refused", f"not a translation: only files in {trees} are stamped")
    lang, rel = located
    shown = f"{model.language(lang).tree}/{rel}"
    english = _load_rel(rel, model.default_language.code, root, model)
    if english is None:
        return StampOutcome(shown, "refused",
                            f"there is no English page {model.default_language.tree}/{rel} to stamp it against")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return StampOutcome(shown, "refused", "the file is not UTF-8 text; save it as UTF-8 first")
    translation = parse_page(shown, text, lang)
    if translation.problems:
        return StampOutcome(shown, "refused", "fix the front matter first: " + translation.problems[0].message)
    if translation.meta.get(PENDING) is True:
        return StampOutcome(shown, "refused",
                            "the page is marked 'pending: true'; when the translation is finished, "
                            "delete that line and stamp again")
    digest = source_hash(english, model)
    if stamped_hash(translation) == digest:
        return StampOutcome(shown, "current", "already stamped with the current English version")
    stamped = stamp_text(text, digest)
    if stamped_hash(parse_page(shown, stamped, lang)) != digest:  # never write a file we cannot read back
        return StampOutcome(shown, "refused", f"could not set '{SOURCE_HASH}' in this front matter")
    path.write_bytes(stamped.encode("utf-8"))
    return StampOutcome(shown, "stamped", f"{SOURCE_HASH}: {digest}")


# --------------------------------------------------------------------------- outline of a Markdown body

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
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s+([\w-]+)[^"]*(?:"(.*)")?\s*$')
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[([^\]^][^\]]*)\]:\s*<?([^\s>]+)>?")
TRAILING_ATTRIBUTES = re.compile(r"\s*\{:?\s*([^}]*)\}\s*$")
ATTRIBUTE_ID = re.compile(r"(?:^|\s)#([\w-]+)")
HTML_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
INLINE_CODE = re.compile(r"(`+)(.+?)\1")
IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
LINK = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
AUTOLINK = re.compile(r"<((?:https?|mailto):[^>]+)>")
BARE_URL = re.compile(r"(?:https?://|www\.)\S+")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
ATTRIBUTE_LIST = re.compile(r"\{:?\s*[#.][^}]*\}|\{:[^}]*\}")
FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]]+\]:?")
HTML_COMMENT = re.compile(r"<!--.*?-->")
WORD = re.compile(r"[^\W\d]\w*(?:['’\-]\w+)*")  # starts with a letter: numbers are not words
MARKUP = ("`", "[", "<", "{", "http", "www.")  # plain `in` tests: much faster than one regex search
REFERENCES = ("[", "<", "{", "id")
LOWER_CASE_LATIN = "a-z\u00df-\u00f6\u00f8-\u00ff"
LOWER_CASE_LATIN_WORD = re.compile(rf"(?<!\S)[{LOWER_CASE_LATIN}][{LOWER_CASE_LATIN}'’\-]+(?!\S)")
LONG_WORD = re.compile(r"\S{2,}")  # one-letter words, such as work package (a), do not count
DIRECTIVE = "red:"

_slug = slugify(case="lower")  # the same slugify as the toc extension in mkdocs.yml


def _cells(row: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", row.strip())
    if cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return cells


def prose(text: str) -> str:
    """The words a reader sees in a line of Markdown: link text, not URLs; no code, tags or attributes."""
    if not any(mark in text for mark in MARKUP):  # most lines of prose: nothing to remove
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
    generated = False
    paragraph: list[str] = []
    paragraph_line = 0
    fence: str | None = None
    in_comment = False

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            found = words(" ".join(paragraph))
            if found:
                blocks.append(Block.of(paragraph_line, found))
        paragraph = []

    def scan_references(text: str, number: int) -> None:
        if not any(mark in text for mark in REFERENCES):
            return
        text = INLINE_CODE.sub(" ", text)
        for match in IMAGE.finditer(text):
            images.append(Element(number, len(headings), match.group(2)))
        for match in LINK.finditer(IMAGE.sub(" ", text)):
            links.append(Element(number, len(headings), match.group(2)))
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
            generated = generated or any(DIRECTIVE in c for c in HTML_COMMENT.findall(raw))
            raw = HTML_COMMENT.sub(" ", raw)
            if "<!--" in raw:
                raw, comment = raw.split("<!--", 1)
                generated = generated or DIRECTIVE in comment
                in_comment = True
        stripped = raw.strip()
        if not stripped:
            flush()
            continue
        fence_match = FENCE_OPEN.match(raw)
        if fence_match:
            flush()
            fence = fence_match.group(1)[0] * 3
            code_blocks.append(Element(number, len(headings), fence_match.group(2)))
            continue
        heading = ATX_HEADING.match(raw)
        if heading:
            flush()
            text = heading.group(2)
            attributes = TRAILING_ATTRIBUTES.search(text)
            explicit = ATTRIBUTE_ID.search(attributes.group(1)) if attributes else None
            if attributes:
                text = text[:attributes.start()]
            anchor = explicit.group(1) if explicit else _unique(_slug(prose(text).strip(), "-"), anchors)
            anchors.add(anchor)
            headings.append(Heading(number, len(heading.group(1)), text.strip(), anchor))
            scan_references(text, number)
            found = words(text)
            if found:
                blocks.append(Block.of(number, found))
            continue
        admonition = ADMONITION.match(raw)
        if admonition:
            flush()
            admonitions.append(Element(number, len(headings), admonition.group(1)))
            title = words(admonition.group(2) or "")
            if title:
                blocks.append(Block.of(number, title))
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
                found = words(" ".join(_cells(row)))
                if found:
                    blocks.append(Block.of(row_number, found))
            continue
        reference = REFERENCE_DEFINITION.match(raw)
        if reference:
            flush()
            links.append(Element(number, len(headings), reference.group(2)))
            continue
        if RULE.match(raw):
            flush()
            continue
        if LIST_ITEM.match(raw) or stripped.startswith(">"):
            flush()
            raw = LIST_ITEM.sub("", raw).lstrip("> ")
        scan_references(raw, number)
        if not paragraph:
            paragraph_line = number
        paragraph.append(raw)
    flush()
    return Outline(tuple(headings), tuple(links), tuple(images), tuple(tables), tuple(code_blocks),
                   tuple(admonitions), tuple(blocks), frozenset(anchors), generated)


def _unique(anchor: str, taken: set[str]) -> str:
    """Like the toc extension: a repeated heading gets _1, _2, ..."""
    if anchor not in taken:
        return anchor
    number = 1
    while f"{anchor}_{number}" in taken:
        number += 1
    return f"{anchor}_{number}"


def outline_of(page: PageSource) -> Outline:
    return parse_outline(page.body, page.body_line)


# --------------------------------------------------------------------------- untranslated text

# English words that carry no meaning of their own and are not Swedish (or other Latin-script
# language) words as well. Swedish prose contains almost none; English prose is 15–30 % of them.
_FUNCTION_WORDS_TEXT = """
    the and of to is are was were with that this which from have has been their they these those
    would should will what when where who whom into about than its it on or an a at can but we you
    your there also such how only more could do does did"""
ENGLISH_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())


@dataclass(frozen=True)
class UntranslatedRule:
    """When a block of a translation counts as left in English.

    Latin-script languages (Swedish) share the alphabet with English, so their rule counts English
    function words. Other scripts (Russian) count Latin-script words written in lower case:
    capitalised words and acronyms are kept (names of projects and organisations such as
    Interreg, BaltMet, Yc³ or Region Blekinge), lower-case English prose is not.
    """

    min_words: int
    threshold: float
    measure: str  # "function-words" or "latin-words"
    description: str


LATIN_SCRIPT_RULE = UntranslatedRule(
    8, 0.15, "function-words", "at least 15 % of its words are English function words (the, and, of, ...)")
OTHER_SCRIPT_RULE = UntranslatedRule(
    5, 0.5, "latin-words", "at least half of its words are lower-case words in Latin script")
IDENTICAL_MIN_WORDS = 4  # shorter identical blocks are usually names, dates or numbers


def uses_latin_script(lang: str, model: ContentModel | None = None) -> bool:
    """Read from the content model (its section headings in that language), not from a list of codes."""
    model = model or load_model()
    sample = "".join(titles[lang] for titles in model.section_titles.values() if lang in titles)
    return _mostly_latin(sample)


@cache
def _mostly_latin(sample: str) -> bool:
    letters = [char for char in sample if char.isalpha()]
    return sum(unicodedata.name(char, "").startswith("LATIN") for char in letters) * 2 >= len(letters)


def untranslated_rule(lang: str, model: ContentModel | None = None) -> UntranslatedRule:
    return LATIN_SCRIPT_RULE if uses_latin_script(lang, model) else OTHER_SCRIPT_RULE


def english_share(block_words: tuple[str, ...], rule: UntranslatedRule, folded: str = "") -> float:
    """The share of English in a block; `folded` is its words case-folded and joined, if at hand."""
    if rule.measure == "function-words":
        folded_words = (folded or " ".join(block_words).casefold()).split(" ")
        return sum(word in ENGLISH_FUNCTION_WORDS for word in folded_words) / len(folded_words)
    joined = " ".join(block_words)  # regular expressions over the whole block: far faster than per word
    counted = len(LONG_WORD.findall(joined))
    return len(LOWER_CASE_LATIN_WORD.findall(joined)) / counted if counted else 0.0


def untranslated_reason(block_words: tuple[str, ...], english_keys: frozenset[str],
                        rule: UntranslatedRule, folded: str = "") -> str | None:
    """Why a block looks untranslated, or None. `folded`: the words case-folded and joined, if at hand."""
    if len(block_words) < IDENTICAL_MIN_WORDS:
        return None
    folded = folded or " ".join(block_words).casefold()
    if folded in english_keys and any(word.islower() for word in block_words):
        return "identical to the English"
    if len(block_words) >= rule.min_words and english_share(block_words, rule, folded) >= rule.threshold:
        return "reads as English: " + rule.description
    return None


# --------------------------------------------------------------------------- comparing with the English

def _translatable_fields(model: ContentModel) -> frozenset[str]:
    """Front-matter fields whose value is text in the page's language (the rest is shared)."""
    fields = [*model.common_fields]
    for content_type in model.content_types.values():
        fields.extend(content_type.front_matter_fields)
    return frozenset(f.name for f in fields if f.type in ("str", "text", "list[str]"))


def _language_neutral_fields(model: ContentModel, type_name: str | None) -> list[str]:
    """Fields that hold the same value in every language: vocabularies, sources, booleans."""
    content_type = model.content_types.get(type_name)
    if content_type is None:
        return []
    fields = [*model.common_fields, *content_type.front_matter_fields]
    return [f.name for f in fields if not f.per_language and (
        "enum:" in f.type or f.type in ("bool", "source", "list[source]"))]


def _line_of_section(translation: Outline, section: int, fallback: int) -> int:
    if 0 < section <= len(translation.headings):
        return translation.headings[section - 1].line
    return fallback


def compare_structure(english: PageSource, translation: PageSource, lang: str,
                      model: ContentModel | None = None) -> list[Problem]:
    """Where the translation is built differently from its English source."""
    model = model or load_model()
    source, target = outline_of(english), outline_of(translation)
    path, english_path = translation.path, english.path
    problems: list[Problem] = []

    def report(line: int, message: str, hint: str) -> None:
        problems.append(Problem("structure", lang, path, line, message, hint))

    for name in _language_neutral_fields(model, english.meta.get("type")):
        if name in english.meta and translation.meta.get(name) != english.meta[name]:
            report(translation.key_lines.get(name, 1),
                   f"'{name}' is {translation.meta.get(name)!r} here but {english.meta[name]!r} in {english_path}",
                   f"copy '{name}' from the English page: this field has the same value in every language")

    levels_en = [h.level for h in source.headings]
    levels_tr = [h.level for h in target.headings]
    if levels_en != levels_tr:
        first = next((i for i, (a, b) in enumerate(zip(levels_en, levels_tr, strict=False)) if a != b),
                     min(len(levels_en), len(levels_tr)))
        if first < len(levels_tr) and first < len(levels_en):
            line = target.headings[first].line
            counterpart = source.headings[first]
            detail = (f"heading {first + 1} is level {levels_tr[first]} here but level {levels_en[first]} "
                      f"in the English (\"{counterpart.text}\", {english_path}:{counterpart.line})")
        elif first < len(levels_en):
            line = target.headings[-1].line if target.headings else translation.body_line
            missing = source.headings[first]
            detail = (f"the English has {len(levels_en)} headings, this page {len(levels_tr)}; the first without "
                      f"counterpart is \"{missing.text}\" ({english_path}:{missing.line})")
        else:
            line = target.headings[first].line
            detail = (f"the English has {len(levels_en)} headings, this page {len(levels_tr)}; "
                      f"this heading has no counterpart in {english_path}")
        report(line, detail,
               "give the translation the same headings as the English, in the same order and at the same "
               "levels (## level 2, ### level 3); translate only their text")

    _compare_sequences(source.admonitions, target.admonitions, "admonition", "admonitions (!!! boxes)",
                       english_path, translation.body_line, target, report)
    _compare_sequences(source.tables, target.tables, "table", "tables", english_path, translation.body_line,
                       target, report)
    _compare_sequences(source.code_blocks, target.code_blocks, "code block", "code blocks",
                       english_path, translation.body_line, target, report)
    rel_en, rel_tr = _rel_in_tree(english.path, model), _rel_in_tree(translation.path, model)
    _compare_targets([_target_key(e.value, rel_en) for e in source.images], source.images,
                     [_target_key(e.value, rel_tr) for e in target.images], target.images,
                     "image", english_path, translation.body_line, target, report)
    internal_en = [e for e in source.links if not _is_external(e.value)]
    internal_tr = [e for e in target.links if not _is_external(e.value)]
    _compare_targets([_target_key(e.value, rel_en) for e in internal_en], internal_en,
                     [_target_key(e.value, rel_tr) for e in internal_tr], internal_tr,
                     "link", english_path, translation.body_line, target, report)
    external_en = sum(_is_external(e.value) for e in source.links)
    external_tr = sum(_is_external(e.value) for e in target.links)
    if external_en != external_tr:
        report(translation.body_line,
               f"{external_tr} external link(s) here, {external_en} in {english_path}",
               "keep every web link of the English page (a version of the linked page in this language may "
               "replace it)")
    return problems


def _compare_sequences(source, target, noun, plural, english_path, body_line, outline, report) -> None:
    values_en = [e.value for e in source]
    values_tr = [e.value for e in target]
    if values_en == values_tr:
        return
    first = next((i for i, (a, b) in enumerate(zip(values_en, values_tr, strict=False)) if a != b),
                 min(len(values_en), len(values_tr)))
    if first < len(values_en) and first < len(values_tr):
        report(target[first].line,
               f"{noun} {first + 1} is '{values_tr[first]}' here but '{values_en[first]}' in the English "
               f"({english_path}:{source[first].line})",
               f"make the {plural} match the English one for one")
    elif first < len(values_en):
        missing = source[first]
        report(_line_of_section(outline, missing.section, body_line),
               f"{len(values_tr)} {plural} here, {len(values_en)} in the English; missing: the {noun} "
               f"'{missing.value}' at {english_path}:{missing.line}",
               f"add the missing {noun} in the same section as in the English")
    else:
        report(target[first].line,
               f"{len(values_tr)} {plural} here, {len(values_en)} in the English; this {noun} has no counterpart",
               f"remove it, or add it to the English page {english_path} first")


def _compare_targets(keys_en, elements_en, keys_tr, elements_tr, noun, english_path, body_line, outline,
                     report) -> None:
    remaining = list(keys_tr)
    for key, element in zip(keys_en, elements_en, strict=True):
        if key in remaining:
            remaining.remove(key)
        else:
            report(_line_of_section(outline, element.section, body_line),
                   f"the English has a {noun} to '{element.value}' ({english_path}:{element.line}) that is "
                   "missing here",
                   f"add the {noun} in the same section; link to the same file name (anchors may differ)")
    unmatched = list(keys_en)
    for key, element in zip(keys_tr, elements_tr, strict=True):
        if key in unmatched:
            unmatched.remove(key)
        else:
            report(element.line, f"this {noun} to '{element.value}' is not in the English ({english_path})",
                   f"remove it, or link to what the English page links to; new {noun}s go into the English first")


def _is_external(target: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE)) or target.startswith("//")


def _rel_in_tree(repo_path: str, model: ContentModel) -> str:
    """'docs_sv/methods/x.md' -> 'methods/x.md'."""
    for language in model.languages:
        if repo_path.startswith(language.tree + "/"):
            return repo_path[len(language.tree) + 1:]
    return repo_path


def _target_key(target: str, page_rel: str) -> str:
    """A link target as a path inside the tree, without anchor (anchors are translated)."""
    if _is_external(target):
        return target
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return page_rel
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), path))


def untranslated_problems(english: PageSource, translation: PageSource, lang: str,
                          model: ContentModel | None = None) -> list[Problem]:
    """Runs of blocks left in English (one problem per run), and front-matter text left in English."""
    model = model or load_model()
    rule = untranslated_rule(lang, model)
    source, target = outline_of(english), outline_of(translation)
    english_keys = frozenset(block.key for block in source.blocks)
    problems: list[Problem] = []
    name = model.language(lang).name
    hint = (f"translate this text into {name}; names of projects, programmes and organisations may keep "
            "their original spelling. If the page is not finished, put 'pending: true' in its front matter")
    translatable, known = _translatable_fields(model), _known_fields(model)
    for key, value in translation.meta.items():
        if key not in english.meta or not (key in translatable or key not in known):
            continue
        values = value if isinstance(value, list) else [value]
        originals = english.meta[key] if isinstance(english.meta[key], list) else [english.meta[key]]
        field_keys = frozenset(" ".join(words(str(v))).casefold() for v in originals)
        for item in values:
            reason = untranslated_reason(words(str(item)), field_keys, rule) if isinstance(item, str) else None
            if reason:
                problems.append(Problem("untranslated", lang, translation.path, translation.key_lines.get(key, 1),
                                        f"front-matter field '{key}' looks untranslated ({reason})", hint))
                break
    run: list[tuple[Block, str]] = []

    def close_run() -> None:
        if not run:
            return
        first, reason = run[0]
        excerpt = " ".join(first.words[:8]) + (" …" if len(first.words) > 8 else "")
        where = f"line {first.line}" if len(run) == 1 else f"{len(run)} passages, lines {first.line}–{run[-1][0].line}"
        problems.append(Problem("untranslated", lang, translation.path, first.line,
                                f"text looks untranslated ({where}; {reason}): “{excerpt}”", hint))
        run.clear()

    for block in target.blocks:
        reason = untranslated_reason(block.words, english_keys, rule, block.key)
        if reason:
            run.append((block, reason))
        else:
            close_run()
    close_run()
    return problems


def _known_fields(model: ContentModel) -> frozenset[str]:
    fields = [*model.common_fields, *model.translation_fields]
    for content_type in model.content_types.values():
        fields.extend(content_type.front_matter_fields)
    return frozenset(f.name for f in fields)


def broken_links(translation: PageSource, rel: str, lang: str, site: LanguageSite) -> list[Problem]:
    """Internal links and anchors of a translation that do not resolve in its language."""
    problems = []
    outline = outline_of(translation)
    for element in (*outline.links, *outline.images):
        target = element.value
        if _is_external(target) or target.startswith("/") or not target:
            continue
        path, _, anchor = target.partition("#")
        path = path.split("?", 1)[0]
        if path:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
            if resolved.startswith("../") or resolved == "..":
                problems.append(Problem("broken-link", lang, translation.path, element.line,
                                        f"'{target}' points outside the site's pages",
                                        "link to a page of the site with a path relative to this page"))
                continue
            if not posixpath.splitext(resolved)[1]:
                continue  # a folder or an address the build generates; mkdocs checks those
            if not site.exists(resolved):
                problems.append(Problem(
                    "broken-link", lang, translation.path, element.line,
                    f"'{target}' does not resolve: neither {site.tree}/{resolved} nor the English "
                    f"{site.english_tree}/{resolved} exists",
                    "check the file name and the relative path; links use the English file names in every "
                    "language"))
                continue
        else:
            resolved = rel
        if anchor and resolved.endswith(".md"):
            target_outline = site.outline(resolved)
            if target_outline is not None and not target_outline.generated and anchor not in target_outline.anchors:
                known = ", ".join(sorted(target_outline.anchors)[:8]) or "none"
                problems.append(Problem(
                    "broken-link", lang, translation.path, element.line,
                    f"anchor '#{anchor}' does not exist in the {site.name} version of {resolved} "
                    f"(anchors there: {known})",
                    "anchors follow the heading text in this language: use the anchor of the translated heading"))
    return problems


@dataclass
class LanguageSite:
    """What a reader of one language can reach: its own pages, else the English fallback."""

    lang: str
    name: str
    tree: str
    english_tree: str
    pages: dict[str, PageSource]
    english: dict[str, PageSource]
    root: Path

    def exists(self, rel: str) -> bool:
        return (rel in self.pages or rel in self.english or (self.root / self.tree / rel).is_file()
                or (self.root / self.english_tree / rel).is_file())

    def outline(self, rel: str) -> Outline | None:
        page = self.pages.get(rel) or self.english.get(rel)
        return outline_of(page) if page is not None else None


# --------------------------------------------------------------------------- the report

@dataclass
class PageStatus:
    rel: str
    lang: str
    state: str
    english_path: str
    translation_path: str
    english_title: str
    title: str  # in the translation's language where it exists, else the English title
    words: int  # words of the English page


@dataclass
class LanguageSummary:
    pages: int = 0
    translated: int = 0  # a translation exists and is not pending (current or stale)
    missing: int = 0
    stale: int = 0
    pending: int = 0
    current: int = 0
    words_total: int = 0
    words_translated: int = 0

    @property
    def percent(self) -> float:
        return round(100 * self.translated / self.pages, 1) if self.pages else 100.0

    def as_dict(self) -> dict:
        return {"pages": self.pages, "translated": self.translated, "missing": self.missing, "stale": self.stale,
                "percent": self.percent, "words_total": self.words_total, "words_translated": self.words_translated,
                "pending": self.pending, "current": self.current}


@dataclass
class Report:
    languages: list[str]
    summary: dict[str, LanguageSummary] = field(default_factory=dict)
    statuses: dict[str, list[PageStatus]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        return {"summary": {lang: summary.as_dict() for lang, summary in self.summary.items()},
                "problems": [problem.as_dict() for problem in self.problems]}


def _title(page: PageSource | None, rel: str) -> str:
    if page is not None and page.meta.get("title"):
        return str(page.meta["title"])
    return rel


def build_report(root: Path = REPO_ROOT, model: ContentModel | None = None,
                 languages: list[str] | None = None) -> Report:
    """Every translation language (or `languages`) compared with the English tree under `root`."""
    model = model or load_model()
    default = model.default_language
    languages = languages or [language.code for language in model.translations]
    report = Report(languages)
    english = {page.rel: read_page(page, root) for page in list_pages(default.code, root, model)}
    for rel, source in sorted(english.items()):
        report.problems += validate_page(source, default.code, model, folder_type(rel, model))
        report.problems += placeholder_problems(source, default.code)
    for lang in languages:
        language = model.language(lang)
        translations = {page.rel: read_page(page, root) for page in list_pages(lang, root, model)}
        site = LanguageSite(lang, language.name, language.tree, default.tree, translations, english, root)
        summary = report.summary[lang] = LanguageSummary()
        statuses = report.statuses[lang] = []
        for rel in sorted(english.keys() | translations.keys()):
            source, translation = english.get(rel), translations.get(rel)
            translation_path = f"{language.tree}/{rel}"
            english_path = f"{default.tree}/{rel}"
            state = translation_state(source, translation, model)
            problems = _page_problems(rel, lang, state, source, translation, translation_path, english_path,
                                      site, model)
            report.problems.extend(problems)
            if source is None:
                continue
            page_words = outline_of(source).word_count + len(words(_title(source, "")))
            statuses.append(PageStatus(rel, lang, state, english_path, translation_path, _title(source, rel),
                                       _title(translation or source, rel), page_words))
            summary.pages += 1
            summary.words_total += page_words
            if state in (CURRENT, STALE):
                summary.translated += 1
                summary.words_translated += page_words
            summary.missing += state == MISSING
            summary.stale += state == STALE
            summary.pending += state == PENDING_STATE
            summary.current += state == CURRENT
    # sec: the source policy and data/ too, so pull-request annotations show those errors
    report.problems += source_policy.check_sources(root, model)
    if (root / "data").is_dir():  # trees without data/ (the validator's test fixtures) have only pages
        report.problems += check_data_files(root, model)
    order = {code: index for index, code in enumerate(model.codes)}
    report.problems.sort(key=lambda p: (order.get(p.lang, 99), p.path, p.line or 0, KINDS.index(p.kind)
                                        if p.kind in KINDS else 99))
    return report


def placeholder_problems(page: PageSource, lang: str) -> list[Problem]:
    """Text the scaffolder left to write: each such field value or body line starts with PLACEHOLDER."""
    if page.meta.get("pending"):
        return []  # a pending translation is reported as such; it still holds the template's text
    fields = [page.key_lines.get(name, 1) for name, value in page.meta.items()
              if isinstance(value, str) and value.startswith(PLACEHOLDER)]
    lines = [page.body_line + offset for offset, line in enumerate(page.body.splitlines())
             if line.lstrip().startswith(PLACEHOLDER)]
    return [
        Problem("placeholder", lang, page.path, line,
                f"'{PLACEHOLDER}' text from the page template is still here",
                f"replace it with real content (every text still to write starts with '{PLACEHOLDER}')")
        for line in (*fields, *lines)
    ]


def _page_problems(rel: str, lang: str, state: str, english: PageSource | None, translation: PageSource | None,
                   translation_path: str, english_path: str, site: LanguageSite,
                   model: ContentModel) -> list[Problem]:
    name = model.language(lang).name
    stamp = f"{STAMP_COMMAND} {translation_path}"
    if state == MISSING:
        return [Problem("missing", lang, translation_path, None,
                        f"{english_path} has no {name} translation",
                        f"copy {english_path} to {translation_path}, add 'pending: true' to its front matter while "
                        f"you translate, delete that line when done, then run: {stamp}")]
    problems = validate_page(translation, lang, model, folder_type(rel, model))
    problems += placeholder_problems(translation, lang)
    if state == ORPHAN:
        return [Problem("orphan", lang, translation_path, 1,
                        f"there is no English page {english_path} for this translation",
                        "rename it to the file name of its English page, or delete it if the English page was "
                        "removed"), *problems]
    if translation.problems:  # the front matter does not parse: nothing else can be compared
        return problems
    if state == PENDING_STATE:
        return [*problems, Problem(
            "pending", lang, translation_path, translation.key_lines.get(PENDING, 1),
            "marked 'pending: true': the translation is not finished and counts as not translated",
            f"translate the rest, delete the line 'pending: true', then run: {stamp}")]
    if state == STALE:
        recorded = stamped_hash(translation)
        message = (f"the English page {english_path} has changed since this translation was made "
                   f"({SOURCE_HASH} {recorded}, English now {source_hash(english, model)})" if recorded else
                   f"this translation does not record which version of {english_path} it was made from "
                   f"(no '{SOURCE_HASH}' in its front matter)")
        problems.append(Problem("stale", lang, translation_path, translation.key_lines.get(SOURCE_HASH, 1), message,
                                f"bring the translation in line with {english_path}, then run: {stamp} "
                                f"(or: make stamp FILE={translation_path})"))
    if not english.problems:
        problems.extend(compare_structure(english, translation, lang, model))
        problems.extend(untranslated_problems(english, translation, lang, model))
    problems.extend(broken_links(translation, rel, lang, site))
    return problems
