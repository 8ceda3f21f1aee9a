"""What an example page may carry (redsite.example_pages, the content model's `example_pages`): the validator and
the strict build refuse an example that cites a RED document, names a work package, a real region, place,
organisation or RED role, or a year; the real site's examples pass and show none of it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, run_build
from redsite import scaffold
from redsite.example_pages import refused_names, reserved_values
from redsite.frontmatter import parse_page, validate_page
from redsite.model import load_model
from redsite.pages import check_all_front_matter, folder_type, list_pages, read_page
from redsite.render import t
from redsite.translations.report import build_report
from test_site_i18n import output_path, read

MODEL = load_model()
STUDY_VISIT = "study-visits/example-forum-building.md"
WORKSHOP = "workshops/example-regional-data-compilation.md"
EXAMPLES = [page.rel for page in list_pages(MODEL.default_language.code) if read_page(page).meta.get("example")]
# A real region, a real body and a role of RED's partners, in each language as a writer would inflect them.
REAL_REGION = {"en": "the Kaliningrad Region", "sv": "i Sydsverige", "ru": "в Калининградской области"}
REAL_BODY = {"en": "Region Blekinge", "sv": "Blekinge tekniska högskola", "ru": "Регион Блекинге"}
RED_ROLE = {"en": "as lead partner", "sv": "som huvudpartner", "ru": "как ведущий партнёр"}
RED_STRUCTURE = {"en": "work package (c)", "sv": "arbetspaket (c)", "ru": "рабочий пакет (c)"}


def path_of(rel: str, lang: str) -> str:
    return MODEL.page_path(rel, lang)


def source_text(rel: str, lang: str) -> str:
    return (REPO / path_of(rel, lang)).read_text(encoding="utf-8")


def check(rel: str, lang: str, text: str) -> list:
    """The front-matter problems of `text` as the page `rel` in `lang` (the validator's and the build's check)."""
    return validate_page(parse_page(path_of(rel, lang), text, lang), lang, MODEL, folder_type(rel, MODEL))


def replace_field(text: str, name: str, value: str) -> str:
    new, count = re.subn(rf"(?m)^{name}: .*$", f"{name}: {value}", text, count=1)
    assert count == 1, name
    return new


def with_sentence(text: str, sentence: str) -> tuple[str, int]:
    """`text` with `sentence` appended to its last paragraph, and that line's number."""
    lines = text.rstrip("\n").split("\n")
    lines[-1] += " " + sentence
    return "\n".join(lines) + "\n", len(lines)


def test_the_real_examples_pass_and_there_are_six_of_them():
    assert len(EXAMPLES) >= 6
    assert not [problem for problem in check_all_front_matter() if "example" in problem.message]
    for rel in EXAMPLES:
        for lang in MODEL.codes:
            if (REPO / path_of(rel, lang)).is_file():  # a translation may be missing (a warning, not an error)
                assert check(rel, lang, source_text(rel, lang)) == [], (rel, lang)


@pytest.mark.parametrize("lang", MODEL.codes)
@pytest.mark.parametrize(("name", "value"), [("sources", "[red-description]"), ("sources", "[invented, red-about]"),
                                             ("sources", "[https://example.org/report]"), ("work_package", "[c]"),
                                             ("regions", "[kaliningrad]"), ("regions", "[invented, south-sweden]")])
def test_an_example_with_a_real_source_work_package_or_region_is_refused(lang, name, value):
    text = replace_field(source_text(STUDY_VISIT, lang), name, value)
    problems = check(STUDY_VISIT, lang, text)
    assert len(problems) == 1, problems
    problem = problems[0]
    assert (problem.kind, problem.path, problem.line) == ("front-matter", path_of(STUDY_VISIT, lang),
                                                          text.splitlines().index(f"{name}: {value}") + 1)
    assert f"'{name}: {value}'" in problem.message and "example" in problem.message
    expected = MODEL.example_pages["fixed_fields"][name]["value"]
    assert f"write '{name}: [{', '.join(expected)}]'" in problem.hint


@pytest.mark.parametrize("lang", MODEL.codes)
@pytest.mark.parametrize("planted", [REAL_REGION, REAL_BODY, RED_ROLE, RED_STRUCTURE],
                         ids=["region", "body", "role", "work-package"])
def test_an_example_that_names_a_real_place_body_or_red_role_in_its_text_is_refused(lang, planted):
    text, line = with_sentence(source_text(WORKSHOP, lang), f"Compare {planted[lang]}.")
    problems = check(WORKSHOP, lang, text)
    assert [(p.path, p.line) for p in problems] == [(path_of(WORKSHOP, lang), line)], problems
    assert "this example ('example: true') says" in problems[0].message
    assert "Region A" in problems[0].hint


@pytest.mark.parametrize("lang", MODEL.codes)
def test_an_example_that_gives_a_real_year_is_refused_in_its_dates_and_its_text(lang):
    text = replace_field(source_text(STUDY_VISIT, lang), "dates", '"2007-09-25/2007-09-26"')
    text, line = with_sentence(text, "(1999)")
    problems = check(STUDY_VISIT, lang, text)
    assert [(p.line, re.search(r"year (\d+)", p.message).group(1)) for p in problems] == [
        (text.splitlines().index('dates: "2007-09-25/2007-09-26"') + 1, "2007"), (line, "1999")]
    assert all("20XX" in problem.hint for problem in problems)


@pytest.mark.parametrize("lang", MODEL.codes)
def test_a_real_name_in_a_front_matter_value_is_refused_at_its_line(lang):
    text = replace_field(source_text(STUDY_VISIT, lang), "place", REAL_BODY[lang])
    problems = check(STUDY_VISIT, lang, text)
    assert [p.line for p in problems] == [text.splitlines().index(f"place: {REAL_BODY[lang]}") + 1]


def test_forms_that_are_no_names_pass():
    """Generic words that share a proper name's words, a capitalised name's lower-case homonym, and names in
    comments, link targets and code are not findings."""
    text = source_text(WORKSHOP, "en")
    for sentence in ["The regional assembly of Region A and the regional economic development of Region B.",
                     "A red card, a sea view and a lead to follow.", "<!-- Region Blekinge, 2007 -->",
                     "\n\n<!-- the Kaliningrad Region\nin 2007 -->", "Type `RED 2007`.",
                     "See [the method](../methods/forum-building.md#kaliningrad-2007)."]:
        planted, _ = with_sentence(text, sentence)
        assert check(WORKSHOP, "en", planted) == [], sentence


@pytest.mark.parametrize("sentence", ["KALININGRAD", "kaliningrad", "Blekinges", "the RED project", "Tacis-funded",
                                      "Regional Economic Development", "in Sweden", "the BSR"])
def test_spellings_of_real_names_are_caught(sentence):
    planted, line = with_sentence(source_text(WORKSHOP, "en"), sentence + ".")
    assert [p.line for p in check(WORKSHOP, "en", planted)] == [line], sentence


def test_every_refused_name_comes_from_the_model_or_the_glossary():
    names = {(name.lang, name.text) for name in refused_names(MODEL)}
    for key, labels in MODEL.vocabularies["regions"].items():
        expected = {(lang, labels[lang]) for lang in MODEL.codes}
        assert (expected <= names) == (key not in reserved_values(MODEL, "regions")), key
    assert {("en", "Region Blekinge"), ("sv", "huvudpartner"), ("ru", "рабочий пакет"), ("en", "RED")} <= names


@pytest.mark.parametrize("lang", MODEL.codes)
def test_a_page_that_is_no_example_may_not_use_the_reserved_values(lang):
    rel = "methods/forum-building.md"
    for name in ("regions", "sources"):
        text = replace_field(source_text(rel, lang), name, "[invented]")
        problems = check(rel, lang, text)
        assert [(p.line, "only an example page" in p.message) for p in problems] == [
            (text.splitlines().index(f"{name}: [invented]") + 1, True)], problems


def test_wrong_types_are_the_content_models_problem_not_a_crash():
    text = source_text(STUDY_VISIT, "en")
    for name, value in [("sources", "invented"), ("regions", "{a: b}"), ("example", '"true"'), ("work_package", "7")]:
        problems = check(STUDY_VISIT, "en", replace_field(text, name, value))
        assert problems and all(problem.kind == "front-matter" for problem in problems), (name, value)


def test_a_scaffolded_example_is_judged_by_its_values_not_by_the_comments_that_list_real_names(tmp_path):
    """The scaffolder's comments list every region, source and an example date with a real year; they are not
    what a reader sees."""
    for language in MODEL.languages:
        (tmp_path / language.tree).mkdir()
    english = scaffold.plan("study-visit", "Example: Harbour incubator", tmp_path)[0]
    assert "Kaliningrad Region" in english.text and "2007" in english.text  # in the comments
    text = english.text.replace("example: false", "example: true")
    for name, rule in MODEL.example_pages["fixed_fields"].items():
        text = replace_field(text, name, "[" + ", ".join(rule["value"]) + "]")
    rel = english.path.relative_to(tmp_path / MODEL.default_language.tree).as_posix()
    assert check(rel, "en", text) == []


def copy_site(root):
    for folder in ("data", *(language.tree for language in MODEL.languages)):
        shutil.copytree(REPO / folder, root / folder, symlinks=True)
    return root


PLANTS = {  # one mistake per language: the report and the build name each with its file and line
    "en": (STUDY_VISIT, lambda text: replace_field(text, "sources", "[red-description]"), "sources: [red-description]"),
    "sv": (WORKSHOP, lambda text: with_sentence(text, REAL_REGION["sv"] + ".")[0], REAL_REGION["sv"]),
    "ru": (WORKSHOP, lambda text: replace_field(text, "work_package", "[b]"), "work_package: [b]"),
}


def plant(root) -> dict[str, int]:
    lines = {}
    for lang, (rel, change, marker) in PLANTS.items():
        path = root / path_of(rel, lang)
        text = change(path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
        lines[lang] = next(number for number, line in enumerate(text.splitlines(), 1) if marker in line)
    return lines


def test_the_validator_reports_them_and_exits_non_zero(tmp_path):
    root = copy_site(tmp_path)
    lines = plant(root)
    found = sorted((p.lang, p.path, p.line) for p in build_report(root).problems if p.kind == "front-matter")
    assert found == sorted((lang, path_of(rel, lang), lines[lang]) for lang, (rel, _, _) in PLANTS.items())
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check_translations.py"), "--root", str(root)],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    for lang, (rel, _, _) in PLANTS.items():
        report = result.stdout[result.stdout.index(path_of(rel, lang) + "\n"):]
        assert f"  line {lines[lang]}: error [front-matter] this " in report.split("\n\n")[0], result.stdout


def test_the_strict_build_refuses_them_with_file_line_and_fix(repo_copy, site_address):
    lines = plant(repo_copy)
    build = run_build(repo_copy, repo_copy / "site", {"RED_SKIP_PDF": "1"}, site_url=site_address)
    assert build.returncode != 0
    assert "Traceback" not in build.log
    for lang, (rel, _, _) in PLANTS.items():
        assert f"{path_of(rel, lang)}:{lines[lang]}: this " in build.log, build.log[-3000:]
    assert build.log.count("how to fix: ") >= len(PLANTS)


def test_the_built_examples_show_no_red_source_and_no_work_package(built_site):
    red_titles = {source: entry["title"] for source, entry in MODEL.sources.items() if entry.get("file")}
    for rel in EXAMPLES:
        for lang in MODEL.codes:
            html = read(built_site.site, output_path(rel, lang))
            sources = html[html.index('<section class="red-sources">'):]
            sources = sources[:sources.index("</section>")]
            assert MODEL.source_title("invented", lang) in sources and sources.count("<li>") == 1, (rel, lang)
            assert not any(title[lang] in html for title in red_titles.values()), (rel, lang)
            facts = html[html.index('<section class="red-facts"'):]
            facts = facts[:facts.index("</section>")]
            assert f">{t('field_work_package', lang)}<" not in facts, (rel, lang)
            assert MODEL.label("regions", "invented", lang) in facts, (rel, lang)
            assert t("example_notice", lang) in html, (rel, lang)


@pytest.mark.parametrize(("name", "value"), [("host", "[Region Blekinge, [2007]]"), ("participating_organisations",
                                             "[1999, null, {a: Kaliningrad}]"), ("place", "null"), ("dates", "2007")])
def test_hostile_front_matter_values_are_reported_never_a_crash(name, value):
    text = re.sub(r"(?m)^participating_organisations:\n(?:  - .*\n)+", "participating_organisations: [X]\n",
                  source_text(STUDY_VISIT, "en"))
    text = replace_field(text, name, value)
    problems = check(STUDY_VISIT, "en", text)
    line = text.splitlines().index(f"{name}: {value}") + 1
    assert problems and all(p.kind == "front-matter" and p.line == line for p in problems), problems


def test_a_body_of_markup_only_or_a_huge_body_is_checked_without_error():
    text = source_text(WORKSHOP, "ru")
    front, body = text.split("\n---\n", 1)
    for planted in ["\n".join(["```", "Blekinge 2007", "```", "<div>", "</div>", "---", "| |", "|-|"]),
                    ("Участники из регионов А и Б согласовали правила. " * 2000) + "В Калининградской области."]:
        problems = check(WORKSHOP, "ru", f"{front}\n---\n{body}\n\n{planted}\n")
        assert all(p.kind == "front-matter" for p in problems)
    assert [p.message.split("says ")[1][:25] for p in problems] == ["'Калининградская область'"]
