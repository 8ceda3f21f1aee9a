"""The required sections of a typed page: its level-2 headings, in the content model's titles and order.

A contributor who renames a heading ("## What we learned" for "## Key learnings") is told at that heading's line
which title was expected there; a section that is simply absent is reported where it belongs, at the next
required heading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from redsite import source_text
from redsite.model import ContentModel
from redsite.outline import headings
from redsite.problems import Problem

if TYPE_CHECKING:  # frontmatter imports this module
    from redsite.frontmatter import PageSource

KIND = "section"


def section_problems(page: PageSource, lang: str, model: ContentModel, type_name: str) -> list[Problem]:
    """Missing, renamed or misplaced required sections of `page`, each at the line it concerns. An optional
    section may be left out; where a page has it, it keeps its place in the order."""
    content_type = model.content_types[type_name]
    every = [model.section_title(name, lang) for name in content_type.sections]
    required = {model.section_title(name, lang) for name in content_type.required_sections}
    found = headings(page.body, page.body_line)
    titles = [title for _, title in found]
    for line, title in found:
        character = source_text.INVISIBLE.search(title)
        if character and title not in every and source_text.INVISIBLE.sub("", title) in every:
            return [Problem(
                KIND, lang, page.path, line,
                f"the heading '## {source_text.INVISIBLE.sub('', title)}' holds the invisible character "
                f"{source_text.describe(character.group())}, so it is not the required section heading",
                "retype the heading without it")]
    expected = [title for title in every if title in required or title in titles]
    rule = (f"every {type_name} page has these level-2 headings, in this order: "
            + "; ".join(f"## {title}" + ("" if title in required else " (optional)") for title in every))
    problems = []
    used: set[int] = set()
    after = -1  # the index in `found` of the last required heading seen so far
    for position, title in enumerate(expected):
        if title in titles:
            after = max(after, titles.index(title))
            continue
        later = [titles.index(other) for other in expected[position + 1:] if other in titles]
        before = min((index for index in later if index > after), default=len(found))
        strangers = [index for index in range(after + 1, before) if titles[index] not in every
                     and index not in used]
        if strangers:
            index = strangers[0]
            used.add(index)
            after = index
            problems.append(Problem(
                KIND, lang, page.path, found[index][0],
                f"found `## {titles[index]}` where `## {title}` was expected",
                f"rename the heading to `## {title}`: {rule}"))
            continue
        line = found[before][0] if before < len(found) else _last_line(page)
        where = f" (it comes after `## {expected[position - 1]}`)" if position else " (it comes first)"
        problems.append(Problem(KIND, lang, page.path, line, f"missing section `## {title}`{where}",
                                f"add the heading `## {title}` and its text: {rule}"))
    if problems:
        return problems
    order = [titles.index(title) for title in expected]
    for position, (index, next_index) in enumerate(zip(order, order[1:], strict=False)):
        if next_index < index:
            return [Problem(KIND, lang, page.path, found[next_index][0],
                            f"`## {expected[position + 1]}` comes before `## {expected[position]}`",
                            f"order the sections: {rule}")]
    return []


def _last_line(page: PageSource) -> int:
    return page.body_line + max(len(page.body.splitlines()) - 1, 0)
