"""The validator's findings that concern one change (a pull request, a commit).

The validator reports on the whole site. A pull request should be judged on what
it touches: the files it changes, and the other language versions of those
pages (editing an English page makes its translations stale). Of those findings,
the ones the site already handles with a notice for the reader - a translation
that is pending, missing or stale - are warnings (the validator gives every
finding its level, redsite.translations.report): a partner can add an English
page today and its translations later. Everything else is an error.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from redsite.annotations import Annotation, parse_annotations
from redsite.model import ContentModel, load_model

__all__ = ["Annotation", "parse_annotations", "related_paths", "triage"]


def related_paths(changed: list[str], model: ContentModel | None = None) -> set[str]:
    """The changed files plus every language version of each changed page ('docs/x.md' -> 'docs_sv/x.md', ...)."""
    model = model or load_model()
    trees = [language.tree for language in model.languages]
    related = set()
    for path in changed:
        path = PurePosixPath(path.strip()).as_posix()
        if not path or path == ".":
            continue
        related.add(path)
        first, _, rest = path.partition("/")
        if first in trees and rest:
            related.update(f"{tree}/{rest}" for tree in trees)
    return related


def triage(annotations: list[Annotation], related: set[str]) -> list[Annotation]:
    """Findings on `related` files, at the level the validator gave them; notices without a file are kept."""
    return [annotation for annotation in annotations
            if annotation.file in related or (annotation.file is None and annotation.level == "notice")]
