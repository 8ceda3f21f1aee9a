"""HTML fragments the build adds to pages: notices, fact boxes, catalogs, glossary, initiatives.

Each fragment is a small Jinja template in redsite/templates/ with autoescape on: every value is
escaped there, and only HTML built by another template is passed on as Markup. The fragments
are inserted after the contributed HTML has been sanitized, so nothing a contributor writes
reaches them unescaped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import yaml
from babel import Locale
from markupsafe import Markup

from redsite.frontmatter import PageSource
from redsite.model import ContentModel, load_model
from redsite.origin import FIELD as ORIGIN_FIELD
from redsite.origin import origin_label, origin_of

UI_STRINGS_FILE = Path(__file__).with_name("ui_strings.yml")
TEMPLATE_DIR = Path(__file__).with_name("templates")


@cache
def _templates():
    """The Jinja environment, made on first use: the validator's command line never renders HTML,
    so it does not pay for importing Jinja."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True, undefined=StrictUndefined)
DIRECTIVE = re.compile(r"<!--\s*red:([a-z-]+)(?:\s+([a-z-]+))?\s*-->")


@cache
def ui_strings() -> dict[str, dict[str, str]]:
    return yaml.safe_load(UI_STRINGS_FILE.read_text(encoding="utf-8"))


def t(key: str, lang: str) -> str:
    return ui_strings()[key][lang]


def format_size(size: int, lang: str) -> str:
    """'180 kB', '1,2 MB' (sv), '180 КБ' (ru): a download's size as readers of that language write it."""
    kilobytes = max(1, math.ceil(size / 1000))
    if kilobytes < 1000:
        return f"{kilobytes}\u00a0{t('pdf_unit_kb', lang)}"
    from babel.numbers import format_decimal

    megabytes = format_decimal(round(size / 1_000_000, 1), format="#,##0.0", locale=lang)
    return f"{megabytes}\u00a0{t('pdf_unit_mb', lang)}"


def fragment(template: str, **context) -> str:
    """The HTML of redsite/templates/<template> with `context`, values escaped.

    A plain str, not Markup: adding Markup to a str would escape the str (the page's HTML)."""
    return _templates().get_template(template).render(**context)


TITLE_ID = "red-title"  # the skip link's target (redsite.reader_html.title_heading)


def page_title(title: str) -> str:
    return str(Markup('<h1 id="{}">{}</h1>').format(TITLE_ID, title))


def in_language(lang: str, html: str) -> str:
    """Mark a stretch of HTML as written in `lang` (the English text of a fallback page)."""
    return str(Markup('<div lang="{}">').format(lang)) + html + "</div>"


def notice(kind: str, title: str, lang: str | None = None, *, text: str = "", original_url: str = "") -> str:
    """A notice box; with `original_url`, a link to the English original in the reader's language."""
    return fragment("notice.html", kind=kind, title=title, lang=lang, text=text, original_url=original_url,
                    original_text=t("read_original", lang) if original_url else "")


def fallback_notice(lang: str) -> str:
    return notice("warning", t("fallback_notice", lang), lang)


def stale_notice(lang: str, original_url: str) -> str:
    return notice("info", t("stale_notice", lang), lang, original_url=original_url)


def example_notice(lang: str) -> str:
    return notice("example", t("example_notice_title", lang), lang, text=t("example_notice", lang))


def _labels(model: ContentModel, vocabulary: str, keys, lang: str) -> str:
    return ", ".join(model.label(vocabulary, key, lang) for key in keys or ())


def facts_box(meta: dict, lang: str, model: ContentModel | None = None) -> str:
    """The 'at a glance' list of a typed page's short fields, in the reader's language."""
    model = model or load_model()
    content_type = model.type_named(meta.get("type"))
    if content_type is None:
        return ""
    rows: list[tuple[str, str]] = []
    for field in content_type.front_matter_fields:
        value = meta.get(field.name)
        if value in (None, "", []) or field.name == ORIGIN_FIELD:  # the origin is labelled under the title
            continue
        vocabulary = field.parsed.vocabulary if field.parsed.kind == "enum" and not field.parsed.is_list else None
        if vocabulary in model.vocabularies:  # a vocabulary key is shown by its label in the reader's language
            shown = model.label(vocabulary, value, lang)
        else:
            shown = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
        rows.append((t(f"field_{field.name}", lang), shown))
    if meta.get("work_package"):
        rows.append((t("field_work_package", lang), _labels(model, "work_packages", meta["work_package"], lang)))
    rows.append((t("field_themes", lang), _labels(model, "themes", meta.get("themes"), lang)))
    rows.append((t("field_regions", lang), _labels(model, "regions", meta.get("regions"), lang)))
    rows.append((t("last_reviewed", lang), str(meta.get("last_reviewed", ""))))
    return fragment("facts_box.html", title=t("facts_title", lang), rows=rows)


def sources_box(meta: dict, lang: str, model: ContentModel | None = None, links: dict[str, str] | None = None,
                quotes: list[dict] | None = None) -> str:
    """A page's sources: each document linked to its section of the sources page (`links`, by source), then the
    passages the page relies on (`quotes`, redsite.source_page.box_quotes)."""
    model = model or load_model()
    sources = meta.get("sources") or []
    if not sources:
        return ""
    items = []
    for source in sources:
        if str(source).startswith("https://"):
            items.append({"url": source})
        else:  # the reader-facing title only: the seed file name is an internal artefact
            author = model.source_author(source, lang)  # a quoted document is credited to its author
            items.append({"url": "", "title": model.source_title(source, lang), "link": (links or {}).get(source),
                          "author": t("source_author", lang).format(author=author) if author else ""})
    quoted = any(item["url"] or item["author"] for item in items)  # not the `invented` of an example page
    return fragment("sources_box.html", title=t("sources_title", lang), sources=items, quotes=quotes or [], lang=lang,
                    quotes_title=t("sources_box_passages", lang), verbatim=t("source_passages_verbatim", lang),
                    not_covered=t("sources_not_covered", lang) if quoted else "")


def catalog(entries: list[tuple[str, PageSource]], lang: str, model: ContentModel | None = None,
            key: str = "pages") -> str:
    """A filterable list of pages. `entries` are (relative URL, parsed page) in display order.

    `key` (e.g. the content type) keeps element ids unique if a page holds several catalogs.
    """
    model = model or load_model()
    items = []
    for url, page in entries:
        meta = page.meta
        work_packages = meta.get("work_package") or []
        tags = [f'{t("field_work_package", lang)} {model.label("work_packages", wp, lang).split(" ", 1)[0]}'
                for wp in work_packages]
        tags += [model.label("themes", key, lang) for key in meta.get("themes") or []]
        tags += [model.label("regions", key, lang) for key in meta.get("regions") or []]
        # what a filter by each value finds: a region within another one is found by either (part_of)
        found_by = {name: " ".join(model.related_keys(vocabulary, _keys(model, vocabulary, meta.get(name))))
                    for name, vocabulary in filter_fields(model)}
        items.append({"url": url, "title": str(meta.get("title", "")), "summary": str(meta.get("summary", "")),
                      "work_packages": found_by["work_package"], "themes": found_by["themes"],
                      "regions": found_by["regions"], "tags": tags,
                      "origin": origin_of(meta, model) or "", "origin_label": origin_label(meta, lang, model)})
    filter_form = catalog_filter([page for _, page in entries], lang, model, key) if entries else ""
    return fragment("catalog.html", items=items, key=key, empty=t("catalog_empty", lang),
                    origin_field=t("field_origin", lang),
                    filter_form=Markup(filter_form))


def filter_fields(model: ContentModel, type_name: str | None = None) -> list[tuple[str, str]]:
    """(front-matter field, vocabulary) pairs a catalog can be filtered by: the lists of vocabulary keys,
    then the single vocabulary keys of the catalog's content type (a method's origin)."""
    common = [(spec.name, spec.parsed.vocabulary) for spec in model.common_fields
              if spec.parsed.is_list and spec.parsed.vocabulary in model.vocabularies]
    content_type = model.content_types.get(type_name or "")
    own = [(spec.name, spec.parsed.vocabulary) for spec in content_type.front_matter_fields
           if spec.parsed.kind == "enum" and not spec.parsed.is_list
           and spec.parsed.vocabulary in model.vocabularies] if content_type else []
    return common + own


MORE_FILTERS = ("work_package",)  # the project's own terms: behind "More filters", open when one is chosen


def catalog_filter(pages: list[PageSource], lang: str, model: ContentModel, key: str = "pages") -> str:
    """The filter form above a catalog, in the reader's language.

    It ships `hidden`: catalog-filter.js reveals it, so without JavaScript the
    reader simply gets the full list. Each select offers the vocabulary values
    that a filter would find in the list, in the model's order; the browser matches
    them against the items' data-* attributes and keeps the choice in the address.
    The status line counts what the catalog lists ("Showing 6 of 17 methods").
    """
    selects, more = [], []
    for name, vocabulary in filter_fields(model, key):
        used = {value for page in pages for value in model.related_keys(
            vocabulary, _keys(model, vocabulary, page.meta.get(name)))}
        options = [(value, model.label(vocabulary, value, lang)) for value in model.vocabularies[vocabulary]
                   if value in used]
        if not options:
            continue
        attribute = name.replace("_", "-")
        (more if name in MORE_FILTERS else selects).append(
            {"attribute": attribute, "options": options,
             "label": t(f"filter_{name}", lang), "all": t(f"filter_all_{name}", lang)})
    if not selects and not more:
        return ""
    return fragment("catalog_filter.html", key=key, selects=selects, more=more, more_label=t("filter_more", lang),
                    legend=t("filter_legend", lang), reset=t("filter_reset", lang),
                    count_template=count_template(key, len(pages), lang), none_template=none_template(key, lang))


def count_template(key: str, total: int, lang: str) -> str:
    """"Showing {shown} of 17 methods" for a catalog of `key` (a content type), in the plural form the
    language gives its total; a catalog of mixed pages counts pages."""
    name = f"filter_count_{key.replace('-', '_')}"
    if name not in ui_strings():
        return t("filter_count", lang)
    plural = Locale.parse(lang).plural_form(total)
    return t(f"{name}_one" if plural == "one" else name, lang)


def none_template(key: str, lang: str) -> str:
    name = f"filter_none_{key.replace('-', '_')}"
    return t(name if name in ui_strings() else "filter_none", lang)


def _as_list(value) -> list:
    if value in (None, ""):
        return []
    return value if isinstance(value, list) else [value]


def _keys(model: ContentModel, vocabulary: str, value) -> list[str]:
    return [key for key in _as_list(value) if isinstance(key, str) and key in model.vocabularies[vocabulary]]


def glossary(data: dict, lang: str, page_url: str) -> str:
    """The glossary's table, and its downloads for translation tools (redsite.glossary_export), linked from
    the page at `page_url` with their format and size."""
    from mkdocs.utils import get_relative_url

    from redsite.glossary_export import downloads

    model = load_model()
    files = [{"href": get_relative_url(download.site_path, page_url), "label": t(download.label_key, lang),
              "kind": download.kind, "media_type": download.media_type, "size": format_size(len(download.data), lang)}
             for download in downloads(data, model)]
    return fragment("glossary.html", lang=lang, terms=data["terms"],
                    others=[code for code in model.codes if code != lang],
                    names={code: model.language(code).name for code in model.codes},
                    term_heading=t("glossary_term", lang), definition_heading=t("glossary_definition", lang),
                    downloads=files, downloads_intro=t("glossary_downloads", lang))


def initiatives(data: dict, lang: str) -> str:
    groups = []
    for group in data["groups"]:
        items = []
        for item in group["initiatives"]:
            rows = [(t("initiative_status", lang), item["status"][lang])]
            if item.get("instrument"):
                rows.append((t("initiative_instrument", lang), item["instrument"]))
            if item.get("lead"):
                rows.append((t("initiative_lead", lang), item["lead"]))
            if item.get("partners"):
                rows.append((t("initiative_partners", lang), ", ".join(item["partners"])))
            items.append({"name": item["name"], "rows": rows, "description": item["description"][lang],
                          "url": item.get("url") or ""})
        groups.append({"key": group["key"], "title": group["title"][lang], "initiatives": items})
    return fragment("initiatives.html", groups=groups)


def expand_directives(html: str, expand: Callable[[str, str | None], str]) -> str:
    return DIRECTIVE.sub(lambda match: expand(match.group(1), match.group(2)), html)
