"""Create a new typed page in every language tree, ready to fill in.

Everything a page needs comes from the content model: the front-matter fields
with their notes, the allowed values of each vocabulary, the section headings in
each language, and for an invented example the conventions of `example_pages`.
The English page gets guidance comments; each translation is a stub of it
(redsite.stubs): the same values, the English text under headings already in its
language, and `pending: true`, so that the site shows the English page until a
translator has finished it, and the validator lists it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from redsite.frontmatter import parse_page
from redsite.model import PLACEHOLDER, ContentModel, ContentType, Field, FieldType, load_model
from redsite.source_policy import MAX_SLUG_LENGTH
from redsite.stubs import StubError, stub_text
from redsite.stubs import yaml_value as _yaml

__all__ = ["PLACEHOLDER", "ScaffoldError", "NewPage", "plan", "write", "parse_date", "slugify", "default_slug"]
INTRO = f"{PLACEHOLDER}: Introduce the page in one or two short paragraphs: what it is about, who was involved, " \
        "when and where, and which sources it is based on."
EXAMPLE_INTRO = f"{PLACEHOLDER}: Say first that this page illustrates the format with an invented example and " \
                "that nothing on it reports a real event. Then introduce the invented scenario: Region A, " \
                "Organisation B, Municipality A1, roles rather than names, and no real place, organisation or year."
DATE_NOTE = re.compile(r"YYYY|\b(?:19|20)\d\d-\d\d")  # a text field whose note describes a date
DEFAULT_SLUG_LENGTH = 40  # a default file name made from a long title is cut at a word to at most this length
EXAMPLE_RULE = "scripts/redsite/content_model.yml, example_pages"
TYPE_GUIDANCE = {
    "text": "one or two sentences",
    "date": "a date written YYYY-MM-DD",
    "bool": "true or false",
}


class ScaffoldError(StubError):
    """Bad input from the contributor: what is wrong and how to fix it (rendered as a stub's error is)."""


@dataclass(frozen=True)
class NewPage:
    lang: str
    path: Path  # where the file goes
    text: str


MAX_TITLE_LENGTH = 150


def slugify(title: str) -> str:
    """The file name of a page from its (English) title: lowercase ASCII words joined by hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def default_slug(title: str) -> str:
    """The file name a title gives by default: its slug, cut after the last whole word that fits in
    DEFAULT_SLUG_LENGTH characters (a long title would make a long address)."""
    slug = slugify(title)
    if len(slug) <= DEFAULT_SLUG_LENGTH:
        return slug
    cut = slug[:DEFAULT_SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return cut if cut and len(cut) <= DEFAULT_SLUG_LENGTH else slug[:DEFAULT_SLUG_LENGTH].rstrip("-")


@dataclass(frozen=True)
class ExampleRules:
    """The content model's conventions for an invented example (`example_pages`)."""

    fixed: dict[str, list]  # field -> the value an example holds, e.g. sources: [invented]
    year: str  # the placeholder of every year, e.g. 20XX
    title_prefix: str  # how an English example's title begins, e.g. "Example:"

    @classmethod
    def of(cls, model: ContentModel) -> ExampleRules:
        rules = model.example_pages or {}
        fixed = {name: list(rule.get("value") or []) for name, rule in (rules.get("fixed_fields") or {}).items()}
        prefix = (rules.get("title_prefix") or {}).get(model.default_language.code, "")
        return cls(fixed, str(rules.get("placeholder_year", "")), str(prefix))

    def title(self, title: str) -> str:
        """`title` beginning with the prefix, once."""
        if not self.title_prefix or title.casefold().startswith(self.title_prefix.casefold()):
            return title
        return f"{self.title_prefix} {title}"


def _choices(model: ContentModel, kind: FieldType) -> dict[str, str] | None:
    """Allowed values (key -> English label) of an enum or source field, None for free text."""
    default = model.default_language.code
    if kind.kind == "source":
        return {key: model.source_title(key, default) for key in model.sources}
    if kind.kind == "enum":
        if kind.vocabulary == "content_types":
            return {key: key for key in model.content_types}
        return {key: labels[default] for key, labels in model.vocabularies[kind.vocabulary].items()}
    return None


def placeholder(spec: Field, model: ContentModel, content_type: ContentType, title: str, date: dt.date,
                example: ExampleRules | None = None):
    """A value that passes validation and shows plainly what is left to fill in; on an example, the values the
    content model fixes for examples."""
    if spec.name == "type":
        return content_type.name
    if spec.name == "title":
        return title
    if example is not None and spec.name in example.fixed:
        return example.fixed[spec.name]
    if spec.name == "example":
        return example is not None
    kind = spec.parsed
    if example is not None and kind.kind == "str" and DATE_NOTE.search(spec.note or ""):
        return f"{PLACEHOLDER}: a date or period with the year written {example.year}, e.g. {example.year}-05-22"
    choices = _choices(model, kind)
    if kind.is_list:
        if spec.min_items == 0:
            return []
        return list(choices)[: spec.min_items] if choices else [PLACEHOLDER] * spec.min_items
    if choices:
        return next(iter(choices))
    if kind.kind == "date":
        return date
    if kind.kind == "bool":
        return False
    if kind.kind == "text":
        return f"{PLACEHOLDER}: say in one or two sentences what this page describes."
    return PLACEHOLDER


def _guidance(spec: Field, model: ContentModel, example: ExampleRules | None = None) -> list[str]:
    """Comment lines above a field in the English page: its note and, for lists of keys, the choices; on an
    example, why a field holds the value examples hold."""
    if spec.name in ("type", "title"):
        return []
    if example is not None and spec.name in example.fixed:
        why = ((model.example_pages.get("fixed_fields") or {}).get(spec.name) or {}).get("why", "")
        return [f"# {spec.name}: fixed on an invented example" + (f": {why}" if why else "")]
    if example is not None and spec.name == "example":
        return ["# example: true - the page is invented; every place, organisation, person and year on it is too"]
    parts = [spec.note] if spec.note else []
    kind = spec.parsed
    if not kind.is_list and kind.kind in TYPE_GUIDANCE:
        parts.append(TYPE_GUIDANCE[kind.kind])
    if example is not None and kind.kind == "str" and DATE_NOTE.search(spec.note or ""):
        parts.append(f"on an invented example every year is written {example.year}")
    choices = _choices(model, kind)
    if kind.is_list and spec.min_items:
        parts.append(f"at least {spec.min_items}")
    elif kind.is_list and not spec.note:
        parts.append("may be an empty list")
    lines = [f"# {spec.name}: {'; '.join(parts)}"] if parts else []
    if choices:
        lines.append("#   choose from:")
        lines += [f"#     {key}" + (f" = {label}" if label != key else "") for key, label in choices.items()
                  if example is None or kind.kind != "source"]
    return lines


def front_matter(model: ContentModel, content_type: ContentType, title: str, date: dt.date,
                 example: ExampleRules | None = None) -> str:
    """The front matter of a new English page, between its '---' lines."""
    lines = ["# Replace every TODO. The comments say what each field holds; they can stay or go.",
             "# Full guide: CONTRIBUTING.md, or the 'Contribute' page of the site."]
    if example is not None:
        lines.append(f"# This page is an invented example: rules in {EXAMPLE_RULE}.")
    for spec in model.fields_of(content_type.name):
        lines += _guidance(spec, model, example)
        lines.append(f"{spec.name}: {_yaml(placeholder(spec, model, content_type, title, date, example))}")
    return "---\n" + "\n".join(lines) + "\n---\n"


def body(model: ContentModel, content_type: ContentType, lang: str, example: bool = False) -> str:
    """The intro placeholder and every required section, headed in `lang`, guidance in English."""
    parts = [EXAMPLE_INTRO if example else INTRO]
    sections = {spec.name: spec for spec in content_type.fields if spec.section}
    for name in content_type.sections:
        note = sections[name].note or "Write this section."
        parts.append(f"## {model.section_title(name, lang)}\n\n{PLACEHOLDER}: {note}")
    return "\n\n".join(parts) + "\n"


def plan(type_name: str, title: str, root: Path, date: dt.date | None = None, slug: str | None = None,
         model: ContentModel | None = None, example: bool = False) -> list[NewPage]:
    """The files a new page consists of, one per language; raises ScaffoldError on bad input. `example`: the
    page is an invented example, written with the content model's conventions for one (`example_pages`).

    Nothing is written here, so every check runs before the first file exists.
    """
    model = model or load_model()
    if type_name not in model.content_types:
        raise ScaffoldError(f"unknown page type {type_name!r}",
                            f"use one of: {', '.join(model.content_types)}")
    title = " ".join((title or "").split())
    if not title:
        raise ScaffoldError("the title is empty", 'give the title in quotes, e.g. "Harbour dialogue pilot"')
    rules = ExampleRules.of(model) if example else None
    if rules is not None:
        title = rules.title(title)
    slug = slugify(slug) if slug is not None else default_slug(title)
    if not slug:
        raise ScaffoldError(
            f"the title {title!r} gives no usable file name (it needs Latin letters or digits)",
            "write the title in English, since new pages start from the English original, "
            "or choose the file name with --slug, e.g. --slug harbour-dialogue",
        )
    if len(slug) > MAX_SLUG_LENGTH:  # sec: file systems refuse names over 255 bytes; URLs should stay short
        short = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
        raise ScaffoldError(
            f"the file name has {len(slug)} characters; the limit is {MAX_SLUG_LENGTH}",
            f"choose a shorter file name with --slug, e.g. --slug {short}")
    if len(title) > MAX_TITLE_LENGTH:
        raise ScaffoldError(f"the title has {len(title)} characters; the limit is {MAX_TITLE_LENGTH}",
                            "shorten it: the title is the page heading; put details in the summary")
    missing = [lang.tree for lang in model.languages if not (root / lang.tree).is_dir()]
    if missing:
        raise ScaffoldError(f"{root} has no {', '.join(f'{tree}/' for tree in missing)} folder",
                            "run the command from the repository's top folder, or pass it with --root")
    content_type = model.content_types[type_name]
    rel = f"{content_type.folder}/{slug}.md"
    taken = [f"{lang.tree}/{rel}" for lang in model.languages if (root / lang.tree / rel).exists()]
    if taken:
        raise ScaffoldError(f"a page named {slug!r} already exists: {', '.join(taken)}",
                            "edit that page, or give the new page a different title or --slug")
    default = model.default_language
    english_path = f"{default.tree}/{rel}"
    english_text = (front_matter(model, content_type, title, date or dt.date.today(), rules) + "\n"
                    + body(model, content_type, default.code, example))
    english = parse_page(english_path, english_text, default.code)
    return [NewPage(default.code, root / english_path, english_text),
            *(NewPage(language.code, root / language.tree / rel, stub_text(english, language.code, model))
              for language in model.translations)]


def write(pages: list[NewPage]) -> list[Path]:
    """Write all files or none: a failure half-way removes what was already written."""
    written: list[Path] = []
    try:
        for page in pages:
            page.path.parent.mkdir(parents=True, exist_ok=True)
            with page.path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
                handle.write(page.text)
            written.append(page.path)
    except OSError as error:
        for path in written:
            path.unlink(missing_ok=True)
        raise ScaffoldError(f"could not write {error.filename}: {error.strerror}",
                            "check that the folder exists and that you may write to it") from error
    return written


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ScaffoldError(f"{text!r} is not a date", "write it as YYYY-MM-DD, e.g. 2026-11-22") from None
