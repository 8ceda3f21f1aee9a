"""Matching glossary terms in prose: the glossary stemmed once, and a page's words and stems.

Words are compared on Snowball stems, so inflected forms count ("studiebesöket", "ознакомительного
визита"). Russian Snowball stems are uneven ("визит" -> "виз" but "визита" -> "визит"), so a
translated word matches a term word when it or its stem starts with the term word's stem, and a
multi-word term matches as a sequence of such words, with at most one other word inserted
("продвижение своих интересов" for "продвижение интересов"). On the English side, where a use must
be certain, words are compared without their plural or possessive ending only (see _singular).

Besides the renderings and their variants, a passage may render a term by:
- a compound whose last part is a one-word rendering, in languages that write compounds as one word
  ("arbetsmetod" for "metod"; COMPOUNDING);
- a shortened form: a word of a multi-word rendering that no other term's rendering uses
  ("визит" of "ознакомительный визит", "Тасис" of "программа Тасис (Tacis)"), where the full
  rendering occurs elsewhere on the page (anaphora). "семинар" of "рабочий семинар" is not one: it
  is the rendering of "seminar";
- the English term itself, quoted or kept as a name ("Yc³ (Youth Cross-border Cooperation and
  Communication)", the style guide's rules for English).

Stems are computed once per distinct word, a page's words once per version of the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import snowballstemmer

from redsite.data_files import GLOSSARY, DataError, load_data
from redsite.model import ContentModel
from redsite.outline import words

PARENTHESIS = re.compile(r"\s*\(([^)]*)\)")
# Snowball's language names for the site's language codes.
STEMMER_NAMES = {"en": "english", "sv": "swedish", "ru": "russian", "de": "german", "fi": "finnish",
                 "pl": "polish", "lt": "lithuanian", "et": "estonian", "da": "danish", "no": "norwegian"}
# Languages that write compounds as one word: the last part of a compound is a word of its own.
COMPOUNDING = frozenset({"swedish", "german", "finnish", "estonian", "danish", "norwegian"})
SHORT_STEM = 3  # a stem this short matches whole words only: "ЕС" must not match "если"
COMPOUND_PART = 4  # the shortest stem that counts as the last part of a compound
STEM_SLACK = 2
LONG_STEM = 8  # a stem this long may differ from a word's in its last STEM_SLACK letters

Stems = tuple[str, ...]


@dataclass(frozen=True)
class Term:
    english: str
    forms: dict[str, tuple[Stems, ...]]  # language -> accepted stem sequences, longest first
    renderings: dict[str, str]  # language -> the glossary's rendering, for the message
    variants: dict[str, tuple[str, ...]]  # language -> the glossary's accepted variants, for the message
    # language -> stems of the rendering's words that no other term uses (see the module's docstring)
    shortened: dict[str, tuple[str, ...]] = field(default_factory=dict)


def fold(word: str) -> str:
    return word.casefold().replace("ё", "е")


@cache
def stemmer_for(lang: str):
    name = STEMMER_NAMES.get(lang)
    return snowballstemmer.stemmer(name) if name in snowballstemmer.algorithms() else None


class StemCache:
    """One stem per distinct folded word and language, for the whole run (English: singular forms)."""

    def __init__(self, source_language: str):
        self.source_language = source_language
        self._stems: dict[str, dict[str, str]] = {}

    def stems(self, tokens: tuple[str, ...], lang: str) -> Stems:
        return self.stems_of_folded([fold(token) for token in tokens], lang)

    def stems_of_folded(self, folded: list[str], lang: str) -> Stems:
        known = self._stems.setdefault(lang, {})
        missing = list(set(folded).difference(known))
        if missing:
            if lang == self.source_language:
                known.update((word, _singular(word)) for word in missing)
            else:
                stemmer = stemmer_for(lang)
                known.update(zip(missing, stemmer.stemWords(missing) if stemmer else missing, strict=True))
        return tuple(map(known.__getitem__, folded))


@cache
def stem_cache(source_language: str) -> StemCache:
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


def wording_forms(text: str, lang: str, source_language: str) -> tuple[Stems, ...]:
    """The stem sequences a page in `lang` may use for one glossary wording (a rendering or a variant)."""
    return _forms(text, [], lang, stem_cache(source_language), english=lang == source_language)


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


def _stemmed_terms(root: Path, model: ContentModel, stems: StemCache) -> list[Term]:
    try:
        data = load_data(GLOSSARY, root)
    except DataError:
        return []
    terms = []
    default = model.default_language.code
    for entry in (data or {}).get("terms") or [] if isinstance(data, dict) else []:
        if not isinstance(entry, dict) or not all(isinstance(entry.get(code), str) for code in model.codes):
            continue
        variants = entry.get("variants") if isinstance(entry.get("variants"), dict) else {}
        forms = {code: _forms(entry[code], variants.get(code), code, stems, english=code == default)
                 for code in model.codes}
        forms[default] = tuple(form for form in forms[default] if len(form) > 1 or _content_word(form[0]))
        terms.append(Term(entry[default], forms, {code: entry[code] for code in model.codes},
                          {code: tuple(map(str, variants.get(code) or ())) for code in model.codes}))
    for code in model.codes:
        uses: dict[str, int] = {}  # stem -> how many terms' forms have it
        for term in terms:
            for stem in {stem for form in term.forms[code] for stem in form}:
                uses[stem] = uses.get(stem, 0) + 1
        for term in terms:
            term.shortened[code] = tuple(sorted({stem for form in term.forms[code] if len(form) > 1 for stem in form
                                                 if uses[stem] == 1 and _content_word(stem)}))
    return terms


def _content_word(stem: str) -> bool:
    return len(stem) >= SHORT_STEM


def word_matches(stem: str, word: str, word_stem: str) -> bool:
    """The word is an inflected form of the term word. Stems of one word's forms differ at the end
    ("seminarium"/"seminari", "bilateralt"/"bilateral", Russian "виз"/"визит"), so either stem may
    be the shorter one, by at most STEM_SLACK letters. A long stem may also end differently in its
    last STEM_SLACK letters (Swedish "seminarium" -> "seminarium", "seminariet" -> "seminariet")."""
    if len(stem) < SHORT_STEM:
        return word_stem == stem or word == stem
    if word_stem.startswith(stem) or word.startswith(stem):
        return True
    if len(word_stem) >= max(SHORT_STEM, len(stem) - STEM_SLACK) and stem.startswith(word_stem):
        return True
    return len(stem) >= LONG_STEM and word.startswith(stem[:-STEM_SLACK])


def folded_words(block) -> list[str]:
    return block.key.replace("ё", "е").split(" ")  # Block.key: the block's words, case-folded, joined


@dataclass
class Prose:
    """Words and their stems, aligned, with "" between blocks (a term never spans two blocks); the
    joined forms and sets answer "could this stem occur here at all?" in C, so the word-by-word scan
    only runs for multi-word terms whose every word occurs."""

    words: tuple[str, ...]
    stems: tuple[str, ...]
    joined_words: str
    joined_stems: str
    stem_set: frozenset[str]
    word_set: frozenset[str]
    found: dict[Stems, bool] = field(default_factory=dict)  # multi-word forms looked for, once each

    @classmethod
    def of(cls, words: tuple[str, ...], stems: tuple[str, ...]) -> Prose:
        return cls(words, stems, " " + " ".join(words), " " + " ".join(stems), frozenset(stems), frozenset(words))

    def may_hold(self, stem: str) -> bool:
        """Some word matches the term word `stem` (see word_matches); exact for a one-word form."""
        if len(stem) < SHORT_STEM:
            return stem in self.stem_set or stem in self.word_set
        if " " + stem in self.joined_words or " " + stem in self.joined_stems:
            return True
        if len(stem) >= LONG_STEM and " " + stem[:-STEM_SLACK] in self.joined_words:
            return True
        shortest = max(SHORT_STEM, len(stem) - STEM_SLACK)
        return any(stem[:length] in self.stem_set for length in range(shortest, len(stem)))

    def holds(self, form: Stems) -> bool:
        """The term form occurs: its words in sequence, with at most one other word among them."""
        for stem in form:  # a loop, not all(...): this runs for every term used on every page
            if not self.may_hold(stem):
                return False
        if len(form) == 1:
            return True
        found = self.found.get(form)
        if found is None:
            first, rest = form[0], form[1:]
            self.found[form] = found = any(
                word_matches(first, self.words[position], self.stems[position]) and self._continues(rest, position)
                for position in self.by_prefix.get(first[:SHORT_STEM], ()))
        return found

    @cached_property
    def by_prefix(self) -> dict[str, list[int]]:
        """Positions by the first SHORT_STEM letters of their word and stem: a word can only match a
        term word (see word_matches) that starts with the same letters."""
        found: dict[str, list[int]] = {}
        for position, (word, stem) in enumerate(zip(self.words, self.stems, strict=True)):
            found.setdefault(word[:SHORT_STEM], []).append(position)
            if stem[:SHORT_STEM] != word[:SHORT_STEM]:
                found.setdefault(stem[:SHORT_STEM], []).append(position)
        return found

    def _continues(self, rest: Stems, position: int) -> bool:
        """The term words `rest` follow the word at `position`, with at most one other word of the
        same block among them."""
        inserted = False
        for stem in rest:
            position += 1
            if position < len(self.words) and word_matches(stem, self.words[position], self.stems[position]):
                continue
            if inserted or position + 1 >= len(self.words) or not self.words[position] or \
                    not word_matches(stem, self.words[position + 1], self.stems[position + 1]):
                return False
            inserted, position = True, position + 1
        return True


@dataclass
class PageText:
    """A translation's prose, computed once per page: all its words, and each block's on demand."""

    page: Prose
    spans: tuple[tuple[int, int], ...]  # each outline block's words: page.words[start:end]
    language: str  # Snowball's name for the page's language
    word_stems: StemCache  # the run's stems, for the English words a translation keeps
    blocks: dict[int, Prose] = field(default_factory=dict)
    anywhere: dict[Stems, bool] = field(default_factory=dict)  # see holds_anywhere

    @classmethod
    def of(cls, blocks, lang: str, stems: StemCache) -> PageText:
        words: list[str] = []
        spans = []
        for block in blocks:
            folded = folded_words(block)
            spans.append((len(words), len(words) + len(folded)))
            words += [*folded, ""]
        page_stems = stems.stems_of_folded(words, lang)
        return cls(Prose.of(tuple(words), page_stems), tuple(spans), STEMMER_NAMES.get(lang, ""), stems)

    def block(self, index: int) -> Prose:
        found = self.blocks.get(index)
        if found is None:
            start, end = self.spans[index]
            self.blocks[index] = found = Prose.of(self.page.words[start:end], self.page.stems[start:end])
        return found

    def holds(self, form: Stems, blocks: range) -> bool:
        """The term form occurs in one of the blocks."""
        for stem in form:  # most forms are not on the page at all: no block is looked at
            if not self.page.may_hold(stem):
                return False
        return any(self.block(index).holds(form) for index in blocks)

    def holds_anywhere(self, form: Stems) -> bool:
        found = self.anywhere.get(form)
        if found is None:
            self.anywhere[form] = found = self.page.holds(form)
        return found

    def holds_compound(self, stem: str, blocks: range) -> bool:
        """A word of the blocks is a compound whose last part is the one-word rendering `stem` (COMPOUNDING)."""
        if self.language not in COMPOUNDING or len(stem) < COMPOUND_PART:
            return False
        return any(len(word) > len(stem) and (word_stem.endswith(stem) or word.endswith(stem))
                   for index in blocks for word, word_stem in zip(self.block(index).words, self.block(index).stems,
                                                                  strict=True))

    def keeps_english(self, form: Stems, blocks: range) -> bool:
        """The blocks keep the English term `form` (compared as on the English page: singular forms)."""
        source = self.word_stems.source_language
        for index in blocks:
            english = self.word_stems.stems_of_folded(list(self.block(index).words), source)
            if any(english[start:start + len(form)] == form for start in range(len(english) - len(form) + 1)):
                return True
        return False
