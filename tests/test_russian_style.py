"""The Russian house style (docs_ru/style-guide.md) holds on every Russian page and string.

These checks read the real source files, so a contributor who brings back a wording the Russian
review replaced (a stiff origin label, "рабочая встреча" for a workshop ...) gets a failing test
that names the file and line and the house form.
"""

from __future__ import annotations

import re
from pathlib import Path

from test_swedish_style import prose_lines

ROOT = Path(__file__).resolve().parent.parent
RU_PAGES = sorted((ROOT / "docs_ru").rglob("*.md"))
# Every Russian string outside the pages: interface strings, the content model's labels, data files.
RU_STRINGS = [ROOT / "scripts" / "redsite" / "ui_strings.yml", ROOT / "scripts" / "redsite" / "content_model.yml",
              *sorted((ROOT / "data").glob("*.yml"))]

# wording found in review -> the house form (see docs_ru/style-guide.md and data/glossary.yml)
REPLACED = {
    r"более поздн\w* (успешн\w* )?практик": "the lead partner's later practice: 'практика ведущего партнёра RED "
                                            "после проекта'",
    r"смежн\w* (успешн\w* )?практик|смежн\w* опыт": "related practice: 'родственная практика в регионе "
                                                    "Балтийского моря'",
    r"региональн\w* совет": "Regionfullmäktige is 'региональное собрание' (glossary: Regional Assembly)",
    r"рабоч\w* встреч": "a workshop is a 'рабочий семинар'; 'встреча' is a meeting",
    r"заинтересованн\w* участник": "all relevant actors: 'все заинтересованные стороны'",
    r"должностн\w* функци": "roles in an action plan: 'должности'",
    r"свидетельств\w* результативн": "Evidence of success: 'данные о результатах'",
    r"города-близнец": "'регион парных городов'",
}


def lines_to_check():
    for path in RU_PAGES:
        if path.name != "style-guide.md":  # it names the replaced wordings in order to replace them
            for number, line in prose_lines(path):
                yield path, number, line
    for path in RU_STRINGS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            yield path, number, line


def test_no_wording_the_russian_review_replaced():
    problems = [f"{path.relative_to(ROOT)}:{number}: {match.group(0)!r} -> {fix}"
                for path, number, line in lines_to_check()
                for pattern, fix in REPLACED.items()
                for match in [re.search(pattern, line, re.IGNORECASE)] if match]
    assert problems == []


def test_the_check_finds_a_replaced_wording():
    """The patterns match the forms they are meant to catch, inflected and capitalised."""
    samples = ["Более поздняя практика ведущего партнёра RED", "как смежная успешная практика",
               "и смежный опыт", "решение Регионального совета", "отчёт о рабочей встрече",
               "заинтересованных участников", "должностные функции", "свидетельства результативности",
               "города-близнецы"]
    for sample in samples:
        assert any(re.search(pattern, sample, re.IGNORECASE) for pattern in REPLACED), sample
