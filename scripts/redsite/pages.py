"""Find and read the pages of every language tree."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from redsite import source_text
from redsite.frontmatter import PageSource, parse_page, validate_page
from redsite.model import REPO_ROOT, ContentModel, load_model
from redsite.page_limits import limit_problems
from redsite.problems import Problem

# A translation whose front matter says `pending: true` is not finished: the site does not publish it, and shows
# the English page with the fallback notice in its place (plugin.content.without_pending_translations).
PENDING = "pending"


def is_pending(page: PageSource) -> bool:
    return page.meta.get(PENDING) is True


@dataclass(frozen=True)
class PageFile:
    lang: str
    rel: str  # path inside the tree, e.g. "methods/forum-building.md" (the same in every language)
    path: Path  # the file on disk

    def repo_path(self, root: Path = REPO_ROOT) -> str:
        return self.path.relative_to(root).as_posix()


def tree_dir(lang: str, root: Path = REPO_ROOT, model: ContentModel | None = None) -> Path:
    model = model or load_model()
    return root / model.language(lang).tree


def list_pages(lang: str, root: Path = REPO_ROOT, model: ContentModel | None = None) -> list[PageFile]:
    """Markdown pages of one language tree; the default tree's language symlinks are skipped."""
    model = model or load_model()
    base = tree_dir(lang, root, model)
    skip = {other.code for other in model.languages if other.code != lang}
    pages = []
    for path in sorted(base.rglob("*.md")):
        rel = path.relative_to(base)
        if rel.parts[0] in skip:
            continue
        pages.append(PageFile(lang, rel.as_posix(), path))
    return pages


def folder_type(rel: str, model: ContentModel | None = None) -> str | None:
    """The content type that pages in this folder must have (index pages excepted)."""
    model = model or load_model()
    parts = rel.split("/")
    if len(parts) != 2 or parts[1] == "index.md":
        return None
    content_type = model.type_for_folder(parts[0])
    return content_type.name if content_type else None


def read_page(page: PageFile, root: Path = REPO_ROOT, text: str | None = None) -> PageSource:
    """The parsed page (cached by modification time); an unreadable file becomes a problem.

    `text`: the file's text as source_text.read_text just returned it, so that it is not read twice."""
    try:
        return _read(page.path, page.repo_path(root), page.lang, page.path.lstat().st_mtime_ns, text)
    except source_text.SourceError as error:  # sec: not UTF-8, too large, a symlink (source_text.read_text)
        parsed = PageSource(path=page.repo_path(root))
        parsed.problems.append(error.problem)
        return parsed
    except OSError as error:
        parsed = PageSource(path=page.repo_path(root))
        parsed.problems.append(Problem(
            "front-matter", page.lang, parsed.path, 1, f"the file cannot be read: {error}",
            "check that it is a regular, readable file"))
        return parsed


# (path, repository path, language, modification time) -> the parsed page; and, once drop_bodies() has
# run, the same pages without their body, for the readers that only need the front matter.
_PARSED: dict[tuple, PageSource] = {}
_FRONT_MATTER: dict[tuple, PageSource] = {}


def _read(path: Path, repo_path: str, lang: str, mtime: int, text: str | None = None) -> PageSource:
    key = (path, repo_path, lang, mtime)
    parsed = _PARSED.get(key)
    if parsed is None:
        if text is None:
            # sec: UTF-8 with the byte-order mark removed, as MkDocs reads it, so a BOM cannot hide front matter
            text = source_text.read_text(path, repo_path, lang, source_text.Limits.of(load_model()).page_bytes)
        # sec: a page over a limit is read no further: nothing downstream sees its text (redsite.page_limits)
        over = limit_problems(text, repo_path, lang, load_model())
        parsed = _PARSED[key] = PageSource(path=repo_path, problems=over) if over else parse_page(repo_path, text, lang)
    return parsed


def read_front_matter(page: PageFile, root: Path = REPO_ROOT) -> PageSource:
    """The page for a reader of its front matter only: after drop_bodies(), its body may be left out."""
    try:
        key = (page.path, page.repo_path(root), page.lang, page.path.lstat().st_mtime_ns)
    except OSError:
        return read_page(page, root)
    return _FRONT_MATTER.get(key) or read_page(page, root)


def drop_bodies() -> None:
    """Keep only the front matter of the pages parsed so far (a one-shot build reads no page body
    after its content check and translation report; at 1,000 pages per language the bodies are ~35 MB).
    read_page parses a page again when asked; read_front_matter answers from what is kept."""
    for key, parsed in _PARSED.items():
        _FRONT_MATTER[key] = replace(parsed, body="")
    _PARSED.clear()


def forget_parses() -> None:
    """Parse every page afresh (tests and benchmarks that count or time the parsing)."""
    _PARSED.clear()
    _FRONT_MATTER.clear()


def front_matter_by_page(root: Path = REPO_ROOT,
                         model: ContentModel | None = None) -> dict[tuple[str, str], list[Problem]]:
    """The front-matter problems of every page of every language, by (language, path in its tree): the
    build's content check lists them, and the translation report takes them instead of checking again."""
    model = model or load_model()
    return {(lang, page.rel): validate_page(read_page(page, root), lang, model, folder_type(page.rel, model))
            for lang in model.codes for page in list_pages(lang, root, model)}


def check_all_front_matter(root: Path = REPO_ROOT, model: ContentModel | None = None) -> list[Problem]:
    """Front-matter problems of every page in every language."""
    return [problem for found in front_matter_by_page(root, model).values() for problem in found]


def published_pages(lang: str, root: Path = REPO_ROOT, model: ContentModel | None = None) -> list[PageFile]:
    """The pages the site publishes in `lang`'s own words: list_pages without pending translations."""
    model = model or load_model()
    pages = list_pages(lang, root, model)
    if lang == model.default_language.code:
        return pages
    return [page for page in pages if not is_pending(read_front_matter(page, root))]


def typed_pages(type_name: str, lang: str, root: Path = REPO_ROOT,
                model: ContentModel | None = None) -> list[tuple[PageFile, PageSource]]:
    """Pages of a content type as they appear in `lang`: the translation where it exists and is not pending,
    else the English.

    Sorted by title in that language, so catalogs and the nav read alphabetically. The pages' bodies may be
    left out (pages.drop_bodies): their front matter is what catalogs, the nav and the feeds show.
    """
    model = model or load_model()
    folder = model.content_types[type_name].folder
    default = model.default_language.code
    chosen: dict[str, tuple[PageFile, PageSource]] = {}
    for source_lang in (default, lang) if lang != default else (default,):
        for page in list_pages(source_lang, root, model):
            if folder_type(page.rel, model) != type_name or not page.rel.startswith(folder + "/"):
                continue
            parsed = read_front_matter(page, root)
            if parsed.meta.get("type") == type_name and not (source_lang != default and is_pending(parsed)):
                chosen[page.rel] = (page, parsed)
    return sorted(chosen.values(), key=lambda item: str(item[1].meta.get("title", item[0].rel)).casefold())
