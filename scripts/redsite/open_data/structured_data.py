"""A method page's schema.org description (JSON-LD), for search engines and other programs.

It is printed inside `<script type="application/ld+json">` in the page's head (overrides/main.html). A browser
never runs a script of that type, and the Content-Security-Policy lets only that type and JSON through as data
(redsite.page_security). The text comes from front matter, which a contributor writes, so no value may end the
element early: `<`, `>` and `&` are written as JSON escapes (\\u003c ...), so neither `</script` nor `<!--` can
appear in the block, whatever a title holds.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from redsite.downloads.plan import GUIDE_TYPE
from redsite.feeds import page_url
from redsite.model import ContentModel
from redsite.open_data.records import address, prefix, translations

CONTEXT = "https://schema.org"
PAGE_TYPE = "Article"
SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _work(url: str, lang: str) -> dict:
    return {"@type": PAGE_TYPE, "@id": url, "url": url, "inLanguage": lang}


def describe(meta: dict, rel: str, lang: str, modified: str | None, site_url: str, model: ContentModel,
             licence_url: str, owned: Mapping[str, set[str]]) -> dict:
    """The JSON-LD object of the page `rel` (e.g. 'methods/x.md') in `lang`: what it is, where it belongs, its
    licence and its language versions (an English original lists its translations; a translation names the
    original). A language without its own page (`owned`: language -> its pages) is not listed."""
    default = model.default_language.code
    url = address(site_url, prefix(lang, model) + page_url(rel))
    home = address(site_url, prefix(lang, model))
    data = {"@context": CONTEXT, "@type": PAGE_TYPE, "@id": url, "url": url,
            "name": str(meta.get("title", "")), "description": str(meta.get("summary", "")), "inLanguage": lang}
    if modified:
        data["dateModified"] = modified
    data["isPartOf"] = {"@type": "WebSite", "@id": home, "url": home, "name": model.language(lang).site_name}
    data["license"] = licence_url
    others = translations(rel, lang, site_url, owned, model)
    if lang == default:
        if others:
            data["workTranslation"] = [_work(other_url, code) for code, other_url in others.items()]
    elif default in others:
        data["translationOfWork"] = _work(others[default], default)
    return data


def script_text(data: dict) -> str:
    """The JSON for inside the <script> element: every <, > and & escaped, so the element ends only at its own tag."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(SAFE)


def json_ld_for_page(meta: dict, src_uri: str, lang: str, modified: str | None, fallback: bool, site_url: str,
                    model: ContentModel, owned: Mapping[str, set[str]]) -> str:
    """The JSON-LD for a page's <head>, or '' (a page other than a method, or an English page standing in for a
    missing translation: it is the English page's, described there)."""
    from redsite import licensing

    if fallback or (meta or {}).get("type") != GUIDE_TYPE or not site_url:
        return ""
    rel = src_uri.removeprefix(f"{lang}/") if lang != model.default_language.code else src_uri
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    return script_text(describe(meta, rel, lang, modified, site_url, model, licensing.content_licence(model).url,
                                    owned))
