"""The passages of the source documents that the site relies on (data/source_passages.yml), and the check that
keeps them true to the documents.

Each passage is quoted word for word, in the document's own language: the sources page quotes every passage of
every document (<!-- red:sources -->, redsite.source_page) and each page's sources box quotes the passages that
page relies on, so a reader can check each statement against the document's own words. The file is the one place
a quotation is written; the check stops the build when a passage is no longer in its document or names a page
that does not cite the document, and the complete check of the repository (its tests) also when a
passage names a page that does not exist or a page cites a document without relying on any passage of it.

The documents themselves are not in the repository (they belong to their authors): they are read from the seeds
folder, `RED_SEEDS_DIR` or the nearest shared/seeds above the repository. Where that folder is missing, the
wording cannot be compared and only the rest is checked.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from redsite.model import REPO_ROOT, ContentModel, load_model
from redsite.pages import list_pages, read_front_matter
from redsite.problems import Problem

PASSAGES = "source_passages.yml"
PATH = f"data/{PASSAGES}"
KEYS = ("id", "source", "pages", "text")
ID = re.compile(r"^(?!red-)[a-z0-9]+(?:-[a-z0-9]+)*$")  # `red-`: the ids of the build's own elements


def _seeds_dir() -> Path:
    """`RED_SEEDS_DIR`, else the nearest shared/seeds above the repository (../shared/seeds beside a clone)."""
    if os.environ.get("RED_SEEDS_DIR"):
        return Path(os.environ["RED_SEEDS_DIR"])
    return next((folder / "shared" / "seeds" for folder in REPO_ROOT.parents
                 if (folder / "shared" / "seeds").is_dir()), REPO_ROOT.parent / "shared" / "seeds")


SEEDS_DIR = _seeds_dir()


@dataclass(frozen=True)
class Passage:
    id: str  # its anchor on the sources page
    source: str  # a key of the content model's `sources`
    pages: tuple[str, ...]  # the pages relying on it: their path in every tree without .md
    text: str  # as the document words it, whitespace made single spaces
    line: int  # where it starts in the data file


def normalise(text: str) -> str:
    """Runs of whitespace made one space: a passage matches its document whatever the line breaks."""
    return " ".join(text.split())


def documents(model: ContentModel) -> list[str]:
    """The sources that are documents (they have a file), in the model's order: not `invented`."""
    return [key for key, entry in model.sources.items() if entry.get("file")]


def document_text(source: str, model: ContentModel, seeds: Path | None = None) -> str | None:
    """The document's text, whitespace normalised; None where the seeds folder does not hold it."""
    path = (seeds or SEEDS_DIR) / model.sources[source]["file"]
    try:
        return normalise(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def _control_character(text: str) -> str | None:
    """The first control or format character that is not whitespace (invisible in an editor)."""
    return next((char for char in text if unicodedata.category(char) in ("Cc", "Cf") and not char.isspace()), None)


def _start_lines(text: str) -> list[int]:
    """The line on which each entry of `passages:` starts."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return []
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        if key.value == "passages" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def read_passages(root: Path = REPO_ROOT, model: ContentModel | None = None, seeds: Path | None = None,
                  complete: bool = False) -> tuple[list[Passage], list[Problem]]:
    """The passages of the data file and every problem with them, each with its line and how to fix it.

    With `complete`, also every page a passage names that does not exist and every page that names a document
    without relying on a passage of it: true of the repository (its tests ask), not of the
    sites that tests and benchmarks build from its data with a few pages or generated ones."""
    from redsite.data_files import parse_data_file  # data_files runs this check: imported when needed

    model = model or load_model()
    if not (root / PATH).exists() and not (root / PATH).is_symlink():  # no passages: fine while no page cites one
        return [], _uncovered([], cited_sources(root, model), model) if complete else []
    data, problems = parse_data_file(PASSAGES, root)
    if data is None:
        return [], problems
    entries = data.get("passages") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return [], [Problem("data", "", PATH, 1, "the file must hold a list 'passages:'",
                            "start the file with 'passages:' and give one '- id: ...' entry per passage")]
    lines = _start_lines((root / PATH).read_text(encoding="utf-8"))
    cited = cited_sources(root, model)
    passages: list[Passage] = []
    texts: dict[str, str | None] = {}
    for number, entry in enumerate(entries):
        line = lines[number] if number < len(lines) else 1
        passage, found = _passage(entry, line, model, cited, complete)
        problems += found
        if passage is None:
            continue
        if passage.id in {seen.id for seen in passages}:
            problems.append(Problem("data", "", PATH, line, f"the id {passage.id!r} is used twice",
                                    "give each passage an id of its own: it is its address on the sources page"))
            continue
        if passage.source not in texts:
            texts[passage.source] = document_text(passage.source, model, seeds)
        document = texts[passage.source]
        if document is not None and passage.text not in document:
            problems.append(Problem("data", "", PATH, line, f"the passage {passage.id!r} is not in the document "
                                    f"{passage.source!r} ({model.sources[passage.source]['file']}) word for word",
                                    "copy the passage from the document again, without changing a character "
                                    "(only line breaks and spaces may differ)"))
        passages.append(passage)
    return passages, problems + (_uncovered(passages, cited, model) if complete else [])


def _passage(entry, line: int, model: ContentModel, cited: dict[str, list[str]],
             complete: bool) -> tuple[Passage | None, list[Problem]]:
    def problem(message: str, hint: str) -> tuple[None, list[Problem]]:
        return None, [Problem("data", "", PATH, line, message, hint)]

    if not isinstance(entry, dict):
        return problem("a passage must be a mapping", "write '- id: ...' followed by 'source:', 'pages:' and 'text:'")
    unknown = sorted(str(key) for key in entry if key not in KEYS)
    if unknown:
        return problem(f"unknown key(s): {', '.join(unknown)}", f"a passage has only: {', '.join(KEYS)}")
    passage_id, source, pages, text = (entry.get(key) for key in KEYS)
    if not isinstance(passage_id, str) or not ID.match(passage_id) or passage_id in _taken_ids(model):
        return problem(f"the id {passage_id!r} is not a valid passage id",
                       "use lower-case letters, digits and hyphens (e.g. description-objective), not starting "
                       "with 'red-' and different from every source id of the content model")
    where = f"the passage {passage_id!r}"
    if source not in documents(model):
        return problem(f"{where} names the unknown source {source!r}",
                       f"use one of {', '.join(documents(model))} (the documents of scripts/redsite/content_model.yml)")
    if not isinstance(text, str) or not text.strip():
        return problem(f"{where} has no text", "give 'text:' the passage as the document words it")
    control = _control_character(text)
    if control is not None:
        return problem(f"{where} holds the control character U+{ord(control):04X}",
                       "delete it: it is invisible (in a double-quoted value it is written as an escape such "
                       "as \\a, \\x07 or \\u0007), and no document holds it")
    if not isinstance(pages, list) or not pages or not all(isinstance(page, str) for page in pages):
        return problem(f"{where} names no page", "list the pages that rely on it: 'pages: [methods/seminars]'")
    found = []
    for page in pages:
        problem_text = _page_problem(page, source, cited, model)
        if problem_text and (complete or page in cited):
            found.append(Problem("data", "", PATH, line, f"{where}: {problem_text[0]}", problem_text[1]))
    if found:
        return None, found
    return Passage(passage_id, source, tuple(pages), normalise(text), line), []


def _taken_ids(model: ContentModel) -> set[str]:
    """The ids a passage may not take on the sources page: its documents' sections and headings."""
    return {*model.sources, *(f"{key}-passages" for key in model.sources)}


def _page_problem(page: str, source: str, cited: dict[str, list[str]],
                  model: ContentModel) -> tuple[str, str] | None:
    meta = cited.get(page)
    if meta is None:
        return (f"no page {page!r} in {model.default_language.tree}/",
                "name a page by its path without .md, as in 'methods/seminars'")
    if source not in meta:
        return (f"the page {page!r} does not name the source {source!r}",
                f"add {source} to the page's 'sources:', or remove the page from this passage")
    return None


def cited_sources(root: Path = REPO_ROOT, model: ContentModel | None = None) -> dict[str, list[str]]:
    """Every page of the default language (its path without .md) with the sources its front matter names."""
    model = model or load_model()
    default = model.default_language.code
    found = {}
    for page in list_pages(default, root, model):
        sources = read_front_matter(page, root).meta.get("sources")
        found[page.rel.removesuffix(".md")] = [str(key) for key in sources] if isinstance(sources, list) else []
    return found


def _uncovered(passages: list[Passage], cited: dict[str, list[str]], model: ContentModel) -> list[Problem]:
    """A page that names a document but relies on no passage of it: the reader could not check it."""
    relied = {(page, passage.source) for passage in passages for page in passage.pages}
    return [Problem("data", "", PATH, 1, f"the page {page!r} names the source {source!r}, but no passage of it",
                    f"add the passage(s) of {source} that the page relies on, with 'pages: [{page}]'")
            for page, sources in cited.items() for source in sources
            if source in documents(model) and (page, source) not in relied]


def check_passages(root: Path = REPO_ROOT, model: ContentModel | None = None, seeds: Path | None = None,
                   complete: bool = False) -> list[Problem]:
    return read_passages(root, model, seeds, complete)[1]


def passages_of(page: str, passages: list[Passage]) -> list[Passage]:
    """The passages a page relies on (its path without .md), in the file's order."""
    return [passage for passage in passages if page in passage.pages]
