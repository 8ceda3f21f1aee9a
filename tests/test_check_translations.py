"""scripts/check_translations.py and redsite.translations: one fixture tree per problem kind,
the command line (exit codes, formats, stamping), the real repository, and the built site."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from conftest import REPO
from redsite.frontmatter import parse_page
from redsite.model import load_model
from redsite.render import t
from redsite.sample_site import sample_page
from redsite.translations import formats as translation_report
from redsite.translations.freshness import CURRENT, MISSING, PENDING_STATE, STALE, page_state, source_hash
from redsite.translations.report import build_report
from redsite.translations.stamp import stamp_paths, stamp_text

MODEL = load_model()
CLI = REPO / "scripts" / "check_translations.py"

# A small site: two pages in three languages. Translations carry source_hash on line 4, so the
# line numbers below are those of the files as written here.
ENGLISH = {
    "guide.md": """---
title: Working with forums
description: How a forum brings the actors of regional development together.
---

A forum is a place where the actors of regional development meet on equal terms and agree on shared goals.

## How to start

Invite the partners early and agree on the purpose of the forum before the first meeting.

See the [list of partners](partners.md) and the [advice below](#what-to-avoid).

## What to avoid

!!! note "Keep it small"
    Small groups talk more openly than large plenary meetings.

| Step | Who |
| --- | --- |
| Invite the partners | The convenor |
""",
    "partners.md": """---
title: Partners
---

The partnership brings together regional and local authorities from both sides of the Baltic Sea.
""",
}
TRANSLATED = {
    "sv": {
        "guide.md": """---
title: Att arbeta med forum
description: Hur ett forum samlar aktörerna inom regional utveckling.
source_hash: "{hash}"
---

Ett forum är en plats där aktörerna inom regional utveckling möts på lika villkor och enas om gemensamma mål.

## Så kommer ni i gång

Bjud in partnerna tidigt och kom överens om forumets syfte före det första mötet.

Se [listan över partner](partners.md) och [råden nedan](#det-här-bör-ni-undvika).

## Det här bör ni undvika

!!! note "Håll det litet"
    Små grupper talar mer öppet än stora möten i plenum.

| Steg | Vem |
| --- | --- |
| Bjud in partnerna | Den sammankallande |
""",
        "partners.md": """---
title: Partner
source_hash: "{hash}"
---

Partnerskapet samlar regionala och lokala myndigheter från båda sidor om Östersjön.
""",
    },
    "ru": {
        "guide.md": """---
title: Как работать с форумами
description: Как форум объединяет участников регионального развития.
source_hash: "{hash}"
---

Форум — это площадка, где участники регионального развития встречаются на равных и договариваются об общих целях.

## С чего начать

Пригласите партнёров заранее и договоритесь о целях форума до первой встречи.

См. [список партнёров](partners.md) и [советы ниже](#чего-следует-избегать).

## Чего следует избегать

!!! note "Небольшие группы"
    В небольших группах люди говорят откровеннее, чем на больших пленарных заседаниях.

| Шаг | Кто |
| --- | --- |
| Пригласить партнёров | Организатор |
""",
        "partners.md": """---
title: Партнёры
source_hash: "{hash}"
---

Партнёрство объединяет региональные и местные органы власти с обеих сторон Балтийского моря.
""",
    },
}


def hash_of(english_text: str) -> str:
    return source_hash(parse_page("docs/x.md", english_text), MODEL)


def tree(lang: str) -> str:
    return MODEL.language(lang).tree


def make_site(root: Path, english: dict | None = None, translated: dict | None = None) -> Path:
    """Write the fixture site; translations are stamped from the English given here."""
    english = {**ENGLISH, **(english or {})}
    for rel, text in english.items():
        write(root / tree("en") / rel, text)
    for lang, pages in TRANSLATED.items():
        for rel, text in {**pages, **(translated or {}).get(lang, {})}.items():
            if text is not None:
                write(root / tree(lang) / rel, text.replace("{hash}", hash_of(english.get(rel, ""))))
    return root


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_bytes(text.replace(old, new, 1).encode("utf-8"))


def found(root: Path, kind: str | None = None) -> list[tuple[str, str, str, int | None]]:
    return [(p.kind, p.lang, p.path, p.line) for p in build_report(root).problems if kind in (None, p.kind)]


def line_of(text: str, start: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if line.startswith(start))


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CLI), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def site(tmp_path) -> Path:
    return make_site(tmp_path / "repo")


# --------------------------------------------------------------------------- one tree per problem kind

def test_a_complete_current_translation_has_no_problems(site):
    report = build_report(site)
    assert report.problems == []
    assert report.summary["sv"].as_dict() | {"words_total": 0, "words_translated": 0} == {
        "pages": 2, "translated": 2, "missing": 0, "stale": 0, "percent": 100.0, "pending": 0, "current": 2,
        "words_total": 0, "words_translated": 0}
    assert report.summary["sv"].words_total == report.summary["sv"].words_translated > 40


def test_missing_translation(tmp_path):
    root = make_site(tmp_path, translated={"ru": {"partners.md": None}})
    assert found(root) == [("missing", "ru", "docs_ru/partners.md", None)]
    summary = build_report(root).summary["ru"]
    assert (summary.missing, summary.translated, summary.percent) == (1, 1, 50.0)
    assert summary.words_translated < summary.words_total


def test_orphan_translation(tmp_path):
    root = make_site(tmp_path, translated={"sv": {"old-page.md": "---\ntitle: Gammal sida\n---\n\nBorttagen.\n"}})
    assert found(root) == [("orphan", "sv", "docs_sv/old-page.md", 1)]


def test_english_change_makes_translations_stale(site):
    edit(site / "docs/guide.md", "before the first meeting", "at the first meeting")
    assert found(site) == [("stale", "sv", "docs_sv/guide.md", 4), ("stale", "ru", "docs_ru/guide.md", 4)]
    assert page_state("guide.md", "sv", site) == STALE
    assert page_state("partners.md", "sv", site) == CURRENT


def test_unstamped_translation_is_stale(site):
    edit(site / "docs_sv/partners.md", f'source_hash: "{hash_of(ENGLISH["partners.md"])}"\n', "")
    problems = build_report(site).problems
    assert [(p.kind, p.lang, p.path, p.line) for p in problems] == [("stale", "sv", "docs_sv/partners.md", 1)]
    assert "does not record which version" in problems[0].message
    assert "--stamp docs_sv/partners.md" in problems[0].hint


def test_cosmetic_english_edits_keep_translations_current(site):
    english = site / "docs/guide.md"
    text = english.read_text(encoding="utf-8")
    text = text.replace("title: Working with forums", 'title: "Working with forums"')  # quoting
    text = text.replace("regional development meet on equal terms", "regional development\nmeet on equal terms  ")
    text = text.replace("## How to start\n", "## How to start\n\n\n")  # extra blank lines
    write(english, text.replace("\n", "\r\n"))  # and Windows line endings
    assert found(site) == []


def test_yaml_error_in_translation_front_matter(site):
    edit(site / "docs_sv/guide.md", "title: Att arbeta med forum", "title: Att arbeta: med forum")
    assert found(site) == [("front-matter", "sv", "docs_sv/guide.md", 2)]


def _typed_site(root: Path, swedish_fields: dict | None = None) -> tuple[Path, str]:
    english = sample_page(MODEL, "method", "en", 0)
    write(root / "docs/methods/page-0.md", english)
    for language in MODEL.translations:
        fields = swedish_fields if language.code == "sv" else None
        text = stamp_text(sample_page(MODEL, "method", language.code, 0, fields=fields), hash_of(english))
        write(root / language.tree / "methods/page-0.md", text)
    return root, (root / "docs_sv/methods/page-0.md").read_text(encoding="utf-8")


def test_typed_pages_generated_from_the_content_model_are_clean(tmp_path):
    root, _ = _typed_site(tmp_path)
    assert found(root) == []


def test_schema_violation_in_translation_front_matter(tmp_path):
    root, swedish = _typed_site(tmp_path, {"example": "maybe"})
    assert found(root, "front-matter") == [("front-matter", "sv", "docs_sv/methods/page-0.md",
                                            line_of(swedish, "example:"))]


def test_shared_front_matter_field_that_differs_from_the_english(tmp_path):
    other_region = list(MODEL.vocabularies["regions"])[-1]
    root, swedish = _typed_site(tmp_path, {"regions": [other_region]})
    assert found(root) == [("structure", "sv", "docs_sv/methods/page-0.md", line_of(swedish, "regions:"))]


def test_per_language_field_does_not_make_translations_stale(tmp_path):
    root, _ = _typed_site(tmp_path)
    edit(root / "docs/methods/page-0.md", "last_reviewed: 2026-01-15", "last_reviewed: 2026-03-01")
    assert found(root) == []
    edit(root / "docs/methods/page-0.md", "themes: [", "themes: [innovation, ")
    assert {(kind, lang) for kind, lang, _, _ in found(root)} == {("stale", "sv"), ("stale", "ru"),
                                                                 ("structure", "sv"), ("structure", "ru")}


def test_heading_level_differs(site):
    edit(site / "docs_sv/guide.md", "## Det här bör ni undvika", "### Det här bör ni undvika")
    assert found(site) == [("structure", "sv", "docs_sv/guide.md", 15)]


def test_link_missing_from_translation(site):
    edit(site / "docs_ru/guide.md", "См. [список партнёров](partners.md) и", "См. список партнёров и")
    problems = build_report(site).problems
    # reported at the heading of the section that holds the link in the English
    assert [(p.kind, p.lang, p.path, p.line) for p in problems] == [("structure", "ru", "docs_ru/guide.md", 9)]
    assert "partners.md" in problems[0].message and "docs/guide.md:12" in problems[0].message


def test_admonition_table_and_code_block_differ(site):
    edit(site / "docs_sv/guide.md", '!!! note "Håll det litet"', '!!! warning "Håll det litet"')
    edit(site / "docs_ru/guide.md", "| Шаг | Кто |\n| --- | --- |\n| Пригласить партнёров | Организатор |\n", "")
    edit(site / "docs_ru/partners.md", "Балтийского моря.", "Балтийского моря.\n\n```\nmake serve\n```")
    assert found(site) == [
        ("structure", "sv", "docs_sv/guide.md", 17),
        ("structure", "ru", "docs_ru/guide.md", 15),
        ("structure", "ru", "docs_ru/partners.md", 8),
    ]


def test_paragraph_left_in_english_in_russian(site):
    edit(site / "docs_ru/guide.md", "Пригласите партнёров заранее и договоритесь о целях форума до первой встречи.",
         "Ask the partners early which questions they want the forum to take up in its first year.")
    problems = build_report(site).problems
    assert [(p.kind, p.lang, p.path, p.line) for p in problems] == [("untranslated", "ru", "docs_ru/guide.md", 11)]
    assert "Latin script" in problems[0].message


def test_paragraph_identical_to_the_english_in_swedish(site):
    edit(site / "docs_sv/guide.md", "Bjud in partnerna tidigt och kom överens om forumets syfte före det första mötet.",
         "Invite the partners early and agree on the purpose of the forum before the first meeting.")
    problems = build_report(site).problems
    assert [(p.kind, p.lang, p.path, p.line) for p in problems] == [("untranslated", "sv", "docs_sv/guide.md", 11)]
    assert "identical to the English" in problems[0].message


def test_english_prose_in_swedish_is_found_without_being_identical(site):
    edit(site / "docs_sv/partners.md",
         "Partnerskapet samlar regionala och lokala myndigheter från båda sidor om Östersjön.",
         "The partners were regional and local authorities that worked on both sides of the sea.")
    problems = build_report(site).problems
    assert [(p.kind, p.lang, p.path, p.line) for p in problems] == [("untranslated", "sv", "docs_sv/partners.md", 6)]
    assert "function words" in problems[0].message


def test_consecutive_untranslated_passages_are_one_problem(site):
    edit(site / "docs_sv/guide.md", "Ett forum är en plats där aktörerna inom regional utveckling möts på lika villkor "
         "och enas om gemensamma mål.", ENGLISH["guide.md"].split("\n")[5])
    edit(site / "docs_sv/guide.md", "## Så kommer ni i gång", "## How to start the forum with all of the partners")
    problems = build_report(site).problems
    assert [(p.kind, p.line) for p in problems] == [("untranslated", 7)]
    assert "2 passages, lines 7–9" in problems[0].message


def test_names_in_latin_script_are_not_untranslated(site):
    edit(site / "docs_ru/partners.md", "Партнёрство объединяет",
         "Как и проекты Yc³ (Youth Cross-border Cooperation and Communication), Interreg IVA South Baltic "
         "и BaltMet Inno, партнёрство объединяет")
    edit(site / "docs_sv/partners.md", "Partnerskapet samlar",
         "Precis som Interreg IVA South Baltic och Youth Cross-border Cooperation and Communication samlar "
         "partnerskapet")
    assert found(site) == []


def test_front_matter_text_left_in_english(site):
    edit(site / "docs_sv/guide.md", "description: Hur ett forum samlar aktörerna inom regional utveckling.",
         "description: How a forum brings the actors of regional development together.")
    assert found(site) == [("untranslated", "sv", "docs_sv/guide.md", 3)]


def test_link_to_a_page_that_exists_in_no_language(site):
    edit(site / "docs_sv/partners.md", "Östersjön.", "Östersjön. Se även [ordlistan](glossary.md).")
    assert found(site, "broken-link") == [("broken-link", "sv", "docs_sv/partners.md", 6)]


def test_anchor_that_does_not_exist_in_the_translation(site):
    edit(site / "docs_sv/guide.md", "(#det-här-bör-ni-undvika)", "(#what-to-avoid)")
    problems = build_report(site).problems
    assert [(p.kind, p.lang, p.path, p.line) for p in problems] == [("broken-link", "sv", "docs_sv/guide.md", 13)]
    assert "det-här-bör-ni-undvika" in problems[0].message  # the anchors that do exist are listed


def test_a_broken_link_and_anchor_in_the_english_page_are_errors_with_their_line_and_a_guess(site):
    """What a contributor's English page gets wrong is reported by `make check`, not only by the strict build."""
    edit(site / "docs/guide.md", "[list of partners](partners.md) and the [advice below](#what-to-avoid)",
         "[list of partners](partner.md) and the [advice below](#what-to-avoided)")
    text = (site / "docs/guide.md").read_text(encoding="utf-8")
    line = line_of(text, "See the [list of partners]")
    problems = [problem for problem in build_report(site).problems if problem.path == "docs/guide.md"]
    assert [(p.kind, p.lang, p.line, p.level) for p in problems] == [("broken-link", "en", line, "error")] * 2
    assert "'partner.md' does not resolve: docs/partner.md does not exist" in problems[0].message
    assert "did you mean 'partners.md'?" in problems[0].hint
    assert "what-to-avoid" in problems[1].message  # the anchors that exist are listed
    result = run_cli("--root", str(site))
    assert result.returncode == 1 and f"line {line}: error [broken-link] 'partner.md'" in result.stdout, result.stdout


def test_link_to_an_untranslated_page_resolves_to_the_english_fallback(tmp_path):
    root = make_site(tmp_path, translated={"sv": {"partners.md": None}})
    assert found(root) == [("missing", "sv", "docs_sv/partners.md", None)]


def test_template_text_left_on_a_page(site):
    english = site / tree("en") / "partners.md"
    edit(english, "\n\n", "\n\nTODO: say who the partners were.\n\n")
    text = english.read_text(encoding="utf-8")
    assert ("placeholder", "en", "docs/partners.md", line_of(text, "TODO")) in found(site, "placeholder")
    swedish = site / tree("sv") / "partners.md"
    edit(swedish, "\n\n", "\n\nTODO: skriv vilka partnerna var.\n\n")
    assert ("placeholder", "sv", "docs_sv/partners.md", line_of(swedish.read_text(encoding="utf-8"), "TODO")) in (
        found(site, "placeholder"))


def test_pending_translation_counts_as_not_translated(site):
    edit(site / "docs_sv/guide.md", "source_hash:", "pending: true\nsource_hash:")
    edit(site / "docs_sv/guide.md", "Bjud in partnerna tidigt och kom överens om forumets syfte före det första mötet.",
         "Invite the partners early and agree on the purpose of the forum before the first meeting.")
    report = build_report(site)
    assert [(p.kind, p.lang, p.path, p.line) for p in report.problems] == [("pending", "sv", "docs_sv/guide.md", 4)]
    assert (report.summary["sv"].translated, report.summary["sv"].pending, report.summary["sv"].percent) == (1, 1, 50.0)
    assert page_state("guide.md", "sv", site) == PENDING_STATE



def test_the_report_records_each_translations_state_as_page_state_reads_it(tmp_path):
    """The build's stale notices take each page's state from the report (BuildState.page_state)."""
    from redsite.pages import list_pages
    orphan = "---\ntitle: Gammal sida\n---\n\nBorttagen.\n"
    site = make_site(tmp_path / "repo", translated={"ru": {"partners.md": None}, "sv": {"old-page.md": orphan}})
    edit(site / "docs/guide.md", "before the first meeting", "at the first meeting")
    edit(site / "docs_sv/partners.md", "source_hash:", "pending: true\nsource_hash:")
    states = build_report(site).states
    english = {page.rel for page in list_pages("en", site)}
    expected = {(lang, rel): page_state(rel, lang, site) for lang in ("sv", "ru")
                for rel in english | {page.rel for page in list_pages(lang, site)}}
    assert states == expected
    assert set(states.values()) == {STALE, PENDING_STATE, MISSING, "orphan"}

# --------------------------------------------------------------------------- command line

def test_exit_codes(site):
    assert run_cli("--root", str(site)).returncode == 0
    edit(site / "docs/partners.md", "Baltic Sea", "Baltic")  # its translations are outdated now: warnings
    (site / "docs_ru/guide.md").unlink()  # a missing translation: a warning
    result = run_cli("--root", str(site))
    assert result.returncode == 0 and "No errors. 3 warning(s)" in result.stdout, result.stdout
    edit(site / "docs_sv/guide.md", "(#det-här-bör-ni-undvika)", "(#what-to-avoid)")  # a broken anchor: an error
    result = run_cli("--root", str(site))
    assert result.returncode == 1 and "1 error(s) to fix and 3 warning(s)" in result.stdout, result.stdout
    for arguments in (["--format", "xml"], ["--lang", "de"], ["--root", str(site / "nowhere")], ["--bogus"]):
        result = run_cli("--root", str(site), *arguments)
        assert result.returncode == 2, arguments
        assert "Traceback" not in result.stderr and "usage:" in result.stderr


def test_json_shape(site):
    (site / "docs_ru/partners.md").unlink()
    edit(site / "docs/guide.md", "equal terms", "equal footing")
    result = run_cli("--root", str(site), "--format", "json")
    assert result.returncode == 0  # a missing and an outdated translation: warnings only
    data = json.loads(result.stdout)
    assert set(data) == {"summary", "problems"}
    assert set(data["summary"]) == {"sv", "ru"}
    for summary in data["summary"].values():
        assert {"pages", "translated", "missing", "stale", "percent", "words_total", "words_translated"} <= set(summary)
        assert all(isinstance(value, (int, float)) for value in summary.values())
    assert data["summary"]["ru"]["missing"] == 1 and data["summary"]["sv"]["stale"] == 1
    assert data["summary"]["ru"]["percent"] == 50.0
    for problem in data["problems"]:
        assert set(problem) == {"kind", "lang", "path", "line", "message", "hint", "level"}
        assert problem["hint"] and not problem["path"].startswith("/")
        assert isinstance(problem["line"], int) or problem["kind"] == "missing"
    assert {(problem["kind"], problem["level"]) for problem in data["problems"]} == {
        ("missing", "warning"), ("stale", "warning")}
    assert {(p["kind"], p["path"], p["line"]) for p in data["problems"]} == {
        ("missing", "docs_ru/partners.md", None), ("stale", "docs_sv/guide.md", 4), ("stale", "docs_ru/guide.md", 4)}


def test_lang_option_limits_the_report(site):
    (site / "docs_ru/partners.md").unlink()
    result = run_cli("--root", str(site), "--format", "json", "--lang", "sv")
    assert result.returncode == 0
    assert set(json.loads(result.stdout)["summary"]) == {"sv"}


def test_github_annotations(site):
    edit(site / "docs_sv/guide.md", "## Det här bör ni undvika", "### Det här bör ni undvika")
    result = run_cli("--root", str(site), "--format", "github")
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert len(errors) == 1
    assert re.fullmatch(r"::error file=docs_sv/guide\.md,line=15,title=structure \(sv\)::heading 2 is level 3 here "
                        r"but level 2 .*%0AHow to fix: .*", errors[0])
    assert result.stdout.splitlines()[-1].startswith("::notice title=Translation status::")


def test_changed_pages_get_the_validators_findings_in_process(site, capsys):
    """scripts/check_changed.py: findings on the changed page and its other language versions only,
    to-do kinds as warnings, printed with the validator's own annotation formatter."""
    from redsite.cli import check_changed

    edit(site / "docs/guide.md", "before the first meeting", "at the first meeting")  # sv and ru become stale
    edit(site / "docs_sv/partners.md", "Östersjön.", "Östersjön. Se [listan](missing.md).")  # not changed: left out
    assert ("broken-link", "sv", "docs_sv/partners.md", 6) in found(site)
    assert check_changed.main(["docs/guide.md", "--github", "--root", str(site)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("::")[1] for line in lines[:-1]] == [
        "warning file=docs_sv/guide.md,line=4,title=stale (sv)",
        "warning file=docs_ru/guide.md,line=4,title=stale (ru)"]
    assert lines[-1].startswith("::notice title=Translation status::")
    edit(site / "docs_sv/guide.md", "## Det här bör ni undvika", "### Det här bör ni undvika")
    assert check_changed.main(["docs_sv/guide.md", "--root", str(site)]) == 1
    assert "docs_sv/guide.md:15: error [structure (sv)]: heading 2 is level 3" in capsys.readouterr().out
    assert check_changed.main(["docs/guide.md", "--root", str(site / "nowhere")]) == 2


def test_text_report_is_grouped_by_language_and_file_with_hints(site):
    edit(site / "docs_sv/guide.md", "(#det-här-bör-ni-undvika)", "(#what-to-avoid)")
    (site / "docs_ru/partners.md").unlink()
    text = run_cli("--root", str(site)).stdout
    assert text.index("== Svenska (sv) ==") < text.index("docs_sv/guide.md") < text.index("== Русский (ru) ==")
    assert "  line 13: error [broken-link] anchor '#what-to-avoid'" in text
    assert "how to fix: anchors follow the heading text" in text
    assert "warning [missing] docs/partners.md has no Русский translation" in text
    assert "Русский (ru): 1 of 2 pages translated (50%)" in text


def test_markdown_report(site):
    edit(site / "docs/partners.md", "Baltic Sea", "Baltic")
    text = run_cli("--root", str(site), "--format", "markdown").stdout
    assert "| Svenska | 2/2 (100%) | 1 | 1 | 0 | 0 |" in text
    assert "<details><summary>Svenska: 1 problem(s) in 1 file(s)</summary>" in text
    assert "#### `docs_sv/partners.md`" in text and "**stale**" in text


# --------------------------------------------------------------------------- git history of the English

def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                   check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_reports_show_what_changed_in_the_english_since_the_translation(site):
    git(site, "init", "-q")
    git(site, "add", ".")
    git(site, "commit", "-q", "-m", "first version")
    edit(site / "docs/guide.md", "before the first meeting", "well before the first meeting")
    git(site, "commit", "-q", "-am", "English changed")
    edit(site / "docs/partners.md", "Baltic Sea", "Baltic")  # not committed: still has a committed ancestor
    text = run_cli("--root", str(site)).stdout
    assert "-Invite the partners early and agree on the purpose of the forum before the first meeting." in text
    assert "+Invite the partners early and agree on the purpose of the forum well before the first meeting." in text
    assert "what changed in the English since (commit" in text
    markdown = run_cli("--root", str(site), "--format", "markdown").stdout
    assert "```diff" in markdown and "+Invite the partners early" in markdown


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_english_diffs_of_every_stale_page_come_from_three_git_processes(site, tmp_path):
    git(site, "init", "-q")
    git(site, "add", ".")
    git(site, "commit", "-q", "-m", "first version")
    edit(site / "docs/guide.md", "before the first meeting", "well before the first meeting")
    edit(site / "docs/partners.md", "Baltic Sea", "Baltic")
    git(site, "commit", "-q", "-am", "English changed")
    calls = tmp_path / "git-calls.log"
    wrapper = tmp_path / "bin" / "git"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> {calls}\nexec {shutil.which("git")} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    path = f"{wrapper.parent}{os.pathsep}{os.environ['PATH']}"
    result = subprocess.run([sys.executable, str(CLI), "--root", str(site)], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "PATH": path})
    assert result.stdout.count("what changed in the English since (commit") == 4  # 2 pages, 2 languages
    assert "+Invite the partners early and agree on the purpose of the forum well before the first meeting." \
        in result.stdout
    assert len(calls.read_text(encoding="utf-8").splitlines()) == 3, calls.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_versions_from_the_joint_log_are_those_of_each_pages_own_git_log(tmp_path):
    """Pages no merge touched share one `git log`; a page changed on a merged branch gets its own."""
    from redsite.source_history import committed_versions

    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for name in ("a.md", "b.md", "c.md"):
        (root / name).write_text(f"{name} 0\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    git(root, "checkout", "-q", "-b", "side")
    (root / "a.md").write_text("a.md on the side branch\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "a on side")
    git(root, "checkout", "-q", "main")
    for text in ("b.md 1\n", "b.md 2\n"):
        (root / "b.md").write_text(text, encoding="utf-8")
        git(root, "commit", "-q", "-am", "b")
    git(root, "merge", "-q", "--no-edit", "side")
    (root / "c.md").write_text("c.md 1\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "c")
    versions = committed_versions(root, ["a.md", "b.md", "c.md"])
    for name in ("a.md", "b.md", "c.md"):
        own = subprocess.run(["git", "-C", str(root), "log", "--format=%H", "--", name], capture_output=True,
                             text=True, check=True).stdout.split()
        assert [commit for commit, _, _ in versions[name]] == own, name
        assert versions[name][0][2] == (root / name).read_text(encoding="utf-8")
    assert committed_versions(tmp_path / "not-a-repository", ["a.md"]) is None


def test_reports_say_when_there_is_no_git_history(site):
    edit(site / "docs/guide.md", "before the first meeting", "well before the first meeting")
    text = run_cli("--root", str(site)).stdout
    assert "no git history is available here" in text or "no committed version of docs/guide.md" in text


# --------------------------------------------------------------------------- stamping

def _changed_lines(before: bytes, after: bytes) -> list[tuple[bytes, bytes]]:
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_stamping_changes_only_the_source_hash_line(site, newline):
    edit(site / "docs/guide.md", "equal terms", "equal footing")
    swedish = site / "docs_sv/guide.md"
    write(swedish, swedish.read_text(encoding="utf-8").replace("\n", newline))
    before = swedish.read_bytes()
    result = run_cli("--root", str(site), "--stamp", "docs_sv/guide.md", cwd=site)
    assert result.returncode == 0, result.stdout + result.stderr
    after = swedish.read_bytes()
    expected = f'source_hash: "{hash_of((site / "docs/guide.md").read_text(encoding="utf-8"))}"{newline}'
    [(old, new)] = _changed_lines(before, after)
    assert old.startswith(b"source_hash: ") and new == expected.encode()
    assert page_state("guide.md", "sv", site) == CURRENT


def test_stamping_inserts_a_missing_source_hash_before_the_closing_line(site):
    swedish = site / "docs_sv/partners.md"
    edit(swedish, f'source_hash: "{hash_of(ENGLISH["partners.md"])}"\n', "")
    before = swedish.read_text(encoding="utf-8")
    [outcome] = stamp_paths([str(swedish)], site)
    assert outcome.status == "stamped"
    lines = before.splitlines(keepends=True)
    lines.insert(2, f'source_hash: "{hash_of(ENGLISH["partners.md"])}"\n')
    assert swedish.read_text(encoding="utf-8") == "".join(lines)


def test_stamp_text_without_front_matter_adds_one():
    assert stamp_text("Text.\n", "abc") == '---\nsource_hash: "abc"\n---\nText.\n'


def test_stamping_refuses_pending_pages_english_pages_and_orphans(site):
    edit(site / "docs_sv/guide.md", "source_hash:", "pending: true\nsource_hash:")
    write(site / "docs_sv/old.md", "---\ntitle: Gammal\n---\n\nText.\n")
    snapshot = {path: path.read_bytes() for path in site.rglob("*.md")}
    outcomes = stamp_paths(["docs_sv/guide.md", "docs/guide.md", "docs_sv/old.md", "docs_sv/none.md"], site, cwd=site)
    assert [outcome.status for outcome in outcomes] == ["refused"] * 4
    assert "pending: true" in outcomes[0].message
    assert {path: path.read_bytes() for path in site.rglob("*.md")} == snapshot
    assert run_cli("--root", str(site), "--stamp", "docs_sv/guide.md", cwd=site).returncode == 1


def test_stamping_folders_and_the_make_target(site):
    edit(site / "docs/guide.md", "equal terms", "equal footing")
    edit(site / "docs/partners.md", "Baltic Sea", "Baltic")
    outcomes = stamp_paths(["docs_sv", "docs_ru"], site, cwd=site)
    assert sorted(outcome.status for outcome in outcomes) == ["stamped"] * 4
    assert found(site) == []
    assert {outcome.status for outcome in stamp_paths(["docs_sv"], site, cwd=site)} == {"current"}
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^stamp:.*\n(\t.*\n)*\t\$\(PY\) scripts/check_translations.py --stamp \$\(FILE\)", makefile, re.M)


# --------------------------------------------------------------------------- the status page

def test_status_html_lists_every_page_with_its_state_in_the_readers_language(site):
    (site / "docs_ru/partners.md").unlink()
    edit(site / "docs/guide.md", "equal terms", "equal footing")
    report = build_report(site)
    html = translation_report.status_html(report, "sv", lambda rel: f"../{rel[:-3]}/")
    assert "<caption>Översättningsläget per språk</caption>" in html
    assert ('<th scope="row" lang="ru">Русский</th><td>1 av 2 (50 %)</td>'
            "<td>0</td><td>1</td><td>0</td><td>1</td>") in html
    assert '<a href="../guide/">Att arbeta med forum</a></th><td data-state="stale">Behöver uppdateras</td>' in html
    assert f'<td data-state="{MISSING}">{t("translation_state_missing", "sv")}</td>' in html
    english = translation_report.status_html(report, "en", lambda rel: None)
    assert "<span>Working with forums</span>" in english and "1 of 2 (50%)" in english


# --------------------------------------------------------------------------- the real repository and site

def test_the_real_repository_has_no_error():
    """Warnings (pending, missing and outdated translations) are allowed: the site shows a notice for them
    (CONTRIBUTING.md, "What fails a pull request")."""
    report = build_report(REPO)
    assert report.passes, translation_report.as_text(report)
    assert all(problem.kind in ("pending", "missing", "stale", "placeholder", "structure")
               for problem in report.warnings), translation_report.as_text(report)


def output_path(rel: str, lang: str) -> str:
    path = PurePosixPath(rel)
    html = path.with_suffix(".html") if path.name == "index.md" else path.with_suffix("") / "index.html"
    return ("" if lang == MODEL.default_language.code else f"{lang}/") + html.as_posix()


def test_built_site_shows_the_same_states_as_the_report(built_site):
    report = build_report(REPO)
    for reader in MODEL.codes:
        html = (built_site.site / output_path("translation-status.md", reader)).read_text(encoding="utf-8")
        for state in (CURRENT, STALE, PENDING_STATE, MISSING):
            expected = sum(status.state == state for lang in report.languages for status in report.statuses[lang])
            assert html.count(f'data-state="{state}"') == expected, (reader, state)
    for lang in report.languages:
        notice = t("stale_notice", lang)
        for status in report.statuses[lang]:
            if status.state in (CURRENT, STALE):
                html = (built_site.site / output_path(status.rel, lang)).read_text(encoding="utf-8")
                assert (notice in html) == (status.state == STALE), (lang, status.rel, status.state)


def test_the_build_parses_and_validates_each_page_once(monkeypatch):
    """The source policy, the front-matter check and the translation report share one parse and one
    front-matter check of each page, and each page is read once (README, "How the build scales"):
    the build's content check hands its results to the report."""
    from redsite import pages, source_policy, source_text
    from redsite.plugin.build_state import BuildState
    from redsite.plugin.content import check_content
    from redsite.translations import report as report_module

    calls: list[str] = []
    parse = pages.parse_page
    monkeypatch.setattr(pages, "parse_page",
                        lambda path, text, lang="en": calls.append(path) or parse(path, text, lang))
    yaml_checks: list[str] = []
    check = source_text.checked_yaml
    monkeypatch.setattr(source_text, "checked_yaml",
                        lambda text, path, *args, **kw: yaml_checks.append(path) or check(text, path, *args, **kw))
    reads: list[str] = []
    read = source_text.read_text

    def counted_read(path, repo_path, *args, **kw):
        reads.append(repo_path)
        return read(path, repo_path, *args, **kw)
    for module in (source_text, source_policy):
        monkeypatch.setattr(module, "read_text", counted_read)
    validated: list[str] = []
    validate = pages.validate_page
    for module in (pages, report_module):
        monkeypatch.setattr(module, "validate_page",
                            lambda page, *args, **kw: validated.append(page.path) or validate(page, *args, **kw))
    pages.forget_parses()
    state = BuildState()
    check_content(state)
    report = state.translation_report()
    model = load_model()
    files = [page.repo_path() for lang in model.codes for page in pages.list_pages(lang)]
    assert sorted(calls) == sorted(files)
    assert sorted(validated) == sorted(files)
    assert sorted(path for path in reads if path.endswith(".md")) == sorted(files)
    page_checks = [path for path in yaml_checks if path.endswith(".md")]
    assert len(page_checks) == len(set(page_checks)) and set(page_checks) <= set(files)
    # the same report as the validator's, which checks every page itself
    pages.forget_parses()
    assert translation_report.as_json(report) == translation_report.as_json(build_report(sources_checked=True))


def test_a_one_shot_build_keeps_only_front_matter_after_its_content_check(monkeypatch):
    """After the content check and the report, `mkdocs build` keeps no page body and none of the
    report's per-page caches; catalogs, the nav and the stale notices get what they need without parsing a
    page again. `mkdocs serve` keeps them for its next rebuild."""
    from redsite import outline, pages
    from redsite.plugin.build_state import BuildState
    from redsite.plugin.content import check_content

    model = load_model()
    expected = {lang: [(page.rel, parsed.meta) for page, parsed in pages.typed_pages("method", lang)]
                for lang in model.codes}
    translations = [language.code for language in model.translations]
    states = {(lang, page.rel): page_state(page.rel, lang) for lang in translations for page in pages.list_pages(lang)}
    pages.forget_parses()
    serving = BuildState(serving=True)
    check_content(serving)
    assert pages._PARSED and all(parsed.body for parsed in pages._PARSED.values() if parsed.meta)
    assert outline.parse_outline.cache_info().currsize

    pages.forget_parses()
    state = BuildState()
    check_content(state)
    assert not pages._PARSED and not any(parsed.body for parsed in pages._FRONT_MATTER.values())
    assert outline.parse_outline.cache_info().currsize == 0
    parsed_again: list[str] = []
    parse = pages.parse_page
    monkeypatch.setattr(pages, "parse_page",
                        lambda path, text, lang="en": parsed_again.append(path) or parse(path, text, lang))
    assert {lang: [(page.rel, parsed.meta) for page, parsed in pages.typed_pages("method", lang)]
            for lang in model.codes} == expected
    assert {key: state.page_state(key[1], key[0]) for key in states} == states
    assert parsed_again == []
