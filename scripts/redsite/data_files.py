"""Read and check the structured content in data/ (glossary, Baltic Sea initiatives, timeline).

Contributors edit these files too, so a mistake becomes a Problem with file and
line, like a front-matter mistake, never a traceback in the build.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from redsite import source_text
from redsite.model import REPO_ROOT, ContentModel, load_model
from redsite.problems import Problem

GLOSSARY = "glossary.yml"
INITIATIVES = "baltic_initiatives.yml"
TIMELINE = "timeline.yml"
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(problem.render() for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class DataFile:
    """A file of data/ as read: its values (None when it could not be read), the problems reading it found,
    and the line of every value, by its path of keys and list positions: ('terms', 3, 'en')."""

    name: str
    data: object = None
    problems: tuple[Problem, ...] = ()
    lines: Mapping[tuple, int] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return f"data/{self.name}"

    def line(self, *path) -> int:
        """The line of the value at `path`, or of the nearest value that holds it."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def load_data(name: str, root: Path = REPO_ROOT):
    """The parsed file; raises DataError (with file and line) when it is not valid YAML."""
    parsed = read_data(name, root)
    if parsed.problems:
        raise DataError(list(parsed.problems))
    return parsed.data


def parse_data_file(name: str, root: Path = REPO_ROOT):
    """(the parsed file, []) or (None, its problems with file and line): for the modules of other data files."""
    parsed = read_data(name, root)
    return parsed.data, list(parsed.problems)


def read_data(name: str, root: Path = REPO_ROOT) -> DataFile:
    path = root / "data" / name
    try:
        stat = path.lstat()
    except OSError:  # reported as unreadable by source_text below
        return _parse_cached(path, name, 0, -1)
    return _parse_cached(path, name, stat.st_mtime_ns, stat.st_size)


@cache
def _parse_cached(path: Path, name: str, _mtime_ns: int, _size: int) -> DataFile:
    """Parsed once per version of the file: every language's glossary page and the content check share it."""
    repo_path = f"data/{name}"
    model = load_model()

    def refused(*problems: Problem) -> DataFile:
        return DataFile(name, None, problems)

    try:  # sec: UTF-8 without BOM or control characters, size limit, no symlink
        text = source_text.read_text(path, repo_path, "", source_text.Limits.of(model).data_bytes)
    except source_text.SourceError as error:
        hint = ("a data file holds names, dates and short texts: shorten what has grown long"
                if "over the limit" in error.problem.message else error.problem.hint)
        return refused(Problem("data", "", repo_path, error.problem.line, error.problem.message, hint))
    # sec: YAML without anchors, aliases, tags or duplicate keys
    guard, node = source_text.checked_yaml(text, repo_path, "", 1, 2 * source_text.Limits.of(model).front_matter_depth,
                                           kind="data")
    if guard:
        return refused(*guard)
    try:
        # libyaml's loader (PyYAML's C binding: same YAML, same error marks), several times faster
        data = yaml.load(text, Loader=SAFE_LOADER)
    except ValueError:  # a date that does not exist, such as 2026-13-45
        line, value = source_text.impossible_date(text, 1) or (1, "?")
        return refused(Problem("data", "", repo_path, line, f"the date {value} does not exist",
                               "write a real date as YYYY-MM-DD, or put the text in quotes"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        return refused(Problem("data", "", repo_path, mark.line + 1 if mark else 1,
                               f"not valid YAML: {reason}", "check the indentation and quoting on this line"))
    if data is None:
        return refused(Problem("data", "", repo_path, 1, "the file is empty",
                               f"restore it from git (git checkout -- {repo_path}) and make your change again"))
    lines, unseen = _walk(node, repo_path)
    limit = source_text.Limits.of(model).data_values
    if len(lines) > limit + 1:  # the file's top mapping is no value of its own
        return refused(Problem("data", "", repo_path, sorted(lines.values())[limit + 1],
                               f"the file holds {len(lines) - 1:,} values (names, dates, texts); the limit is "
                               f"{limit:,}, reached by this line", "keep to what the site's pages need: every "
                               "value is shown in every language"))
    return DataFile(name, None if unseen else data, tuple(unseen), lines)


def _walk(node: yaml.Node, repo_path: str) -> tuple[dict[tuple, int], list[Problem]]:
    """The line of every value by its path, and the values holding a control character or an invisible one
    (a YAML escape such as "\\e" or "\\u202e" makes them from plain text; names and labels must read as they
    look)."""
    lines: dict[tuple, int] = {}
    problems = []
    pending: list[tuple[tuple, yaml.Node, int]] = [((), node, node.start_mark.line + 1)]
    while pending:
        path, current, line = pending.pop()
        lines[path] = line
        if isinstance(current, yaml.MappingNode):
            pending += [(path + (key.value if isinstance(key, yaml.ScalarNode) else None,), value,
                         key.start_mark.line + 1) for key, value in current.value]
        elif isinstance(current, yaml.SequenceNode):
            pending += [(path + (index,), item, item.start_mark.line + 1) for index, item in enumerate(current.value)]
        elif (found := source_text.unseen_character(current.value)) is not None:
            what = "control" if source_text.CONTROL.search(current.value) else "invisible"
            problems.append(Problem("data", "", repo_path, current.start_mark.line + 1,
                                    f"the value holds the {what} character {found}",
                                    "delete it: data is plain text (a YAML escape such as \\e, \\0 or \\u202e "
                                    "writes such a character)"))
    return lines, sorted(problems, key=lambda problem: problem.line)


def initiatives_by_name(data) -> dict[str, dict]:
    """The initiatives of data/baltic_initiatives.yml by name (the timeline refers to them by name); entries
    without the shape check_initiatives asks for are left out."""
    groups = data.get("groups") if isinstance(data, dict) else None
    groups = groups if isinstance(groups, list) else []
    return {item["name"]: item for group in groups
            if isinstance(group, dict) and isinstance(group.get("initiatives"), list)
            for item in group["initiatives"] if isinstance(item, dict) and isinstance(item.get("name"), str)}


def _translated(value, model: ContentModel) -> list[str]:
    """Languages missing from a {language: text} mapping."""
    if not isinstance(value, dict):
        return list(model.codes)
    return [code for code in model.codes if not isinstance(value.get(code), str) or not value[code].strip()]


def _top_list(parsed: DataFile, key: str, hint: str) -> tuple[list | None, list[Problem]]:
    """The list a data file holds under `key`, or the problem that it holds none."""
    entries = parsed.data.get(key) if isinstance(parsed.data, dict) else None
    if isinstance(entries, list):
        return entries, []
    return None, [Problem("data", "", parsed.path, parsed.line(key), f"the file must hold a list '{key}:'", hint)]


def check_glossary(parsed: DataFile, model: ContentModel) -> list[Problem]:
    path = parsed.path
    terms, problems = _top_list(parsed, "terms", "start the file with 'terms:' and list one term per '- en: ...' entry")
    if terms is None:
        return problems
    first_lines: dict[str, int] = {}
    for number, term in enumerate(terms, 1):
        line = parsed.line("terms", number - 1)
        label = term.get("en") if isinstance(term, dict) else None
        missing = _translated(term, model)
        if missing:
            problems.append(Problem("data", "", path, line,
                                    f"term {number} ({label or 'no English'}) lacks: {', '.join(missing)}",
                                    f"give the term in every language: {', '.join(model.codes)}"))
        elif (first := first_lines.get(label.casefold())) is not None:  # both renderings would be demanded
            problems.append(Problem("data", "", path, line,
                                    f"the term {label!r} is listed twice (first on line {first})",
                                    "keep one entry; another wording a translation may use goes under its "
                                    "'variants:'"))
        else:
            first_lines[label.casefold()] = line
        problems += _check_variants(term, label, path, line, model)
        definition = term.get("definition") if isinstance(term, dict) else None
        untranslated = _translated(definition, model) if definition is not None else []
        if untranslated:
            problems.append(Problem("data", "", path, line,
                                    f"the definition of {label!r} lacks: {', '.join(untranslated)}",
                                    "write the definition in every language, or remove it"))
    return problems


def _check_variants(term, label, path: str, line: int, model: ContentModel) -> list[Problem]:
    """Optional `variants: {language: [wording, ...]}`: other wordings the terminology check accepts."""
    variants = term.get("variants") if isinstance(term, dict) else None
    if variants is None:
        return []
    hint = (f"write 'variants: {{sv: [wording, ...], ru: [wording, ...]}}' with language codes from: "
            f"{', '.join(model.codes)}")
    if not isinstance(variants, dict):
        return [Problem("data", "", path, line, f"the variants of {label!r} must be a mapping of languages", hint)]
    problems = []
    for code, wordings in variants.items():
        if code not in model.codes:
            problems.append(Problem("data", "", path, line, f"the variants of {label!r} name an unknown language "
                                    f"{code!r}", hint))
        elif not isinstance(wordings, list) or not all(isinstance(w, str) and w.strip() for w in wordings):
            problems.append(Problem("data", "", path, line, f"the {code} variants of {label!r} must be a list of "
                                    "wordings", hint))
    return problems


def check_initiatives(parsed: DataFile, model: ContentModel) -> list[Problem]:
    path = parsed.path
    groups, problems = _top_list(parsed, "groups", "see the existing entries for the shape of a group")
    if groups is None:
        return problems
    first_lines: dict[str, int] = {}
    for group_index, group in enumerate(groups):
        key = group.get("key") if isinstance(group, dict) else None
        line = parsed.line("groups", group_index)
        if not key or _translated(group.get("title"), model):
            problems.append(Problem("data", "", path, line, f"group {key!r} needs a key and a title in every language",
                                    "add 'key:' and 'title: {en: ..., sv: ..., ru: ...}'"))
        items = group.get("initiatives") if isinstance(group, dict) else None
        if not isinstance(items, list):
            problems.append(Problem("data", "", path, line, f"group {key!r} needs a list 'initiatives:'",
                                    "list its initiatives, '- name: ...'"))
            continue
        for index, item in enumerate(items):
            item_line = parsed.line("groups", group_index, "initiatives", index)
            found = _check_initiative(item, index + 1, key, path, item_line, model)
            problems += found
            name = item.get("name") if isinstance(item, dict) else None
            if not found and (first := first_lines.get(name)) is not None:  # the timeline refers to names
                problems.append(Problem("data", "", path, item_line,
                                        f"initiative {name!r}: the name is used twice (first on line {first})",
                                        "give each initiative its own name, or merge the two entries"))
            elif not found:
                first_lines[name] = item_line
    return problems


def _check_initiative(item, number: int, group_key, path: str, line: int, model: ContentModel) -> list[Problem]:
    """One initiative; every value the initiatives page renders must have the shape it expects."""
    name = item.get("name") if isinstance(item, dict) else None
    label = f"initiative {name!r}" if isinstance(name, str) else f"initiative {number} of group {group_key!r}"
    problems = []

    def report(message: str, hint: str) -> None:
        problems.append(Problem("data", "", path, line, f"{label}: {message}", hint))

    if not isinstance(item, dict):
        report("must be a set of 'field: value' lines", "start it with '- name: ...'")
        return problems
    if not isinstance(name, str) or not name.strip():
        report("has no 'name'", "add 'name: ...' (the initiative's name in its original language)")
    for field_name in ("status", "description"):
        missing = _translated(item.get(field_name), model)
        if missing:
            report(f"'{field_name}' lacks {', '.join(missing)}",
                   f"write '{field_name}' in every language: {', '.join(model.codes)}")
    for field_name in ("instrument", "lead"):
        if item.get(field_name) is not None and not isinstance(item[field_name], str):
            report(f"'{field_name}' must be text", f"write '{field_name}: ...' on one line")
    partners = item.get("partners", [])
    if not isinstance(partners, list) or not all(isinstance(partner, str) for partner in partners):
        report("'partners' must be a list of names", "write [A, B, C]")
    url = item.get("url")
    # the page links it: only web addresses, never javascript: or data: URLs
    if url is not None and not (isinstance(url, str) and url.startswith(("https://", "http://")) and " " not in url):
        report("'url' must be a web address", "write the full address, starting with https:// (or http://)")
    return problems
