"""The JSON Schema (draft 2020-12) of a dataset, made from the content model: each front-matter field of the
content type with its type, vocabulary and limits, and the keys a record adds (records.ADDED_KEYS)."""

from __future__ import annotations

from redsite.model import ContentModel, Field, FieldType
from redsite.open_data.records import ADDED_KEYS, DOWNLOAD_KINDS
from redsite.source_policy import SLUG

DIALECT = "https://json-schema.org/draft/2020-12/schema"
URI = {"type": "string", "format": "uri", "pattern": "^https?://"}
DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


class SchemaError(ValueError):
    """The content model cannot be described (a field named like a key the records add)."""


def value_schema(kind: FieldType, model: ContentModel, type_name: str) -> dict:
    """The schema of one value of a field of type `kind`."""
    if kind.is_list:
        return {"type": "array", "items": value_schema(kind.item, model, type_name)}
    if kind.kind == "enum":
        if kind.vocabulary == "content_types":
            return {"const": type_name}  # a dataset holds one content type
        return {"enum": model.vocabulary_keys(kind.vocabulary)}
    if kind.kind == "source":
        documents = [key for key in model.sources]
        return {"anyOf": [{"enum": documents}, {"type": "string", "pattern": "^https://"}]}
    if kind.kind == "bool":
        return {"type": "boolean"}
    if kind.kind == "date":
        return dict(DATE)
    return {"type": "string", "minLength": 1}


def field_schema(spec: Field, model: ContentModel, type_name: str) -> dict:
    schema = value_schema(spec.parsed, model, type_name)
    if spec.parsed.is_list and spec.min_items:
        schema["minItems"] = spec.min_items
    if spec.note:
        schema["description"] = spec.note
    return schema


def record_schema(type_name: str, model: ContentModel) -> dict:
    """A record: the content type's front-matter fields (required as the model says) and the added keys."""
    fields = model.fields_of(type_name)
    clash = sorted({spec.name for spec in fields} & set(ADDED_KEYS))
    if clash:
        raise SchemaError(f"scripts/redsite/content_model.yml: the field(s) {', '.join(clash)} of '{type_name}' "
                          f"are named like what the open data adds to each page ({', '.join(ADDED_KEYS)}); "
                          "rename the field")
    languages = list(model.codes)
    properties = {
        "slug": {"type": "string", "pattern": SLUG.pattern,
                 "description": "the page's file name, the same in every language"},
        "language": {"enum": languages},
        "url": {**URI, "description": "the page's address"},
        **{spec.name: field_schema(spec, model, type_name) for spec in fields},
        "last_updated": {**DATE, "description": "the date of the page's last change"},
        "translations": {"type": "object", "propertyNames": {"enum": languages},
                         "additionalProperties": URI,
                         "description": "the addresses of the page's other language versions that exist"},
        "downloads": {"type": "object", "propertyNames": {"enum": list(DOWNLOAD_KINDS)},
                      "additionalProperties": URI,
                      "description": "the downloads this build made of the page (methods): its guide (PDF, DOCX, "
                                     "ODT), its adaptation worksheet (DOCX, ODT) and the handbook or handbook "
                                     "volume that holds it (PDF, DOCX, ODT)"},
    }
    required = ["slug", "language", "url", *(spec.name for spec in fields if spec.required), "translations",
                "downloads"]
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def dataset_schema(type_name: str, model: ContentModel, schema_url: str, title: str) -> dict:
    """The schema of a dataset file: what it is, its licence, and its records."""
    return {
        "$schema": DIALECT,
        "$id": schema_url,
        "title": title,
        "type": "object",
        "properties": {
            "$schema": {"const": schema_url},
            "title": {"type": "string"},
            "language": {"enum": list(model.codes)},
            "content_type": {"const": type_name},
            "license": URI,
            "rights": {"type": "string"},
            "records": {"type": "array", "items": {"$ref": "#/$defs/record"}},
        },
        "required": ["$schema", "title", "language", "content_type", "license", "rights", "records"],
        "additionalProperties": False,
        "$defs": {"record": record_schema(type_name, model)},
    }
