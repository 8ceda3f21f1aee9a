"""scripts/new_page.py: the files it writes, what the validator and the build make of them, bad input."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest

from conftest import REPO
from fixture_site import copy_repo, run_build
from redsite import scaffold
from redsite.changes import parse_annotations, related_paths, triage
from redsite.frontmatter import parse_page, validate_page
from redsite.model import load_model
from redsite.outline import headings
from redsite.pages import folder_type
from redsite.render import t
from redsite.translations.report import build_report

MODEL = load_model()
DEFAULT = MODEL.default_language.code
SCRIPT = REPO / "scripts" / "new_page.py"
TITLE = "Harbour Dialogue Pilot"
SLUG = "harbour-dialogue-pilot"


def new_page(root, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *arguments, "--root", str(root)],
                          capture_output=True, text=True, check=False)


def empty_site(root):
    for language in MODEL.languages:
        (root / language.tree).mkdir(parents=True)
    return root


def files_under(root) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


@pytest.mark.parametrize("type_name", list(MODEL.content_types))
def test_creates_the_page_in_every_language_with_complete_front_matter_and_sections(tmp_path, type_name):
    root = empty_site(tmp_path)
    result = new_page(root, type_name, TITLE, "--date", "2026-11-22")
    assert result.returncode == 0, result.stderr
    content_type = MODEL.content_types[type_name]
    rel = f"{content_type.folder}/{SLUG}.md"
    assert files_under(root) == {f"{language.tree}/{rel}" for language in MODEL.languages}
    expected_fields = [spec.name for spec in (*MODEL.common_fields, *content_type.front_matter_fields)]
    for language in MODEL.languages:
        path = f"{language.tree}/{rel}"
        assert path in result.stdout
        page = parse_page(path, (root / path).read_text(encoding="utf-8"), language.code)
        assert validate_page(page, language.code, MODEL, folder_type(rel, MODEL)) == []
        translation = language.code != DEFAULT
        assert list(page.meta) == expected_fields + (["pending"] if translation else [])
        assert page.meta["type"] == type_name and page.meta["title"] == TITLE
        assert page.meta["last_reviewed"] == dt.date(2026, 11, 22)
        assert page.meta.get("pending") is (True if translation else None)
        # The headings are the model's, in this language and order; the text under them is the English guidance.
        assert [title for _, title in headings(page.body, page.body_line)] == [
            MODEL.section_title(section, language.code) for section in content_type.sections]
        for spec in content_type.fields:
            if spec.section:
                assert f"{scaffold.PLACEHOLDER}: {spec.note}" in page.body


def test_english_page_lists_the_allowed_values_and_notes_from_the_model(tmp_path):
    root = empty_site(tmp_path)
    assert new_page(root, "study-visit", TITLE).returncode == 0
    text = (root / "docs" / "study-visits" / f"{SLUG}.md").read_text(encoding="utf-8")
    for key, labels in MODEL.vocabularies["themes"].items():
        assert f"#     {key} = {labels['en']}" in text
    for spec in MODEL.content_types["study-visit"].front_matter_fields:
        if spec.note:
            assert spec.note in text
    assert f"last_reviewed: {dt.date.today().isoformat()}" in text


def test_translations_differ_from_the_english_only_in_headings_pending_and_comments(tmp_path):
    root = empty_site(tmp_path)
    assert new_page(root, "workshop", TITLE).returncode == 0
    english = parse_page("en", (root / "docs" / "workshops" / f"{SLUG}.md").read_text(encoding="utf-8"))
    for language in MODEL.translations:
        path = root / language.tree / "workshops" / f"{SLUG}.md"
        translation = parse_page(language.tree, path.read_text(encoding="utf-8"), language.code)
        assert {key: value for key, value in translation.meta.items() if key != "pending"} == english.meta
        english_body = english.body
        for section in MODEL.content_types["workshop"].sections:
            english_body = english_body.replace(f"## {MODEL.section_title(section, DEFAULT)}\n",
                                                f"## {MODEL.section_title(section, language.code)}\n")
        assert translation.body == english_body


def test_the_validator_flags_the_template_text_and_the_pending_translations_and_nothing_else(tmp_path):
    root = empty_site(tmp_path)
    assert new_page(root, "method", TITLE).returncode == 0
    report = build_report(root, MODEL)
    english = f"{MODEL.default_language.tree}/methods/{SLUG}.md"
    assert {(problem.kind, problem.path) for problem in report.problems} == {
        ("placeholder", english),
        *(("pending", f"{language.tree}/methods/{SLUG}.md") for language in MODEL.translations)}
    for language in MODEL.translations:
        assert report.summary[language.code].pending == 1


@pytest.fixture(scope="module")
def scaffolded_build(tmp_path_factory, site_address):
    """The real site with one page added by the scaffolder, built (without PDFs)."""
    repo = copy_repo(tmp_path_factory.mktemp("scaffolded") / "repo")
    result = new_page(repo, "method", TITLE)
    assert result.returncode == 0, result.stderr
    build = run_build(repo, repo / "site", {"RED_SKIP_PDF": "1"}, site_url=site_address)
    assert build.returncode == 0, build.log
    return build


@pytest.mark.parametrize("lang", MODEL.codes)
def test_new_page_builds_and_is_in_the_nav_and_the_catalog_of_every_language(scaffolded_build, lang):
    prefix = "" if lang == DEFAULT else f"{lang}/"
    page = (scaffolded_build.site / prefix / "methods" / SLUG / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in page
    catalog_page = (scaffolded_build.site / prefix / "methods" / "index.html").read_text(encoding="utf-8")
    catalog = catalog_page[catalog_page.index("data-red-catalog>"):]
    catalog = catalog[:re.search(r"</ul></li>\s*</ul>", catalog).start()]  # search separates list items
    assert f'href="{SLUG}/"' in catalog
    nav = catalog_page[catalog_page.index('<nav class="md-nav md-nav--primary"'):]
    assert f'href="{SLUG}/"' in nav[:nav.index('<div class="md-content"')]
    if lang == DEFAULT:
        assert t("pending_notice", lang) not in page
    else:
        assert t("pending_notice", lang) in page


def test_bad_input_gets_a_clear_error_and_writes_nothing(tmp_path):
    root = empty_site(tmp_path)
    (root / "docs_ru" / "methods").mkdir()
    (root / "docs_ru" / "methods" / f"{SLUG}.md").write_text("Существующая страница\n", encoding="utf-8")
    before = {path: (root / path).read_bytes() for path in files_under(root)}
    cases = [
        (["recipe", TITLE], "unknown page type 'recipe'", "method, study-visit, workshop"),
        (["method", TITLE], f"docs_ru/methods/{SLUG}.md", "different title or --slug"),
        (["method", "   "], "the title is empty", "in quotes"),
        (["method", "Диалог в порту"], "gives no usable file name", "--slug"),
        (["method", "!!!"], "gives no usable file name", "--slug"),
        (["method", "Other", "--slug", SLUG], "already exists", "--slug"),
        (["method", "Other", "--date", "22.11.2026"], "is not a date", "YYYY-MM-DD"),
    ]
    for arguments, message, hint in cases:
        result = new_page(root, *arguments)
        assert result.returncode == 2, arguments
        assert message in result.stderr and hint in result.stderr, (arguments, result.stderr)
        assert "how to fix:" in result.stderr and "Traceback" not in result.stderr
        assert {path: (root / path).read_bytes() for path in files_under(root)} == before, arguments


def test_outside_the_repository_the_error_says_where_to_run_it(tmp_path):
    result = new_page(tmp_path, "method", TITLE)
    assert result.returncode == 2
    assert "has no docs/" in result.stderr and "--root" in result.stderr
    assert files_under(tmp_path) == set()


def test_slugs_are_lowercase_ascii_words():
    assert scaffold.slugify("Harbour Dialogue Pilot") == "harbour-dialogue-pilot"
    assert scaffold.slugify("  Öresund – Åland: «cross-border» 2007!  ") == "oresund-aland-cross-border-2007"
    assert scaffold.slugify("Диалог") == ""


def test_a_failed_write_leaves_no_half_page(tmp_path):
    root = empty_site(tmp_path)
    pages = scaffold.plan("method", TITLE, root, model=MODEL)
    (root / MODEL.translations[-1].tree / "methods").mkdir(parents=True)
    (root / MODEL.translations[-1].tree / "methods" / f"{SLUG}.md").mkdir()  # in the way of the last file
    with pytest.raises(scaffold.ScaffoldError):
        scaffold.write(pages)
    assert not any(path.suffix == ".md" for path in root.rglob("*.md") if path.is_file())


def test_pull_request_findings_keep_changed_pages_and_make_to_do_kinds_warnings():
    output = "\n".join([
        "::error file=docs_sv/methods/x.md,line=17,title=pending (sv)::marked 'pending%3A true'%0AHow to fix: go",
        "::error file=docs_ru/methods/x.md,line=4,title=structure (ru)::heading 2 differs",
        "::error file=docs_ru/methods/y.md,line=1,title=broken-link (ru)::elsewhere",
        "::notice title=Translation status::Svenska (sv): 36 of 37",
    ])
    kept = triage(parse_annotations(output), related_paths(["docs/methods/x.md"], MODEL))
    assert [(a.level, a.file, a.kind) for a in kept] == [
        ("warning", "docs_sv/methods/x.md", "pending"), ("error", "docs_ru/methods/x.md", "structure"),
        ("notice", None, "Translation")]
    assert kept[0].message == "marked 'pending: true'\nHow to fix: go"
    assert parse_annotations(kept[0].github())[0].message == kept[0].message
