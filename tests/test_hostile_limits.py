"""Hostile and mistaken input, limits: Markdown that made the build hang (a run of '[', a heading followed by
a run of spaces, a code block in a slow lexer) or crash on recursion (deeply nested lists or HTML). Each is
refused when the page is read, with file, line and fix, before Markdown, typography or the outline see it:
by the validator, and by the build at once, without a traceback. What the limits allow is timed by
scripts/benchmark_limits.py, not here."""

from __future__ import annotations

import pytest

from fixture_site import (
    REPO,
    SECTIONS,
    TYPED_HEAD,
    add_files,
    build_fixture,
    build_refuses,
    make_fixture_site,
    make_tree,
    refused_together,
    validator_hits,
    write,
)

RUSSIAN_METHOD = (REPO / "docs_ru/methods/forum-building.md").read_text(encoding="utf-8")
PAGE = "---\ntitle: Limits\n---\n\nText of the page.\n\n"  # the case's text starts on line 7

# (case id, files, expected file, expected line, expected message)
CASES = [
    ("M06-list-nested-300", {"docs/lists.md": PAGE + "".join("    " * i + "- item\n" for i in range(300))},
     "docs/lists.md", 7 + 12, "lists, quotes or definitions are nested 13 deep here; the limit is 12"),
    ("M07-run-of-brackets", {"docs/brackets.md": PAGE + "[" * 50_000 + "\n"},
     "docs/brackets.md", 7, "the character '[' is repeated 50,000 times in a row; the limit is 100"),
    ("M08-heading-and-spaces", {"docs_sv/spaces.md": PAGE + "## Note" + " " * 200_000 + "x\n"},
     "docs_sv/spaces.md", 7, "the line has 200,008 characters; the limit is 4,000"),
    ("M08-spaces-in-a-short-line", {"docs_ru/spaces.md": PAGE + "## Note" + " " * 3000 + "x\n"},
     "docs_ru/spaces.md", 7, "the character ' ' is repeated 3,000 times in a row; the limit is 100"),
    ("M09-nested-divs", {"docs/methods/deep.md": TYPED_HEAD.format(title="Deep") + SECTIONS + "\n\n"
                         + "<div>" * 20_000 + "deep text" + "</div>" * 20_000 + "\n"},
     "docs/methods/deep.md", len((TYPED_HEAD + SECTIONS).splitlines()) + 2,
     "HTML elements are nested 13 deep here; the limit is 12"),
    ("Y01-russian-spaces", {"docs_ru/methods/forum-building.md": RUSSIAN_METHOD + "\nТекст" + " " * 240_000 + "!\n"},
     "docs_ru/methods/forum-building.md", RUSSIAN_METHOD.count("\n") + 2,
     "the line has 240,006 characters; the limit is 4,000"),
    ("M17-quotes-nested", {"docs_sv/quotes.md": PAGE + "".join(">" * (i + 1) + " q\n" for i in range(690))},
     "docs_sv/quotes.md", 7 + 12, "nested 13 deep here"),
    ("list-markers-on-one-line", {"docs_ru/markers.md": PAGE + "1. " * 1000 + "x\n"},
     "docs_ru/markers.md", 7, "nested 1,000 deep here"),
    ("definitions-without-blank-lines", {"docs/definitions.md": PAGE + "term\n: definition\n" * 800},
     "docs/definitions.md", 7 + 25, "nested 13 deep here"),
    ("unclosed-brackets", {"docs/unclosed.md": PAGE + "Text [a] and [b without its end.\nA second line.\n\nNext.\n"},
     "docs/unclosed.md", 7, "a '[' on this line is not closed by a ']' in its paragraph"),
    ("nested-brackets", {"docs_sv/nested.md": PAGE + "[a " * 4 + "]" * 4 + "\n"},
     "docs_sv/nested.md", 7, "links or square brackets are nested 4 deep here; the limit is 3"),
    ("unended-tags", {"docs_ru/tags.md": PAGE + "<a \n" * 500 + "\n"},
     "docs_ru/tags.md", 17, "the tag that starts '<a ' does not end with '>' on its line, and 10 before it"),
    ("table-too-large", {"docs/table.md": PAGE + "|" + "a|" * 20 + "\n|" + "-|" * 20 + "\n"
                         + ("|" + "1|" * 20 + "\n") * 2000},
     "docs/table.md", 7, "the tables of the page have more than 5,000 cells, this one 40,020"),
    ("tables-too-many", {"docs_ru/tables.md": PAGE + ("|a|b|\n|-|-|\n" + "|1|2|\n" * 99 + "\n") * 30},
     "docs_ru/tables.md", 7 + 25 * 102, "the tables of the page have more than 5,000 cells, this one 200"),
    ("table-too-wide", {"docs_sv/wide.md": PAGE + "|" + "a|" * 40 + "\n|" + "-|" * 40 + "\n|" + "1|" * 40 + "\n"},
     "docs_sv/wide.md", 7, "the table has 40 columns; the limit is 20"),
    ("pipes-are-a-table", {"docs/pipes.md": PAGE + "\n".join(["|" * 78] * 40) + "\n"},
     "docs/pipes.md", 7, "the table has 77 columns; the limit is 20"),
    ("unclosed-backticks", {"docs_sv/ticks.md": PAGE + "Text ``a" + "```a" * 900 + "\nmore.\n\nNext.\n"},
     "docs_sv/ticks.md", 7, "a '`' on this line starts inline code that nothing closes in its paragraph"),
    ("markup-characters", {"docs/stars.md": PAGE + ("*_" * 500 + "\n") * 25},
     "docs/stars.md", 7 + 20, "the page has more than 20,000 characters that Markdown reads as markup"),
    ("headings", {"docs/headings.md": PAGE + "# a\n\n" * 20_000},
     "docs/headings.md", 7 + 1000, "the page has more than 500 headings by this line"),
    ("abbreviations", {"docs_ru/abbreviations.md": PAGE + "".join(f"*[W{i}]: word {i}\n" for i in range(2000))},
     "docs_ru/abbreviations.md", 7 + 100, "the page defines 2,000 abbreviations; the limit is 100"),
]
IDS = [case[0] for case in CASES]


@pytest.mark.parametrize(("case", "files", "path", "line", "message"), CASES, ids=IDS)
def test_the_validator_refuses(tmp_path, case, files, path, line, message):
    root = make_tree(tmp_path / "repo")
    add_files(root, files)
    hits, rendered = validator_hits(root, path, line, message)
    assert hits, f"expected '{path}:{line}: ...{message}...' among:\n" + "\n".join(rendered)
    assert all("how to fix:" in text for text in hits)


@pytest.fixture(scope="module")
def refused_build(tmp_path_factory, site_address):
    return refused_together(make_fixture_site(tmp_path_factory.mktemp("limits") / "repo"), CASES, site_address)


@pytest.mark.parametrize(("case", "files", "path", "line", "message"), CASES, ids=IDS)
def test_the_build_refuses(refused_build, case, files, path, line, message):
    build_refuses(refused_build, path, line, message)


def test_a_page_over_a_limit_is_read_no_further(tmp_path):
    """Nothing downstream reads it: no front matter, no body, so no outline, typography or Markdown."""
    from redsite.pages import PageFile, read_page

    path = write(tmp_path, "docs/x.md", PAGE + "## Note" + " " * 200_000 + "x\n")
    parsed = read_page(PageFile("en", "x.md", path), tmp_path)
    assert parsed.meta == {} and parsed.body == ""
    assert {problem.kind for problem in parsed.problems} == {"source"} and len(parsed.problems) == 2  # line, run


def test_the_build_takes_a_page_at_every_limit(tmp_path, site_address):
    """The benchmark's page at every limit at once (scripts/benchmark_limits.py times it) is accepted and builds."""
    from benchmark_limits import page

    root = make_fixture_site(tmp_path / "repo")
    write(root, "docs/methods/limits.md", page("every-limit"))
    build = build_fixture(root, site_url=site_address)
    assert build.returncode == 0 and "Traceback" not in build.log, build.log[-3000:]
    html = (build.site / "methods" / "limits" / "index.html").read_text(encoding="utf-8")
    assert html.count("<tr>") > 200 and '<abbr title="word 1">W1</abbr>' in html
