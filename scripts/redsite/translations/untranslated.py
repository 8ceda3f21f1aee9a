"""Text a translation left in English: passages identical to the English, or reading as English."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from redsite.frontmatter import PageSource
from redsite.model import ContentModel, load_model
from redsite.outline import Block, outline_of, words
from redsite.problems import Problem

LOWER_CASE_LATIN = "a-z\u00df-\u00f6\u00f8-\u00ff"
LOWER_CASE_LATIN_WORD = re.compile(rf"(?<!\S)[{LOWER_CASE_LATIN}][{LOWER_CASE_LATIN}'’\-]+(?!\S)")
LOWER_CASE_LATIN_LETTER = re.compile(f"[{LOWER_CASE_LATIN}]")
LONG_WORD = re.compile(r"\S{2,}")  # one-letter words, such as work package (a), do not count

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
        return sum(map(ENGLISH_FUNCTION_WORDS.__contains__, folded_words)) / len(folded_words)
    joined = " ".join(block_words)  # regular expressions over the whole block: far faster than per word
    if not LOWER_CASE_LATIN_LETTER.search(joined):
        return 0.0  # most blocks of a translation: no word can be a lower-case Latin one
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



def _translatable_fields(model: ContentModel) -> frozenset[str]:
    """Front-matter fields whose value is text in the page's language (the rest is shared)."""
    translation_only = {f.name for f in model.translation_fields}
    return frozenset(f.name for f in model.all_fields if f.parsed.is_prose and f.name not in translation_only)


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
    return frozenset(f.name for f in model.all_fields)
