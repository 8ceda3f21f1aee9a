"""The open-data files of a build and the links to them under each catalog.

Per language and content type, `data/<folder>.json` and `data/<folder>.csv` below the language's root
(`sv/data/methods.json`); per content type, its schema at `data/<type>.schema.json`. Everything in them comes
from the pages' front matter, the git history and the build's settings, in a fixed order, so two builds of
the same commit give the same bytes. The catalog computes the same files to show their sizes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils import get_relative_url

from redsite import licensing
from redsite.model import ContentModel
from redsite.open_data import records as records_module
from redsite.open_data.records import Downloads, address, own_pages, prefix
from redsite.open_data.schema import dataset_schema
from redsite.open_data.tables import columns, csv_bytes
from redsite.render import format_size, fragment, t

FOLDER = "data"
MEDIA_TYPES = {"json": "application/json", "csv": "text/csv", "schema": "application/schema+json"}


@dataclass(frozen=True)
class Build:
    """What a dataset depends on besides the pages: the site's address, the git dates, the downloads made."""

    root: Path  # the project: the folder of mkdocs.yml, where the page trees are
    site_url: str  # ends with '/'
    committed: Mapping[str, dt.date]
    made: Downloads


def data_path(type_name: str, lang: str, suffix: str, model: ContentModel) -> str:
    """Site-relative path of a dataset: data/methods.json, sv/data/methods.csv."""
    return f"{prefix(lang, model)}{FOLDER}/{model.content_types[type_name].folder}.{suffix}"


def schema_path(type_name: str) -> str:
    return f"{FOLDER}/{type_name}.schema.json"


def _json(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def schema_file(type_name: str, build: Build, model: ContentModel) -> bytes:
    title = f"{model.default_language.site_name}: {t(f'open_data_records_{type_name}', model.default_language.code)}"
    return _json(dataset_schema(type_name, model, address(build.site_url, schema_path(type_name)), title))


def dataset_files(type_name: str, lang: str, build: Build, model: ContentModel,
                  owned: dict[str, set[str]] | None = None) -> dict[str, bytes]:
    """The JSON and CSV of one content type in one language, by site path."""
    found = records_module.records(type_name, lang, root=build.root, model=model, site_url=build.site_url,
                                   committed=build.committed, made=build.made, owned=owned)
    licence = licensing.content_licence(model)
    document = {
        "$schema": address(build.site_url, schema_path(type_name)),
        "title": f"{model.language(lang).site_name}: {t(f'open_data_records_{type_name}', lang)}",
        "language": lang,
        "content_type": type_name,
        "license": licence.url,
        "rights": licensing.rights(lang, t("pdf_author", lang), model),
        "records": found,
    }
    return {data_path(type_name, lang, "json", model): _json(document),
            data_path(type_name, lang, "csv", model): csv_bytes(found, columns(type_name, lang, model))}


def all_files(build: Build, model: ContentModel) -> dict[str, bytes]:
    owned = own_pages(build.root, model)
    files: dict[str, bytes] = {}
    for type_name in model.content_types:
        files[schema_path(type_name)] = schema_file(type_name, build, model)
        for lang in model.codes:
            files.update(dataset_files(type_name, lang, build, model, owned))
    return files


def write_files(site_dir: Path, build: Build, model: ContentModel) -> list[str]:
    """Write every dataset and schema into the built site; a log line per file kind."""
    files = all_files(build, model)
    for path, data in sorted(files.items()):
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    total = sum(len(data) for data in files.values())
    return [f"Open data: {len(files)} files (JSON, CSV and JSON Schema per content type), {total:,} bytes"]


def catalog_links(type_name: str, lang: str, page_url: str, build: Build, model: ContentModel) -> str:
    """Under a catalog: its list as JSON and CSV, and the schema, each with its size in the reader's units."""
    if type_name not in model.content_types:
        return ""
    files = dataset_files(type_name, lang, build, model)
    json_path, csv_path = (data_path(type_name, lang, suffix, model) for suffix in ("json", "csv"))
    found = {"json": (json_path, len(files[json_path])), "csv": (csv_path, len(files[csv_path])),
             "schema": (schema_path(type_name), len(schema_file(type_name, build, model)))}
    items = [{"href": get_relative_url(path, page_url), "type": MEDIA_TYPES[kind],
              "label": "JSON Schema" if kind == "schema" else kind.upper(), "size": format_size(size, lang),
              "hint": t(f"open_data_{kind}", lang) if kind != "json" else ""}
             for kind, (path, size) in found.items()]
    return fragment("open_data_links.html", key=type_name, title=t("open_data_title", lang),
                    text=licensing.open_data_text(lang, model), items=items)
