"""Read a page's front matter and check it against the content model.

Every finding carries the file and the line it belongs to, so that a
contributor can fix it without reading Python.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import yaml

from redsite import source_text
from redsite.example_pages import example_problems
from redsite.field_values import check_value, shown
from redsite.model import ContentModel, load_model
from redsite.origin import work_package_problems
from redsite.problems import Problem
from redsite.sections import section_problems

FENCE = "---"
HTML_TAG = re.compile(r"<\s*[/!a-zA-Z]")
# libyaml when installed: the same values and line numbers, about 20 times faster than pure Python.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class PageSource:
    """A Markdown page split into its parts, with line numbers kept."""

    path: str
    meta: dict = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line number of the body's first line in the file
    problems: list[Problem] = field(default_factory=list)

    @property
    def typed(self) -> bool:
        return "type" in self.meta


def parse_page(path: str, text: str, lang: str = "en") -> PageSource:
    """Split `text` into front matter and body; YAML errors become problems, never exceptions."""
    page = PageSource(path=path, body=text)
    lines = text.splitlines()
    end = _closing_line(lines)
    if end is None:
        return page
    if not end:
        page.problems.append(Problem(
            "front-matter", lang, path, 1,
            "front matter opened with '---' on line 1 is never closed",
            "add a line containing only '---' after the last front-matter field",
        ))
        return page
    yaml_text = "\n".join(lines[1:end])
    page.body = "\n".join(lines[end + 1:])
    page.body_line = end + 2
    # sec: refuse anchors/aliases (alias bombs), tags, deep nesting and duplicate keys before building values
    max_depth = source_text.Limits.of(load_model()).front_matter_depth
    plain = _plain_front_matter(yaml_text, max_depth)  # it leaves every one of those to the full path below
    if plain is not None:
        page.meta, page.key_lines = plain
        return page
    problems, node = source_text.checked_yaml(yaml_text, path, lang, 2, max_depth, kind="front-matter")
    page.problems += problems
    if page.problems:
        return page
    try:
        if node is None:  # empty, or it does not compose: composing again raises the error worded below
            node = yaml.compose(yaml_text, Loader=YAML_LOADER)
        meta = None if node is None else _values(node)
    except ValueError:  # sec: YAML reads 2026-13-45 as a date and fails building it
        line, value = source_text.impossible_date(yaml_text, 2) or (1, "?")
        page.problems.append(Problem("front-matter", lang, path, line, f"the date {value} does not exist",
                                     "write a real date as YYYY-MM-DD, e.g. 2026-11-30"))
        return page
    except yaml.YAMLError as fast_error:
        error = _python_yaml_error(yaml_text) or fast_error
        # An unclosed quote or bracket is only noticed at the end of the block; the context
        # mark points at where it was opened, which is the line the contributor must fix.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = min(mark.line + 2, end) if mark else 1
        context = getattr(error, "context", None)
        reason = getattr(error, "problem", None) or str(error)
        reason = f"{context}, {reason}" if context else reason
        page.problems.append(Problem(
            "front-matter", lang, path, line,
            f"the front matter is not valid YAML: {reason}",
            "check indentation and quoting on this line; put text containing ':' or '#' in double quotes",
        ))
        return page
    if meta is None:
        return page
    if not isinstance(meta, dict):
        page.problems.append(Problem(
            "front-matter", lang, path, 2,
            "the front matter must be a set of 'field: value' lines",
            "write each field on its own line as 'name: value'",
        ))
        return page
    page.meta = meta
    if isinstance(node, yaml.MappingNode):
        page.key_lines = {key.value: key.start_mark.line + 2 for key, _ in node.value}
    return page


def _closing_line(lines: list[str]) -> int | None:
    """The index of the line closing the front matter; 0 when it is never closed, None without front matter."""
    if not lines or lines[0].strip() != FENCE:
        return None
    return next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in (FENCE, "...")), 0)


def body_start(lines: list[str]) -> int:
    """The index of the body's first line: 0 without (closed) front matter."""
    end = _closing_line(lines)
    return end + 1 if end else 0


def front_matter_text(text: str) -> str | None:
    """The YAML between the fences as parse_page reads it; None without (closed) front matter."""
    lines = text.splitlines()
    end = _closing_line(lines)
    return "\n".join(lines[1:end]) if end else None


def _values(node: yaml.Node):
    """What yaml.load builds from the YAML of `node`, without composing it a second time: the library's own
    constructor, so values and errors are exactly yaml.load's. (Ordinary front matter never gets here:
    _plain_front_matter reads it first.)"""
    loader = YAML_LOADER("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp"))


class _Unusual(Exception):
    """Front matter _plain_front_matter leaves to the full path."""


def _plain_front_matter(yaml_text: str, max_depth: int) -> tuple[dict, dict[str, int]] | None:
    """The values and key lines of front matter that is one mapping of text keys to plain values, read in one
    pass over the YAML events: what source_text.checked_yaml and _values give, without scanning the events
    twice and composing a node tree (they were a quarter of the validator's time).

    None for anything else, which the caller's full path refuses or reads and words: a tag, an anchor or
    alias, values nested more than `max_depth` deep (what checked_yaml refuses), a document that is not a
    mapping, a key that is not text, a duplicate or merge key, a value that is not text, a number, a
    boolean, null or a date, a second document, a YAML error."""
    loader = YAML_LOADER(yaml_text)
    try:
        return _plain_from_events(loader, max_depth)
    except Exception:  # noqa: BLE001 - an error or anything unusual: the full path reads it as yaml.load does
        return None
    finally:
        loader.dispose()


_NO_KEY = object()


# Plain scalars starting with any other character are text: no implicit resolver is registered for them.
_RESOLVED_FIRST = frozenset(key for key in YAML_LOADER.yaml_implicit_resolvers if key)
_ONLY_FIRST_CHARACTER = None not in YAML_LOADER.yaml_implicit_resolvers and not YAML_LOADER.yaml_path_resolvers


def _plain_from_events(loader, max_depth: int) -> tuple[dict, dict[str, int]]:
    root = None
    key_lines: dict[str, int] = {}
    frames: list[list] = []  # open collections: [dict, key awaiting its value] or [list]
    documents = 0

    def add(value) -> None:
        nonlocal root
        if not frames:
            root = value
        elif len(frames[-1]) == 1:
            frames[-1][0].append(value)
        else:
            frame = frames[-1]
            frame[0][frame[1]] = value
            frame[1] = _NO_KEY

    while (event := loader.get_event()) is not None:
        event_type = type(event)
        if event_type is yaml.ScalarEvent:
            if event.anchor or event.tag is not None:
                raise _Unusual
            value = event.value
            if not event.implicit[0] or (value and _ONLY_FIRST_CHARACTER and value[0] not in _RESOLVED_FIRST):
                tag = _STR  # what loader.resolve answers here, without the call
            else:
                tag = loader.resolve(yaml.ScalarNode, value, event.implicit)
            if frames and len(frames[-1]) == 2 and frames[-1][1] is _NO_KEY:  # a key
                if tag != _STR or event.value in frames[-1][0]:
                    raise _Unusual  # not text, a merge key, or a duplicate: the full path reports it
                frames[-1][1] = event.value
                if len(frames) == 1:
                    key_lines[event.value] = event.start_mark.line + 2
                continue
            if tag == _STR:
                add(event.value)
            elif tag in _SCALAR_TAGS:
                add(loader.construct_object(yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark,
                                                             event.style)))
            else:
                raise _Unusual
        elif event_type is yaml.MappingStartEvent or event_type is yaml.SequenceStartEvent:
            if event.anchor or event.tag is not None or len(frames) >= max_depth or (
                    frames and len(frames[-1]) == 2 and frames[-1][1] is _NO_KEY):  # a collection as a key
                raise _Unusual
            frames.append([{}, _NO_KEY] if event_type is yaml.MappingStartEvent else [[]])
        elif event_type is yaml.MappingEndEvent or event_type is yaml.SequenceEndEvent:
            add(frames.pop()[0])
        elif event_type is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Unusual  # yaml.load refuses a second document: the full path words it
        elif event_type is yaml.AliasEvent:
            raise _Unusual
    if not isinstance(root, dict):
        raise _Unusual
    return root, key_lines


def _python_yaml_error(yaml_text: str) -> yaml.YAMLError | None:
    """The pure-Python parser's account of an error libyaml found: it names the line where the
    problem is (libyaml often points at the end of the front matter) and words it more plainly."""
    try:
        yaml.compose(yaml_text, Loader=yaml.SafeLoader)
        yaml.load(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        return error
    return None


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    return []


def validate_page(page: PageSource, lang: str, model: ContentModel | None = None,
                  folder_type: str | None = None) -> list[Problem]:
    """Check a parsed page against the content model; returns problems, never raises."""
    model = model or load_model()
    problems = list(page.problems)
    if problems or not page.meta:
        if folder_type and not problems:
            problems.append(Problem(
                "front-matter", lang, page.path, 1,
                f"pages in this folder must be of type '{folder_type}' but this page has no front matter",
                "start the file with front matter; "
                f"`python scripts/new_page.py {folder_type} \"Title\"` writes a complete one",
            ))
        return problems

    def report(name: str, message: str, hint: str) -> None:
        line = page.key_lines.get(name, 1)
        problems.append(Problem("front-matter", lang, page.path, line, message, hint))

    # Titles and summaries reach the navigation and the page head, where MkDocs does not
    # escape them: markup there could run scripts, so front matter is plain text only.
    for name, value in page.meta.items():
        if any(HTML_TAG.search(text) for text in _strings(value)):
            report(name, f"field '{name}' contains HTML markup",
                   "front matter is plain text: remove the <...> tags (write < as 'less than' if you need it)")

    type_name = page.meta.get("type")
    if type_name is None:
        if folder_type:
            report("type", f"missing required field 'type' (this folder holds '{folder_type}' pages)",
                   f"add 'type: {folder_type}'")
        for spec in model.untyped_fields:
            wrong = check_value(model, spec, page.meta[spec.name]) if spec.name in page.meta else None
            if wrong:
                report(spec.name, f"field '{spec.name}' {wrong}", spec.note or f"correct the value of '{spec.name}'")
        return problems
    if model.type_named(type_name) is None:
        report("type", f"unknown content type {shown(type_name)}",
               f"write one of these, as a single word without brackets: {', '.join(model.content_types)}")
        return problems
    if folder_type and type_name != folder_type:
        report("type", f"a '{type_name}' page is in the folder for '{folder_type}' pages",
               f"move the file to {model.content_types[type_name].folder}/ or set 'type: {folder_type}'")
    content_type = model.content_types[type_name]
    known = {f.name: f for f in model.fields_of(type_name)}
    translation_known = {f.name: f for f in model.translation_fields}
    is_translation = lang != model.default_language.code
    for name, spec in {**known, **(translation_known if is_translation else {})}.items():
        if name not in page.meta:
            if spec.required:
                report(name, f"missing required field '{name}'" + (f" ({spec.note})" if spec.note else ""),
                       f"add a line '{name}: ...' to the front matter")
            continue
        wrong = check_value(model, spec, page.meta[name])
        if wrong:
            report(name, f"field '{name}' {wrong}", spec.note or f"correct the value of '{name}'")
    for name in page.meta:
        if name not in known and name not in translation_known:
            guess = difflib.get_close_matches(str(name), [*known, *(translation_known if is_translation else {})],
                                              n=1, cutoff=0.6)
            report(name, f"unknown field '{name}' for a '{type_name}' page"
                   + (f": did you mean '{guess[0]}'?" if guess else ""),
                   (f"rename it to '{guess[0]}', or remove it; " if guess else "remove it or use one of: ")
                   + (f"the fields are: {', '.join(known)}" if guess else ', '.join(known)))
        elif name in translation_known and not is_translation:
            report(name, f"field '{name}' belongs only in translations", "remove it from the English page")
    # Only RED's own methods belong to its work packages (rule and message in redsite.origin).
    problems.extend(work_package_problems(page.meta, page.key_lines, page.path, lang, model))
    problems.extend(example_problems(page, lang, model))  # what an example page may carry (redsite.example_pages)
    if not page.meta.get("pending"):
        problems.extend(_check_sections(page, lang, model, content_type.name))
    return problems


def _check_sections(page: PageSource, lang: str, model: ContentModel, type_name: str) -> list[Problem]:
    return section_problems(page, lang, model, type_name)  # redsite.sections: each at the heading it concerns
