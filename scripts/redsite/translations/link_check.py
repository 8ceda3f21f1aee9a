"""Links between pages: where a link points, and whether it resolves in a language."""

from __future__ import annotations

import difflib
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


def relative_target(rel: str, page_rel: str) -> str:
    """The link from the page at `page_rel` to the page at `rel` (both paths inside a tree)."""
    return posixpath.relpath(rel, posixpath.dirname(page_rel) or ".")


def broken_links(translation: PageSource, rel: str, lang: str, site: LanguageSite) -> list[Problem]:
    """Internal links and anchors of a page (English or a translation) that do not resolve in its language."""
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
                where = (f"{site.tree}/{resolved} does not exist" if site.tree == site.english_tree else
                         f"neither {site.tree}/{resolved} nor the English {site.english_tree}/{resolved} exists")
                guess = site.closest(resolved)
                problems.append(Problem(
                    "broken-link", lang, translation.path, element.line, f"'{target}' does not resolve: {where}",
                    (f"did you mean '{relative_target(guess, rel)}'? " if guess else "")
                    + "check the file name and the relative path; links use the English file names in every "
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

    def closest(self, rel: str) -> str | None:
        """The page or file of the site whose path is nearest to `rel` (a mistyped link), if any is near."""
        known = set(self.pages) | set(self.english)
        folder = posixpath.dirname(rel)
        for tree in {self.tree, self.english_tree}:
            base = self.root / tree / folder
            if base.is_dir():
                known.update(posixpath.join(folder, path.name) for path in base.iterdir() if path.is_file())
        found = difflib.get_close_matches(rel, sorted(known), n=1, cutoff=0.75)
        return found[0] if found else None

    def outline(self, rel: str) -> Outline | None:
        page = self.pages.get(rel) or self.english.get(rel)
        return outline_of(page) if page is not None else None


