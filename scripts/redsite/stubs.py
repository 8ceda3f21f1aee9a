"""Translation stubs: a translation to be written, made from the English page as it is now.

A stub holds the English page's front matter (so its shared fields - themes, regions, example, work_package,
sources, dates - are the English values), its body with the required section headings already in the stub's
language, and `pending: true`. The site does not publish a pending translation: readers get the English page
with a notice until a translator has finished it (plugin.content.without_pending_translations). The scaffolder
writes one stub per language for a new page; `make stub FILE=docs_sv/...` writes one again from the current
English page (or a first one for a missing translation).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from redsite.frontmatter import PageSource
from redsite.model import ContentModel, load_model
from redsite.pages import PENDING, PageFile, is_pending, read_page


class StubError(Exception):
    """A stub that cannot be written: what is wrong and how to fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def render(self) -> str:
        return f"error: {self.message}\n    how to fix: {self.hint}"


@dataclass(frozen=True)
class Stub:
    path: Path  # where it goes
    repo_path: str  # e.g. docs_sv/methods/x.md
    text: str
    replaces: bool  # a pending stub is there already


def yaml_value(value) -> str:
    """One front-matter value, written the way a contributor would write it by hand."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(item) for item in value) + "]"
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(value)):  # vocabulary keys and source ids
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid double-quoted YAML string


def stub_text(english: PageSource, lang: str, model: ContentModel) -> str:
    """The stub of `english` in `lang`: its front matter's values, `pending: true`, its body with the required
    section headings in `lang`."""
    lines = [f"# Translation of {english.path}.",
             "# Translate the texts (title, summary, ...) and the body; keep keys such as themes and regions,",
             "# dates and true/false as in the English page. The site shows the English page until this one is",
             "# finished: then delete the line 'pending: true' and stamp the page (see CONTRIBUTING.md)."]
    lines += [f"{name}: {yaml_value(value)}" for name, value in english.meta.items()]
    lines.append(f"{PENDING}: true")
    return "---\n" + "\n".join(lines) + "\n---\n\n" + translated_headings(english, lang, model).lstrip("\n")


def translated_headings(english: PageSource, lang: str, model: ContentModel) -> str:
    """The English body with each required section heading (`## Key learnings`) in `lang`."""
    content_type = model.type_named(english.meta.get("type"))
    if content_type is None:
        return english.body if english.body.endswith("\n") else english.body + "\n"
    default = model.default_language.code
    titles = {f"## {model.section_title(name, default)}": f"## {model.section_title(name, lang)}"
              for name in content_type.sections}
    body = "\n".join(titles.get(line.rstrip(), line) for line in english.body.splitlines())
    return body + "\n"


def plan_stub(target: str, root: Path, model: ContentModel | None = None) -> Stub:
    """The stub for the translation file `target` (e.g. 'docs_sv/methods/x.md'); StubError when it may not be
    written: not a translation's path, no English page, or a translation that is no longer pending."""
    model = model or load_model()
    relative = Path(target)
    if relative.is_absolute():
        try:
            relative = relative.resolve().relative_to(root.resolve())
        except ValueError:
            raise StubError(f"{target} is not inside the repository {root}",
                            "name the translation's path from the repository's top folder") from None
    repo_path = relative.as_posix()
    located = model.split_page_path(repo_path)
    trees = ", ".join(f"{language.tree}/" for language in model.translations)
    if located is None or located[0] == model.default_language.code or not repo_path.endswith(".md"):
        raise StubError(f"{target} is not the path of a translation",
                        f"name the file in a translation folder ({trees}), e.g. "
                        f"{model.page_path('methods/x.md', model.translations[0].code)}")
    lang, rel = located
    english_path = model.page_path(rel, model.default_language.code)
    english_file = root / english_path
    if not english_file.is_file():
        raise StubError(f"there is no English page {english_path} to make {repo_path} from",
                        "write the English page first (python scripts/new_page.py), or check the path")
    english = read_page(PageFile(model.default_language.code, rel, english_file), root)
    if english.problems:
        raise StubError(f"{english_path} cannot be read: {english.problems[0].message}",
                        f"fix it first (line {english.problems[0].line}), then run this again")
    path = root / repo_path
    replaces = path.is_file()
    if replaces and not is_pending(read_page(PageFile(lang, rel, path), root)):
        raise StubError(f"{repo_path} is a translation already (it is not marked 'pending: true')",
                        "bring it in line with the English page by hand, so that no translated text is lost; "
                        "to start again from the English page, delete the file first")
    return Stub(path, repo_path, stub_text(english, lang, model), replaces)


def write_stub(stub: Stub) -> None:
    """Write the stub whole or not at all (a temporary file, then renamed over the old one)."""
    stub.path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=stub.path.parent, prefix=".stub-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(stub.text)
        os.replace(temporary, stub.path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise StubError(f"could not write {stub.repo_path}: {error.strerror}",
                        "check that the folder exists and that you may write to it") from error
