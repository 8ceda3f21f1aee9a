"""Front matter read in one pass over the YAML events (frontmatter._plain_front_matter) gives what
the full path (source_text.checked_yaml's refusals, compose, then build the values) gives: the same values,
key lines and problems, on every real page, every hostile case and the YAML below."""

from __future__ import annotations

import pytest

from conftest import REPO
from redsite import frontmatter
from redsite.frontmatter import parse_page
from redsite.model import load_model
from test_hostile import SOURCE_CASES

MODEL = load_model()

YAML_CASES = [
    "title: Plain\nsummary: 'Quoted: with colon'\n",
    'title: "Double"\nyes_word: yes\nno_word: No\nnothing: ~\nempty:\nnumber: 12\nfloat: 1.5\nhex: 0x1F\n',
    "date: 2026-11-30\nstamp: 2026-11-30T10:00:00Z\nbad_date: 2026-13-45\n",
    "list: [a, b, 3, true]\nblock:\n  - one\n  - two: 2\n    three: [x]\nnested: {en: English, sv: Svenska}\n",
    "title: First\ntitle: Second\n",
    "nested: {a: 1, a: 2}\n",
    "<<: {title: merged}\n",
    "1: number key\n",
    "? [complex, key]\n: value\n",
    "- a list\n- at the top\n",
    "just text\n",
    "",
    "# only a comment\n",
    "title: &anchor a\nother: *anchor\n",
    "title: !!str tagged\n",
    "title: !custom tagged\n",
    "title: ! bang\n",
    "title: [unclosed\n",
    "title: 'unclosed\n",
    "title: a\n--- second\n",
    "title: a\n  bad: indentation\n",
    "equals: =\n",
    "folded: >\n  two\n  lines\nliteral: |\n  kept\n",
    "title: " + "[" * 10 + "]" * 10 + "\n",
    "three: [[x]]\nfour: [[[x]]]\n",
    "five: [[[[x]]]]\n",
    "map: {a: {b: {c: d}}}\n",
    "map: {a: {b: {c: {d: e}}}}\n",
    "title: &a [x]\n",
    "title: !!seq [x]\n",
    "title: ! [x]\n",
    "title: a\n...\n",
    "tabs:\tvalue\n",
    "ünïcode: värde\nкириллица: значение\n",
    "list_of_maps:\n  - {a: 1}\n  - {b: [1, 2, {c: d}]}\n",
    "empty_list: []\nempty_map: {}\n",
]


def _texts() -> list[tuple[str, str]]:
    found = [(path.relative_to(REPO).as_posix(), path.read_text(encoding="utf-8"))
             for language in MODEL.languages for path in sorted((REPO / language.tree).rglob("*.md"))
             if not path.is_symlink() and path.relative_to(REPO / language.tree).parts[0] not in MODEL.codes]
    for case, files, *_ in SOURCE_CASES:
        for path, content in files.items():
            if path.endswith(".md") and isinstance(content, (str, bytes)):
                text = content if isinstance(content, str) else content.decode("utf-8", "replace")
                found.append((f"{case}:{path}", text))
    found += [(f"yaml-{index}", f"---\n{yaml_text}---\n\nBody.\n") for index, yaml_text in enumerate(YAML_CASES)]
    return found


def _read(path: str, text: str):
    page = parse_page(path, text)
    return page.meta, page.key_lines, page.body, page.body_line, [problem.as_dict() for problem in page.problems]


@pytest.mark.parametrize("path, text", _texts(), ids=lambda value: value if len(value) < 60 else None)
def test_one_pass_reads_front_matter_as_the_full_path_does(path, text, monkeypatch):
    quick = _read(path, text)
    monkeypatch.setattr(frontmatter, "_plain_front_matter", lambda *arguments: None)
    assert quick == _read(path, text)


def test_the_real_pages_take_the_one_pass_path(monkeypatch):
    """Not a fallback for everything: every real page's front matter is read in the one pass."""
    calls, taken = [], []
    plain = frontmatter._plain_front_matter

    def counted(yaml_text, max_depth):
        calls.append(yaml_text)
        result = plain(yaml_text, max_depth)
        taken.append(result is not None)
        return result
    monkeypatch.setattr(frontmatter, "_plain_front_matter", counted)
    real = [(path, text) for path, text in _texts() if path.startswith(("docs/", "docs_sv/", "docs_ru/"))]
    for path, text in real:
        parse_page(path, text)
    assert len(real) > 100 and calls and all(taken)
