"""Read and check the structured content in data/ (glossary, Baltic Sea initiatives).

Contributors edit these files too, so a mistake becomes a Problem with file and
line, like a front-matter mistake, never a traceback in the build.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from redsite import source_text
from redsite.model import REPO_ROOT, ContentModel, load_model
from redsite.problems import Problem

GLOSSARY = "glossary.yml"
INITIATIVES = "baltic_initiatives.yml"
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(problem.render() for problem in problems))
        self.problems = problems


def load_data(name: str, root: Path = REPO_ROOT):
    """The parsed file; raises DataError (with file and line) when it is not valid YAML."""
    data, problems = _parse(name, root)
    if problems:
        raise DataError(problems)
    return data


def _parse(name: str, root: Path):
    path = root / "data" / name
    try:
        stat = path.lstat()
    except OSError:  # reported as unreadable by source_text below
        return _parse_cached(path, name, 0, -1)
    return _parse_cached(path, name, stat.st_mtime_ns, stat.st_size)


@cache
def _parse_cached(path: Path, name: str, _mtime_ns: int, _size: int):
    """Parsed once per version of the file: every language's glossary page and the content check share it."""
    repo_path = f"data/{name}"
    model = load_model()
    try:  # sec: UTF-8 without BOM, size limit, no symlink; YAML without anchors, aliases or duplicate keys
        text = source_text.read_text(path, repo_path, "", source_text.Limits.of(model).data_bytes)
    except source_text.SourceError as error:
        return None, [Problem("data", "", repo_path, error.problem.line, error.problem.message, error.problem.hint)]
    guard = source_text.yaml_problems(text, repo_path, "", 1, 2 * source_text.Limits.of(model).front_matter_depth,
                                      kind="data")
    if guard:
        return None, guard
    try:
        # libyaml's loader (PyYAML's C binding: same YAML, same error marks), several times faster
        data = yaml.load(text, Loader=SAFE_LOADER)
    except ValueError:  # a date that does not exist, such as 2026-13-45
        line, value = source_text.impossible_date(text, 1) or (1, "?")
        return None, [Problem("data", "", repo_path, line, f"the date {value} does not exist",
                              "write a real date as YYYY-MM-DD, or put the text in quotes")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem("data", "", repo_path, mark.line + 1 if mark else 1,
                              f"not valid YAML: {reason}", "check the indentation and quoting on this line")]
    if data is None:
        return None, [Problem("data", "", repo_path, 1, "the file is empty",
                              f"restore it from git (git checkout -- {repo_path}) and make your change again")]
    return data, []


def _line_finder(name: str, root: Path):
    try:
        lines = source_text.read_text(root / "data" / name, f"data/{name}").splitlines()
    except source_text.SourceError:
        lines = []

    def line_of(text: str) -> int | None:
        return next((number for number, line in enumerate(lines, 1) if text and text in line), None)
    return line_of


def check_data_files(root: Path = REPO_ROOT, model: ContentModel | None = None) -> list[Problem]:
    model = model or load_model()
    problems: list[Problem] = []
    glossary, parse_problems = _parse(GLOSSARY, root)
    problems += parse_problems
    if glossary is not None:
        problems += _check_glossary(glossary, root, model)
    initiatives, parse_problems = _parse(INITIATIVES, root)
    problems += parse_problems
    if initiatives is not None:
        problems += _check_initiatives(initiatives, root, model)
    return problems


def _translated(value, model: ContentModel) -> list[str]:
    """Languages missing from a {language: text} mapping."""
    if not isinstance(value, dict):
        return list(model.codes)
    return [code for code in model.codes if not isinstance(value.get(code), str) or not value[code].strip()]


def _top_list(data, key: str, path: str, hint: str) -> tuple[list | None, list[Problem]]:
    """The list a data file holds under `key`, or the problem that it holds none."""
    entries = data.get(key) if isinstance(data, dict) else None
    if isinstance(entries, list):
        return entries, []
    return None, [Problem("data", "", path, 1, f"the file must hold a list '{key}:'", hint)]


def _check_glossary(data, root: Path, model: ContentModel) -> list[Problem]:
    path, line_of = f"data/{GLOSSARY}", _line_finder(GLOSSARY, root)
    terms, problems = _top_list(data, "terms", path,
                                "start the file with 'terms:' and list one term per '- en: ...' entry")
    if terms is None:
        return problems
    for number, term in enumerate(terms, 1):
        label = term.get("en") if isinstance(term, dict) else None
        missing = _translated(term, model)
        if missing:
            problems.append(Problem("data", "", path, line_of(str(label)) or 1,
                                    f"term {number} ({label or 'no English'}) lacks: {', '.join(missing)}",
                                    f"give the term in every language: {', '.join(model.codes)}"))
        problems += _check_variants(term, label, path, line_of, model)
        problems += _check_characters(term, label, path, line_of)
        definition = term.get("definition") if isinstance(term, dict) else None
        untranslated = _translated(definition, model) if definition is not None else []
        if untranslated:
            problems.append(Problem("data", "", path, line_of(str(label)) or 1,
                                    f"the definition of {label!r} lacks: {', '.join(untranslated)}",
                                    "write the definition in every language, or remove it"))
    return problems


# What XML 1.0 cannot hold, not even as a reference: the glossary's TBX downloads (redsite.glossary_export)
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _check_characters(term, label, path: str, line_of) -> list[Problem]:
    """Control characters (written as escapes in a double-quoted YAML value) in any of the term's texts."""
    texts = [term] if isinstance(term, str) else list(term.values()) if isinstance(term, dict) else []
    while texts:
        text = texts.pop()
        if isinstance(text, dict | list):
            texts += text.values() if isinstance(text, dict) else text
        elif isinstance(text, str) and NOT_XML.search(text):
            character = NOT_XML.search(text).group(0)
            return [Problem("data", "", path, line_of(f"en: {label}") or line_of(str(label)) or 1,
                            f"the term {label!r} holds the control character U+{ord(character):04X}, which the "
                            "glossary's TBX download cannot carry", "delete it: it is invisible (in a double-quoted "
                            "value it is written as an escape such as \\a, \\x07 or \\u0007)")]
    return []


def _check_variants(term, label, path: str, line_of, model: ContentModel) -> list[Problem]:
    """Optional `variants: {language: [wording, ...]}`: other wordings the terminology check accepts."""
    variants = term.get("variants") if isinstance(term, dict) else None
    if variants is None:
        return []
    line = line_of(str(label)) or 1
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


def _check_initiatives(data, root: Path, model: ContentModel) -> list[Problem]:
    path, line_of = f"data/{INITIATIVES}", _line_finder(INITIATIVES, root)
    groups, problems = _top_list(data, "groups", path, "see the existing entries for the shape of a group")
    if groups is None:
        return problems
    for group in groups:
        key = group.get("key") if isinstance(group, dict) else None
        if not key or _translated(group.get("title"), model):
            problems.append(Problem("data", "", path, line_of(f"key: {key}") or 1,
                                    f"group {key!r} needs a key and a title in every language",
                                    "add 'key:' and 'title: {en: ..., sv: ..., ru: ...}'"))
        items = group.get("initiatives") if isinstance(group, dict) else None
        if not isinstance(items, list):
            problems.append(Problem("data", "", path, line_of(f"key: {key}") or 1,
                                    f"group {key!r} needs a list 'initiatives:'",
                                    "list its initiatives, '- name: ...'"))
            continue
        for number, item in enumerate(items, 1):
            problems += _check_initiative(item, number, key, path, line_of, model)
    return problems


def _check_initiative(item, number: int, group_key, path: str, line_of, model: ContentModel) -> list[Problem]:
    """One initiative; every value the initiatives page renders must have the shape it expects."""
    name = item.get("name") if isinstance(item, dict) else None
    line = line_of(f"name: {name}") if name else line_of(f"key: {group_key}")
    label = f"initiative {name!r}" if name else f"initiative {number} of group {group_key!r}"
    problems = []

    def report(message: str, hint: str) -> None:
        problems.append(Problem("data", "", path, line or 1, f"{label}: {message}", hint))

    if not isinstance(item, dict):
        report("must be a set of 'field: value' lines", "start it with '- name: ...'")
        return problems
    if not isinstance(name, str) or not name.strip():
        report("has no 'name'", "add 'name: ...' (the initiative's name in its original language)")
    for field in ("status", "description"):
        missing = _translated(item.get(field), model)
        if missing:
            report(f"'{field}' lacks {', '.join(missing)}",
                   f"write '{field}' in every language: {', '.join(model.codes)}")
    for field in ("instrument", "lead"):
        if item.get(field) is not None and not isinstance(item[field], str):
            report(f"'{field}' must be text", f"write '{field}: ...' on one line")
    partners = item.get("partners", [])
    if not isinstance(partners, list) or not all(isinstance(partner, str) for partner in partners):
        report("'partners' must be a list of names", "write [A, B, C]")
    url = item.get("url")
    # the page links it: only web addresses, never javascript: or data: URLs
    if url is not None and not (isinstance(url, str) and url.startswith(("https://", "http://")) and " " not in url):
        report("'url' must be a web address", "write the full address, starting with https:// (or http://)")
    return problems
