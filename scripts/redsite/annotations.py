"""GitHub workflow commands (`::error file=a.md,line=3,title=stale (sv)::message`): writing and reading them.

The validator's `--format github` and scripts/check_changed.py both print findings through `Annotation`,
so a finding is escaped in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from redsite.problems import Problem, printable

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


def annotation_of(problem: Problem, file: str | None = None) -> Annotation:
    """A validator finding as an annotation of its level on its file and line; the hint follows the message.
    `file`: where GitHub should show it instead (a missing translation is shown on its English page, a file
    the pull request has). A runner's log is a terminal: what a contributor wrote is printed without escape
    sequences."""
    properties = {"file": printable(file or problem.path)}
    if problem.line and not file:
        properties["line"] = str(problem.line)
    properties["title"] = f"{problem.kind} ({problem.lang})"
    message = printable(problem.message) + (f"\nHow to fix: {printable(problem.hint)}" if problem.hint else "")
    return Annotation(problem.level, message, properties)
