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
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from redsite.model import ContentModel
from redsite.problems import Problem

KIND = "source"
BOM = b"\xef\xbb\xbf"
# Control characters: C0 except tab, line feed and carriage return, DEL, C1, and what no UTF-8 file holds but a
# YAML escape such as "\ud800" or "\ufffe" can make. XML (feeds, DOCX, ODT, PDF tags, the glossary's TBX)
# cannot hold them, and on a terminal they move the cursor or recolour a report.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
CONTROL_BYTES = re.compile(b"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xef\xbf[\xbe\xbf]")
# Characters that are not seen but change what is seen: bidirectional overrides, embeddings, isolates and marks
# (a title can read backwards), zero-width spaces, joiners and the word joiner (two headings look the same).
INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
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
    data_values: int
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
            data_values=int(policy["max_data_values"]),
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
    # memchr over the bytes rather than a scan of the text: in UTF-8 only U+0000 and CR contain these bytes
    if b"\x00" in data:
        raise SourceError(Problem(
            KIND, lang, repo_path, text[:text.index("\x00")].count("\n") + 1,
            "the file contains a NUL character: it is not a text file",
            "save it again as plain UTF-8 text"))
    control = CONTROL_BYTES.search(data)  # over the bytes too: a page has none, and this is one pass in C
    if control:
        index = len(data[:control.start()].decode("utf-8"))
        raise SourceError(Problem(
            KIND, lang, repo_path, text[:index].count("\n") + 1,
            f"the file contains the control character {describe(text[index])}, which no page can show",
            "delete it (it is invisible in most editors: retype the line), and save the file as plain UTF-8 text"))
    return text.replace("\r\n", "\n").replace("\r", "\n") if b"\r" in data else text


def describe(character: str) -> str:
    """'U+200B ZERO WIDTH SPACE': a character a contributor cannot see, named so that they can find it."""
    name = unicodedata.name(character, "") or {"\x1b": "ESCAPE", "\x07": "BELL", "\x00": "NULL"}.get(
        character, "a control character")
    return f"U+{ord(character):04X} ({name})"


def unseen_character(text: str) -> str | None:
    """The first control or invisible character in `text` (a value of YAML, whose escapes such as "\\e", "\\0"
    or "\\u202e" make them from plain ASCII), described; None when there is none."""
    found = CONTROL.search(text) or INVISIBLE.search(text)
    return describe(found.group()) if found else None


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
    return checked_yaml(yaml_text, repo_path, lang, first_line, max_depth, kind)[0]


def checked_yaml(yaml_text: str, repo_path: str, lang: str, first_line: int, max_depth: int,
                 kind: str = KIND) -> tuple[list[Problem], yaml.Node | None]:
    """yaml_problems, and the YAML composed (for the duplicate-key check) so that the caller can build
    its values without composing it again; the node is None when the event stream has a problem or the
    YAML does not compose (the caller's own parser then words the error)."""
    found = _event_problem(yaml_text, max_depth)
    if found:
        mark, message, hint = found
        return [Problem(kind, lang, repo_path, first_line + (mark.line if mark else 0), message, hint)], None
    try:
        node = yaml.compose(yaml_text, Loader=YAML_EVENT_LOADER)
    except yaml.YAMLError:
        return [], None
    problems: list[Problem] = []

    def report(mark, message: str, hint: str) -> None:
        problems.append(Problem(kind, lang, repo_path, first_line + (mark.line if mark else 0), message, hint))

    _duplicate_keys(node, report)
    return problems, node


def _event_problem(yaml_text: str, max_depth: int) -> tuple[yaml.Mark | None, str, str] | None:
    """The first anchor, alias, tag or too deep nesting in the event stream (mark, message, hint).

    It stops there: an alias bomb is refused at its first anchor, before anything is built. A syntax
    error ends the scan without a finding. One type test per event: this runs for every page."""
    depth = 0
    loader = YAML_EVENT_LOADER(yaml_text)
    try:
        while loader.check_event():
            event = loader.get_event()
            event_type = type(event)
            if event_type is yaml.ScalarEvent or event_type in _COLLECTION_STARTS:
                if event.anchor:
                    return (event.start_mark, f"YAML anchor '&{event.anchor}'",
                            "remove the '&name' marker; anchors and aliases are not allowed")
                if event.tag and _explicit_tag(event):
                    return event.start_mark, f"YAML tag '{event.tag}'", "remove the '!...' tag and write a plain value"
                if event_type is not yaml.ScalarEvent:
                    depth += 1
                    if depth > max_depth:
                        return (event.start_mark, f"values nested more than {max_depth} levels deep",
                                "front matter holds short fields, lists and at most simple mappings: flatten it")
            elif event_type in _COLLECTION_ENDS:
                depth -= 1
            elif event_type is yaml.AliasEvent:
                return (event.start_mark, f"YAML alias '*{event.anchor}' in the front matter",
                        "write the value out in full; anchors (&) and aliases (*) are not allowed")
    except yaml.YAMLError as error:
        if "maximum nesting depth" in str(error):  # libyaml (PyYAML 6.0.4 on) stops at 1,000 levels itself
            return (getattr(error, "problem_mark", None), f"values nested more than {max_depth} levels deep",
                    "front matter holds short fields, lists and at most simple mappings: flatten it")
        return None
    finally:
        loader.dispose()
    return None


_COLLECTION_STARTS = frozenset({yaml.SequenceStartEvent, yaml.MappingStartEvent})
_COLLECTION_ENDS = frozenset({yaml.SequenceEndEvent, yaml.MappingEndEvent})


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
