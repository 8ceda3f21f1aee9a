"""Glossary terms a translation must use: where a passage of the English page uses a term of
data/glossary.yml, the passage that translates it must render the term as the glossary does (any
inflected form, an accepted variant, or a form term_matching accepts: a compound, a shortened form,
the English term kept as a name).

Passages are paired by redsite.translations.pairing, which reads both pages' outlines and the
structural comparison's heading levels:
- block by block (paragraph, list item, heading, table row, admonition title) where a section of the
  translation has the same blocks as the English one;
- where a translator merged or split paragraphs, by section: the term must occur somewhere in the
  translated section;
- after the first heading whose level differs from the English, by page: the term must occur
  somewhere in the rest of the translated page.
A finding names the translated passage's line, the level it was compared at, the expected rendering
and its accepted variants, so a wrong rendering in one paragraph is found even where the page keeps
the right one elsewhere. Only prose is read (the outline's blocks): front matter, code and link
targets never count.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from redsite.data_files import GLOSSARY
from redsite.frontmatter import PageSource
from redsite.model import ContentModel
from redsite.outline import outline_of, parse_outline
from redsite.problems import Problem
from redsite.translations.pairing import BLOCK, KIND_NAMES, PAGE, Unit, block_kinds, pair_blocks
from redsite.translations.term_matching import PageText, Stems, Term, folded_words, load_terms, stem_cache, stemmer_for

KIND = "terminology"
CACHED_PAGES = 8192
_ENGLISH_USES: dict[tuple, tuple] = {}  # (body, first body line, glossary) -> the terms each block uses


@dataclass(frozen=True)
class Finding:
    """A terminology problem in structured form, for the translation-status page."""

    rel: str
    lang: str
    english_path: str
    english_line: int
    term: str
    expected: str
    line: int = 0  # the translated passage's line


class Terminology:
    """The glossary, stemmed once, and the checks of one validator run."""

    def __init__(self, root: Path, model: ContentModel):
        self.model = model
        self.stems = stem_cache(model.default_language.code)
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

    def english_uses(self, page: PageSource) -> tuple[tuple[Term, ...], ...]:
        """The terms each block of the English page uses (one tuple per outline block), longest match
        first ("Baltic Sea Region Programme" is not also a use of "Baltic Sea Region")."""
        key = (page.body, page.body_line, self._glossary)
        if key in _ENGLISH_USES:
            return _ENGLISH_USES[key]
        default = self.model.default_language.code
        found = []
        for block in outline_of(page).blocks:
            block_stems = self.stems.stems_of_folded(folded_words(block), default)
            uses: dict[str, Term] = {}
            if not self._first_stems.isdisjoint(block_stems):
                index = 0
                while index < len(block_stems):
                    match = next(((form, term) for form, term in self._by_first_stem.get(block_stems[index], ())
                                  if block_stems[index:index + len(form)] == form), None)
                    if match is None:
                        index += 1
                        continue
                    form, term = match
                    uses.setdefault(term.english, term)
                    index += len(form)
            found.append(tuple(uses.values()))
        if len(_ENGLISH_USES) > CACHED_PAGES:
            _ENGLISH_USES.clear()
        _ENGLISH_USES[key] = uses_by_block = tuple(found)
        return uses_by_block

    def problems(self, english: PageSource, translation: PageSource, lang: str, rel: str = "") -> list[Problem]:
        uses = self.english_uses(english)
        if not any(uses) or stemmer_for(lang) is None:
            return []
        text = _page_text(translation.body, translation.body_line, lang, self.model.default_language.code)
        english_blocks, translated_blocks = outline_of(english).blocks, outline_of(translation).blocks
        default = self.model.default_language.code
        problems = []
        for unit in pair_blocks(english.body, english.body_line, translation.body, translation.body_line):
            first_use: dict[str, tuple[Term, int]] = {}  # term -> (term, English line), in order of use
            for index in unit.english:
                for term in uses[index]:
                    first_use.setdefault(term.english, (term, english_blocks[index].line))
            for term, english_line in first_use.values():
                if _rendered(term, lang, default, text, unit.translated):
                    continue
                line = translated_blocks[unit.translated.start].line if len(unit.translated) else \
                    (translated_blocks[-1].line if translated_blocks else translation.body_line)
                self.findings.append(Finding(rel or translation.path, lang, english.path, english_line, term.english,
                                             term.renderings[lang], line))
                problems.append(self._problem(term, lang, english.path, english_line, translation, line, unit))
        return problems

    def _problem(self, term: Term, lang: str, english_path: str, english_line: int, translation: PageSource,
                 line: int, unit: Unit) -> Problem:
        rendering = term.renderings[lang]
        if unit.level == BLOCK:
            kind = KIND_NAMES[block_kinds(translation.body, translation.body_line)[unit.translated.start]]
            where, why = f"this {kind}, which translates it,", ""
        elif unit.level == PAGE:
            where, why = "the rest of this page, from this line on,", (
                " anywhere (its headings differ from the English from here, so the rest of the page is compared "
                "as a whole)")
        else:
            where, why = "this section", (" anywhere (its paragraphs do not match the English ones one for one, "
                                          "so the section is compared as a whole)")
        variants = term.variants.get(lang) or ()
        accepted = f" or an accepted variant: {', '.join(repr(v) for v in variants)}" if variants else ""
        return Problem(
            KIND, lang, translation.path, line,
            f"{english_path} line {english_line} uses the glossary term '{term.english}', but {where} does not use "
            f"its glossary rendering ({lang}) '{rendering}'{why}",
            f"use '{rendering}' (any inflected form{accepted}) where the English says '{term.english}'; if another "
            f"wording is right here, add it to the term's 'variants: {{{lang}: [...]}}' in data/{GLOSSARY}")


def _rendered(term: Term, lang: str, default: str, text: PageText, blocks: range) -> bool:
    """The translated blocks render the term (see term_matching for what counts)."""
    forms = term.forms[lang]
    if any(text.holds(form, blocks) for form in forms):
        return True  # the usual case: the rendering, inflected, or a variant
    if any(text.holds_compound(form[0], blocks) for form in forms if len(form) == 1):
        return True
    if term.shortened[lang] and any(text.holds((stem,), blocks) for stem in term.shortened[lang]) and \
            any(text.holds_anywhere(form) for form in forms):
        return True
    return any(text.keeps_english(form, blocks) for form in term.forms[default])


def body_uses(body: str, lang: str, forms: tuple[Stems, ...], source_language: str) -> bool:
    """Whether the prose of a Markdown body in `lang` uses any of `forms` (any inflected form)."""
    text = _page_text(body, 1, lang, source_language)
    return any(text.holds_anywhere(form) for form in forms)


@lru_cache(maxsize=8192)
def _page_text(body: str, body_line: int, lang: str, source_language: str) -> PageText:
    """A translation's words and stems, once per version of the page (as the outline is cached)."""
    return PageText.of(parse_outline(body, body_line).blocks, lang, stem_cache(source_language))


def forget_pages() -> None:
    """Drop what is cached per page and per word (report.forget_page_caches); it is recomputed on demand."""
    _page_text.cache_clear()
    _ENGLISH_USES.clear()
    stem_cache.cache_clear()
    pair_blocks.cache_clear()
    block_kinds.cache_clear()
