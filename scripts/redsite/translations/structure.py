"""Where a translation is built differently from its English source."""

from __future__ import annotations

from redsite.frontmatter import PageSource
from redsite.model import ContentModel, load_model
from redsite.outline import Outline, outline_of
from redsite.problems import ERROR, Problem
from redsite.translations.link_check import is_external, rel_in_tree, target_key


def first_difference(english: list, translation: list) -> int:
    """The index of the first item that differs; the shorter length when one list begins the other."""
    return next((i for i, (a, b) in enumerate(zip(english, translation, strict=False)) if a != b),
                min(len(english), len(translation)))


def _language_neutral_fields(model: ContentModel, type_name: str | None) -> list[str]:
    """Fields that hold the same value in every language: vocabularies, sources, booleans."""
    if model.type_named(type_name) is None:
        return []
    return [f.name for f in model.fields_of(type_name) if not f.per_language and f.parsed.is_language_neutral]


def shared_field_problems(english: PageSource, translation: PageSource, lang: str, model: ContentModel,
                          level: str = ERROR, hint: str = "") -> list[Problem]:
    """Fields that hold the same value in every language (themes, regions, example, work_package, sources...)
    but differ from the English here."""
    problems = []
    for name in _language_neutral_fields(model, english.meta.get("type")):
        if name in english.meta and translation.meta.get(name) != english.meta[name]:
            problems.append(Problem(
                "structure", lang, translation.path, translation.key_lines.get(name, 1),
                f"'{name}' is {translation.meta.get(name)!r} here but {english.meta[name]!r} in {english.path}",
                hint or f"copy '{name}' from the English page: this field has the same value in every language",
                level))
    return problems


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

    problems += shared_field_problems(english, translation, lang, model)
    levels_en = [h.level for h in source.headings]
    levels_tr = [h.level for h in target.headings]
    if levels_en != levels_tr:
        first = first_difference(levels_en, levels_tr)
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
    rel_en, rel_tr = rel_in_tree(english.path, model), rel_in_tree(translation.path, model)
    _compare_targets([target_key(e.value, rel_en) for e in source.images], source.images,
                     [target_key(e.value, rel_tr) for e in target.images], target.images,
                     "image", english_path, translation.body_line, target, report)
    internal_en = [e for e in source.links if not is_external(e.value)]
    internal_tr = [e for e in target.links if not is_external(e.value)]
    _compare_targets([target_key(e.value, rel_en) for e in internal_en], internal_en,
                     [target_key(e.value, rel_tr) for e in internal_tr], internal_tr,
                     "link", english_path, translation.body_line, target, report)
    external_en = sum(is_external(e.value) for e in source.links)
    external_tr = sum(is_external(e.value) for e in target.links)
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
    first = first_difference(values_en, values_tr)
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


