"""redsite.outline against Python-Markdown, the renderer of the site: on every real page of every
language, the outline's headings (level and anchor, in order) are those the toc extension makes,
with the markdown_extensions of mkdocs.yml. The validator checks anchors with the outline, so an
anchor it accepts is one the built page has."""

from __future__ import annotations

import random
import re

import markdown
import pytest
from mkdocs.config import load_config

from conftest import REPO
from redsite import outline
from redsite.model import load_model
from redsite.outline import headings, parse_outline
from redsite.pages import list_pages, read_page

MODEL = load_model()
PAGES = [page for lang in MODEL.codes for page in list_pages(lang, REPO, MODEL)]


@pytest.fixture(scope="module")
def site_markdown():
    config = load_config(str(REPO / "mkdocs.yml"))
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


def toc_headings(tokens) -> list[tuple[int, str]]:
    found = []
    for token in tokens:
        found.append((token["level"], token["id"]))
        found += toc_headings(token["children"])
    return found


@pytest.mark.parametrize("page", PAGES, ids=[page.repo_path(REPO) for page in PAGES])
def test_outline_headings_and_anchors_are_python_markdowns(page, site_markdown):
    source = read_page(page, REPO)
    site_markdown.reset()
    site_markdown.convert(source.body)
    outline = parse_outline(source.body, source.body_line)
    assert [(heading.level, heading.anchor) for heading in outline.headings] == toc_headings(site_markdown.toc_tokens)
    assert {anchor for _, anchor in toc_headings(site_markdown.toc_tokens)} <= outline.anchors


def test_outline_of_a_small_page():
    body = "\n".join([
        "Intro with a [link](a.md#x) and ![a map](map.png).",  # 10
        "",
        "## Plan {#plan}",  # 12
        "",
        "```python",  # 14
        "## not a heading",
        "```",
        "",
        '!!! note "Mind this"',  # 18
        "    Inside the box.",
        "",
        "| A | B |",  # 21
        "|---|---|",
        "| 1 | 2 |",
        "",
        "## Plan",  # 25
        "### Plan",  # 26
        "<!-- red:catalog method -->",
    ])
    outline = parse_outline(body, 10)
    assert [(h.line, h.level, h.text, h.anchor) for h in outline.headings] == [
        (12, 2, "Plan", "plan"), (25, 2, "Plan", "plan_1"), (26, 3, "Plan", "plan_2")]
    assert [(e.line, e.value) for e in outline.links] == [(10, "a.md#x")]
    assert [(e.line, e.value) for e in outline.images] == [(10, "map.png")]
    assert [(e.line, e.section, e.value) for e in outline.code_blocks] == [(14, 1, "python")]
    assert [(e.line, e.value) for e in outline.admonitions] == [(18, "note")]
    assert [(e.line, e.value) for e in outline.tables] == [(21, "2 columns, 1 rows")]
    assert outline.generated
    assert [block.line for block in outline.blocks][:3] == [10, 12, 18]
    assert headings(body, 10) == [(12, "Plan"), (25, "Plan")]


# --- The patterns that run on every line read like the backtracking ones they replaced, in linear time -----------

OLD_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
OLD_TRAILING_ATTRIBUTES = re.compile(r"\s*\{:?\s*([^}]*)\}\s*$")
OLD_DESTINATION = r"""\(\s*<?([^)\s>]*)>?(?:\s+["'][^)]*["'])?\s*\)"""
OLD_IMAGE = re.compile(r"!\[([^\]]*)\]" + OLD_DESTINATION)
OLD_LINK = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\]]*\])*)\]" + OLD_DESTINATION)


def small_lines(alphabet: str, count: int, seed: int) -> list[str]:
    generator = random.Random(seed)
    return [prefix + "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 14)))
            for prefix in ("", "# ", "## ", "[a](", "![b](", "[x] ") for _ in range(count)]


@pytest.mark.parametrize("seed", range(4))
def test_headings_and_destinations_read_as_before(seed):
    """Every line of a random sample from the characters that matter, through the old and the new reading."""
    for line in small_lines(" \t#{}:a.x", 3000, seed):
        old = OLD_ATX_HEADING.match(line)
        new = outline.ATX_HEADING.match(line)
        assert bool(old) == bool(new), line
        if old:
            text = outline.heading_text(new.group(2))
            assert text == old.group(2), line
            before, after = OLD_TRAILING_ATTRIBUTES.search(text), outline.trailing_attributes(text)
            assert (before.start(), before.group(1)) == after if before else after is None, line
    for line in small_lines(" \t()[]<>\"'!ax", 3000, seed):
        for old, new in ((OLD_IMAGE, outline.IMAGE), (OLD_LINK, outline.LINK)):
            assert [(m.span(), m.group(1), m.group(2)) for m in old.finditer(line)] == [
                (m.span(), m.group(1), m.group(2) or "") for m in new.finditer(line)], line


@pytest.mark.parametrize("line", ["## Note" + " " * 200_000 + "x", "## Note {" + " " * 200_000 + "x}",
                                  "[a](" + " " * 200_000 + "x", "![a](" + " " * 200_000 + '"t" x'])
def test_a_long_run_of_spaces_is_read_in_one_pass(line):
    """The red-team's heading with 200,000 spaces (and links like it) took minutes: one pass now. (The source
    policy refuses such runs before the outline reads a page; the outline does not rely on it.)"""
    outline_of_it = parse_outline(line)
    assert len(outline_of_it.headings) == (1 if line.startswith("#") else 0)


def test_equal_headings_get_the_toc_extensions_anchors():
    """Many equal headings: the anchors the toc extension gives (plan, plan_1, ...), in one pass each (a page of
    20,000 equal headings took minutes while every suffix was tried again for each)."""
    from markdown.extensions.toc import unique
    from pymdownx.slugs import slugify

    slugify_heading = slugify(case="lower")  # the site's, as in mkdocs.yml
    body = "".join(f"## Plan\n\n## {'Plan_2' if number == 5 else 'Other'}\n\n" for number in range(300))
    expected, taken = [], set()
    for heading in parse_outline(body).headings:
        expected.append(unique(slugify_heading(heading.text, "-"), taken))
    assert [heading.anchor for heading in parse_outline(body).headings] == expected
    assert len(parse_outline("## Plan\n\n" * 20_000).anchors) == 20_000
