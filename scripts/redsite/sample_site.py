"""Sites for the benchmarks and the tests: pages generated from the content model, and copies of the real
method pages (scripts/benchmark_*.py, tests/). The copy of the repository itself is redsite.site_copy."""
from __future__ import annotations

import random
from pathlib import Path

from redsite.example_pages import reserved_values
from redsite.frontmatter import parse_page
from redsite.model import REPO_ROOT, ContentModel, FieldType
from redsite.translations.freshness import source_hash
from redsite.translations.stamp import stamp_text
from redsite.translations.untranslated import uses_latin_script

# Word stock per script for generated prose; the first language of each kind in the model gets it.
LATIN_TEXT = """samarbete regionen utveckling partnerna mötet kommunen företagen arbetet projektet målet
    resultatet gemensamma lokala regionala tillsammans varje gång inom mellan genom efter"""
ENGLISH_TEXT = """the partners meet to agree on shared goals and the region supports companies with advice
    while municipalities plan joint work across the border every year"""
OTHER_TEXT = """сотрудничество регион развитие партнёры встреча муниципалитет предприятия работа проект
    цель результат общие местные региональные вместе каждый раз между через после"""
LATIN_WORDS, ENGLISH_WORDS, OTHER_WORDS = LATIN_TEXT.split(), ENGLISH_TEXT.split(), OTHER_TEXT.split()


def sample_value(model: ContentModel, spec, index: int):
    """A valid value for a front-matter field of the content model."""
    return _sample(model, spec.parsed, spec.min_items, index)


def _sample(model: ContentModel, kind: FieldType, min_items: int, index: int):
    if kind.is_list:
        return [_sample(model, kind.item, 0, index)] if min_items or kind.kind in ("str", "source") else []
    if kind.kind == "enum":  # not the values reserved for example pages (the region `invented`)
        reserved = reserved_values(model, kind.vocabulary)
        keys = [key for key in model.vocabulary_keys(kind.vocabulary) if key not in reserved]
        return keys[index % len(keys)]
    if kind.kind == "source":
        return next(iter(model.sources))
    if kind.kind == "date":
        return "2026-01-15"
    if kind.kind == "bool":
        return False
    return f"Organisation {index}"


def _yaml(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def prose(lang: str, model: ContentModel, seed: int, count: int = 40) -> str:
    rng = random.Random(seed)
    if lang == model.default_language.code:
        stock = ENGLISH_WORDS
    else:
        stock = LATIN_WORDS if uses_latin_script(lang, model) else OTHER_WORDS
    text = " ".join(rng.choice(stock) for _ in range(count))
    return text[0].upper() + text[1:] + "."


def sample_page(model: ContentModel, type_name: str, lang: str, index: int, *, extra: str = "",
                fields: dict | None = None) -> str:
    """A complete page of `type_name` in `lang`: every field, every required section, some structure.

    It links to page-<index - number of types>.md, the previous page in the same folder."""
    content_type = model.content_types[type_name]
    previous = max(index - len(model.content_types), index % len(model.content_types))
    meta = {"type": type_name, "title": f"{prose(lang, model, index, 4)[:-1]} {index}",
            "summary": prose(lang, model, index + 1, 12)}
    for spec in model.fields_of(type_name):
        meta.setdefault(spec.name, sample_value(model, spec, index))
    meta.update(fields or {})
    front = "".join(f"{name}: {_yaml(value)}\n" for name, value in meta.items())
    parts = [prose(lang, model, index + 2)]
    for number, section in enumerate(content_type.sections):
        parts.append(f"## {model.section_title(section, lang)}")
        parts.append(prose(lang, model, index * 31 + number))
        if number == 0:
            parts.append(f"- [{prose(lang, model, index + 3, 3)[:-1]}](page-{previous}.md)\n"
                         f"- {prose(lang, model, index + 4, 10)}")
        if number == 1:
            parts.append(f'!!! note "{prose(lang, model, index + 5, 3)[:-1]}"\n    {prose(lang, model, index + 6, 15)}')
        if number == 2 and index % 5 == 0:
            parts.append("| A | B |\n| --- | --- |\n" + "".join(
                f"| {prose(lang, model, index + row, 3)} | {row} |\n" for row in range(3)).rstrip())
    if extra:
        parts.append(extra)
    return f"---\n{front}---\n\n" + "\n\n".join(parts) + "\n"


def generate_site(root: Path, count: int, model: ContentModel) -> dict[str, int]:
    """`count` pages per language; 2 % outdated, 1 % missing, 1 % pending per translation language."""
    default = model.default_language
    types = list(model.content_types)
    figures = {"stale": 0, "missing": 0, "pending": 0}
    for index in range(count):
        type_name = types[index % len(types)]
        rel = f"{model.content_types[type_name].folder}/page-{index}.md"
        english_text = sample_page(model, type_name, default.code, index)
        english_hash = source_hash(parse_page(rel, english_text), model)
        english_file = root / default.tree / rel
        english_file.parent.mkdir(parents=True, exist_ok=True)
        for language in model.translations:
            if index % 100 == 7:
                figures["missing"] += 1
                continue
            pending = index % 100 == 11
            figures["pending"] += pending
            text = sample_page(model, type_name, language.code, index, fields={"pending": True} if pending else None)
            target = root / language.tree / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text if pending else stamp_text(text, english_hash), encoding="utf-8")
        if index % 50 == 3:  # changed after the translations were made
            english_text += "\nA paragraph added to the English later.\n"
            figures["stale"] += len(model.translations)
        english_file.write_text(english_text, encoding="utf-8")
    return figures


def copy_method_pages(root: Path, count: int, model: ContentModel, source: Path = REPO_ROOT) -> list[str]:
    """`count` copies per language of the real method pages of `source`, renamed (`<slug>-copy-<i>.md`).

    The copies are byte for byte the originals, so each translation keeps its original's state (current,
    outdated or pending) and their links (to sibling pages) still resolve. Returns the new relative paths."""
    folder = model.content_types["method"].folder
    english = source / model.folder_of(model.default_language.code) / folder
    originals = sorted(path.name for path in english.glob("*.md") if path.name != "index.md")
    added = []
    for index in range(count):
        name = originals[index % len(originals)]
        rel = f"{folder}/{name[:-3]}-copy-{index}.md"
        for language in model.languages:
            original = source / language.tree / folder / name
            if original.exists():
                target = root / language.tree / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(original.read_bytes())
        added.append(rel)
    return added
