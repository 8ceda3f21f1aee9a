"""Links between pages: where a link points, and whether it resolves in a language."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from redsite.frontmatter import PageSource
from redsite.model import ContentModel
from redsite.outline import Outline, outline_of
from redsite.problems import Problem

SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def is_external(target: str) -> bool:
    return bool(SCHEME.match(target)) or target.startswith("//")


def rel_in_tree(repo_path: str, model: ContentModel) -> str:
    """'docs_sv/methods/x.md' -> 'methods/x.md'."""
    located = model.split_page_path(repo_path)
    return located[1] if located else repo_path


def target_key(target: str, page_rel: str) -> str:
    """A link target as a path inside the tree, without anchor (anchors are translated)."""
    if is_external(target):
        return target
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return page_rel
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), path))


def broken_links(translation: PageSource, rel: str, lang: str, site: LanguageSite) -> list[Problem]:
    """Internal links and anchors of a translation that do not resolve in its language."""
    problems = []
    outline = outline_of(translation)
    for element in (*outline.links, *outline.images):
        target = element.value
        if is_external(target) or target.startswith("/") or not target:
            continue
        path, _, anchor = target.partition("#")
        path = path.split("?", 1)[0]
        if path:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
            if resolved.startswith("../") or resolved == "..":
                problems.append(Problem("broken-link", lang, translation.path, element.line,
                                        f"'{target}' points outside the site's pages",
                                        "link to a page of the site with a path relative to this page"))
                continue
            if not posixpath.splitext(resolved)[1]:
                continue  # a folder or an address the build generates; mkdocs checks those
            if not site.exists(resolved):
                problems.append(Problem(
                    "broken-link", lang, translation.path, element.line,
                    f"'{target}' does not resolve: neither {site.tree}/{resolved} nor the English "
                    f"{site.english_tree}/{resolved} exists",
                    "check the file name and the relative path; links use the English file names in every "
                    "language"))
                continue
        else:
            resolved = rel
        if anchor and resolved.endswith(".md"):
            target_outline = site.outline(resolved)
            if target_outline is not None and not target_outline.generated and anchor not in target_outline.anchors:
                known = ", ".join(sorted(target_outline.anchors)[:8]) or "none"
                problems.append(Problem(
                    "broken-link", lang, translation.path, element.line,
                    f"anchor '#{anchor}' does not exist in the {site.name} version of {resolved} "
                    f"(anchors there: {known})",
                    "anchors follow the heading text in this language: use the anchor of the translated heading"))
    return problems


@dataclass
class LanguageSite:
    """What a reader of one language can reach: its own pages, else the English fallback."""

    lang: str
    name: str
    tree: str
    english_tree: str
    pages: dict[str, PageSource]
    english: dict[str, PageSource]
    root: Path

    def exists(self, rel: str) -> bool:
        return (rel in self.pages or rel in self.english or (self.root / self.tree / rel).is_file()
                or (self.root / self.english_tree / rel).is_file())

    def outline(self, rel: str) -> Outline | None:
        page = self.pages.get(rel) or self.english.get(rel)
        return outline_of(page) if page is not None else None


