"""Element ids and attributes that belong to the theme, the build or the search, never to a page's content.

Material finds its configuration with `querySelector('#__config')` and its drawer, search and palette by
id; the build gives the page title, the sources box or a catalog an id its links and scripts rely on. An
element of contributed content with one of these ids comes first in the page and takes their place (DOM
clobbering): a fake configuration, a table of contents entry that jumps to the title. Pagefind reads
`data-pagefind-*` attributes anywhere in the article (a result's URL and title, filters), Material's scripts
`data-md-*` (components) and ours `data-red-*`; pandoc gives a `data-custom-style` element a style of the
guides' reference documents (a paragraph styled as the document's title).

The reserved ids are read from the templates that write them: Material's, overrides/ and ours. An id written
with a Jinja expression (`__palette_{{ loop.index0 }}`, `red-catalog-{{ key }}`) reserves every id of its
shape; one made only of an expression (`{{ toc_item.id }}`, a heading's) reserves none. Every literal id of
Material's templates starts with '__' (computed below), so the theme's whole namespace is reserved: its
navigation ids (`__nav_1_2`) are made from an expression.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import material

from redsite.model import REPO_ROOT
from redsite.render import TEMPLATE_DIR, TITLE_ID

THEME_TEMPLATES = Path(material.__file__).parent / "templates"
TEMPLATE_DIRS = (THEME_TEMPLATES, REPO_ROOT / "overrides", TEMPLATE_DIR)
ID_ATTRIBUTE = re.compile(r"""\sid=["']([^"']*)["']""")
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
RESERVED_DATA = re.compile(r"data-(?:(?:pagefind|md|red)-[\w-]*|custom-style\b)", re.IGNORECASE)


@cache
def template_ids(directory: Path) -> tuple[str, ...]:
    """Every id value the HTML templates under `directory` write, Jinja expressions included."""
    found = set()
    for path in sorted(directory.rglob("*.html")):
        found.update(ID_ATTRIBUTE.findall(path.read_text(encoding="utf-8")))
    return tuple(sorted(found))


def theme_namespace() -> str:
    """The prefix every literal id of Material's templates shares ('__')."""
    literal = [value for value in template_ids(THEME_TEMPLATES) if not JINJA.search(value)]
    return os.path.commonprefix(literal) if len(literal) > 1 else ""


@cache
def reserved_ids() -> re.Pattern:
    """One pattern that matches every id the theme or the build writes or may write."""
    shapes = {re.escape(TITLE_ID)}  # the skip link's target, written by redsite.render
    for directory in TEMPLATE_DIRS:
        for value in template_ids(directory):
            parts = JINJA.split(value)
            if any(part.strip() for part in parts):  # an id made only of an expression reserves nothing
                shapes.add(".+".join(re.escape(part) for part in parts))
    namespace = theme_namespace()
    if namespace:
        shapes.add(re.escape(namespace) + ".*")
    return re.compile("|".join(sorted(shapes)))


def is_reserved_id(value: str) -> bool:
    return reserved_ids().fullmatch(value.strip()) is not None


def reserved_data_attribute(text: str) -> str | None:
    """The first data-pagefind-*, data-md-*, data-red-* or data-custom-style attribute name in `text`, or None."""
    found = RESERVED_DATA.search(text)
    return found.group() if found else None
