"""The source documents as readers see them: the sources page (<!-- red:sources -->, sources.md in every language)
and the passages quoted in each page's sources box, both from data/source_passages.yml and the content model's
`sources`.

The sources page gives each document's title, author, date, language and rights, then the passages the site relies
on, quoted in the document's language, each with the pages that rely on it. A page's sources box links every
document it names to the document's section there, and quotes the passages the page relies on, each linked to the
same passage on the sources page. Every value is escaped by the templates (autoescape): a passage is text, even
where a document holds markup.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel import Locale
from markupsafe import Markup

from redsite.licensing import content_licence, licence_link
from redsite.model import REPO_ROOT, ContentModel, load_model
from redsite.pages import list_pages, read_front_matter
from redsite.render import fragment, t
from redsite.source_passages import PATH, Passage, documents, passages_of, read_passages

PAGE = "sources.md"  # the page that holds <!-- red:sources -->, at the same path in every language tree


def passages(root: Path = REPO_ROOT, model: ContentModel | None = None) -> tuple[Passage, ...]:
    """The passages, read once per version of the data file (the build has checked them before it renders)."""
    try:
        stat = (root / PATH).stat()
    except OSError:
        return ()
    key = (root, stat.st_mtime_ns, stat.st_size)
    if key not in _READ:
        _READ.clear()
        _READ[key] = tuple(read_passages(root, model or load_model())[0])
    return _READ[key]


_READ: dict[tuple, tuple[Passage, ...]] = {}


def language_name(code: str, lang: str) -> str:
    """The name of the language `code` in the reader's language, as Babel's CLDR data writes it."""
    return Locale.parse(lang).languages.get(code, code)


def date_text(source: str, lang: str, model: ContentModel) -> str:
    """The document's date as the model gives it (only as the document states it), or that it states none."""
    date = model.sources[source].get("date")
    return str(date) if date else t("source_date_not_stated", lang)


def page_titles(lang: str, root: Path = REPO_ROOT, model: ContentModel | None = None) -> dict[str, str]:
    """Each page's title in `lang` by its path without .md: the translation's, else the English one."""
    model = model or load_model()
    titles: dict[str, str] = {}
    for code in (model.default_language.code, lang):
        for page in list_pages(code, root, model):
            title = read_front_matter(page, root).meta.get("title")
            if title:
                titles[page.rel.removesuffix(".md")] = str(title)
    return titles


def _quote(passage: Passage, model: ContentModel) -> dict:
    return {"id": passage.id, "text": passage.text, "lang": model.sources[passage.source].get("language", "")}


def sources_page(lang: str, url_for_page: Callable[[str], str | None], model: ContentModel | None = None,
                 root: Path = REPO_ROOT) -> str:
    """<!-- red:sources -->: every document with its facts and the passages the site relies on.
    `url_for_page(path)` is the address of a page (its path without .md) from the sources page."""
    model = model or load_model()
    found = passages(root, model)
    titles = page_titles(lang, root, model)
    rights = Markup(t("source_rights", lang)).format(licence=licence_link(lang, model=model))
    sections = []
    for source in documents(model):
        quotes = []
        for passage in (passage for passage in found if passage.source == source):
            pages = [{"url": url_for_page(page), "title": titles.get(page, page)} for page in passage.pages]
            quotes.append(_quote(passage, model) | {"pages": [page for page in pages if page["url"]]})
        entry = model.sources[source]
        facts = [(t("source_author_label", lang), model.source_author(source, lang)),
                 (t("source_date_label", lang), date_text(source, lang, model)),
                 (t("source_language_label", lang), language_name(entry.get("language", ""), lang)),
                 (t("source_rights_label", lang), rights)]
        sections.append({"id": source, "title": model.source_title(source, lang), "facts": facts, "quotes": quotes})
    return fragment("source_page.html", sections=sections, passages_title=t("source_passages_title", lang),
                    pages_label=t("source_passage_pages", lang), verbatim=t("source_passages_verbatim", lang),
                    licence=content_licence(model).short)


def source_links(sources, url: str | None, model: ContentModel | None = None) -> dict[str, str]:
    """The address of each document a page names, on the sources page at `url` (none without that page)."""
    model = model or load_model()
    return {str(source): f"{url}#{source}" for source in sources or () if url and source in documents(model)}


def box_quotes(page: str, lang: str, url: str | None, model: ContentModel | None = None,
               root: Path = REPO_ROOT) -> list[dict]:
    """The passages `page` (its path without .md) relies on, for its sources box, each linked to the sources
    page at `url` and credited to its document."""
    model = model or load_model()
    if not url:
        return []
    return [_quote(passage, model) | {"url": f"{url}#{passage.id}", "title": model.source_title(passage.source, lang)}
            for passage in passages_of(page, list(passages(root, model)))]
