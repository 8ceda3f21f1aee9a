"""Read and check the structured content in data/ (glossary, Baltic Sea initiatives).

Contributors edit these files too, so a mistake becomes a Problem with file and
line, like a front-matter mistake, never a traceback in the build.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

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
    stat = path.stat()
    return _parse_cached(path, name, stat.st_mtime_ns, stat.st_size)


@cache
def _parse_cached(path: Path, name: str, _mtime_ns: int, _size: int):
    """Parsed once per version of the file: every language's glossary page and the content check share it."""
    return _parse_text(path.read_text(encoding="utf-8"), name)


def _parse_text(text: str, name: str):
    try:
        # libyaml's loader (PyYAML's C binding: same YAML, same error marks), several times faster than pure Python
        return yaml.load(text, Loader=SAFE_LOADER), []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem("data", "", f"data/{name}", mark.line + 1 if mark else 1,
                              f"not valid YAML: {reason}", "check the indentation and quoting on this line")]


def _line_finder(name: str, root: Path):
    lines = (root / "data" / name).read_text(encoding="utf-8").splitlines()

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
        definition = term.get("definition") if isinstance(term, dict) else None
        untranslated = _translated(definition, model) if definition is not None else []
        if untranslated:
            problems.append(Problem("data", "", path, line_of(str(label)) or 1,
                                    f"the definition of {label!r} lacks: {', '.join(untranslated)}",
                                    "write the definition in every language, or remove it"))
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
        for item in (group.get("initiatives") or []) if isinstance(group, dict) else []:
            name = item.get("name") if isinstance(item, dict) else None
            for field in ("status", "description"):
                missing = _translated(item.get(field) if isinstance(item, dict) else None, model)
                if missing:
                    problems.append(Problem("data", "", path, line_of(f"name: {name}") or 1,
                                            f"initiative {name!r}: '{field}' lacks {', '.join(missing)}",
                                            f"write '{field}' in every language: {', '.join(model.codes)}"))
            if isinstance(item, dict) and not isinstance(item.get("partners", []), list):
                problems.append(Problem("data", "", path, line_of(f"name: {name}") or 1,
                                        f"initiative {name!r}: 'partners' must be a list", "write [A, B, C]"))
    return problems
