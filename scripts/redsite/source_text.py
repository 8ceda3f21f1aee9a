"""Reading a contributed file safely: the first step of the source policy (redsite.source_policy).

- every file is UTF-8 (a byte-order mark is removed first, as MkDocs does), below a size limit, and
  not a symbolic link;
- YAML (front matter and data/) is plain: no anchors, aliases, tags, merge keys or duplicate keys, at
  most a few levels deep, checked on the event stream before anything is built from it (an alias
  bomb is refused at its first alias, in microseconds);
- an impossible date (2026-13-45) is found by line, since YAML fails building it without one.

Every finding is a Problem with file, line and how to fix it; nothing here raises for bad input
except SourceError, which carries its Problem.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from redsite.model import ContentModel
from redsite.problems import Problem

KIND = "source"
BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# libyaml when installed (events, marks and errors as the pure-Python parser, about 20 times faster)
YAML_EVENT_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SourceError(Exception):
    """A file that cannot be read as a page at all; `problem` says why and how to fix it."""

    def __init__(self, problem: Problem):
        super().__init__(problem.render())
        self.problem = problem


@dataclass(frozen=True)
class Limits:
    page_bytes: int
    data_bytes: int
    static_bytes: int
    front_matter_depth: int
    static_extensions: frozenset[str]
    asset_folder: str
    asset_extensions: frozenset[str]

    @classmethod
    def of(cls, model: ContentModel) -> Limits:
        policy = model.source_policy
        return cls(
            page_bytes=int(policy["max_page_bytes"]),
            data_bytes=int(policy["max_data_bytes"]),
            static_bytes=int(policy["max_static_bytes"]),
            front_matter_depth=int(policy["max_front_matter_depth"]),
            static_extensions=frozenset(policy["static_extensions"]),
            asset_folder=policy["site_assets"]["folder"],
            asset_extensions=frozenset(policy["site_assets"]["extensions"]),
        )


def size_text(number: int) -> str:
    return f"{number / 1024 / 1024:.1f} MB" if number >= 1024 * 1024 else f"{number // 1024} KB"


# --------------------------------------------------------------------------- reading


def decode(data: bytes, repo_path: str, lang: str = "", limit: int | None = None) -> str:
    """The text MkDocs will see: UTF-8 without byte-order mark, newlines as \\n. Raises SourceError."""
    if limit is not None and len(data) > limit:
        raise SourceError(Problem(
            KIND, lang, repo_path, None, f"the file is {size_text(len(data))}, over the limit of {size_text(limit)}",
            "split it into several pages, or shrink it (images: scale them down, save photos as JPEG)"))
    if data.startswith(UTF16_BOMS):
        raise SourceError(Problem(
            KIND, lang, repo_path, 1, "the file is saved as UTF-16, not UTF-8",
            "save it again with the encoding 'UTF-8' (in Notepad: Save as > Encoding > UTF-8)"))
    data = data.removeprefix(BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise SourceError(Problem(
            KIND, lang, repo_path, line,
            f"the file is not UTF-8: byte 0x{data[error.start]:02x} on this line cannot be read "
            "(the file was probably saved as Windows-1252 or Latin-1)",
            "save the file with the encoding 'UTF-8' (in Notepad: Save as > Encoding > UTF-8)")) from None
    if "\x00" in text:
        raise SourceError(Problem(
            KIND, lang, repo_path, text[:text.index("\x00")].count("\n") + 1,
            "the file contains a NUL character: it is not a text file",
            "save it again as plain UTF-8 text"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, repo_path: str, lang: str = "", limit: int | None = None) -> str:
    """Read a source file as decode() does; an unreadable file is a SourceError too."""
    try:
        if path.is_symlink():
            raise SourceError(Problem(KIND, lang, repo_path, None, "the file is a symbolic link",
                                      "replace the link with a copy of the file"))
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(Problem(KIND, lang, repo_path, None, f"the file cannot be read: {error.strerror}",
                                  "check that it is a regular, readable file")) from None
    return decode(data, repo_path, lang, limit)


# --------------------------------------------------------------------------- YAML


def impossible_date(yaml_text: str, first_line: int) -> tuple[int, str] | None:
    """The line and value of a YYYY-MM-DD date that does not exist (YAML reads it as a date and fails)."""
    for number, line in enumerate(yaml_text.splitlines(), start=first_line):
        for value in re.findall(r"(?<![\d-])(\d{4}-\d{1,2}-\d{1,2})(?![\d-])", line):
            try:
                year, month, day = (int(part) for part in value.split("-"))
                dt.date(year, month, day)
            except ValueError:
                return number, value
    return None


def yaml_problems(yaml_text: str, repo_path: str, lang: str, first_line: int, max_depth: int,
                  kind: str = KIND) -> list[Problem]:
    """Anchors, aliases, tags, merge keys, deep nesting and duplicate keys, found before any value is built.

    `first_line` is the file line of the YAML text's first line. A YAML syntax error is left to the
    caller's own parser, which words it for contributors.
    """
    problems: list[Problem] = []

    def report(mark, message: str, hint: str) -> None:
        problems.append(Problem(kind, lang, repo_path, first_line + (mark.line if mark else 0), message, hint))

    depth = 0
    try:
        for event in yaml.parse(yaml_text, Loader=YAML_EVENT_LOADER):
            if isinstance(event, yaml.AliasEvent):
                report(event.start_mark, f"YAML alias '*{event.anchor}' in the front matter",
                       "write the value out in full; anchors (&) and aliases (*) are not allowed")
                return problems  # stop at the first alias: a bomb is refused without being walked
            anchor = getattr(event, "anchor", None)
            if anchor:
                report(event.start_mark, f"YAML anchor '&{anchor}'",
                       "remove the '&name' marker; anchors and aliases are not allowed")
                return problems
            tag = getattr(event, "tag", None)
            if tag and isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent,
                                                         yaml.MappingStartEvent)) and _explicit_tag(event):
                report(event.start_mark, f"YAML tag '{tag}'", "remove the '!...' tag and write a plain value")
                return problems
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > max_depth:
                    report(event.start_mark, f"values nested more than {max_depth} levels deep",
                           "front matter holds short fields, lists and at most simple mappings: flatten it")
                    return problems
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return problems
    try:
        node = yaml.compose(yaml_text, Loader=YAML_EVENT_LOADER)
    except yaml.YAMLError:
        return problems
    _duplicate_keys(node, report)
    return problems


def _explicit_tag(event) -> bool:
    if isinstance(event, yaml.ScalarEvent):
        return not any(event.implicit)
    return not event.implicit


def _duplicate_keys(node, report) -> None:
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else None
                if name == "<<":
                    report(key.start_mark, "YAML merge key '<<'", "write the fields out in full")
                elif name is not None and name in seen:
                    report(key.start_mark, f"the key '{name}' appears twice (first on line {seen[name]}); "
                           "the last one would silently win",
                           f"keep one '{name}:' line and delete the other")
                elif name is not None:
                    seen[name] = key.start_mark.line + 1
                pending.append(value)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
