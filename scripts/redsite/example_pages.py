"""What a page with `example: true` may carry (the content model's `example_pages`).

An example only shows a format, so nothing on it may read as a finding of RED or as a fact about a real region or
organisation:

- its fixed fields hold the model's values (`sources: [invented]`, `work_package: []`, `regions: [invented]`), and
  no other page uses those reserved values;
- it names no real place or body: no label of the `regions` vocabulary, no glossary term that is a proper name
  (its English form starts with a capital letter), none of the model's `real_names`;
- it uses none of the glossary terms the model lists (RED's lead partner, its work packages);
- every year on it is the placeholder (20XX).

Names are looked for in the page's language and in English, on word stems as the terminology check compares
terms, so inflected forms count ("Калининградской области"); in a name of several words, a word written with a
capital must be written with one on the page ("Regional Assembly" is a name, "a regional assembly" is not), and an
acronym in capitals ("RED"). Only what a reader sees is read: the front matter's values and the body's prose, never
YAML or HTML comments, link targets or code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from redsite.model import ContentModel, load_model
from redsite.outline import parse_outline, prose, words
from redsite.problems import Problem

if TYPE_CHECKING:  # frontmatter imports this module to check every page
    from redsite.frontmatter import PageSource

FLAG = "example"
KIND = "front-matter"
RULE = "scripts/redsite/content_model.yml, example_pages"
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
PARENTHESIS = re.compile(r"\s*\(([^)]*)\)")
COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)  # over several lines, or unclosed to the end as in HTML
POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True)
class Name:
    """A wording an example may not use: its words as written, their stems in `lang`, and why it is refused."""

    text: str
    lang: str
    words: tuple[str, ...]
    stems: tuple[str, ...]
    why: str


def is_example(meta: dict) -> bool:
    return meta.get(FLAG) is True


def fixed_fields(model: ContentModel) -> dict[str, dict]:
    """Field name -> {'value': the list an example must hold, 'why': the reason}."""
    return (model.example_pages or {}).get("fixed_fields") or {}


def reserved_values(model: ContentModel, vocabulary: str) -> set[str]:
    """Keys of `vocabulary` that only an example page may use, e.g. the region `invented`."""
    reserved: set[str] = set()
    for spec in model.common_fields:
        if spec.name in fixed_fields(model) and spec.parsed.vocabulary == vocabulary:
            reserved.update(fixed_fields(model)[spec.name].get("value") or [])
    return reserved


def example_problems(page: PageSource, lang: str, model: ContentModel | None = None) -> list[Problem]:
    """The problems of a typed page with the example rule: an example's fields and text, and the reserved values
    on any other page. Returns problems, never raises."""
    model = model or load_model()
    if not model.example_pages or not isinstance(page.meta, dict):
        return []
    problems = _field_problems(page, lang, model)
    if is_example(page.meta):
        problems += _text_problems(page, lang, model)
    return problems


def _flow(value) -> str:
    return "[" + ", ".join(str(item) for item in value) + "]" if isinstance(value, list) else str(value)


def _field_problems(page: PageSource, lang: str, model: ContentModel) -> list[Problem]:
    problems = []
    example = is_example(page.meta)
    for name, rule in fixed_fields(model).items():
        value, expected = page.meta.get(name), list(rule.get("value") or [])
        if not isinstance(value, list):
            continue  # missing or not a list: the content model's own check reports it
        line = page.key_lines.get(name, 1)
        if example and sorted(map(str, value)) != sorted(expected):
            problems.append(Problem(
                KIND, lang, page.path, line,
                f"this page is an example ('{FLAG}: true') but has '{name}: {_flow(value)}': {rule.get('why', '')}",
                f"write '{name}: {_flow(expected)}' ({RULE}); if the page reports a real event, set '{FLAG}: false' "
                "and cite its real sources"))
        elif not example and expected and set(map(str, value)) & set(expected):
            reserved = ", ".join(sorted(set(map(str, value)) & set(expected)))
            problems.append(Problem(
                KIND, lang, page.path, line,
                f"'{name}: {_flow(value)}' uses '{reserved}', which only an example page ('{FLAG}: true') may use",
                f"name the page's real {name.replace('_', ' ')}, or set '{FLAG}: true' if everything on it is "
                "invented"))
    return problems


def _text_problems(page: PageSource, lang: str, model: ContentModel) -> list[Problem]:
    names = [name for name in refused_names(model) if name.lang in (lang, model.default_language.code)]
    stems = _stems(model)
    finder = _Finder(names)
    problems = []
    for line, text in _shown_text(page, model):
        tokens = words(text)
        token_stems = stems.stems(tokens, lang) if tokens else ()
        for name in finder.found(tokens, token_stems):
            problems.append(Problem(
                KIND, lang, page.path, line,
                f"this example ('{FLAG}: true') says '{name.text}': {name.why}",
                "an example invents every place, organisation and role: write 'Region A', 'Organisation B', "
                f"'Municipality A1' or a role such as 'coordinator' instead ({RULE})"))
        placeholder = model.example_pages.get("placeholder_year", "20XX")
        for year in dict.fromkeys(YEAR.findall(text)):
            problems.append(Problem(
                KIND, lang, page.path, line,
                f"this example ('{FLAG}: true') gives the year {year}: an invented event could be read as a real one",
                f"write the year as {placeholder} (for example {placeholder}-05-22), here and in its dates ({RULE})"))
    return problems


def _shown_text(page: PageSource, model: ContentModel):
    """(line, text) of what a reader sees: the prose values of the front matter, then the body without comments."""
    type_name = page.meta.get("type")
    fields = model.fields_of(type_name) if model.type_named(type_name) else model.common_fields
    for spec in fields:
        if spec.parsed.is_prose and spec.name in page.meta:
            value = page.meta[spec.name]
            for text in value if isinstance(value, list) else [value]:
                yield page.key_lines.get(spec.name, 1), str(text)
    # comments blanked out line for line (the outline keeps a comment inside a table row as text)
    body = COMMENT.sub(lambda match: "\n" * match.group(0).count("\n"), page.body) if "<!--" in page.body \
        else page.body
    for block in parse_outline(body, page.body_line).blocks:
        yield block.line, " ".join(block.words)
    # years: the blocks hold words only, so the lines themselves
    for number, line in enumerate(body.splitlines(), page.body_line):
        if YEAR.search(line):
            yield number, " ".join(YEAR.findall(prose(line)))


class _Finder:
    """The refused names in a run of words. A name is tried only where a word matches its first word: which names
    a distinct word can start is worked out once per page, so a long page costs about as much as its words."""

    def __init__(self, names: list[Name]):
        self.by_first: dict[str, list[Name]] = {}
        for name in names:  # longest first (refused_names)
            self.by_first.setdefault(name.stems[0], []).append(name)
        self.starting: dict[tuple[str, str], list[Name]] = {}

    def found(self, tokens: tuple[str, ...], token_stems: tuple[str, ...]) -> list[Name]:
        from redsite.translations.term_matching import fold, word_matches  # lazy: see _stems

        folded = [fold(token) for token in tokens]
        found: dict[str, Name] = {}
        for start, key in enumerate(zip(folded, token_stems, strict=True)):
            if key not in self.starting:
                self.starting[key] = [name for first, names in self.by_first.items() if word_matches(first, *key)
                                      for name in names]
            for name in self.starting[key]:
                size = len(name.stems)
                if name.text in found or start + size > len(tokens):
                    continue
                if all(word_matches(stem, folded[start + offset], token_stems[start + offset])
                       and _same_case(word, tokens[start + offset], size)
                       for offset, (stem, word) in enumerate(zip(name.stems, name.words, strict=True))):
                    found[name.text] = name
        # "Region Blekinge" is reported, not also the "Blekinge" inside it
        return [name for name in found.values()
                if not any(name.text != other and name.text in other for other in found)]


def names_in(text: str, lang: str, model: ContentModel | None = None) -> list[Name]:
    """The real places and names (refused_names) that `text`, written in `lang`, says: what a generic text, such
    as a method's steps, must leave to the case it describes."""
    model = model or load_model()
    tokens = words(text)
    if not tokens:
        return []
    names = [name for name in refused_names(model) if name.lang in (lang, model.default_language.code)]
    return _Finder(names).found(tokens, _stems(model).stems(tokens, lang))


def _same_case(name_word: str, page_word: str, size: int) -> bool:
    """An acronym needs capitals throughout ("RED", not "red"); in a name of several words, a capital in the
    name needs one on the page ("Regional Assembly", not "a regional assembly"). A one-word name such as
    "Blekinge" counts in any case. An English possessive does not hide an acronym ("RED's")."""
    if len(name_word) > 1 and name_word.isupper():
        return POSSESSIVE.sub("", page_word).isupper()
    return size == 1 or not name_word[:1].isupper() or page_word[:1].isupper()


def _stems(model: ContentModel):
    from redsite.translations.term_matching import stem_cache  # lazy: redsite.translations imports frontmatter

    return stem_cache(model.default_language.code)


def refused_names(model: ContentModel | None = None) -> tuple[Name, ...]:
    """Every wording an example may not use, in every language, from the content model and the glossary; made
    once per model and version of the glossary (load_data keeps one parsed glossary per version)."""
    model = model or load_model()
    from redsite.data_files import GLOSSARY, DataError, load_data

    try:
        glossary = load_data(GLOSSARY)
    except DataError:  # the content check reports a broken glossary; the model's own names still apply
        glossary = {}
    key = (id(model), id(glossary))
    if key not in _NAMES:
        terms = glossary.get("terms") if isinstance(glossary, dict) else None
        _NAMES[key] = _names(model, [term for term in terms or [] if isinstance(term, dict)])
    return _NAMES[key]


_NAMES: dict[tuple[int, int], tuple[Name, ...]] = {}


def _names(model: ContentModel, terms: list[dict]) -> tuple[Name, ...]:
    rule, default = model.example_pages, model.default_language.code
    stems = _stems(model)
    found: list[Name] = []

    def add(text: str, lang: str, why: str, *, proper: bool) -> None:
        tokens = words(text)
        if not tokens or (proper and not any(token[:1].isupper() for token in tokens)):
            return  # a proper name is matched by its capitals: "regionfullmäktige" alone names no one
        found.append(Name(text, lang, tokens, stems.stems(tokens, lang), why))

    fixed_regions = set((fixed_fields(model).get("regions") or {}).get("value") or [])
    for key, labels in model.vocabularies.get("regions", {}).items():
        if key not in fixed_regions:
            for lang in model.codes:
                add(labels[lang], lang, f"a real region (the 'regions' vocabulary: {key})", proper=True)
    for lang, names in (rule.get("real_names") or {}).items():
        for text in names or []:
            add(str(text), lang, "a real place (example_pages.real_names)", proper=True)
    refused_terms = rule.get("glossary_terms") or {}
    for term in terms:
        english = term.get(default)
        if not isinstance(english, str):
            continue
        proper = english[:1].isupper()
        why = refused_terms.get(english) or (f"a real name (the glossary's '{english}')" if proper else "")
        if not why:
            continue
        variants = term.get("variants") if isinstance(term.get("variants"), dict) else {}
        for lang in model.codes:
            text = term.get(lang)
            if not isinstance(text, str):
                continue
            wordings = {text, PARENTHESIS.sub("", text), *PARENTHESIS.findall(text),
                        *(str(variant) for variant in variants.get(lang) or [])}
            for wording in sorted(wordings):
                add(wording, lang, why, proper=proper)
    # longest first, so that "Region Blekinge" is reported rather than also "Blekinge" inside it
    return tuple(sorted(found, key=lambda name: len(name.words), reverse=True))
