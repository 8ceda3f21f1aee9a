"""Glossary terms a translation must use: where the English page uses a term of data/glossary.yml,
the translation must use that term's rendering (or one of its accepted variants) somewhere.

Words are compared on Snowball stems, so inflected forms count ("studiebesöket", "ознакомительного
визита"). Russian Snowball stems are uneven ("визит" -> "виз" but "визита" -> "визит"), so a
translated word matches a term word when it or its stem starts with the term word's stem, and a
multi-word term matches as a sequence of such words. On the English side, where a use must be
certain, words are compared without their plural or possessive ending only (see _singular). Only
prose is read (the outline's blocks): front matter, code and link targets never count. Stems are
computed once per distinct word, a page's words once per version of the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

import snowballstemmer

from redsite.data_files import GLOSSARY, DataError, load_data
from redsite.frontmatter import PageSource
from redsite.model import ContentModel
from redsite.outline import outline_of, parse_outline, words
from redsite.problems import Problem

KIND = "terminology"
PARENTHESIS = re.compile(r"\s*\(([^)]*)\)")
# Snowball's language names for the site's language codes.
STEMMER_NAMES = {"en": "english", "sv": "swedish", "ru": "russian", "de": "german", "fi": "finnish",
                 "pl": "polish", "lt": "lithuanian", "et": "estonian", "da": "danish", "no": "norwegian"}
SHORT_STEM = 3  # a stem this short matches whole words only: "ЕС" must not match "если"
STEM_SLACK = 2

Stems = tuple[str, ...]


@dataclass(frozen=True)
class Term:
    english: str
    forms: dict[str, tuple[Stems, ...]]  # language -> accepted stem sequences, longest first
    renderings: dict[str, str]  # language -> the glossary's rendering, for the message


def _fold(word: str) -> str:
    return word.casefold().replace("ё", "е")


@cache
def _stemmer(lang: str):
    name = STEMMER_NAMES.get(lang)
    return snowballstemmer.stemmer(name) if name in snowballstemmer.algorithms() else None


class StemCache:
    """One stem per distinct folded word and language, for the whole run (English: singular forms)."""

    def __init__(self, source_language: str):
        self.source_language = source_language
        self._stems: dict[str, dict[str, str]] = {}

    def stems(self, tokens: tuple[str, ...], lang: str) -> Stems:
        return self.stems_of_folded([_fold(token) for token in tokens], lang)

    def stems_of_folded(self, folded: list[str], lang: str) -> Stems:
        known = self._stems.setdefault(lang, {})
        missing = list(set(folded).difference(known))
        if missing:
            if lang == self.source_language:
                known.update((word, _singular(word)) for word in missing)
            else:
                stemmer = _stemmer(lang)
                known.update(zip(missing, stemmer.stemWords(missing) if stemmer else missing, strict=True))
        return tuple(map(known.__getitem__, folded))


@cache
def _stem_cache(source_language: str) -> StemCache:
    """Stems depend only on the word and the language: one cache for every run in a process."""
    return StemCache(source_language)


def _singular(word: str) -> str:
    """An English word without its plural or possessive ending.

    The source language needs precision, not reach: Snowball's English stemmer also joins derived
    words ("facilitating" and "facilitator", "transferred" and "transferability", "municipal" and
    "municipality"), which would make a page "use" a term it does not use."""
    for ending in ("'s", "’s", "s'", "s’"):
        if word.endswith(ending):
            word = word[:-2] + ("s" if ending[0] == "s" else "")
            break
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _forms(text: str, variants: list, lang: str, stems: StemCache, *, english: bool) -> tuple[Stems, ...]:
    """Stem sequences of a rendering: as written, without its parenthesis ("ERDF", "(RED)") and,
    in a translation, the parenthesis alone (an acronym or the original term); then the variants."""
    texts = [text, PARENTHESIS.sub("", text)]
    if not english:
        texts += PARENTHESIS.findall(text)
    texts += [str(variant) for variant in variants or []]
    found = {stems.stems(words(item), lang) for item in texts}
    return tuple(sorted((form for form in found if form), key=len, reverse=True))


def load_terms(root: Path, model: ContentModel, stems: StemCache) -> list[Term]:
    """The glossary's terms; none when the glossary is missing or broken (the build reports that)."""
    path = root / "data" / GLOSSARY
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError:
        return []
    key += (model.default_language.code, model.codes)
    if key not in _TERMS:
        _TERMS[key] = _stemmed_terms(root, model, stems)
    return _TERMS[key]


_TERMS: dict[tuple, list[Term]] = {}  # the stemmed glossary per version of the file and set of languages
CACHED_PAGES = 8192
_ENGLISH_USES: dict[tuple, list] = {}  # (body, first body line, glossary) -> the terms that English page uses


def _stemmed_terms(root: Path, model: ContentModel, stems: StemCache) -> list[Term]:
    try:
        data = load_data(GLOSSARY, root)
    except DataError:
        return []
    terms = []
    for entry in (data or {}).get("terms") or [] if isinstance(data, dict) else []:
        if not isinstance(entry, dict) or not all(isinstance(entry.get(code), str) for code in model.codes):
            continue
        variants = entry.get("variants") if isinstance(entry.get("variants"), dict) else {}
        default = model.default_language.code
        forms = {code: _forms(entry[code], variants.get(code), code, stems, english=code == default)
                 for code in model.codes}
        forms[default] = tuple(form for form in forms[default] if len(form) > 1 or _content_word(form[0]))
        terms.append(Term(entry[default], forms, {code: entry[code] for code in model.codes}))
    return terms


def wording_forms(text: str, variants: list, lang: str, source_language: str) -> tuple[Stems, ...]:
    """The stem sequences a page in `lang` may use for a glossary wording and its variants."""
    return _forms(text, variants, lang, _stem_cache(source_language), english=lang == source_language)


def body_uses(body: str, lang: str, forms: tuple[Stems, ...], source_language: str) -> bool:
    """Whether the prose of a Markdown body in `lang` uses any of `forms` (any inflected form)."""
    text = _page_text(body, 1, lang, source_language)
    return any(text.contains(form) for form in forms)


def _content_word(stem: str) -> bool:
    return len(stem) >= SHORT_STEM


@dataclass(frozen=True)
class Finding:
    """A terminology problem in structured form, for the translation-status page."""

    rel: str
    lang: str
    english_path: str
    english_line: int
    term: str
    expected: str


@dataclass(frozen=True)
class EnglishUse:
    term: Term
    line: int
    section: int  # headings above the first use


class Terminology:
    """The glossary, stemmed once, and the checks of one validator run."""

    def __init__(self, root: Path, model: ContentModel):
        self.model = model
        self.stems = _stem_cache(model.default_language.code)
        self.terms = load_terms(root, model, self.stems)
        default = model.default_language.code
        self._by_first_stem: dict[str, list[tuple[Stems, Term]]] = {}
        for term in self.terms:
            for form in term.forms[default]:
                self._by_first_stem.setdefault(form[0], []).append((form, term))
        for candidates in self._by_first_stem.values():
            candidates.sort(key=lambda item: len(item[0]), reverse=True)
        self._first_stems = frozenset(self._by_first_stem)
        self._glossary = id(self.terms)  # one list per version of the glossary (see load_terms)
        self.findings: list[Finding] = []

    def english_uses(self, page: PageSource) -> list[EnglishUse]:
        """Terms the English page uses, longest match first ("Baltic Sea Region Programme" is not
        also a use of "Baltic Sea Region"), each with its first line."""
        key = (page.body, page.body_line, self._glossary)
        if key in _ENGLISH_USES:
            return _ENGLISH_USES[key]
        outline = outline_of(page)
        heading_lines = [heading.line for heading in outline.headings]
        uses: dict[str, EnglishUse] = {}
        default = self.model.default_language.code
        for block in outline.blocks:
            block_stems = self.stems.stems_of_folded(_folded(block), default)
            if self._first_stems.isdisjoint(block_stems):
                continue
            index = 0
            while index < len(block_stems):
                match = next(((form, term) for form, term in self._by_first_stem.get(block_stems[index], ())
                              if block_stems[index:index + len(form)] == form), None)
                if match is None:
                    index += 1
                    continue
                form, term = match
                if term.english not in uses:
                    section = sum(line <= block.line for line in heading_lines)
                    uses[term.english] = EnglishUse(term, block.line, section)
                index += len(form)
        if len(_ENGLISH_USES) > CACHED_PAGES:
            _ENGLISH_USES.clear()
        _ENGLISH_USES[key] = found = list(uses.values())
        return found

    def problems(self, english: PageSource, translation: PageSource, lang: str, rel: str = "") -> list[Problem]:
        uses = self.english_uses(english)
        if not uses or _stemmer(lang) is None:
            return []
        outline = outline_of(translation)
        text = _page_text(translation.body, translation.body_line, lang, self.model.default_language.code)
        problems = []
        for use in uses:
            forms = use.term.forms[lang]
            if any(text.contains(form) for form in forms):
                continue
            heading = outline.headings[use.section - 1] if 0 < use.section <= len(outline.headings) else None
            self.findings.append(Finding(rel or translation.path, lang, english.path, use.line, use.term.english,
                                         use.term.renderings[lang]))
            variants = ", ".join(f"'{' '.join(form)}…'" for form in forms)
            problems.append(Problem(
                KIND, lang, translation.path, heading.line if heading else translation.body_line,
                f"{english.path} line {use.line} uses the glossary term '{use.term.english}', but this page never "
                f"uses its glossary rendering ({lang}) '{use.term.renderings[lang]}'",
                f"use '{use.term.renderings[lang]}' (any inflected form; accepted word stems: {variants}) where the "
                f"English says '{use.term.english}'; if another wording is right here, add it to the term's "
                f"'variants: {{{lang}: [...]}}' in data/{GLOSSARY}"))
        return problems


def _word_matches(stem: str, word: str, word_stem: str) -> bool:
    """The word is an inflected form of the term word. Stems of one word's forms differ at the end
    ("seminarium"/"seminari", "bilateralt"/"bilateral", Russian "виз"/"визит"), so either stem may
    be the shorter one, by at most STEM_SLACK letters."""
    if len(stem) < SHORT_STEM:
        return word_stem == stem or word == stem
    if word_stem.startswith(stem) or word.startswith(stem):
        return True
    return len(word_stem) >= max(SHORT_STEM, len(stem) - STEM_SLACK) and stem.startswith(word_stem)


@lru_cache(maxsize=8192)
def _page_text(body: str, body_line: int, lang: str, source_language: str) -> PageText:
    """A translation's words and stems, once per version of the page (as the outline is cached)."""
    return PageText.of(parse_outline(body, body_line), lang, _stem_cache(source_language))


def forget_pages() -> None:
    """Drop what is cached per page and per word (report.forget_page_caches); it is recomputed on demand."""
    _page_text.cache_clear()
    _ENGLISH_USES.clear()
    _stem_cache.cache_clear()


def _folded(block) -> list[str]:
    return block.key.replace("ё", "е").split(" ")  # Block.key: the block's words, case-folded, joined


@dataclass
class PageText:
    """A translation's prose words and their stems, computed once per page.

    `words` and `stems` are aligned, with "" between blocks (a term never spans two blocks); the
    joined forms and sets answer "could this stem occur at all?" in C, so the word-by-word scan
    only runs for multi-word terms whose every word occurs on the page."""

    words: tuple[str, ...]
    stems: tuple[str, ...]
    joined_words: str
    joined_stems: str
    stem_set: frozenset[str]
    word_set: frozenset[str]

    @classmethod
    def of(cls, outline, lang: str, stems: StemCache) -> PageText:
        words: list[str] = []
        for block in outline.blocks:
            words += [*_folded(block), ""]
        page_stems = stems.stems_of_folded(words, lang)
        return cls(tuple(words), page_stems, " " + " ".join(words), " " + " ".join(page_stems),
                   frozenset(page_stems), frozenset(words))

    def may_hold(self, stem: str) -> bool:
        """Some word of the page matches the term word `stem` (see _word_matches)."""
        if len(stem) < SHORT_STEM:
            return stem in self.stem_set or stem in self.word_set
        if " " + stem in self.joined_words or " " + stem in self.joined_stems:
            return True
        shortest = max(SHORT_STEM, len(stem) - STEM_SLACK)
        return any(stem[:length] in self.stem_set for length in range(shortest, len(stem)))

    def contains(self, form: Stems) -> bool:
        for stem in form:  # a loop, not all(...): this runs for every term on every translated page
            if not self.may_hold(stem):
                return False
        if len(form) == 1:
            return True  # may_hold is exact for one word
        first, rest = form[0], form[1:]
        matching = {index for index in self.by_prefix.get(first[:SHORT_STEM], ())
                    if _word_matches(first, *self.distinct[index])}
        for start in (start for key in matching for start in self.positions[key]):
            words, stems = self.words[start + 1:start + len(form)], self.stems[start + 1:start + len(form)]
            if len(words) == len(rest) and all(_word_matches(stem, word, word_stem) for stem, word, word_stem
                                               in zip(rest, words, stems, strict=True)):
                return True
        return False

    @cached_property
    def distinct(self) -> list[tuple[str, str]]:
        """Each distinct (word, stem) once: a term's first word is compared with these, not every word."""
        return list(dict.fromkeys(zip(self.words, self.stems, strict=True)))

    @cached_property
    def by_prefix(self) -> dict[str, set[int]]:
        """Distinct words by their first SHORT_STEM letters and those of their stem: a word can only
        match a term word (see _word_matches) that starts with the same letters."""
        found: dict[str, set[int]] = {}
        for index, (word, stem) in enumerate(self.distinct):
            found.setdefault(word[:SHORT_STEM], set()).add(index)
            found.setdefault(stem[:SHORT_STEM], set()).add(index)
        return found

    @cached_property
    def positions(self) -> list[list[int]]:
        """Where each distinct (word, stem) occurs: a term is looked for only where its first word is."""
        index = {pair: number for number, pair in enumerate(self.distinct)}
        found: list[list[int]] = [[] for _ in self.distinct]
        for position, pair in enumerate(zip(self.words, self.stems, strict=True)):
            found[index[pair]].append(position)
        return found
