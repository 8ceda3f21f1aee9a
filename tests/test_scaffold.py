"""scripts/new_page.py: the files it writes, what the validator and the build make of them, bad input."""

from __future__ import annotations

import datetime as dt
import os
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


def new_page(root, *arguments, answer: str | None = None) -> subprocess.CompletedProcess:
    """The scaffolder as a contributor runs it; without a terminal (stdin is not one), or answering its question
    in one (`answer`, through a pseudo-terminal)."""
    if answer is None:
        return subprocess.run([sys.executable, str(SCRIPT), *arguments, "--root", str(root)],
                              capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL)
    return in_terminal([sys.executable, str(SCRIPT), *arguments, "--root", str(root)], answer)


def in_terminal(command: list[str], answer: str) -> subprocess.CompletedProcess:
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    os.close(follower)
    os.write(leader, (answer + "\n").encode())
    out, err = process.communicate(timeout=60)
    os.close(leader)
    return subprocess.CompletedProcess(command, process.returncode, out, err)


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
    assert new_page(root, "method", TITLE, "--real").returncode == 0
    report = build_report(root, MODEL)
    english = f"{MODEL.default_language.tree}/methods/{SLUG}.md"
    stubs = [f"{language.tree}/methods/{SLUG}.md" for language in MODEL.translations]
    assert {(problem.kind, problem.path, problem.level) for problem in report.problems} == {
        ("placeholder", english, "error"),
        *(("pending", stub, "warning") for stub in stubs), *(("placeholder", stub, "warning") for stub in stubs)}
    # the stubs' template text is one warning per stub, with the command that takes the English page in again
    for stub in stubs:
        (warning,) = [problem for problem in report.problems if problem.kind == "placeholder" and problem.path == stub]
        assert f"make stub FILE={stub}" in warning.hint
    for language in MODEL.translations:
        assert report.summary[language.code].pending == 1


@pytest.fixture(scope="module")
def scaffolded_build(tmp_path_factory, site_address):
    """The real site with one page added by the scaffolder, built (without PDFs)."""
    repo = copy_repo(tmp_path_factory.mktemp("scaffolded") / "repo")
    result = new_page(repo, "method", TITLE, "--real")
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
    # the stubs are pending: each language shows the English page with the fallback notice, and no template text
    # of a stub reaches a reader (the English page's own TODOs are the contributor's to replace)
    assert (t("fallback_notice", lang) in page) == (lang != DEFAULT)
    english = (scaffolded_build.site / "methods" / SLUG / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", page, re.S).group(0)
    assert re.search(r"<article.*?</article>", english, re.S).group(0).count("TODO") == article.count("TODO")
    if lang != DEFAULT:
        assert f"[{lang}] not translated yet, English fallback built with notice: methods/{SLUG}.md" in \
            scaffolded_build.log


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


def test_pull_request_findings_keep_changed_pages_at_the_validators_level():
    output = "\n".join([
        "::warning file=docs_sv/methods/x.md,line=17,title=pending (sv)::marked 'pending%3A true'%0AHow to fix: go",
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


# --------------------------------------------------------------------------- examples, slugs, stubs

EXAMPLE_RULES = MODEL.example_pages


def test_an_example_gets_the_conventions_of_the_content_model(tmp_path):
    root = empty_site(tmp_path)
    assert new_page(root, "study-visit", "Harbour incubator", "--example").returncode == 0
    prefix = EXAMPLE_RULES["title_prefix"][DEFAULT]
    slug = scaffold.slugify(f"{prefix} Harbour incubator")
    english = parse_page("x", (root / "docs" / "study-visits" / f"{slug}.md").read_text(encoding="utf-8"))
    assert english.meta["title"] == f"{prefix} Harbour incubator" and english.meta["example"] is True
    for name, rule in EXAMPLE_RULES["fixed_fields"].items():
        assert english.meta[name] == rule["value"], name
    year = EXAMPLE_RULES["placeholder_year"]
    assert year in english.meta["dates"]
    # what is left to write is template text; nothing breaks the example rule or any other
    report = build_report(root, MODEL)
    assert {problem.kind for problem in report.problems if problem.level == "error"} == {"placeholder"}
    for language in MODEL.translations:
        stub = parse_page("x", (root / language.tree / "study-visits" / f"{slug}.md").read_text(encoding="utf-8"))
        assert {key: value for key, value in stub.meta.items() if key != "pending"} == english.meta


@pytest.mark.parametrize(("title", "answer", "example"), [
    ("Harbour incubator", "y", True), ("Harbour incubator", "", False), ("Harbour incubator", "n", False),
    ("Example: Harbour incubator", "", True), ("Example: Harbour incubator", "no", False)])
def test_in_a_terminal_the_scaffolder_asks_whether_the_page_is_an_example(tmp_path, title, answer, example):
    root = empty_site(tmp_path)
    result = new_page(root, "workshop", title, answer=answer)
    assert result.returncode == 0, result.stderr
    assert "invented example" in result.stdout.splitlines()[0]  # the question
    (page,) = (root / "docs" / "workshops").glob("*.md")
    assert parse_page("x", page.read_text(encoding="utf-8")).meta["example"] is example


def test_without_a_terminal_the_title_says_whether_it_is_an_example(tmp_path):
    root = empty_site(tmp_path)
    assert new_page(root, "workshop", "Example: Harbour incubator").returncode == 0
    assert new_page(root, "workshop", "Harbour incubator").returncode == 0
    metas = {page.stem: parse_page("x", page.read_text(encoding="utf-8")).meta
             for page in (root / "docs" / "workshops").glob("*.md")}
    assert metas["example-harbour-incubator"]["example"] is True and metas["harbour-incubator"]["example"] is False


def test_default_file_names_are_short_and_cut_at_a_word(tmp_path):
    title = "Visitors from Region A study a harbour business incubator in Region B"
    slug = scaffold.default_slug(title)
    assert len(slug) <= scaffold.DEFAULT_SLUG_LENGTH and scaffold.slugify(title).startswith(slug + "-")
    assert scaffold.default_slug("Harbour incubator") == "harbour-incubator"
    assert len(scaffold.default_slug("x" * 90)) == scaffold.DEFAULT_SLUG_LENGTH
    root = empty_site(tmp_path)
    result = new_page(root, "method", title, "--real")
    assert result.returncode == 0 and f"shortened to {slug}.md" in result.stdout
    assert new_page(root, "method", title, "--real", "--slug", "harbour-visit").returncode == 0
    assert (root / "docs" / "methods" / "harbour-visit.md").is_file()


def written_english(root, rel: str) -> None:
    """The contributor writes the English page: every template text replaced, another theme chosen."""
    path = root / "docs" / rel
    text = path.read_text(encoding="utf-8").replace("themes: [cross-border-cooperation]", "themes: [innovation]")
    path.write_text(re.sub(r'"?TODO[^\n"]*"?', "Written by the contributor.", text), encoding="utf-8")


def test_a_stub_is_made_again_from_the_current_english_page(tmp_path):
    root = empty_site(tmp_path)
    assert new_page(root, "method", TITLE, "--real").returncode == 0
    rel = f"methods/{SLUG}.md"
    written_english(root, rel)
    stub = f"docs_sv/{rel}"
    before = build_report(root, MODEL)
    assert {(p.kind, p.level) for p in before.problems if p.path == stub} == {
        ("placeholder", "warning"), ("structure", "warning"), ("pending", "warning")}
    assert all(f"make stub FILE={stub}" in p.hint for p in before.problems if p.path == stub and p.kind != "pending")
    result = new_page(root, "--refresh", stub)
    assert result.returncode == 0 and "written again from the English page" in result.stdout, result.stderr
    text = (root / stub).read_text(encoding="utf-8")
    assert "TODO" not in text and "Written by the contributor." in text and "pending: true" in text
    assert f"## {MODEL.section_title('problem', 'sv')}\n" in text
    assert [(p.kind, p.level) for p in build_report(root, MODEL).problems if p.path == stub] == [("pending", "warning")]


def test_a_stub_is_written_for_a_missing_translation_and_never_over_a_finished_one(tmp_path):
    root = empty_site(tmp_path)
    assert new_page(root, "method", TITLE, "--real").returncode == 0
    rel = f"methods/{SLUG}.md"
    written_english(root, rel)
    (root / "docs_ru" / rel).unlink()
    assert new_page(root, "--refresh", f"docs_ru/{rel}").returncode == 0
    assert "pending: true" in (root / "docs_ru" / rel).read_text(encoding="utf-8")
    finished = root / "docs_sv" / rel
    finished.write_text(finished.read_text(encoding="utf-8").replace("pending: true\n", ""), encoding="utf-8")
    before = finished.read_bytes()
    result = new_page(root, "--refresh", f"docs_sv/{rel}")
    assert result.returncode == 2 and "is a translation already" in result.stderr and "how to fix" in result.stderr
    assert finished.read_bytes() == before
    for wrong, message in ((f"docs/{rel}", "is not the path of a translation"),
                           ("docs_sv/methods/nothing.md", "there is no English page"),
                           ("/etc/passwd", "is not inside the repository")):
        result = new_page(root, "--refresh", wrong)
        assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr, wrong
