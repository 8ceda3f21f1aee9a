"""Hostile and mistaken input, front matter and dates: control characters made by YAML escapes, invisible
characters that spoof a title or a heading, dates out of range or with a time, titles and descriptions of
any length. Each is refused by the validator and by the build with file, line and fix, never a traceback."""

from __future__ import annotations

import datetime as dt

import pytest

from fixture_site import (
    SECTIONS,
    TYPED_HEAD,
    add_files,
    build_refuses,
    make_fixture_site,
    make_tree,
    refused_together,
    validator_hits,
)

LAST_DAY = f"{dt.date.today().year + 1}-12-31"
LONG_TITLE = "Forum building " + "lorem ipsum " * 17000
LONG_DESCRIPTION = "Very long description " * 9000 + "of the project."


def method(title: str = "Forum building", reviewed: str = "2026-01-15", sections: str = SECTIONS) -> str:
    return TYPED_HEAD.format(title=title).replace("2026-01-15", reviewed) + sections


# (case id, files, expected file, expected line, expected message)
CASES = [
    ("A01-escape-bell", {"docs/methods/escape.md": method('"Forum building:\\e[31m arenas\\x07 where actors meet"')},
     "docs/methods/escape.md", 3, "front-matter field 'title' holds U+001B (ESCAPE)"),
    ("A01-bell-in-summary", {"docs_sv/methods/bell.md": method().replace("A short summary.", '"Kort\\x07 text."')},
     "docs_sv/methods/bell.md", 4, "front-matter field 'summary' holds U+0007 (BELL)"),
    ("A02-nul-escape", {"docs/methods/nul.md": method('"Forum building:\\0 arenas"')},
     "docs/methods/nul.md", 3, "front-matter field 'title' holds U+0000 (NULL)"),
    ("A02-c1-in-a-list", {"docs_ru/methods/c1.md": method().replace("[blekinge]", '["blekinge\\x85"]')},
     "docs_ru/methods/c1.md", 7, "front-matter field 'regions' holds U+0085"),
    ("raw-escape-in-the-text", {"docs/raw.md": "# Raw\n\nGreen \x1b[32mtext\n"},
     "docs/raw.md", 3, "the file contains the control character U+001B (ESCAPE)"),
    ("A04-far-future", {"docs/methods/future.md": method(reviewed="9999-12-31")},
     "docs/methods/future.md", 8,
     f"field 'last_reviewed' is 9999-12-31; it must lie between 1990-01-01 and {LAST_DAY}"),
    ("A05-year-one", {"docs/methods/ancient.md": method(reviewed="0001-01-01")},
     "docs/methods/ancient.md", 8, "field 'last_reviewed' is 0001-01-01; it must lie between 1990-01-01"),
    ("F03-with-a-time", {"docs/methods/moment.md": method(reviewed="2026-11-22 23:59:59+05:00")},
     "docs/methods/moment.md", 8, "field 'last_reviewed' must be a day without a time"),
    ("A07-override-in-title", {"docs/methods/spoof.md": method(
        '"Forum building: arenas \\u202eteem srotca\\u202c where all relevant\\u200b actors meet"')},
     "docs/methods/spoof.md", 3, "front-matter field 'title' holds U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("A07-raw-override-in-title", {"docs_sv/spoofed.md": "---\ntitle: Om \u202eteem\u202c\n---\n\nText.\n"},
     "docs_sv/spoofed.md", 2, "front-matter field 'title' holds U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("A07-override-in-heading", {"docs/heading.md": "# Heading\n\n## Notes \u202eesrever\u202c\u200b\n\nText.\n"},
     "docs/heading.md", 3, "the heading holds the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("A07-zero-width-in-setext-heading", {"docs_ru/setext.md": "# Заголовок\n\nИтоги\u200b\n-----\n\nТекст.\n"},
     "docs_ru/setext.md", 3, "the heading holds the invisible character U+200B (ZERO WIDTH SPACE)"),
    ("U03-zero-width-in-a-section", {"docs/methods/section.md": method(sections=SECTIONS.replace(
        "## Problem addressed", "## Problem\u200b addressed"))},
     "docs/methods/section.md", 14, "the heading '## Problem addressed' holds the invisible character U+200B (ZERO "
                                    "WIDTH SPACE), so it is not the required section heading"),
    ("F01-huge-title", {"docs/methods/long.md": method(LONG_TITLE)},
     "docs/methods/long.md", 3, f"field 'title' has {len(LONG_TITLE.strip()):,} characters; at most 200"),
    ("F02-huge-description", {"docs/described.md": f"---\ntitle: About\ndescription: {LONG_DESCRIPTION}\n---\n\nT.\n"},
     "docs/described.md", 3, f"field 'description' has {len(LONG_DESCRIPTION):,} characters; at most 600"),
    ("long-translated-summary", {"docs_sv/methods/summary.md": method().replace("A short summary.", "Lång " * 200)},
     "docs_sv/methods/summary.md", 4, "field 'summary' has 999 characters; at most 600"),
]


@pytest.mark.parametrize(("case", "files", "path", "line", "message"), CASES, ids=[case[0] for case in CASES])
def test_the_validator_refuses(tmp_path, case, files, path, line, message):
    root = make_tree(tmp_path / "repo")
    add_files(root, files)
    hits, rendered = validator_hits(root, path, line, message)
    assert hits, f"expected '{path}:{line}: ...{message}...' among:\n" + "\n".join(rendered)
    assert all("how to fix:" in text for text in hits)


@pytest.fixture(scope="module")
def refused_build(tmp_path_factory, site_address):
    return refused_together(make_fixture_site(tmp_path_factory.mktemp("front-matter") / "repo"), CASES,
                            site_address)


@pytest.mark.parametrize(("case", "files", "path", "line", "message"), CASES, ids=[case[0] for case in CASES])
def test_the_build_refuses(refused_build, case, files, path, line, message):
    build_refuses(refused_build, path, line, message)


def test_the_last_day_follows_the_build_year():
    from redsite.model import load_model

    first, last = load_model().date_range(dt.date(2031, 6, 1))
    assert (first, last) == (dt.date(1990, 1, 1), dt.date(2032, 12, 31))
