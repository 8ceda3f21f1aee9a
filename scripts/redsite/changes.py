"""The validator's findings that concern one change (a pull request, a commit).

The validator (scripts/check_translations.py --format github) reports on the
whole site as GitHub workflow commands. A pull request should be judged on what
it touches: the files it changes, and the other language versions of those
pages (editing an English page makes its translations stale). Of those findings,
the ones the site already handles with a notice for the reader - a translation
that is pending, missing or stale - are warnings: a partner can add an English
page today and its translations later. Everything else is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from redsite.model import ContentModel, load_model

TO_DO_KINDS = frozenset({"pending", "missing", "stale"})  # the site shows a notice; not a reason to refuse a change
COMMAND = re.compile(r"^::(?P<level>error|warning|notice)(?: (?P<properties>[^:]*))?::(?P<message>.*)$")


def _unescape(value: str) -> str:
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def _escape(value: str, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property_value else value


@dataclass
class Annotation:
    """One GitHub workflow command such as `::error file=a.md,line=3,title=stale (sv)::message`."""

    level: str
    message: str
    properties: dict[str, str] = field(default_factory=dict)

    @property
    def file(self) -> str | None:
        return self.properties.get("file")

    @property
    def kind(self) -> str:
        """The validator's problem kind: the first word of the title ('stale (sv)' -> 'stale')."""
        return self.properties.get("title", "").split(" ", 1)[0]

    def github(self) -> str:
        properties = ",".join(f"{key}={_escape(value, True)}" for key, value in self.properties.items())
        return f"::{self.level}{' ' + properties if properties else ''}::{_escape(self.message)}"

    def text(self) -> str:
        where = self.file or ""
        if self.file and self.properties.get("line"):
            where += f":{self.properties['line']}"
        title = self.properties.get("title", "")
        lines = self.message.splitlines() or [""]
        head = (f"{where}: " if where else "") + self.level + (f" [{title}]" if title else "") + f": {lines[0]}"
        return "\n".join([head, *(f"    {line}" for line in lines[1:])])


def parse_annotations(output: str) -> list[Annotation]:
    """The workflow commands in `output`; other lines are ignored."""
    found = []
    for line in output.splitlines():
        match = COMMAND.match(line)
        if not match:
            continue
        properties = {}
        for part in (match.group("properties") or "").split(","):
            key, _, value = part.partition("=")
            if key.strip():
                properties[key.strip()] = _unescape(value)
        found.append(Annotation(match.group("level"), _unescape(match.group("message")), properties))
    return found


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
    """Findings on `related` files, to-do kinds turned into warnings; notices without a file are kept."""
    kept = []
    for annotation in annotations:
        if annotation.file is None:
            if annotation.level == "notice":
                kept.append(annotation)
            continue
        if annotation.file not in related:
            continue
        level = "warning" if annotation.level == "error" and annotation.kind in TO_DO_KINDS else annotation.level
        kept.append(Annotation(level, annotation.message, dict(annotation.properties)))
    return kept
