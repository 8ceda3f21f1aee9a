"""Every check of the files in data/: each file read (data_files), then the shape of what it holds, the timeline's
events against the initiatives, and the quoted passages against their documents and the pages that cite them.

Apart from data_files, because the timeline and the passages read pages and render, which read data_files.
"""

from __future__ import annotations

from pathlib import Path

from redsite.data_files import (
    GLOSSARY,
    INITIATIVES,
    TIMELINE,
    check_glossary,
    check_initiatives,
    initiatives_by_name,
    read_data,
)
from redsite.model import REPO_ROOT, ContentModel, load_model
from redsite.problems import Problem
from redsite.source_passages import check_passages
from redsite.timeline import event_problems


def check_data_files(root: Path = REPO_ROOT, model: ContentModel | None = None) -> list[Problem]:
    """Every problem of the data files: reading them, then the shape of what they hold."""
    model = model or load_model()
    problems: list[Problem] = []
    glossary = read_data(GLOSSARY, root)
    problems += glossary.problems
    if glossary.data is not None:
        problems += check_glossary(glossary, model)
    initiatives = read_data(INITIATIVES, root)
    initiative_problems = list(initiatives.problems)
    if initiatives.data is not None:
        initiative_problems += check_initiatives(initiatives, model)
    problems += initiative_problems
    if (root / "data" / TIMELINE).exists() or (root / "data" / TIMELINE).is_symlink():
        # a missing timeline is the timeline directive's error
        timeline = read_data(TIMELINE, root)
        problems += timeline.problems
        if timeline.data is not None:
            names = None if initiative_problems else set(initiatives_by_name(initiatives.data))
            problems += event_problems(timeline, names, model)
    return problems + check_passages(root, model)
