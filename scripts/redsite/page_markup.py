"""What a page's Markdown may ask of the build, checked by the source policy (so by the build and the
validator alike) with file, line and fix:

- directives: `<!-- red:... -->` names one the build knows, with an argument only where it takes one
  (an unknown one stopped the build with a traceback, or without the line);
- ids and attributes: no element of the page takes an id of the theme or the build (`#__config`,
  `#red-title`, ...) or a `data-pagefind-*`, `data-md-*` or `data-red-*` attribute, whether written in raw HTML,
  in an attribute list (`{: #id }`), on a code fence (```` ```{.sh #id} ````) or made from a heading's text
  (see redsite.reserved_names);
- code blocks name a language of the content model's list (`fence_languages`): each is highlighted by a
  Pygments lexer, and some lexers take time that grows with the cube of a line's length.

Fenced code and inline code are text, not markup: nothing in them is checked here.
"""

from __future__ import annotations

import re

from markdown.extensions.attr_list import get_attrs_and_remainder
from pymdownx.superfences import RE_NESTED_FENCE_START

from redsite import licensing
from redsite.model import ContentModel
from redsite.outline import parse_outline
from redsite.page_limits import CONTAINER_PREFIX, blank_comments, code_masked
from redsite.problems import Problem
from redsite.render import DIRECTIVE
from redsite.reserved_names import is_reserved_id, reserved_data_attribute

KIND = "source"
# The directives plugin.content.expand_directive expands: their names, and whether they take a content type.
DIRECTIVES = {"catalog": True, "glossary": False, "initiatives": False, "timeline": False, "sources": False,
              "source-documents": False, "translation-status": False, **dict.fromkeys(licensing.DIRECTIVES, False)}
RED_COMMENT = re.compile(r"<!--\s*red:")
START_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
TAG_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)
TAG_DATA = re.compile(r"\s(data-[\w-]+)", re.IGNORECASE)
ATTRIBUTE_LIST = re.compile(r"\{:?([^{}\n]*)\}")


def markup_problems(text: str, body: str, body_line: int, repo_path: str, lang: str,
                    model: ContentModel) -> list[Problem]:
    """Every finding of this module on one page: `text` is the whole file, `body` its Markdown after the front
    matter, which starts on line `body_line`."""
    masked = code_masked(text.split("\n"))
    return (_fence_problems(masked, model, repo_path, lang) + directive_problems(masked, model, repo_path, lang)
            + reserved_problems(masked, body, body_line, repo_path, lang))


def _fence_problems(masked: list[str], model: ContentModel, repo_path: str, lang: str) -> list[Problem]:
    """Code blocks in a language outside the list. `masked` keeps only the fences' opening lines."""
    allowed = model.source_policy["fence_languages"]
    problems = []
    for number, line in enumerate(masked, start=1):
        opening = ("`" in line or "~" in line) and RE_NESTED_FENCE_START.match(line, CONTAINER_PREFIX.match(line).end())
        language = _fence_language(opening) if opening else ""
        if language and language.lower() not in allowed:
            problems.append(Problem(
                KIND, lang, repo_path, number, f"unknown code block language '{language[:40]}'",
                f"use one of: {', '.join(allowed)}, or none (```); the site highlights only these"))
    return problems


def _fence_language(opening: re.Match) -> str:
    if opening.group("lang"):
        return opening.group("lang")
    attributes, _ = get_attrs_and_remainder(opening.group("attrs") or "")
    return next((value for key, value in attributes if key == "."), "")


def directive_problems(lines: list[str], model: ContentModel, repo_path: str, lang: str) -> list[Problem]:
    forms = [f"<!-- red:{name} {type_name} -->" for name, typed in DIRECTIVES.items() if typed
             for type_name in model.content_types]
    forms += [f"<!-- red:{name} -->" for name, typed in DIRECTIVES.items() if not typed]
    hint = f"write one of: {'; '.join(forms)} (on a line of its own)"
    problems = []
    for number, line in enumerate(lines, start=1):
        for found in RED_COMMENT.finditer(line):
            end = line.find("-->", found.end())
            written = line[found.start():end + 3] if end >= 0 else line[found.start():]
            match = DIRECTIVE.fullmatch(written)
            name, argument = (match.group(1), match.group(2)) if match else (None, None)
            known = name in DIRECTIVES and (argument in model.content_types if DIRECTIVES[name] else argument is None)
            if not known:
                problems.append(Problem(KIND, lang, repo_path, number, f"unknown directive '{written[:80]}'", hint))
    return problems


def reserved_problems(lines: list[str], body: str, body_line: int, repo_path: str, lang: str) -> list[Problem]:
    """Ids of the theme or the build and reserved data attributes, in raw HTML (a tag may span lines), in
    attribute lists and code fences' attributes, and made from headings by the table of contents."""
    found: dict[tuple[int, str], str] = {}  # (line, what) -> how to fix
    text = blank_comments("\n".join(lines))[0]
    if "<" in text:
        number, counted = 1, 0
        for tag in START_TAG.finditer(text):
            number, counted = number + text.count("\n", counted, tag.start()), tag.start()
            for value in ("".join(groups) for groups in TAG_ID.findall(tag.group())):
                _reserved_id(value, number, found)
            for name in TAG_DATA.findall(tag.group()):
                _reserved_data(name, number, found)
    for number, line in enumerate(text.split("\n"), start=1):
        if "{" in line:
            for attributes in ATTRIBUTE_LIST.findall(line):
                for key, value in get_attrs_and_remainder(attributes)[0]:
                    if key == "id":
                        _reserved_id(value, number, found)
                    elif isinstance(key, str):
                        _reserved_data(key, number, found)
    for heading in parse_outline(body, body_line).headings:
        _reserved_id(heading.anchor, heading.line, found)
    return [Problem(KIND, lang, repo_path, number, what, hint) for (number, what), hint in sorted(found.items())]


def _reserved_id(value: str | None, number: int, found: dict) -> None:
    if value and is_reserved_id(value):
        found[number, f"the id '{value[:60]}' belongs to the theme or the build"] = (
            "choose another id (for a heading, add one: ## Heading {#another-id}); with this one the page's "
            "element would take the place of the theme's own")


def _reserved_data(name: str, number: int, found: dict) -> None:
    if reserved_data_attribute(name):
        found[number, f"the attribute '{name[:60]}' belongs to the search, the theme or the build"] = (
            "remove it: their scripts read it (a search result's address and title, filters), so contributed "
            "content may not set it; to write about it, put it in `code`")

