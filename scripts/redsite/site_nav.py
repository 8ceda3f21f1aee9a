"""The navigation: mkdocs.yml lists the sections, the content fills them.

A section whose entry list holds a content type's index page (e.g.
`methods/index.md`) gets every page of that type appended, in the order of
its titles in the language being built. New pages therefore appear in the
nav without anyone editing mkdocs.yml.

A section with more pages than `section_limit` (mkdocs.yml `plugins: - red: nav:
section_limit:`) lists only its index page: the catalog there lists every page,
with filters. A sidebar of hundreds of entries helps no reader, and every page
carries the whole sidebar, so the build would grow with the square of the pages.
"""

from __future__ import annotations

from pathlib import Path

from redsite.model import REPO_ROOT, ContentModel, load_model
from redsite.pages import typed_pages


def expand(nav: list | None, lang: str, model: ContentModel | None = None, root: Path = REPO_ROOT,
           section_limit: int | None = None) -> list | None:
    model = model or load_model()
    if nav is None:
        return None
    index_pages = {f"{ct.folder}/index.md": name for name, ct in model.content_types.items()}
    return [_expand_item(item, lang, model, root, index_pages, section_limit) for item in nav]


def _expand_item(item, lang, model, root, index_pages, section_limit):
    if isinstance(item, dict):
        return {title: _expand_item(value, lang, model, root, index_pages, section_limit)
                for title, value in item.items()}
    if isinstance(item, list):
        expanded = [_expand_item(child, lang, model, root, index_pages, section_limit) for child in item]
        listed = {child for child in item if isinstance(child, str)}
        for child in item:
            if isinstance(child, str) and child in index_pages:
                added = [page.rel for page, _ in typed_pages(index_pages[child], lang, root, model)
                         if page.rel not in listed]
                if section_limit is None or len(added) <= section_limit:
                    expanded += added
        return expanded
    return item
