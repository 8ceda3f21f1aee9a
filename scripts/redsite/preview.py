"""What a change (a pull request, a branch) does to the site: the pages it adds, changes or removes in each
language, and the generated pages that change because of it (catalogs, the glossary, the translation status).

The pull-request workflow prints this as its job summary, with where each page is in the preview artifact (the
offline copies of the pull request's build); `make preview-summary BASE=<git ref>` prints the same for the
current branch. `make check-content` audits these pages in a browser.
"""

from __future__ import annotations

import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from redsite import render
from redsite.data_files import GLOSSARY, INITIATIVES
from redsite.downloads.offline import FOLDER as OFFLINE_FOLDER
from redsite.frontmatter import parse_page
from redsite.model import ContentModel, load_model
from redsite.problems import Problem
from redsite.timeline import TIMELINE
from redsite.translations.report import TranslationReport

# The data files each directive renders (a change to one changes every page that has the directive).
DIRECTIVE_DATA = {"glossary": {GLOSSARY}, "initiatives": {INITIATIVES}, "timeline": {TIMELINE, INITIATIVES}}
STATUS_DIRECTIVE = "translation-status"  # its page lists every page's title and state
CATALOG_DIRECTIVE = "catalog"
CONTENT_FOLDERS = ("data",)  # besides the language trees: what a content-only change may touch
GIT_STATUS = {"A": "added", "M": "changed", "D": "removed", "R": "renamed", "C": "added", "T": "changed"}


class PreviewError(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint

    def render(self) -> str:
        return f"error: {self.message}\n    how to fix: {self.hint}"


@dataclass(frozen=True)
class ChangedFile:
    change: str  # added, changed, removed, renamed
    path: str
    old_path: str | None = None


@dataclass
class PageVersion:
    """One language version of a page the change concerns."""

    lang: str
    path: str  # in the repository, e.g. docs_sv/methods/x.md
    change: str  # added, changed, removed, renamed, or "" (not in this change)
    title: str
    state: str  # the translation's state (current, stale, pending, missing, orphan); "original" for English
    problems: list[Problem] = field(default_factory=list)
    site_path: str = ""  # where the built page is, e.g. sv/methods/x/index.html ("" for a removed page)


@dataclass
class ChangedPage:
    rel: str  # e.g. methods/x.md
    type_name: str | None
    versions: list[PageVersion]


@dataclass(frozen=True)
class GeneratedPage:
    rel: str
    lang: str
    title: str
    why: str
    site_path: str


@dataclass
class Preview:
    files: list[ChangedFile]
    pages: list[ChangedPage]
    generated: list[GeneratedPage]
    other_files: list[ChangedFile]  # neither a page nor data: code, workflows, images, data/...
    outside_content: list[ChangedFile]  # files a content-only change may not touch (code, workflows, assets)

    @property
    def content_only(self) -> bool:
        """The change touches pages, their images and data/ only: the content checks are what matters."""
        return bool(self.files) and not self.outside_content

    def site_paths(self) -> list[str]:
        """The built pages to look at (folder paths, as the browser audit takes them), each once."""
        paths = [version.site_path for page in self.pages for version in page.versions if version.site_path]
        paths += [page.site_path for page in self.generated]
        return list(dict.fromkeys(folder_of(path) for path in paths))


def _git(root: Path, *arguments: str) -> str:
    result = subprocess.run(["git", "-c", "core.quotePath=false", *arguments], cwd=root, capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise PreviewError(f"git {' '.join(arguments)} failed: {result.stderr.strip()}",
                           "name a base that exists here (fetch it first: git fetch origin main), e.g. "
                           "BASE=origin/main")
    return result.stdout


def changed_files(root: Path, base: str) -> list[ChangedFile]:
    """The files that differ between the merge base of `base` and HEAD and the work tree (what a pull request
    from this branch would change, uncommitted edits and new files included)."""
    since = _git(root, "merge-base", base, "HEAD").strip()
    found: dict[str, ChangedFile] = {}
    for line in _git(root, "diff", "--name-status", "-M", since, "--").splitlines():
        parts = line.split("\t")
        change = GIT_STATUS.get(parts[0][:1], "changed")
        if change == "renamed" and len(parts) == 3:
            found[parts[2]] = ChangedFile(change, parts[2], parts[1])
        elif len(parts) >= 2:
            found[parts[-1]] = ChangedFile(change, parts[-1])
    for path in _git(root, "ls-files", "--others", "--exclude-standard").splitlines():
        found.setdefault(path, ChangedFile("added", path))
    return sorted(found.values(), key=lambda changed: changed.path)


def is_content(path: str, model: ContentModel) -> bool:
    """A file a content-only pull request may change: in a language tree (docs/assets/ excepted: the site's own
    stylesheets and scripts are reviewed like code) or in data/."""
    first, _, rest = path.partition("/")
    trees = {language.tree for language in model.languages}
    if first == model.default_language.tree and rest.split("/", 1)[0] == "assets":
        return False
    return (first in trees and bool(rest)) or first in CONTENT_FOLDERS


def page_site_path(rel: str, lang: str, model: ContentModel) -> str:
    """'methods/x.md' in Swedish -> 'sv/methods/x/index.html'."""
    path = PurePosixPath(rel)
    folder = path.with_suffix("") if path.stem != "index" else path.parent
    prefix = "" if lang == model.default_language.code else f"{lang}/"
    inner = "" if folder.as_posix() == "." else f"{folder.as_posix()}/"
    return f"{prefix}{inner}index.html"


def folder_of(site_path: str) -> str:
    return site_path.removesuffix("index.html")


def _title(root: Path, path: str, base: str | None, lang: str) -> tuple[str, str | None]:
    """The page's title and type, from the file, or for a removed file from the base's version."""
    file = root / path
    if file.is_file():
        text = file.read_text(encoding="utf-8", errors="replace")
    elif base:
        try:
            text = _git(root, "show", f"{base}:{path}")
        except PreviewError:
            return "", None
    else:
        return "", None
    meta = parse_page(path, text, lang).meta
    return str(meta.get("title") or ""), (str(meta["type"]) if meta.get("type") else None)


def directives_in(root: Path, model: ContentModel) -> dict[tuple[str, str | None], list[str]]:
    """(directive, argument) -> the English pages (paths in the tree) that carry it."""
    found: dict[tuple[str, str | None], list[str]] = {}
    tree = root / model.default_language.tree
    for path in sorted(tree.rglob("*.md")):
        rel = path.relative_to(tree).as_posix()
        if rel.split("/", 1)[0] in model.codes:
            continue  # docs/sv and docs/ru are the other trees
        for match in render.DIRECTIVE.finditer(path.read_text(encoding="utf-8", errors="replace")):
            found.setdefault((match.group(1), match.group(2)), []).append(rel)
    return found


def preview(root: Path, base: str, report: TranslationReport, model: ContentModel | None = None,
            files: list[ChangedFile] | None = None) -> Preview:
    """What the change from `base` to the work tree does to the site; `report`: the validator's, of the work
    tree (for states and findings)."""
    model = model or load_model()
    files = changed_files(root, base) if files is None else files
    default = model.default_language.code
    problems_by_path: dict[str, list[Problem]] = {}
    for problem in report.problems:
        problems_by_path.setdefault(problem.path, []).append(problem)
    touched: dict[str, dict[str, ChangedFile]] = {}  # rel -> lang -> the change
    other = []
    for changed in files:
        for path in filter(None, (changed.path, changed.old_path)):
            located = model.split_page_path(path)
            if located and path.endswith(".md") and located[1].split("/", 1)[0] not in model.codes:
                lang, rel = located
                touched.setdefault(rel, {})[lang] = changed if path == changed.path else ChangedFile(
                    "removed", path)
                break
        else:
            other.append(changed)
    pages = []
    for rel in sorted(touched):
        versions = []
        type_name = None
        english_exists = (root / model.page_path(rel, default)).is_file()
        for language in model.languages:
            path = model.page_path(rel, language.code)
            exists = (root / path).is_file()
            changed = touched[rel].get(language.code)
            title, found_type = _title(root, path, base, language.code)
            type_name = type_name or found_type
            if language.code == default:
                state = "original" if exists else "removed"
            else:
                state = report.states.get((language.code, rel), "removed")
            built = english_exists or exists  # its own page, or the English one in its place
            versions.append(PageVersion(language.code, path, changed.change if changed else "", title, state,
                                        problems_by_path.get(path, []),
                                        page_site_path(rel, language.code, model) if built else ""))
        pages.append(ChangedPage(rel, type_name, versions))
    generated = _generated(root, model, pages, files)
    outside = [changed for changed in other if not is_content(changed.path, model)]
    return Preview(files, pages, generated, other, outside)


def _generated(root: Path, model: ContentModel, pages: list[ChangedPage],
               files: list[ChangedFile]) -> list[GeneratedPage]:
    directives = directives_in(root, model)
    data_changed = {PurePosixPath(changed.path).name for changed in files
                    if changed.path.split("/", 1)[0] in CONTENT_FOLDERS}
    reasons: dict[str, str] = {}  # English rel -> why
    for page in pages:
        if page.type_name:
            for rel in directives.get((CATALOG_DIRECTIVE, page.type_name), []):
                reasons.setdefault(rel, f"its list of {model.content_types[page.type_name].folder.replace('-', ' ')}")
    if pages:
        for rel in directives.get((STATUS_DIRECTIVE, None), []):
            reasons.setdefault(rel, "the title and the translation state of every page")
    for (kind, _), rels in directives.items():
        touched = sorted(DIRECTIVE_DATA.get(kind, set()) & data_changed)
        for rel in rels:
            if touched:
                reasons.setdefault(rel, f"drawn from data/{', data/'.join(touched)}")
    changed_rels = {page.rel for page in pages}
    generated = []
    for rel, why in sorted(reasons.items()):
        if rel in changed_rels:
            continue
        for language in model.languages:
            title, _ = _title(root, model.page_path(rel, language.code), None, language.code)
            if not title:
                title, _ = _title(root, model.page_path(rel, model.default_language.code), None, language.code)
            generated.append(GeneratedPage(rel, language.code, title or rel, why,
                                           page_site_path(rel, language.code, model)))
    return generated


def artifact_paths(site: Path, model: ContentModel | None = None) -> dict[str, str]:
    """Site path of a page -> where it is in the preview artifact (the offline copies, unzipped): read from the
    built site's offline zips, so that the summary names what the reviewer will find. {} without them."""
    model = model or load_model()
    found: dict[str, str] = {}
    for language in model.languages:
        prefix = "" if language.code == model.default_language.code else f"{language.code}/"
        for archive in sorted((site / prefix / OFFLINE_FOLDER).glob("*.zip")):
            with zipfile.ZipFile(archive) as opened:
                for name in opened.namelist():
                    top, _, inside = name.partition("/")
                    if inside.endswith("index.html") and (not prefix or inside.startswith(prefix)):
                        found.setdefault(inside, name)
    return found
