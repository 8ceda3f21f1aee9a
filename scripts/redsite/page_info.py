"""Facts about a page's source file: where to edit it and when it last changed.

mkdocs-static-i18n sees a Swedish page as `sv/methods/x.md` (docs/sv is a
symlink), but the file a contributor edits is `docs_sv/methods/x.md`. These
functions map one onto the other and never touch MkDocs objects.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path, PurePosixPath

from babel.dates import format_date

from redsite.model import REPO_ROOT, ContentModel, load_model

COMMIT_MARK = "\x00"  # starts each commit's line in our `git log` output; cannot occur in a path


def source_path(src_uri: str, model: ContentModel | None = None) -> str:
    """The repository path of a page: 'sv/methods/x.md' -> 'docs_sv/methods/x.md', 'about.md' -> 'docs/about.md'."""
    model = model or load_model()
    parts = PurePosixPath(src_uri).parts
    translations = {lang.code: lang for lang in model.translations}
    if len(parts) > 1 and parts[0] in translations:
        return PurePosixPath(translations[parts[0]].tree, *parts[1:]).as_posix()
    return PurePosixPath(model.default_language.tree, *parts).as_posix()


def edit_url(repo_url: str | None, edit_uri: str | None, repo_path: str) -> str | None:
    """The 'edit this page' link; `edit_uri` (mkdocs.yml) points at the branch root, e.g. 'edit/main/'."""
    if not repo_url or edit_uri is None:
        return None
    if edit_uri.startswith(("http://", "https://")):
        base = edit_uri
    else:
        base = repo_url.rstrip("/") + "/" + edit_uri.lstrip("/")
    return base.rstrip("/") + "/" + repo_path.lstrip("/")


def parse_git_log(output: str) -> dict[str, dt.date]:
    """Map each path to the date of the newest commit that touched it.

    `output` comes from `git log --format=<COMMIT_MARK>%cs --name-only`: newest
    commit first, so the first date seen for a path is the one kept.
    """
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in output.splitlines():
        if line.startswith(COMMIT_MARK):
            current = dt.date.fromisoformat(line[len(COMMIT_MARK):].strip())
        elif line.strip() and current is not None:
            dates.setdefault(line.strip(), current)
    return dates


def git_dates(root: Path = REPO_ROOT, model: ContentModel | None = None) -> dict[str, dt.date]:
    """Last commit date of every committed page; empty when git or its history is unavailable."""
    model = model or load_model()
    command = ["git", "-c", "core.quotePath=false", "log", "--format=%x00%cs", "--name-only",
               "--no-renames", "--", *(lang.tree for lang in model.languages)]
    try:
        result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    return parse_git_log(result.stdout) if result.returncode == 0 else {}


def last_updated(repo_path: str, meta: dict, committed: dict[str, dt.date]) -> dt.date | None:
    """When the page last changed: its last commit if it has one, else the `last_reviewed` it declares."""
    if repo_path in committed:
        return committed[repo_path]
    reviewed = meta.get("last_reviewed")
    if isinstance(reviewed, dt.datetime):
        return reviewed.date()
    return reviewed if isinstance(reviewed, dt.date) else None


def localized_date(date: dt.date, lang: str, pattern: str) -> str:
    """`date` written for readers of `lang`, with a CLDR pattern such as 'd MMMM y'."""
    return format_date(date, format=pattern, locale=lang)
