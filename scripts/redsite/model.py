"""The content model, loaded once from content_model.yml.

Everything that needs to know the languages, the content types, their fields,
section headings or vocabularies imports it from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import yaml

MODEL_FILE = Path(__file__).with_name("content_model.yml")
REPO_ROOT = Path(__file__).resolve().parents[2]

# Every text the scaffolder leaves for a contributor to write starts with this word; the
# validator reports any that remain. It lives here so the validator need not import the scaffolder.
PLACEHOLDER = "TODO"

SCALAR_KINDS = ("str", "text", "date", "bool", "source", "enum")


@dataclass(frozen=True)
class FieldType:
    """A field's type from content_model.yml, parsed once: `list[enum:themes]` -> enum, themes, list."""

    kind: str  # one of SCALAR_KINDS
    vocabulary: str | None = None  # for enum: the vocabulary name (or 'content_types')
    is_list: bool = False

    @classmethod
    def parse(cls, text: str) -> FieldType:
        is_list = text.startswith("list[") and text.endswith("]")
        inner = text[len("list["):-1] if is_list else text
        kind, _, vocabulary = inner.partition(":")
        if kind not in SCALAR_KINDS or bool(vocabulary) != (kind == "enum"):
            raise ValueError(f"content_model.yml: unknown field type {text!r}")
        return cls(kind, vocabulary or None, is_list)

    @property
    def item(self) -> FieldType:
        """The type of one item of a list (the type itself for a scalar)."""
        return FieldType(self.kind, self.vocabulary)

    @property
    def is_prose(self) -> bool:
        """Text written in the page's language (translated), as opposed to keys, dates and flags."""
        return self.kind in ("str", "text") and (not self.is_list or self.kind == "str")

    @property
    def is_language_neutral(self) -> bool:
        """The same value in every language: vocabulary keys, sources, flags."""
        return self.kind in ("enum", "bool", "source")


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    tree: str
    site_name: str
    default: bool = False
    document_locale: str = ""  # e.g. sv-SE: the language tag written into DOCX/ODT files
    short_site_name: str = ""  # the header's name on a phone (overrides/partials/header.html); "": the site_name

    @property
    def header_name(self) -> str:
        return self.short_site_name or self.site_name


@dataclass(frozen=True)
class Field:
    name: str
    type: str = "str"
    required: bool = False
    min_items: int = 0
    max_items: int | None = None
    max_item_words: int | None = None  # a list of short phrases: words per item at most
    max_item_chars: int | None = None  # ... and characters per item at most
    section: bool = False
    optional: bool = False  # a section a page may leave out (if it has it, it keeps its place in the order)
    per_language: bool = False  # each language keeps its own value; not part of a translation's source_hash
    note: str = ""
    parsed: FieldType = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "parsed", FieldType.parse(self.type))


@dataclass(frozen=True)
class ContentType:
    name: str
    folder: str
    fields: tuple[Field, ...] = ()
    worksheet: dict = field(default_factory=dict)  # a method's adaptation worksheet: its `steps` and `questions`

    @property
    def front_matter_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if not f.section)

    @property
    def sections(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.section)

    @property
    def required_sections(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.section and not f.optional)


@dataclass(frozen=True)
class ContentModel:
    languages: tuple[Language, ...]
    common_fields: tuple[Field, ...]
    translation_fields: tuple[Field, ...]
    content_types: dict[str, ContentType]
    section_titles: dict[str, dict[str, str]]
    vocabularies: dict[str, dict[str, dict[str, str]]]
    sources: dict[str, dict] = field(default_factory=dict)
    untyped_fields: tuple[Field, ...] = ()  # the keys a page without 'type:' may set
    source_policy: dict = field(default_factory=dict)  # what the source trees may hold (redsite.source_policy)
    search: dict = field(default_factory=dict)  # how the site search treats pages and languages (search_relevance)
    parents: dict[str, dict[str, str]] = field(default_factory=dict)  # vocabulary -> key -> the key it is part_of
    value_limits: dict = field(default_factory=dict)  # ranges and lengths of values (redsite.frontmatter)
    example_pages: dict = field(default_factory=dict)  # what an example page may carry (redsite.example_pages)
    licences: dict = field(default_factory=dict)  # the content's and the code's licence (redsite.licensing)

    @property
    def default_language(self) -> Language:
        return next(lang for lang in self.languages if lang.default)

    @property
    def translations(self) -> tuple[Language, ...]:
        return tuple(lang for lang in self.languages if not lang.default)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    @cached_property
    def all_fields(self) -> tuple[Field, ...]:
        """Every front-matter field of any page: common, per content type, and translation bookkeeping."""
        seen: dict[str, Field] = {f.name: f for f in self.common_fields}
        for content_type in self.content_types.values():
            for spec in content_type.front_matter_fields:
                seen.setdefault(spec.name, spec)
        for spec in self.translation_fields:
            seen.setdefault(spec.name, spec)
        return tuple(seen.values())

    def fields_of(self, type_name: str) -> tuple[Field, ...]:
        """The front-matter fields of an (English) page of this content type, common ones first."""
        return (*self.common_fields, *self.content_types[type_name].front_matter_fields)

    def vocabulary_keys(self, name: str) -> list[str]:
        """Allowed values of an enum field's vocabulary; 'content_types' is the model's own list of types."""
        return list(self.content_types) if name == "content_types" else list(self.vocabularies[name])

    def folder_of(self, lang: str) -> str:
        """The repository folder that holds the pages of a language: 'sv' -> 'docs_sv'."""
        return self.language(lang).tree

    def page_path(self, rel: str, lang: str) -> str:
        """The repository path of a page: ('methods/x.md', 'sv') -> 'docs_sv/methods/x.md'."""
        return f"{self.folder_of(lang)}/{rel}"

    def split_page_path(self, repo_path: str) -> tuple[str, str] | None:
        """The inverse of page_path: 'docs_sv/methods/x.md' -> ('sv', 'methods/x.md'); None outside the trees."""
        for lang in self.languages:
            if repo_path.startswith(lang.tree + "/"):
                return lang.code, repo_path[len(lang.tree) + 1:]
        return None

    def language(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        raise KeyError(code)

    def type_named(self, value) -> ContentType | None:
        """The content type a front-matter `type:` value names; None for anything else, including a
        list or a mapping that a contributor wrote by mistake (they are not hashable)."""
        return self.content_types.get(value) if isinstance(value, str) else None

    def type_for_folder(self, folder: str) -> ContentType | None:
        for content_type in self.content_types.values():
            if content_type.folder == folder:
                return content_type
        return None

    def section_title(self, section: str, lang: str) -> str:
        return self.section_titles[section][lang]

    def label(self, vocabulary: str, key: str, lang: str) -> str:
        return self.vocabularies[vocabulary][key][lang]

    def related_keys(self, vocabulary: str, keys) -> list[str]:
        """`keys` with every key they lie within and every key that lies within them (`part_of`), in the
        vocabulary's order: what a filter by any of them finds (Blekinge lies in South Sweden). Siblings
        are not related: two parts of South Sweden do not find each other's pages."""
        parents = self.parents.get(vocabulary, {})
        up, down = set(keys), set(keys)
        while (more := {parents[key] for key in up if key in parents} - up):
            up |= more
        while (more := {key for key, parent in parents.items() if parent in down} - down):
            down |= more
        return [key for key in self.vocabulary_keys(vocabulary) if key in up | down]
    def date_range(self, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
        """The first and the last day a date on the site may name: from value_limits, the last counted
        from the year of the build."""
        today = today or dt.date.today()
        return (dt.date(int(self.value_limits["earliest_year"]), 1, 1),
                dt.date(today.year + int(self.value_limits["years_ahead"]), 12, 31))

    def max_length(self, kind: str) -> int | None:
        """The most characters a text value of this kind ('str', 'text') may have."""
        return self.value_limits["max_length"].get(kind)

    def source_title(self, source: str, lang: str) -> str:
        entry = self.sources.get(source)
        return entry["title"][lang] if entry else source

    def source_author(self, source: str, lang: str) -> str:
        """Whom a quoted document is credited to; '' for what is not a document (`invented`, a web address)."""
        entry = self.sources.get(source) or {}
        return (entry.get("author") or {}).get(lang, "")


def _fields(raw: dict) -> tuple[Field, ...]:
    return tuple(Field(name=name, **(spec or {})) for name, spec in raw.items())


PART_OF = "part_of"


def _labels_and_parents(vocabularies: dict) -> tuple[dict, dict]:
    """The vocabularies' labels, and apart from them each key's `part_of` (the labels stay {language: text})."""
    labels = {name: {key: {k: v for k, v in entry.items() if k != PART_OF} for key, entry in entries.items()}
              for name, entries in vocabularies.items()}
    parents = {name: {key: entry[PART_OF] for key, entry in entries.items() if PART_OF in entry}
               for name, entries in vocabularies.items()}
    for name, links in parents.items():
        for key, parent in links.items():
            if parent not in vocabularies[name] or parent == key:
                raise ValueError(f"content_model.yml: {name}.{key}: part_of {parent!r} is not another key of {name}")
    return labels, {name: links for name, links in parents.items() if links}


@cache
def load_model(path: Path = MODEL_FILE) -> ContentModel:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    vocabularies, parents = _labels_and_parents(raw["vocabularies"])
    return ContentModel(
        languages=tuple(Language(**lang) for lang in raw["languages"]),
        common_fields=_fields(raw["common_fields"]),
        translation_fields=_fields(raw["translation_fields"]),
        content_types={
            name: ContentType(name=name, folder=spec["folder"], fields=_fields(spec["fields"]),
                              worksheet=spec.get("worksheet") or {})
            for name, spec in raw["content_types"].items()
        },
        section_titles=raw["sections"],
        vocabularies=vocabularies,
        parents=parents,
        sources=raw["sources"],
        untyped_fields=_fields(raw["untyped_fields"]),
        source_policy=raw["source_policy"],
        search=raw["search"],
        value_limits=raw["value_limits"],
        example_pages=raw.get("example_pages") or {},
        licences=raw.get("licences") or {},
    )
