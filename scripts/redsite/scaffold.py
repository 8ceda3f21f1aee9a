"""Create a new typed page in every language tree, ready to fill in.

Everything a page needs comes from the content model: the front-matter fields
with their notes, the allowed values of each vocabulary, and the section
headings in each language. The English page gets guidance comments; the
translations get the same values, the English text to translate under headings
already in their language, and `pending: true` so that the site shows the
"translation not finished" notice and the validator lists them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from redsite.model import PLACEHOLDER, ContentModel, ContentType, Field, FieldType, load_model
from redsite.source_policy import MAX_SLUG_LENGTH

__all__ = ["PLACEHOLDER", "ScaffoldError", "NewPage", "plan", "write", "parse_date", "slugify"]
INTRO = f"{PLACEHOLDER}: Introduce the page in one or two short paragraphs: what it is about, who was involved, " \
        "when and where, and which sources it is based on."
TYPE_GUIDANCE = {
    "text": "one or two sentences",
    "date": "a date written YYYY-MM-DD",
    "bool": "true or false",
}


class ScaffoldError(Exception):
    """Bad input from the contributor: what is wrong and how to fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def render(self) -> str:
        return f"error: {self.message}\n    how to fix: {self.hint}"


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


def _yaml(value) -> str:
    """One front-matter value, written the way a contributor would write it by hand."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(item) for item in value) + "]"
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(value)):  # vocabulary keys and source ids
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid double-quoted YAML string


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


def placeholder(spec: Field, model: ContentModel, content_type: ContentType, title: str, date: dt.date):
    """A value that passes validation and shows plainly what is left to fill in."""
    if spec.name == "type":
        return content_type.name
    if spec.name == "title":
        return title
    kind = spec.parsed
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


def _guidance(spec: Field, model: ContentModel) -> list[str]:
    """Comment lines above a field in the English page: its note and, for lists of keys, the choices."""
    if spec.name in ("type", "title"):
        return []
    parts = [spec.note] if spec.note else []
    kind = spec.parsed
    if not kind.is_list and kind.kind in TYPE_GUIDANCE:
        parts.append(TYPE_GUIDANCE[kind.kind])
    choices = _choices(model, kind)
    if kind.is_list and spec.min_items:
        parts.append(f"at least {spec.min_items}")
    elif kind.is_list and not spec.note:
        parts.append("may be an empty list")
    lines = [f"# {spec.name}: {'; '.join(parts)}"] if parts else []
    if choices:
        lines.append("#   choose from:")
        lines += [f"#     {key}" + (f" = {label}" if label != key else "") for key, label in choices.items()]
    return lines


def front_matter(model: ContentModel, content_type: ContentType, title: str, date: dt.date,
                 lang: str, english_path: str) -> str:
    """The front matter of a new page, between its '---' lines."""
    is_translation = lang != model.default_language.code
    if is_translation:
        lines = [f"# Translation of {english_path}. Translate the texts (title, summary, ...); keep keys such as",
                 "# themes and regions, dates and true/false exactly as in the English page. When the whole page",
                 "# is translated, delete the line 'pending: true' and stamp the page (see CONTRIBUTING.md)."]
    else:
        lines = ["# Replace every TODO. The comments say what each field holds; they can stay or go.",
                 "# Full guide: CONTRIBUTING.md, or the 'Contribute' page of the site."]
    for spec in model.fields_of(content_type.name):
        if not is_translation:
            lines += _guidance(spec, model)
        lines.append(f"{spec.name}: {_yaml(placeholder(spec, model, content_type, title, date))}")
    if is_translation:
        pending = next(spec for spec in model.translation_fields if spec.name == "pending")
        lines.append(f"{pending.name}: {_yaml(True)}")
    return "---\n" + "\n".join(lines) + "\n---\n"


def body(model: ContentModel, content_type: ContentType, lang: str) -> str:
    """The intro placeholder and every required section, headed in `lang`, guidance in English."""
    parts = [INTRO]
    sections = {spec.name: spec for spec in content_type.fields if spec.section}
    for name in content_type.sections:
        note = sections[name].note or "Write this section."
        parts.append(f"## {model.section_title(name, lang)}\n\n{PLACEHOLDER}: {note}")
    return "\n\n".join(parts) + "\n"


def plan(type_name: str, title: str, root: Path, date: dt.date | None = None, slug: str | None = None,
         model: ContentModel | None = None) -> list[NewPage]:
    """The files a new page consists of, one per language; raises ScaffoldError on bad input.

    Nothing is written here, so every check runs before the first file exists.
    """
    model = model or load_model()
    if type_name not in model.content_types:
        raise ScaffoldError(f"unknown page type {type_name!r}",
                            f"use one of: {', '.join(model.content_types)}")
    title = " ".join((title or "").split())
    if not title:
        raise ScaffoldError("the title is empty", 'give the title in quotes, e.g. "Harbour dialogue pilot"')
    slug = slugify(slug if slug is not None else title)
    if not slug:
        raise ScaffoldError(
            f"the title {title!r} gives no usable file name (it needs Latin letters or digits)",
            "write the title in English, since new pages start from the English original, "
            "or choose the file name with --slug, e.g. --slug harbour-dialogue",
        )
    if len(slug) > MAX_SLUG_LENGTH:  # sec: file systems refuse names over 255 bytes; URLs should stay short
        short = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
        raise ScaffoldError(
            f"the file name made from the title has {len(slug)} characters; the limit is {MAX_SLUG_LENGTH}",
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
    date = date or dt.date.today()
    english_path = f"{model.default_language.tree}/{rel}"
    return [
        NewPage(lang.code, root / lang.tree / rel,
                front_matter(model, content_type, title, date, lang.code, english_path)
                + "\n" + body(model, content_type, lang.code))
        for lang in model.languages
    ]


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
