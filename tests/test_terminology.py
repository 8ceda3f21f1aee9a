"""The validator's terminology check (redsite.translations.terminology): glossary terms on word stems,
accepted variants, in every report format and on the translation-status page; the real site runs clean."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from redsite.data_checks import check_data_files
from redsite.frontmatter import parse_page
from redsite.model import load_model
from redsite.translations import formats
from redsite.translations.freshness import source_hash
from redsite.translations.report import build_report

MODEL = load_model()
CLI = REPO / "scripts" / "check_translations.py"

GLOSSARY = """terms:
  - en: study visit
    sv: studiebesök
    ru: ознакомительный визит
  - en: triple helix
    sv: triple helix
    ru: тройная спираль
  - en: good practice
    sv: gott exempel
    ru: успешная практика
    variants:
      sv: [goda exempel]
  - en: workshop
    sv: workshop
    ru: рабочий семинар
  - en: Baltic Sea Region (BSR)
    sv: Östersjöregionen
    ru: регион Балтийского моря
  - en: Baltic Sea Region Programme
    sv: Östersjöprogrammet
    ru: Программа региона Балтийского моря
"""

ENGLISH = """---
title: Visits
---

The partners made a study visit to learn about the triple helix.

## What we saw

Two workshops showed good practice; the Baltic Sea Region Programme paid for them.

```
a study visit in a code block is not prose
```

See the [notes](https://example.org/study-visit-notes).
"""

# Inflected forms only: "studiebesöket", "goda exempel" (a variant), "workshoppar";
# Russian "ознакомительного визита" (Snowball: "визит" -> "виз", "визита" -> "визит") and
# "тройной спирали" ("спираль" -> "спирал", "спирали" -> "спира").
CORRECT = {
    "sv": """---
title: Besök
source_hash: "{hash}"
---

Partnerna gjorde studiebesöket för att lära sig om triple helix.

## Vad vi såg

Två workshoppar visade goda exempel; Östersjöprogrammet betalade dem.

```
no prose here
```

Se [anteckningarna](https://example.org/study-visit-notes).
""",
    "ru": """---
title: Визиты
source_hash: "{hash}"
---

Партнёры провели два ознакомительных визита, чтобы узнать о тройной спирали.

## Что мы увидели

Два рабочих семинара показали успешные практики; их оплатила Программа региона Балтийского моря.

```
no prose here
```

См. [заметки](https://example.org/study-visit-notes).
""",
}

# One wrong term per language: "studieresa" for "studiebesök", "учебная поездка" for "ознакомительный визит".
WRONG = {"sv": ("studiebesöket", "studieresan"), "ru": ("два ознакомительных визита", "учебную поездку")}


def make_site(root: Path, translations: dict[str, str] | None = None, glossary: str = GLOSSARY,
              english: str = ENGLISH, correct: dict[str, str] | None = None) -> Path:
    (root / "data").mkdir(parents=True)
    (root / "data" / "glossary.yml").write_text(glossary, encoding="utf-8")
    shutil.copy(REPO / "data" / "baltic_initiatives.yml", root / "data")  # the validator checks every data file
    english_hash = source_hash(parse_page("docs/visits.md", english), MODEL)
    pages = {"en": english, **(correct or CORRECT), **(translations or {})}
    for lang, text in pages.items():
        path = root / MODEL.language(lang).tree / "visits.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("{hash}", english_hash), encoding="utf-8")
    return root


def wrong(lang: str) -> dict[str, str]:
    old, new = WRONG[lang]
    assert old in CORRECT[lang]
    return {lang: CORRECT[lang].replace(old, new)}


def terminology(root: Path):
    return [problem for problem in build_report(root).problems if problem.kind == "terminology"]


def test_inflected_forms_and_variants_of_the_renderings_are_clean(tmp_path):
    report = build_report(make_site(tmp_path))
    assert report.problems == []
    assert report.terminology == []


@pytest.mark.parametrize("lang", ["sv", "ru"])
def test_a_wrong_term_is_found_with_the_english_line_and_the_expected_rendering(tmp_path, lang):
    problems = terminology(make_site(tmp_path, wrong(lang)))
    assert [(p.lang, p.path) for p in problems] == [(lang, f"{MODEL.language(lang).tree}/visits.md")]
    problem = problems[0]
    expected = {"sv": "studiebesök", "ru": "ознакомительный визит"}[lang]
    english_line = ENGLISH.splitlines().index("The partners made a study visit to learn about the triple helix.") + 1
    assert f"docs/visits.md line {english_line} uses the glossary term 'study visit', but this paragraph" \
        in problem.message
    assert f"'{expected}'" in problem.message
    assert problem.line == 6  # the translated paragraph (the English one is on line 5: no source_hash there)
    assert "variants" in problem.hint


def test_a_term_used_only_in_code_link_targets_or_front_matter_does_not_count(tmp_path):
    english = ENGLISH.replace("made a study visit to learn", "went to learn")
    root = make_site(tmp_path)
    (root / "docs" / "visits.md").write_text(english.replace("title: Visits", "title: Study visits"),
                                             encoding="utf-8")
    for lang in ("sv", "ru"):  # the translations still mention the visit: that is allowed
        path = root / MODEL.language(lang).tree / "visits.md"
        path.write_text(path.read_text(encoding="utf-8").replace(
            f'source_hash: "{source_hash(parse_page("docs/visits.md", ENGLISH), MODEL)}"',
            f'source_hash: "{source_hash(parse_page("docs/visits.md", english), MODEL)}"'), encoding="utf-8")
    assert terminology(root) == []


def test_the_rendering_only_in_a_code_block_or_link_target_does_not_count(tmp_path):
    text = CORRECT["sv"].replace("studiebesöket", "resan").replace("no prose here", "studiebesök")
    text = text.replace("https://example.org/study-visit-notes", "https://example.org/studiebesok")
    assert [p.lang for p in terminology(make_site(tmp_path, {"sv": text}))] == ["sv"]


def test_the_longest_term_wins(tmp_path):
    """The English says "Baltic Sea Region Programme": that is not also a use of "Baltic Sea Region"."""
    assert "Östersjöregionen" not in CORRECT["sv"]
    assert terminology(make_site(tmp_path)) == []
    text = CORRECT["sv"].replace("Östersjöprogrammet", "programmet")
    problems = terminology(make_site(tmp_path / "other", {"sv": text}))
    assert ["'Baltic Sea Region Programme'" in p.message for p in problems] == [True]


def test_a_new_variant_in_the_glossary_accepts_another_wording(tmp_path):
    accepted = GLOSSARY.replace("    ru: ознакомительный визит\n",
                                "    ru: ознакомительный визит\n    variants:\n      ru: [учебная поездка]\n")
    assert terminology(make_site(tmp_path, wrong("ru"), glossary=accepted)) == []


def test_the_finding_appears_in_every_report_format_and_on_the_status_page(tmp_path):
    root = make_site(tmp_path, {**wrong("sv"), **wrong("ru")})
    report = build_report(root)
    text = formats.as_text(report, model=MODEL)
    assert "line 6: error [terminology] docs/visits.md line 5 uses the glossary term 'study visit'" in text
    markdown = formats.as_markdown(report, model=MODEL)
    # the message is escaped for Markdown (a contributor's file names and text reach the job summary)
    assert "error **terminology** – docs/visits\\.md line 5 uses the glossary term 'study visit'" in markdown
    kinds = {(p["kind"], p["path"]) for p in json.loads(formats.as_json(report))["problems"]}
    assert kinds == {("terminology", "docs_sv/visits.md"), ("terminology", "docs_ru/visits.md")}
    github = formats.as_github(report, model=MODEL)
    assert "::error file=docs_ru/visits.md,line=6,title=terminology (ru)::" in github
    html = formats.status_html(report, "sv", lambda rel: f"../{rel[:-3]}/", MODEL)
    assert "<caption>Ordlistetermer som översättningarna inte använder</caption>" in html
    assert ('<td lang="ru">Русский</td><td lang="en">study visit <code>docs/visits.md:5</code></td>'
            '<td lang="ru">ознакомительный визит</td>') in html
    assert html.count('<tr data-kind="terminology">') == 2
    clean = formats.status_html(build_report(make_site(tmp_path / "clean")), "ru", lambda rel: None, MODEL)
    assert '<p data-kind="terminology">Во всех переводах используются термины глоссария.</p>' in clean


def test_the_command_line_fails_on_a_terminology_problem(tmp_path):
    root = make_site(tmp_path, wrong("ru"))
    result = subprocess.run([sys.executable, str(CLI), "--root", str(root), "--format", "text"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "[terminology]" in result.stdout and "ознакомительный визит" in result.stdout


def test_glossary_variants_must_be_lists_per_known_language(tmp_path):
    bad = GLOSSARY.replace("      sv: [goda exempel]\n", "      sv: goda exempel\n      xx: [a]\n")
    root = make_site(tmp_path, glossary=bad)
    problems = [problem for problem in check_data_files(root, MODEL) if "variants" in problem.message]
    assert [problem.path for problem in problems] == ["data/glossary.yml"] * 2
    assert all(problem.line == bad.splitlines().index("  - en: good practice") + 1 for problem in problems)
    assert "unknown language 'xx'" in problems[1].message


def test_the_real_site_uses_the_glossarys_terms():
    report = build_report(REPO)
    found = [problem.render() for problem in report.problems if problem.kind == "terminology"]
    assert found == []


def _copy_of_the_real_site(root: Path) -> Path:
    for folder in ("data", *(language.tree for language in MODEL.languages)):
        shutil.copytree(REPO / folder, root / folder, symlinks=True)
    return root


# every use on the page replaced: found wherever the English uses the term (at least once per page)
PLANTED = {"docs_sv/methods/study-visits.md": (r"[Ss]tudiebesök\w*", "resa", "study visit"),
           "docs_ru/methods/seminars.md": (r"[Оо]знакомительн\w* визит\w*", "поездки", "study visit"),
           # Regionfullmäktige is Region Blekinge's assembly, never a "regional council"
           "docs_ru/context/blekinge-strategy.md": (r"[Рр]егиональн\w* собрани\w* \(Regionfullmäktige\)",
                                                     "региональный совет", "Regional Assembly")}


def _planted_copy_of_the_real_site(root: Path) -> Path:
    _copy_of_the_real_site(root)
    for path, (pattern, replacement, _) in PLANTED.items():
        text = (root / path).read_text(encoding="utf-8")
        assert re.search(pattern, text), path
        (root / path).write_text(re.sub(pattern, replacement, text), encoding="utf-8")
    return root


def test_planted_deviations_on_a_copy_of_the_real_site_are_found(tmp_path):
    baseline = {(problem.path, problem.line) for problem in terminology(REPO)}
    root = _planted_copy_of_the_real_site(tmp_path)
    found = {(problem.path, problem.message.split("'")[1]) for problem in terminology(root)
             if (problem.path, problem.line) not in baseline}
    assert found == {(path, term) for path, (_, _, term) in PLANTED.items()}


@pytest.mark.parametrize(("path", "old", "new"), [
    # one paragraph of each page: the page keeps the term in its title, its other paragraphs and its note
    ("docs_sv/methods/study-visits.md", ("Studiebesöket gör", "studiebesöken också"),
     ("Resan gör", "resorna också")),
    ("docs_ru/methods/study-visits.md", ("Ознакомительный визит делает", "такие визиты"),
     ("Учебная поездка делает", "такие поездки")),
])
def test_a_term_replaced_in_one_paragraph_of_a_real_page_is_found_at_that_line(tmp_path, path, old, new):
    root = _copy_of_the_real_site(tmp_path)
    baseline = {problem.render() for problem in terminology(root)}
    lines = (root / path).read_text(encoding="utf-8").split("\n")
    line = next(number for number, text in enumerate(lines, 1) if old[0] in text)
    for before, after in zip(old, new, strict=True):
        assert before in lines[line - 1]
        lines[line - 1] = lines[line - 1].replace(before, after)
    (root / path).write_text("\n".join(lines), encoding="utf-8")
    rest = "\n".join(lines[:line - 1] + lines[line:])
    assert re.search(r"[Ss]tudiebesök|[Оо]знакомительн\w* визит", rest)  # the page still uses the term
    found = [problem for problem in terminology(root) if problem.render() not in baseline]
    assert [(p.path, p.line, p.message.split("'")[1]) for p in found] == [(path, line, "study visit")]
    english_line = next(number for number, text in enumerate(
        (REPO / "docs/methods/study-visits.md").read_text(encoding="utf-8").splitlines(), 1)
        if "A study visit makes this understanding concrete" in text)
    assert f"docs/methods/study-visits.md line {english_line} uses the glossary term 'study visit', but this " \
           "paragraph, which translates it, does not use" in found[0].message


def test_each_finding_on_a_copy_of_the_real_site_is_reported_at_its_translated_passage(tmp_path):
    """Every finding names a line of the translation whose passage pairs with the English line it cites
    (the real site has no findings, so deviations are planted on a copy)."""
    problems = terminology(_planted_copy_of_the_real_site(tmp_path))
    assert {problem.path for problem in problems} >= set(PLANTED)
    for problem in problems:
        english_path, english_line = re.match(r"(\S+) line (\d+) ", problem.message).groups()
        text = (REPO / english_path).read_text(encoding="utf-8").splitlines()[int(english_line) - 1]
        term = problem.message.split("'")[1]
        assert term.split(" (")[0].casefold().split()[0][:5] in text.casefold(), problem.render()
        assert (tmp_path / problem.path).read_text(encoding="utf-8").splitlines()[problem.line - 1].strip()


def test_the_c_stemmer_gives_the_pure_python_stems_on_every_word_of_the_site():
    """snowballstemmer hands stemming to PyStemmer (C, pinned in requirements.txt) when it is installed,
    which makes the validator's first run on the real site about 0.1 s faster; the stems must not change."""
    import snowballstemmer
    from snowballstemmer.russian_stemmer import RussianStemmer
    from snowballstemmer.swedish_stemmer import SwedishStemmer

    from redsite.outline import WORD

    assert type(snowballstemmer.stemmer("russian")).__module__ == "Stemmer", "PyStemmer is not installed"
    pages = [path for language in MODEL.languages for path in (REPO / language.tree).rglob("*.md")]
    words = sorted({word.casefold().replace("ё", "е") for path in pages
                    for word in WORD.findall(path.read_text(encoding="utf-8"))})
    for name, pure_python in (("russian", RussianStemmer), ("swedish", SwedishStemmer)):
        assert snowballstemmer.stemmer(name).stemWords(words) == pure_python().stemWords(words), name
