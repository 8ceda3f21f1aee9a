"""What changed in an English page since a translation was made from it, from git history.

A translation records `source_hash`, the hash of the English text it was made
from. Walking `git log` of the English file, the newest committed version whose
text has that hash is the one the translator saw; the diff from it to the file
as it is now is what the translation lacks. Without git, or when no committed
version matches (stamped against uncommitted text), the answer says so instead.

Two processes per English page at most (`git log`, one `git cat-file --batch`),
and only for stale pages in the text and markdown reports.
"""

from __future__ import annotations

import difflib
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from redsite.frontmatter import parse_page
from redsite.model import ContentModel
from redsite.translations.state import source_hash

MAX_DIFF_LINES = 60
GIT_TIMEOUT = 20


@dataclass
class EnglishChanges:
    english_path: str
    commit: str | None = None  # the commit holding the version the translation was made from
    date: str | None = None
    diff: list[str] = field(default_factory=list)
    note: str = ""  # why there is no diff, or that the diff was shortened


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True,
                                timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _versions(root: Path, english_path: str) -> list[tuple[str, str, str]] | None:
    """(commit, date, text) of each committed version of the file, newest first; None without git."""
    log = _git(root, "log", "--format=%H %cs", "--", english_path)
    if log is None:
        return None
    commits = [line.split(" ", 1) for line in log.decode().splitlines() if line.strip()]
    if not commits:
        return []
    request = "".join(f"{commit}:{english_path}\n" for commit, _ in commits).encode()
    output = _git(root, "cat-file", "--batch", stdin=request)
    if output is None:
        return None
    versions, position = [], 0
    for commit, date in commits:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":  # "<name> missing": the file did not exist there
            continue
        size = int(header[2])
        versions.append((commit, date, output[position:position + size].decode("utf-8", "replace")))
        position += size + 1
    return versions


def english_changes(root: Path, english_path: str, recorded_hash: str | None,
                    model: ContentModel | None = None) -> EnglishChanges:
    """The diff of `english_path` from the version hashing to `recorded_hash` to the current file."""
    changes = EnglishChanges(english_path)
    if not recorded_hash:
        changes.note = "the translation records no source_hash, so the version it was made from is unknown"
        return changes
    versions = _versions(root, english_path)
    if versions is None:
        changes.note = "no git history is available here, so the changes cannot be shown"
        return changes
    for commit, date, text in versions:
        if source_hash(parse_page(english_path, text), model) == recorded_hash:
            changes.commit, changes.date = commit, date
            current = (root / english_path).read_text(encoding="utf-8")
            diff = list(difflib.unified_diff(
                text.splitlines(), current.splitlines(), lineterm="", n=1,
                fromfile=f"{english_path} (translated version, {commit[:10]} {date})",
                tofile=f"{english_path} (now)"))
            if len(diff) > MAX_DIFF_LINES:
                changes.note = (f"{len(diff) - MAX_DIFF_LINES} more diff lines not shown; see them with: "
                                f"git diff {commit[:10]} -- {english_path}")
                diff = diff[:MAX_DIFF_LINES]
            changes.diff = diff
            return changes
    changes.note = (f"no committed version of {english_path} matches source_hash {recorded_hash} "
                    "(it may have been stamped against text that was never committed)")
    return changes
