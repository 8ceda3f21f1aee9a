"""The Russian house style (docs_ru/style-guide.md) holds on every Russian page and string.

These checks read the real source files, so a contributor who brings back a wording the Russian
review replaced (a stiff origin label, "рабочая встреча" for a workshop ...) gets a failing test
that names the file and line and the house form.
"""

from __future__ import annotations

import re
from pathlib import Path

from redsite.pages import list_pages
from redsite.render import t
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
    r"эксклав": "the strategy (and the English and Swedish pages) say enclave: 'анклав'",
    r"(глобальн|европейск)\w*(\s+и\s+\w+)?\s+перспектив": "calque of 'in a global perspective': 'определить "
                                                           "место ... в мире, в Европе и в южной части региона "
                                                           "Балтийского моря'",
    r"участвующ\w*\s+регион": "'to the entire regions concerned' is 'по всей территории обоих регионов'",
    r"приграничн\w*\s+работ": "priority area 4 is 'стратегическая трансграничная работа' (glossary), not Interreg A",
    r"иллюстративн\w*\s+пример": "calque of 'illustrative examples': 'вымышленные примеры', as the example notice says",
    r"Центр\w* поддержки[^.|]*\bподдерживает\b": "'Центр поддержки … поддерживает' repeats itself: 'обновляет', "
                                                   "'ведёт'",
    r"(?<!\()коучинг": "the glossary's coaching is 'индивидуальное сопровождение (коучинг)', then 'сопровождение'",
    r"Еврорегион\w*\s+«Хельсинки": "names in Latin script keep the source's spelling: 'Helsinki–Tallinn Euregio'",
}
# The region is «Калининградская область»; the bare name is the city, allowed only where the line says so.
KALININGRAD_ALONE = re.compile(r"\bКалининград(?:а|у|ом|е)?\b")
THE_CITY = re.compile(r"\b(?:город\w*|г\.)\s*Калининград", re.IGNORECASE)
TACIS_FINANCED_RUSSIA = re.compile(r"Тасис.*(?:российск\w*\s+сторон|участи\w*\s+Росси)", re.IGNORECASE)
YEAR_WITHOUT_NO_BREAK_SPACE = re.compile(r"\d[ \u00a0]гг?\.")  # the build puts U+202F there, as CLDR does


def lines_to_check():
    for path in RU_PAGES:
        if path.name != "style-guide.md":  # it names the replaced wordings in order to replace them
            for number, line in prose_lines(path):
                yield path, number, line
    for path in RU_STRINGS:
        refused_names = False  # the content model's list of names an example page may not use
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.startswith((" ", "#")):
                refused_names = line.startswith("example_pages:")
            if not refused_names:
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
               "города-близнецы", "описывает область как эксклав", "в глобальной и европейской перспективе",
               "по всем участвующим регионам", "4 — стратегическая приграничная работа",
               "пока на иллюстративных примерах",
               "список, который Центр поддержки предпринимательства поддерживает в актуальном состоянии",
               "сочетает индивидуальный коучинг для МСП", "Еврорегион «Хельсинки — Таллин»"]
    for sample in samples:
        assert any(re.search(pattern, sample, re.IGNORECASE) for pattern in REPLACED), sample


def test_the_kaliningrad_region_is_never_the_bare_city_name():
    problems = [f"{path.relative_to(ROOT)}:{number}: {match.group(0)!r} -> 'Калининградская область' "
                "(or say 'город Калининград' when the city is meant)"
                for path, number, line in lines_to_check()
                for match in [KALININGRAD_ALONE.search(line)] if match and not THE_CITY.search(line)]
    assert problems == []


def test_the_kaliningrad_check_tells_the_region_from_the_city():
    assert KALININGRAD_ALONE.search("соглашение о сотрудничестве с Калининградом")
    assert KALININGRAD_ALONE.search("Россия (Калининград)")
    assert not KALININGRAD_ALONE.search("Калининградская область и калининградские партнёры")
    assert THE_CITY.search("встреча прошла в городе Калининграде")


def english_page(path: Path) -> Path:
    return ROOT / "docs" / path.relative_to(ROOT / "docs_ru")


def test_tacis_is_explained_only_where_the_english_explains_it():
    """The English removed 'Tacis, which financed the Russian side' as unsupported; a Russian page glosses
    Tacis (the programme for the former USSR) no more often than its English page glosses it."""
    problems = []
    for path in RU_PAGES:
        lines = [line for _, line in prose_lines(path)]
        problems += [f"{path.relative_to(ROOT)}: {line.strip()[:90]!r} says Tacis financed the Russian side"
                     for line in lines if TACIS_FINANCED_RUSSIA.search(line)]
        glosses = sum("Тасис" in line and "СССР" in line for line in lines)
        english = english_page(path)
        english_glosses = sum("Tacis" in line and "Soviet Union" in line
                              for _, line in prose_lines(english)) if english.exists() else 0
        if glosses > english_glosses:
            problems.append(f"{path.relative_to(ROOT)}: explains Tacis {glosses} time(s), the English page "
                            f"{english_glosses}: remove the explanation the English lacks")
    assert problems == []


def test_the_tacis_check_finds_the_removed_clause():
    assert TACIS_FINANCED_RUSSIA.search("программы Тасис (Tacis), из которой финансировалось "
                                        "участие российской стороны")
    assert not TACIS_FINANCED_RUSSIA.search("из средств ЕФРР, программы Тасис (Tacis) и софинансирования партнёров")


def built_text(site: Path, rel: str) -> str:
    """The visible text of a built Russian page (code left out, where the build changes nothing)."""
    folder = rel[:-len("index.md")] if rel.endswith("index.md") else rel[:-3] + "/"
    html = (site / "ru" / folder / "index.html").read_text(encoding="utf-8")
    html = re.sub(r"<(pre|code|kbd|script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", "", html)


def test_no_built_russian_page_lets_a_year_wrap_away_from_its_abbreviation(built_site):
    """«2026 г.»: the build joins the year and «г.» with a no-break space, in the text and in the
    last-updated date every page shows."""
    problems = []
    for page in list_pages("ru"):
        text = built_text(built_site.site, page.rel)
        problems += [f"{page.rel}: {text[max(0, found.start() - 20):found.end()]!r}"
                     for found in YEAR_WITHOUT_NO_BREAK_SPACE.finditer(text)]
        label = re.escape(t("last_updated", "ru")).replace("\\ ", "\\s+")  # typography may join its words
        assert re.search(label + r"\s+\d{1,2} \w+ \d{4}\u202fг\.", text), f"{page.rel}: no last-updated date"
    assert problems == []
    accessibility = built_text(built_site.site, "accessibility.md")
    assert "оценка проведена 29 ноября 2026\u202fг." in accessibility  # typed "2026 г." in docs_ru/accessibility.md


def test_the_style_guide_shows_its_en_dash_examples_with_en_dashes(built_site):
    """Russian typography turns a spaced en dash into an em dash; the English and Swedish examples of the
    Russian style guide are marked with their language, so they keep the dash they illustrate."""
    text = built_text(built_site.site, "style-guide.md")
    assert "outwards \u2013 to municipalities" in text
    assert "utåt \u2013 till kommuner" in text
    assert "outwards\u00a0\u2014" not in text and "utåt\u00a0\u2014" not in text
