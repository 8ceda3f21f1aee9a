"""Unit tests of the pure functions behind the build."""

from __future__ import annotations

import datetime as dt

import pytest
from markupsafe import escape

from redsite import site_nav
from redsite.data_checks import check_data_files
from redsite.frontmatter import parse_page, validate_page
from redsite.model import MODEL_FILE, load_model
from redsite.outline import headings
from redsite.render import facts_box, t, ui_strings
from redsite.sanitize import sanitize_html

MODEL = load_model()
VALID_METHOD = """---
type: method
title: Forum building
summary: Building arenas where all relevant actors meet.
work_package: [a]
themes: [networking]
regions: [south-sweden, kaliningrad]
last_reviewed: 2026-11-22
sources: [red-description]
example: false
origin: red
---

Intro.

## Problem addressed
## Stakeholders
## Resources needed
## Evidence of success
## Difficulties
## Transferability
"""


def problems_of(text: str, lang: str = "en", folder: str | None = "method"):
    return validate_page(parse_page("docs/methods/x.md", text, lang), lang, MODEL, folder)


def test_a_valid_method_has_no_problems():
    assert problems_of(VALID_METHOD) == []


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("themes: [networking]", "themes: [gardening]", 6, "item 'gardening' is not one of"),
        ("last_reviewed: 2026-11-22", "last_reviewed: soon", 8, "must be a date"),
        ("example: false", "example: maybe", 10, "must be true or false"),
        ("sources: [red-description]", "sources: [my-notes]", 9, "not a known source"),
        ("summary: Building arenas where all relevant actors meet.",
         "summary: One. Two. Three.", 4, "one or two sentences"),
        ("example: false", "example: false\ncolour: blue", 11, "unknown field 'colour'"),
        ("## Transferability", "", 20, "missing section `## Transferability` (it comes after `## Difficulties`)"),
        ("## Stakeholders", "## Who took part", 17, "found `## Who took part` where `## Stakeholders` was expected"),
        ("example: false", "example: false\nhosts: x", 11, "unknown field 'hosts'"),
        ("type: method", "type: workshop", 2, "in the folder for 'method' pages"),
        ("title: Forum building", "title: Forum <script>alert(1)</script>", 3, "contains HTML markup"),
    ],
)
def test_front_matter_problems_name_the_line(old, new, line, message):
    problems = problems_of(VALID_METHOD.replace(old, new))
    assert any(p.line == line and message in p.message and p.hint for p in problems), problems


def test_yaml_syntax_error_is_a_problem_not_an_exception():
    (problem,) = problems_of("---\ntype: method\ntitle: \"unclosed\n---\n")
    assert problem.kind == "front-matter" and problem.line >= 2 and "not valid YAML" in problem.message


def test_unclosed_front_matter_is_reported():
    (problem,) = problems_of("---\ntype: method\n")
    assert problem.line == 1 and "never closed" in problem.message


def test_translations_use_headings_in_their_language_unless_pending():
    swedish = VALID_METHOD.replace("example: false", "example: false\nsource_hash: abc")
    problems = problems_of(swedish, "sv")
    assert any("## Utmaningen" in p.message for p in problems)
    assert problems_of(swedish.replace("source_hash: abc", "pending: true"), "sv") == []


def test_translation_fields_are_refused_in_english():
    problems = problems_of(VALID_METHOD.replace("example: false", "example: false\npending: true"))
    assert any("belongs only in translations" in p.message for p in problems)


def test_headings_skip_fenced_code():
    body = "## One\n```\n## Not a heading\n```\n## Two {#two}\n"
    assert headings(body, 10) == [(10, "One"), (14, "Two")]


def test_dates_parse_as_dates():
    page = parse_page("x.md", VALID_METHOD)
    assert page.meta["last_reviewed"] == dt.date(2026, 11, 22)
    assert page.key_lines["type"] == 2 and page.body_line == 13


def test_every_ui_string_exists_in_every_language():
    for key, values in ui_strings().items():
        assert set(values) == set(MODEL.codes), key
        assert all(value.strip() for value in values.values()), key


def test_every_vocabulary_and_section_is_labelled_in_every_language():
    for vocabulary in MODEL.vocabularies.values():
        for key, labels in vocabulary.items():
            assert set(labels) == set(MODEL.codes), key
    for content_type in MODEL.content_types.values():
        for section in content_type.sections:
            assert set(MODEL.section_titles[section]) == set(MODEL.codes), section


def test_sanitize_keeps_markup_and_directives_and_drops_scripts():
    html = ('<p class="x" onclick="steal()">text <a href="javascript:steal()">a</a> <a href="../b/">b</a></p>'
            '<script>steal()</script><!-- red:catalog method --><div class="admonition note"><p>n</p></div>')
    clean = sanitize_html(html)
    assert "steal" not in clean
    assert '<a href="../b/">b</a>' in clean and "<!-- red:catalog method -->" in clean
    assert '<div class="admonition note">' in clean


def test_nav_sections_are_filled_from_the_content(tmp_path):
    for lang in MODEL.languages:
        folder = tmp_path / lang.tree / "methods"
        folder.mkdir(parents=True)
        for slug, title in (("b", "Beta"), ("a", "Alpha")):
            (folder / f"{slug}.md").write_text(VALID_METHOD.replace("Forum building", title), encoding="utf-8")
    nav = [{"Home": "index.md"}, {"Methods": ["methods/index.md"]}]
    assert site_nav.expand(nav, "sv", MODEL, tmp_path) == [
        {"Home": "index.md"}, {"Methods": ["methods/index.md", "methods/a.md", "methods/b.md"]}]


def test_fallback_notice_wording():
    assert "engelska originalet" in t("fallback_notice", "sv")
    assert "английский оригинал" in t("fallback_notice", "ru")


def test_untyped_pages_refuse_markup_in_front_matter_too():
    problems = problems_of('---\ntitle: "About <img src=x onerror=alert(1)>"\n---\n', folder=None)
    assert [(p.line, "contains HTML markup" in p.message) for p in problems] == [(2, True)]


def test_data_file_mistakes_are_problems_with_file_and_line(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "glossary.yml").write_text(
        "terms:\n  - en: work package\n    sv: arbetspaket\n  - en: study visit\n    sv: studiebesök\n"
        "    ru: ознакомительный визит\n", encoding="utf-8")
    (data / "baltic_initiatives.yml").write_text("groups:\n  - key: a\n    title: {en: [unclosed\n",
                                                  encoding="utf-8")
    problems = [(p.path, p.line, p.message) for p in check_data_files(tmp_path, MODEL)]
    assert problems[0] == ("data/glossary.yml", 2, "term 1 (work package) lacks: ru")
    assert problems[1][:2] == ("data/baltic_initiatives.yml", 4) and "not valid YAML" in problems[1][2]
    assert len(problems) == 2


def test_the_real_data_files_are_complete():
    assert check_data_files() == []


def test_a_file_that_is_not_utf8_is_a_problem_not_a_crash(tmp_path):
    from redsite.pages import PageFile, read_page

    path = tmp_path / "docs_sv" / "about.md"
    path.parent.mkdir()
    path.write_bytes("---\ntitle: Om RED – översikt\n---\n".encode("latin-1", errors="replace"))
    (problem,) = read_page(PageFile("sv", "about.md", path), tmp_path).problems
    assert (problem.path, problem.line) == ("docs_sv/about.md", 2) and "UTF-8" in problem.message


def test_the_facts_box_shows_a_vocabulary_field_by_its_label_in_the_readers_language(tmp_path):
    # The model's one such field, a method's `origin`, is labelled under the title instead (next test);
    # a study visit's `host` taken from a vocabulary stands in for the next one.
    line, text = 'host: {type: str, required: true', MODEL_FILE.read_text(encoding="utf-8")
    assert line in text
    variant = tmp_path / "content_model.yml"
    variant.write_text(text.replace(line, 'host: {type: "enum:origins", required: true'), encoding="utf-8")
    model = load_model(variant)
    checked = 0
    for content_type in model.content_types.values():
        for spec in content_type.front_matter_fields:
            vocabulary = spec.parsed.vocabulary
            if vocabulary not in model.vocabularies or spec.parsed.is_list or spec.name == "origin":
                continue
            key = next(iter(model.vocabularies[vocabulary]))
            for lang in model.codes:
                box = facts_box({"type": content_type.name, spec.name: key}, lang, model)
                assert f"<dd>{escape(model.label(vocabulary, key, lang))}</dd>" in box, (spec.name, lang)
                checked += 1
    assert checked == len(model.codes)


def test_the_facts_box_leaves_a_methods_origin_to_the_label_under_the_title():
    for key in MODEL.vocabularies["origins"]:
        for lang in MODEL.codes:
            box = facts_box({"type": "method", "origin": key, "themes": ["investment"]}, lang, MODEL)
            assert t("field_themes", lang) in box  # the box is there
            assert t("field_origin", lang) not in box and escape(MODEL.label("origins", key, lang)) not in box
