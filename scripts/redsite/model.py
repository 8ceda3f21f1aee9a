"""The content model, loaded once from content_model.yml.

Everything that needs to know the languages, the content types, their fields,
section headings or vocabularies imports it from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

MODEL_FILE = Path(__file__).with_name("content_model.yml")
REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    tree: str
    site_name: str
    default: bool = False
    document_locale: str = ""  # e.g. sv-SE: the language tag written into DOCX/ODT files


@dataclass(frozen=True)
class Field:
    name: str
    type: str = "str"
    required: bool = False
    min_items: int = 0
    section: bool = False
    per_language: bool = False  # each language keeps its own value; not part of a translation's source_hash
    note: str = ""


@dataclass(frozen=True)
class ContentType:
    name: str
    folder: str
    fields: tuple[Field, ...] = ()

    @property
    def front_matter_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if not f.section)

    @property
    def sections(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.section)


@dataclass(frozen=True)
class ContentModel:
    languages: tuple[Language, ...]
    common_fields: tuple[Field, ...]
    translation_fields: tuple[Field, ...]
    content_types: dict[str, ContentType]
    section_titles: dict[str, dict[str, str]]
    vocabularies: dict[str, dict[str, dict[str, str]]]
    sources: dict[str, dict] = field(default_factory=dict)

    @property
    def default_language(self) -> Language:
        return next(lang for lang in self.languages if lang.default)

    @property
    def translations(self) -> tuple[Language, ...]:
        return tuple(lang for lang in self.languages if not lang.default)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    def language(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        raise KeyError(code)

    def type_for_folder(self, folder: str) -> ContentType | None:
        for content_type in self.content_types.values():
            if content_type.folder == folder:
                return content_type
        return None

    def section_title(self, section: str, lang: str) -> str:
        return self.section_titles[section][lang]

    def label(self, vocabulary: str, key: str, lang: str) -> str:
        return self.vocabularies[vocabulary][key][lang]

    def source_title(self, source: str, lang: str) -> str:
        entry = self.sources.get(source)
        return entry["title"][lang] if entry else source


def _fields(raw: dict) -> tuple[Field, ...]:
    return tuple(Field(name=name, **(spec or {})) for name, spec in raw.items())


@cache
def load_model(path: Path = MODEL_FILE) -> ContentModel:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return ContentModel(
        languages=tuple(Language(**lang) for lang in raw["languages"]),
        common_fields=_fields(raw["common_fields"]),
        translation_fields=_fields(raw["translation_fields"]),
        content_types={
            name: ContentType(name=name, folder=spec["folder"], fields=_fields(spec["fields"]))
            for name, spec in raw["content_types"].items()
        },
        section_titles=raw["sections"],
        vocabularies=raw["vocabularies"],
        sources=raw["sources"],
    )
