"""What the 404 page offers in place of the missing page: the list of the pages of each language, written at
build time as `not-found-pages.json` below the language's root (`sv/not-found-pages.json`), from which
assets/javascripts/not-found-suggest.js picks the addresses closest to the one asked for.

Each entry is a page's address below its language's root (`methods/forum-building/`) and its title as the
page's <title> gives it. The list is read from the built site, not from the sources: it holds exactly the
pages a reader can reach. (Former addresses from git renames are left out on purpose: the only renames so far
took real region names out of the example pages' addresses.)
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from redsite.model import ContentModel

LIST_FILE = "not-found-pages.json"
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
NOT_PAGES = {"assets", "pagefind", "offline", "data"}  # folders of the site that hold no pages of their own


def list_path(lang: str, model: ContentModel) -> str:
    return LIST_FILE if lang == model.default_language.code else f"{lang}/{LIST_FILE}"


def page_title(html: str, site_name: str) -> str:
    """The page's title without the site's name after it (overrides/main.html writes "Title - Site")."""
    found = TITLE.search(html)
    title = unescape(found.group(1)).strip() if found else ""
    return title.removesuffix(f" - {site_name}") or site_name


def _head(path: Path, size: int = 16384) -> str:
    with path.open(encoding="utf-8") as file:
        return file.read(size)  # the <title> is near the top: no need to read whole pages


def built_pages(site_dir: Path, lang: str, model: ContentModel) -> dict[str, str]:
    """address below the language's root -> title, for every page built in `lang`."""
    default = model.default_language.code
    root = site_dir if lang == default else site_dir / lang
    skip = NOT_PAGES | {code for code in model.codes if code != default}
    pages = {}
    for index in root.rglob("index.html"):
        parts = index.relative_to(root).parts[:-1]
        if lang == default and parts and parts[0] in skip or parts and parts[0] in NOT_PAGES:
            continue
        pages["".join(f"{part}/" for part in parts)] = page_title(_head(index), model.language(lang).site_name)
    return pages


def page_list(pages: dict[str, str]) -> bytes:
    """The JSON the 404 page reads: the pages by address, each with its title."""
    entries = [{"path": path, "title": pages[path]} for path in sorted(pages)]
    return (json.dumps({"pages": entries}, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def write_page_lists(site_dir: Path, model: ContentModel) -> list[str]:
    """Write each language's list into the built site; a log line per language."""
    lines = []
    for lang in model.codes:
        pages = built_pages(site_dir, lang, model)
        target = site_dir / list_path(lang, model)
        target.write_bytes(page_list(pages))
        lines.append(f"404 page list {list_path(lang, model)}: {len(pages)} pages")
    return lines
