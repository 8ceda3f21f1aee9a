"""What changed in an English page since a translation was made from it, from git history.

A translation records `source_hash`, the hash of the English text it was made
from. Walking `git log` of the English file, the newest committed version whose
text has that hash is the one the translator saw; the diff from it to the file
as it is now is what the translation lacks. Without git, or when no committed
version matches (stamped against uncommitted text), the answer says so instead.

All stale pages of one report share a few git processes, whatever their number:

1. `git log --merges --full-history -m` finds the pages that some merge changed
   relative to one of its parents (outside a git work tree this fails, and git is
   not asked again);
2. one `git log --raw` over every other page lists its versions: where no merge
   touched a page, `git log -- page` follows first parents only, so the log of
   all such pages together lists, for each, exactly the commits its own log lists;
3. a page that a merge touched gets its own `git log`, since git's history
   simplification then depends on the page;
4. one `git cat-file --batch` reads every version needed, each blob once.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from redsite.frontmatter import parse_page
from redsite.model import ContentModel
from redsite.translations.freshness import source_hash

MAX_DIFF_LINES = 60
GIT_TIMEOUT = 60  # seconds for one git process; one process serves every stale page
# Paths are taken literally (a file named "[x].md" is not a pattern); every path goes on stdin, not argv.
GIT_ENVIRONMENT = {"GIT_LITERAL_PATHSPECS": "1"}
LOG_HEADER = re.compile(r"^[0-9a-f]{40,64} \d{4}-\d{2}-\d{2}$")

Version = tuple[str, str, str]  # (commit, date, blob) of one committed version of a file


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
                                timeout=GIT_TIMEOUT, check=False, env={**os.environ, **GIT_ENVIRONMENT})
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _paths_on_stdin(paths: Iterable[str]) -> bytes:
    """`git log --stdin` input: no revisions (HEAD), then after `--` one path per line."""
    return ("--\n" + "".join(f"{path}\n" for path in paths)).encode()


def _merged_paths(root: Path, paths: list[str]) -> set[str] | None:
    """The paths that some merge changed relative to one of its parents; None without git history."""
    output = _git(root, "log", "--stdin", "--merges", "--full-history", "-m", "--name-only", "--no-renames",
                  "--format=%H", "-z", stdin=_paths_on_stdin(paths))
    if output is None:
        return None
    wanted = set(paths)
    return {token.lstrip("\n") for token in output.decode("utf-8", "replace").split("\0")} & wanted


def _joint_versions(root: Path, paths: list[str]) -> dict[str, list[Version]] | None:
    """Versions of each path from one `git log --raw` over all of them, newest first."""
    output = _git(root, "log", "--stdin", "--format=%H %cs", "--raw", "--no-renames", "--no-abbrev", "--root",
                  "--no-color", "-z", stdin=_paths_on_stdin(paths))
    if output is None:
        return None
    versions: dict[str, list[Version]] = {path: [] for path in paths}
    tokens = output.decode("utf-8", "replace").split("\0")
    commit = date = ""
    index = 0
    while index < len(tokens):
        token = tokens[index].lstrip("\n")
        index += 1
        if token.startswith(":"):  # ":old-mode new-mode old-blob new-blob status", then the path
            blob = token.split(" ")[3]
            path = tokens[index] if index < len(tokens) else ""
            index += 1
            if path in versions and blob.strip("0"):  # all zeros: deleted in this commit
                versions[path].append((commit, date, blob))
        elif LOG_HEADER.match(token):
            commit, date = token.split(" ")
    return versions


def _own_versions(root: Path, path: str) -> list[Version] | None:
    """Versions of one path from its own `git log` (blob named commit:path), newest first."""
    log = _git(root, "log", "--format=%H %cs", "--", path)
    if log is None:
        return None
    return [(commit, date, f"{commit}:{path}") for commit, date in
            (line.split(" ", 1) for line in log.decode().splitlines() if line.strip())]


def _read_blobs(root: Path, names: list[str]) -> dict[str, str] | None:
    """The text of each blob (an object id or commit:path); a name missing in git is left out."""
    if not names:
        return {}
    output = _git(root, "cat-file", "--batch", stdin="".join(f"{name}\n" for name in names).encode())
    if output is None:
        return None
    texts, position = {}, 0
    for name in names:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":  # "<name> missing": the file did not exist there
            continue
        size = int(header[2])
        texts[name] = output[position:position + size].decode("utf-8", "replace")
        position += size + 1
    return texts


def committed_versions(root: Path, paths: Iterable[str]) -> dict[str, list[tuple[str, str, str]]] | None:
    """(commit, date, text) of each committed version of each path, newest first, as `git log -- path`
    lists them; None without git history."""
    paths = sorted(set(paths))
    if not paths:
        return {}
    merged = _merged_paths(root, paths)
    if merged is None:
        return None  # not a git work tree (or no commit yet): no further git process
    joint = [path for path in paths if path not in merged]
    found = _joint_versions(root, joint) if joint else {}
    if found is None:
        return None
    for path in sorted(merged):
        own = _own_versions(root, path)
        if own is None:
            return None
        found[path] = own
    texts = _read_blobs(root, list(dict.fromkeys(blob for versions in found.values() for _, _, blob in versions)))
    if texts is None:
        return None
    return {path: [(commit, date, texts[blob]) for commit, date, blob in versions if blob in texts]
            for path, versions in found.items()}


def english_changes_of(root: Path, wanted: Iterable[tuple[str, str | None]],
                       model: ContentModel | None = None) -> dict[tuple[str, str | None], EnglishChanges]:
    """english_changes for each (English path, recorded hash), with a few git processes for all of them."""
    wanted = list(dict.fromkeys(wanted))
    history = committed_versions(root, {path for path, recorded in wanted if recorded})
    hashes: dict[str, str] = {}  # version text -> its source hash: copies and repeats are hashed once
    return {(path, recorded): _changes(root, path, recorded, None if history is None else history.get(path), hashes,
                                       model) for path, recorded in wanted}


def english_changes(root: Path, english_path: str, recorded_hash: str | None,
                    model: ContentModel | None = None) -> EnglishChanges:
    """The diff of `english_path` from the version hashing to `recorded_hash` to the current file."""
    return english_changes_of(root, [(english_path, recorded_hash)], model)[(english_path, recorded_hash)]


def _changes(root: Path, english_path: str, recorded_hash: str | None, versions: list[Version] | None,
             hashes: dict[str, str], model: ContentModel | None) -> EnglishChanges:
    changes = EnglishChanges(english_path)
    if not recorded_hash:
        changes.note = "the translation records no source_hash, so the version it was made from is unknown"
        return changes
    if versions is None:
        changes.note = "no git history is available here, so the changes cannot be shown"
        return changes
    for commit, date, text in versions:
        if text not in hashes:
            hashes[text] = source_hash(parse_page(english_path, text), model)
        if hashes[text] == recorded_hash:
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
