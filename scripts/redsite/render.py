"""HTML fragments the build adds to pages: notices, fact boxes, catalogs, glossary, initiatives.

All values are escaped here; the fragments are inserted after the contributed
HTML has been sanitized, so nothing a contributor writes reaches them unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from html import escape
from pathlib import Path

import yaml

from redsite.frontmatter import PageSource
from redsite.model import ContentModel, load_model

UI_STRINGS_FILE = Path(__file__).with_name("ui_strings.yml")
DIRECTIVE = re.compile(r"<!--\s*red:([a-z-]+)(?:\s+([a-z-]+))?\s*-->")


@cache
def ui_strings() -> dict[str, dict[str, str]]:
    return yaml.safe_load(UI_STRINGS_FILE.read_text(encoding="utf-8"))


def t(key: str, lang: str) -> str:
    return ui_strings()[key][lang]


def admonition(kind: str, title: str, body_html: str, lang: str | None = None) -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    return (f'<div class="admonition {kind} red-notice"{lang_attr} role="note">'
            f'<p class="admonition-title">{escape(title)}</p>{body_html}</div>')


def fallback_notice(lang: str) -> str:
    return admonition("warning", t("fallback_notice", lang), "", lang)


def _notice_with_original(kind: str, key: str, lang: str, original_url: str) -> str:
    link = f'<p><a href="{escape(original_url)}" hreflang="en">{escape(t("read_original", lang))}</a></p>'
    return admonition(kind, t(key, lang), link, lang)


def pending_notice(lang: str, original_url: str) -> str:
    return _notice_with_original("warning", "pending_notice", lang, original_url)


def stale_notice(lang: str, original_url: str) -> str:
    return _notice_with_original("info", "stale_notice", lang, original_url)


def example_notice(lang: str) -> str:
    return admonition("example", t("example_notice_title", lang), f"<p>{escape(t('example_notice', lang))}</p>", lang)


def _labels(model: ContentModel, vocabulary: str, keys, lang: str) -> str:
    return ", ".join(escape(model.label(vocabulary, key, lang)) for key in keys or ())


def facts_box(meta: dict, lang: str, model: ContentModel | None = None) -> str:
    """The 'at a glance' list of a typed page's short fields, in the reader's language."""
    model = model or load_model()
    content_type = model.content_types.get(meta.get("type"))
    if content_type is None:
        return ""
    rows: list[tuple[str, str]] = []
    for field in content_type.front_matter_fields:
        value = meta.get(field.name)
        if value in (None, "", []):
            continue
        shown = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
        rows.append((t(f"field_{field.name}", lang), escape(shown)))
    if meta.get("work_package"):
        rows.append((t("field_work_package", lang), _labels(model, "work_packages", meta["work_package"], lang)))
    rows.append((t("field_themes", lang), _labels(model, "themes", meta.get("themes"), lang)))
    rows.append((t("field_regions", lang), _labels(model, "regions", meta.get("regions"), lang)))
    rows.append((t("last_reviewed", lang), escape(str(meta.get("last_reviewed", "")))))
    items = "".join(f"<dt>{escape(label)}</dt><dd>{value}</dd>" for label, value in rows)
    return (f'<section class="red-facts" aria-label="{escape(t("facts_title", lang))}">'
            f'<dl>{items}</dl></section>')


def sources_box(meta: dict, lang: str, model: ContentModel | None = None) -> str:
    model = model or load_model()
    sources = meta.get("sources") or []
    if not sources:
        return ""
    items = []
    for source in sources:
        if str(source).startswith("https://"):
            items.append(f'<li><a href="{escape(source)}">{escape(source)}</a></li>')
        else:
            # the reader-facing title only: the seed file name is an internal artefact (issue 11)
            items.append(f"<li>{escape(model.source_title(source, lang))}</li>")
    title = escape(t("sources_title", lang))
    return f'<section class="red-sources"><h2 id="red-sources">{title}</h2><ul>{"".join(items)}</ul></section>'


def catalog(entries: list[tuple[str, PageSource]], lang: str, model: ContentModel | None = None,
            key: str = "pages") -> str:
    """A filterable list of pages. `entries` are (relative URL, parsed page) in display order.

    `key` (e.g. the content type) keeps element ids unique if a page holds several catalogs.
    """
    model = model or load_model()
    if not entries:
        return f'<p class="red-catalog__empty">{escape(t("catalog_empty", lang))}</p>'
    items = []
    for url, page in entries:
        meta = page.meta
        work_packages = meta.get("work_package") or []
        tags = [f'{t("field_work_package", lang)} {model.label("work_packages", wp, lang).split(" ", 1)[0]}'
                for wp in work_packages]
        tags += [model.label("themes", key, lang) for key in meta.get("themes") or []]
        tags += [model.label("regions", key, lang) for key in meta.get("regions") or []]
        tag_html = "".join(f"<li>{escape(tag)}</li>" for tag in tags)
        items.append(
            f'<li class="red-catalog__item"'
            f' data-work-package="{escape(" ".join(work_packages))}"'
            f' data-themes="{escape(" ".join(meta.get("themes") or []))}"'
            f' data-regions="{escape(" ".join(meta.get("regions") or []))}">'
            f'<h2 class="red-catalog__title"><a href="{escape(url)}">{escape(str(meta.get("title", "")))}</a></h2>'
            f'<p class="red-catalog__summary">{escape(str(meta.get("summary", "")))}</p>'
            f'<ul class="red-catalog__tags">{tag_html}</ul></li>'
        )
    return (catalog_filter([page for _, page in entries], lang, model, key)
            + f'<ul class="red-catalog" id="red-catalog-{escape(key)}" data-red-catalog>{"".join(items)}</ul>')


def filter_fields(model: ContentModel) -> list[tuple[str, str]]:
    """(front-matter field, vocabulary) pairs a catalog can be filtered by: the lists of vocabulary keys."""
    return [(spec.name, spec.type[len("list[enum:"):-1]) for spec in model.common_fields
            if spec.type.startswith("list[enum:") and spec.type[len("list[enum:"):-1] in model.vocabularies]


def catalog_filter(pages: list[PageSource], lang: str, model: ContentModel, key: str = "pages") -> str:
    """The filter form above a catalog, in the reader's language.

    It ships `hidden`: catalog-filter.js reveals it, so without JavaScript the
    reader simply gets the full list. Each select offers the vocabulary values
    that occur in the list, in the model's order; the browser matches them
    against the items' data-* attributes.
    """
    selects = []
    for name, vocabulary in filter_fields(model):
        used = {value for page in pages for value in page.meta.get(name) or []}
        options = [(value, model.label(vocabulary, value, lang)) for value in model.vocabularies[vocabulary]
                   if value in used]
        if not options:
            continue
        attribute = name.replace("_", "-")
        select_id = f"red-filter-{escape(key)}-{attribute}"
        option_html = f'<option value="">{escape(t(f"filter_all_{name}", lang))}</option>' + "".join(
            f'<option value="{escape(value)}">{escape(label)}</option>' for value, label in options)
        selects.append(
            f'<div class="red-filter__field"><label for="{select_id}">{escape(t(f"filter_{name}", lang))}</label>'
            f'<select id="{select_id}" data-red-filter-field="{attribute}">{option_html}</select></div>'
        )
    if not selects:
        return ""
    return (
        f'<form class="red-filter" data-red-filter="red-catalog-{escape(key)}"'
        f' data-count-template="{escape(t("filter_count", lang))}"'
        f' data-none-template="{escape(t("filter_none", lang))}"'
        f' hidden><fieldset><legend>{escape(t("filter_legend", lang))}</legend>'
        f'<div class="red-filter__fields">{"".join(selects)}'
        f'<button type="reset" class="md-button red-filter__reset">{escape(t("filter_reset", lang))}</button></div>'
        f'<p class="red-filter__status" role="status" aria-live="polite" aria-atomic="true"></p>'
        f'</fieldset></form>'
    )


def glossary(data: dict, lang: str) -> str:
    model = load_model()
    others = [code for code in model.codes if code != lang]
    names = {code: model.language(code).name for code in model.codes}
    head = (f'<th scope="col">{escape(t("glossary_term", lang))} ({escape(names[lang])})</th>'
            + "".join(f'<th scope="col">{escape(names[code])}</th>' for code in others)
            + f'<th scope="col">{escape(t("glossary_definition", lang))}</th>')
    rows = []
    for term in data["terms"]:
        definition = (term.get("definition") or {}).get(lang, "")
        cells = f'<th scope="row">{escape(term[lang])}</th>' + "".join(
            f'<td lang="{code}">{escape(term[code])}</td>' for code in others)
        rows.append(f"<tr>{cells}<td>{escape(definition)}</td></tr>")
    return (f'<table><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def initiatives(data: dict, lang: str) -> str:
    parts = []
    for group in data["groups"]:
        parts.append(f'<h2 id="{escape(group["key"])}">{escape(group["title"][lang])}</h2>')
        for item in group["initiatives"]:
            rows = [(t("initiative_status", lang), escape(item["status"][lang]))]
            if item.get("instrument"):
                rows.append((t("initiative_instrument", lang), escape(item["instrument"])))
            if item.get("lead"):
                rows.append((t("initiative_lead", lang), escape(item["lead"])))
            if item.get("partners"):
                rows.append((t("initiative_partners", lang), escape(", ".join(item["partners"]))))
            facts = "".join(f"<dt>{escape(label)}</dt><dd>{value}</dd>" for label, value in rows)
            link = f'<p><a href="{escape(item["url"])}">{escape(item["url"])}</a></p>' if item.get("url") else ""
            parts.append(
                f'<section class="red-initiative"><h3 lang="en">{escape(item["name"])}</h3>'
                f'<dl class="red-facts">{facts}</dl><p>{escape(item["description"][lang])}</p>{link}</section>'
            )
    return "".join(parts)


def expand_directives(html: str, expand: Callable[[str, str | None], str]) -> str:
    return DIRECTIVE.sub(lambda match: expand(match.group(1), match.group(2)), html)
