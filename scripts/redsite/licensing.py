"""The site's licences, as readers and programs meet them: the footer, the notes near the downloads, the
statement in the PDF, DOCX and ODT guides and the feeds, and the credit of the quoted documents.

The licences are the content model's `licences` (content_model.yml): the texts, guides and data under the
content licence (CC BY 4.0), the code under the code licence (MIT). The quoted project documents (the
model's `sources` with a file) keep their authors' rights: every place that lists them says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from redsite.downloads.plan import GUIDE_TYPE
from redsite.model import ContentModel, load_model
from redsite.render import fragment, t


@dataclass(frozen=True)
class Licence:
    spdx: str  # e.g. CC-BY-4.0
    short: str  # e.g. CC BY 4.0
    url: str  # the canonical address, for metadata
    legal_code: str
    file: str  # the repository file that states it
    names: dict[str, str]  # language -> the official name in it
    deeds: dict[str, str]  # language -> the licence's summary (deed) in it

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names[next(iter(self.names))]

    def deed(self, lang: str) -> str:
        return self.deeds.get(lang) or self.url


def content_licence(model: ContentModel | None = None) -> Licence:
    """The licence of the site's texts, guides and data."""
    spec = (model or load_model()).licences["content"]
    return Licence(spec["spdx"], spec["short"], spec["url"], spec["legal_code"], spec["file"],
                   dict(spec["name"]), dict(spec["deed"]))


def code_licence_spdx(model: ContentModel | None = None) -> str:
    return (model or load_model()).licences["code"]["spdx"]


def licence_link(lang: str, short: bool = False, model: ContentModel | None = None) -> Markup:
    """A link to the licence's deed in `lang`, named by its official name (and short name), rel="license"."""
    licence = content_licence(model)
    text = licence.short if short else f"{licence.name(lang)} ({licence.short})"
    return Markup('<a href="{}" rel="license">{}</a>').format(licence.deed(lang), text)


def _with_link(key: str, lang: str, short: bool, model: ContentModel | None) -> Markup:
    return Markup(t(key, lang)).format(licence=licence_link(lang, short, model))


def footer(lang: str, model: ContentModel | None = None) -> Markup:
    """The footer's sentence on every page: the content licence by name, linked, and what it does not cover."""
    return _with_link("footer_licence", lang, False, model)


def guide_note(lang: str, model: ContentModel | None = None) -> str:
    """Under a method page's download buttons: the guide may be adapted and shared under the licence."""
    return fragment("licence_note.html", text=_with_link("licence_guide_note", lang, True, model))


def download_note(meta: dict, lang: str, model: ContentModel | None = None) -> str:
    """guide_note() on a page that offers guides (a method page), '' on any other."""
    return guide_note(lang, model) if (meta or {}).get("type") == GUIDE_TYPE else ""


def guides_note(lang: str, model: ContentModel | None = None) -> str:
    """`<!-- red:licence -->` (the home page's "Download a guide"): the guides may be adapted and shared."""
    return fragment("licence_note.html", text=_with_link("licence_guides_note", lang, True, model))


def open_data_text(lang: str, model: ContentModel | None = None) -> Markup:
    """Above a catalog's data files: the list as data, under the licence."""
    return _with_link("open_data_text", lang, True, model)


def statement(lang: str, model: ContentModel | None = None) -> str:
    """The licence in plain words with the deed's address, for paper and metadata (no link to click)."""
    licence = content_licence(model)
    return t("licence_statement", lang).format(name=licence.name(lang), short=licence.short, url=licence.deed(lang))


def statement_html(lang: str, model: ContentModel | None = None) -> Markup:
    """statement() with its address as a link (the PDF's cover)."""
    licence = content_licence(model)
    link = Markup('<a href="{0}" rel="license">{0}</a>').format(licence.deed(lang))
    return Markup(t("licence_statement", lang).replace("{url}", "{link}")).format(
        name=licence.name(lang), short=licence.short, link=link)


def rights(lang: str, holder: str, model: ContentModel | None = None) -> str:
    """The rights statement of a document's metadata (PDF XMP dc:rights, DOCX/ODT, Atom <rights>)."""
    return f"© {holder}. {statement(lang, model)}"


def source_documents(lang: str, model: ContentModel | None = None, sources_url: str | None = None) -> str:
    """`<!-- red:source-documents -->` (the about page): the site's licence, then every quoted document with
    its author, marked as not covered by it; with `sources_url`, each linked to its section of the sources page."""
    model = model or load_model()
    documents = [{"title": model.source_title(key, lang), "url": f"{sources_url}#{key}" if sources_url else "",
                  "author": t("source_author", lang).format(author=model.source_author(key, lang))}
                 for key, entry in model.sources.items() if entry.get("file")]
    return fragment("source_documents.html", licence=_with_link("licence_about", lang, False, model),
                    intro=t("source_documents_intro", lang), documents=documents)


# `<!-- red:KIND -->` directives this module answers (plugin.content.expand_directive)
DIRECTIVES = {"licence": guides_note}  # <!-- red:source-documents --> takes the sources page's address
