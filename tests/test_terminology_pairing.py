"""The terminology check passage by passage (redsite.translations.pairing and term_matching): a term
rendered otherwise in one paragraph is found at that paragraph's line even where the page keeps the
term elsewhere; paragraphs a translator merged fall back to the section, headings that differ to the
page; inflected forms, compounds, shortened forms after a full one and the English name count; code
spans and link targets do not."""

from __future__ import annotations

import pytest

from redsite.frontmatter import parse_page
from redsite.outline import parse_outline
from redsite.translations.pairing import BLOCK, PAGE, SECTION, pair_blocks
from redsite.translations.term_matching import PageText, StemCache
from test_terminology import MODEL, make_site, terminology

GLOSSARY = """terms:
  - en: study visit
    sv: studiebesök
    ru: ознакомительный визит
  - en: method
    sv: metod
    ru: метод
  - en: seminar
    sv: seminarium
    ru: семинар
  - en: workshop
    sv: workshop
    ru: рабочий семинар
  - en: lobbying
    sv: påverkansarbete
    ru: продвижение интересов (лоббирование)
  - en: good practice
    sv: gott exempel
    ru: успешная практика
    variants:
      sv: [goda exempel]
"""

ENGLISH = """---
title: Study visits
---

A study visit shows how a method works in practice.

## Preparing

Before the study visit, agree on what to learn.

- Send the programme of the study visit to every participant.

## Afterwards

After the study visit, write down what could be adapted.
"""

# Every paragraph uses the term, inflected as the sentence needs: the ru list item has the genitive,
# the last paragraphs the plural.
CORRECT = {
    "sv": """---
title: Studiebesök
source_hash: "{hash}"
---

Ett studiebesök visar hur en metod fungerar i praktiken.

## Förberedelser

Kom före studiebesöket överens om vad ni vill lära er.

- Skicka programmet för studiebesöket till alla deltagare.

## Efteråt

Skriv efter studiebesöken ned vad som skulle kunna anpassas.
""",
    "ru": """---
title: Ознакомительные визиты
source_hash: "{hash}"
---

Ознакомительный визит показывает, как метод работает на практике.

## Подготовка

Перед ознакомительным визитом договоритесь, чему вы хотите научиться.

- Разошлите программу ознакомительного визита всем участникам.

## Что делать потом

После ознакомительных визитов запишите, что можно адаптировать.
""",
}
LINES = {"sv": {"first": 6, "preparing": 10, "list": 12, "afterwards": 16, "heading": 8},
         "ru": {"first": 6, "preparing": 10, "list": 12, "afterwards": 16, "heading": 8}}
RIGHT = {"sv": "studiebesöket överens", "ru": "ознакомительным визитом"}
WRONG = {"sv": "resan överens", "ru": "учебной поездкой"}


def site(tmp_path, translations=None):
    return make_site(tmp_path, translations, glossary=GLOSSARY, english=ENGLISH, correct=CORRECT)


def found(tmp_path, translations=None):
    return [(p.lang, p.line, p.message.split("'")[1]) for p in terminology(site(tmp_path, translations))]


def replaced(lang: str, old: str, new: str) -> dict[str, str]:
    assert CORRECT[lang].count(old) == 1, old
    return {lang: CORRECT[lang].replace(old, new)}


def test_every_paragraph_rendering_the_term_in_an_inflected_form_is_clean(tmp_path):
    assert found(tmp_path) == []


@pytest.mark.parametrize("lang", ["sv", "ru"])
def test_a_term_rendered_otherwise_in_one_paragraph_is_found_at_its_line(tmp_path, lang):
    """The title and three other passages keep the glossary's rendering: the page as a whole uses it."""
    assert found(tmp_path, replaced(lang, RIGHT[lang], WRONG[lang])) == [(lang, LINES[lang]["preparing"],
                                                                          "study visit")]
    problem = terminology(site(tmp_path / "again", replaced(lang, RIGHT[lang], WRONG[lang])))[0]
    assert "docs/visits.md line 9 uses the glossary term 'study visit', but this paragraph" in problem.message
    assert problem.path == f"{MODEL.language(lang).tree}/visits.md"


@pytest.mark.parametrize("lang", ["sv", "ru"])
def test_two_wrong_passages_give_two_findings(tmp_path, lang):
    wrong_list = {"sv": ("programmet för studiebesöket", "programmet för resan"),
                  "ru": ("программу ознакомительного визита", "программу поездки")}[lang]
    text = replaced(lang, RIGHT[lang], WRONG[lang])[lang].replace(*wrong_list)
    assert found(tmp_path, {lang: text}) == [(lang, LINES[lang]["preparing"], "study visit"),
                                             (lang, LINES[lang]["list"], "study visit")]


@pytest.mark.parametrize("lang", ["sv", "ru"])
def test_the_rendering_only_in_a_code_span_or_a_link_target_does_not_count(tmp_path, lang):
    rendering = {"sv": "studiebesök", "ru": "ознакомительный визит"}[lang]
    code = replaced(lang, RIGHT[lang], f"{WRONG[lang]} (`{rendering}`)")
    assert found(tmp_path / "code", code) == [(lang, LINES[lang]["preparing"], "study visit")]
    link = replaced(lang, RIGHT[lang], f"[{WRONG[lang]}](https://example.org/{rendering.replace(' ', '-')})")
    assert found(tmp_path / "link", link) == [(lang, LINES[lang]["preparing"], "study visit")]


def test_the_english_term_only_in_a_code_span_or_link_target_is_not_a_use(tmp_path):
    english = ENGLISH.replace("Before the study visit, agree", "Before the `study visit`, agree [now]"
                              "(https://example.org/study-visit)")
    root = make_site(tmp_path, {**replaced("sv", RIGHT["sv"], WRONG["sv"]),
                                **replaced("ru", RIGHT["ru"], WRONG["ru"])},
                     glossary=GLOSSARY, english=english, correct=CORRECT)
    assert terminology(root) == []


def test_merged_paragraphs_are_compared_as_a_section(tmp_path):
    """A translator who joins the paragraph and the list item: the section is the unit, so the term
    anywhere in it counts, and a wrong rendering is reported at the section's heading."""
    merged = CORRECT["sv"].replace("lära er.\n\n- Skicka", "lära er. Skicka")
    assert found(tmp_path, {"sv": merged}) == []
    both_wrong = merged.replace("studiebesöket överens", "resan överens").replace("för studiebesöket", "för resan")
    problems = terminology(site(tmp_path / "wrong", {"sv": both_wrong}))
    assert [(p.line, p.message.split("'")[1]) for p in problems] == [(LINES["sv"]["heading"], "study visit")]
    assert "but this section does not use its glossary rendering (sv) 'studiebesök' anywhere (its " \
        "paragraphs do not match" in problems[0].message


def test_after_a_heading_that_differs_the_rest_of_the_page_is_one_unit(tmp_path):
    moved = CORRECT["ru"].replace("## Подготовка", "### Подготовка")  # a level the English does not have
    assert found(tmp_path, {"ru": moved}) == []
    wrong = moved.replace(RIGHT["ru"], WRONG["ru"])
    assert found(tmp_path / "wrong", {"ru": wrong}) == []  # the rest of the page still renders the term
    all_wrong = wrong.replace("ознакомительного визита", "поездки").replace("ознакомительных визитов", "поездок")
    problems = terminology(site(tmp_path / "all", {"ru": all_wrong}))
    assert [(p.line, p.message.split("'")[1]) for p in problems] == [(LINES["ru"]["heading"], "study visit")]
    assert "but the rest of this page, from this line on, does not use" in problems[0].message
    first_wrong = moved.replace("Ознакомительный визит показывает", "Поездка показывает")
    assert found(tmp_path / "first", {"ru": first_wrong}) == [("ru", LINES["ru"]["first"], "study visit")]


@pytest.mark.parametrize(("lang", "old", "new", "clean"), [
    # anaphora: "визит" alone, once "ознакомительный визит" stands elsewhere on the page
    ("ru", "ознакомительным визитом", "визитом", True),
    # a compound whose last part is the rendering: "arbetsmetod" for "metod"
    ("sv", "hur en metod fungerar", "hur en arbetsmetod fungerar", True),
    # one word inserted into a multi-word rendering
    ("ru", "ознакомительным визитом", "ознакомительным партнёрским визитом", True),
    # the English term kept as a name
    ("sv", "Kom före studiebesöket överens", "Kom före Study Visit Week överens", True),
    # "metodik" starts with the rendering (a derived word: the page-level check accepted it too)
    ("sv", "hur en metod fungerar", "hur en metodik fungerar", True),
    # another word
    ("sv", "hur en metod fungerar", "hur en handbok fungerar", False),
])
def test_forms_that_render_a_term(tmp_path, lang, old, new, clean):
    result = found(tmp_path, replaced(lang, old, new))
    assert (result == []) is clean, result


def test_a_shortened_form_alone_is_not_the_rendering(tmp_path):
    """Without the full rendering anywhere on the page, "визит" is just a word."""
    text = CORRECT["ru"]
    for full in ("Ознакомительный визит", "ознакомительным визитом", "ознакомительного визита",
                 "ознакомительных визитов", "Ознакомительные визиты"):
        text = text.replace(full, full.split()[1])
    problems = found(tmp_path, {"ru": text})
    assert problems == [("ru", line, "study visit") for line in (6, 10, 12, 16)]


def test_the_bare_word_another_term_renders_is_not_a_shortened_form(tmp_path):
    """"семинар" renders "seminar": a workshop that the Russian calls "семинар" is reported."""
    english = ENGLISH.replace("agree on what to learn", "agree on what to learn at the workshop")
    ru = CORRECT["ru"].replace("чему вы хотите научиться", "чему вы хотите научиться на рабочем семинаре")
    sv = CORRECT["sv"].replace("vad ni vill lära er", "vad ni vill lära er på workshoppen")
    root = make_site(tmp_path, {"ru": ru, "sv": sv}, glossary=GLOSSARY, english=english, correct=CORRECT)
    assert terminology(root) == []
    english = english.replace("could be adapted", "could be adapted after the workshop")
    ru = ru.replace("что можно адаптировать", "что можно адаптировать после семинара")
    sv = sv.replace("kunna anpassas", "kunna anpassas efter workshoppen")
    root = make_site(tmp_path / "short", {"ru": ru, "sv": sv}, glossary=GLOSSARY, english=english, correct=CORRECT)
    assert [(p.lang, p.line, p.message.split("'")[1]) for p in terminology(root)] == [("ru", 16, "workshop")]


def test_the_hint_names_the_rendering_and_its_accepted_variants(tmp_path):
    english = ENGLISH.replace("what could be adapted", "what good practice could be adapted")
    sv = CORRECT["sv"].replace("vad som skulle kunna anpassas", "vilka bra metoder som skulle kunna anpassas")
    root = make_site(tmp_path, {"sv": sv}, glossary=GLOSSARY, english=english, correct=CORRECT)
    problems = [p for p in terminology(root) if p.lang == "sv"]
    assert [(p.line, p.message.split("'")[1]) for p in problems] == [(16, "good practice")]
    assert "use 'gott exempel' (any inflected form or an accepted variant: 'goda exempel')" in problems[0].hint


def _units(english: str, translated: str):
    source, target = parse_page("docs/a.md", english), parse_page("docs_sv/a.md", translated)
    return [(unit.level, list(unit.english), list(unit.translated))
            for unit in pair_blocks(source.body, source.body_line, target.body, target.body_line)]


def test_pairing_block_by_block_section_and_page():
    english = "Intro.\n\n## A\n\nOne two.\n\n- three\n- four\n\n## B\n\nFive six.\n\n## C\n\nSeven.\n"
    same = "Inledning.\n\n## A\n\nEtt två.\n\n- tre\n- fyra\n\n## B\n\nFem sex.\n\n## C\n\nSju.\n"
    assert _units(english, same) == [(BLOCK, [i], [i]) for i in range(9)]
    merged = same.replace("Ett två.\n\n- tre", "Ett två, tre")
    assert _units(english, merged) == [(BLOCK, [0], [0]), (SECTION, [1, 2, 3, 4], [1, 2, 3]),
                                       *((BLOCK, [i], [i - 1]) for i in range(5, 9))]
    # a paragraph turned into a list item: same count, different blocks
    assert _units(english, same.replace("Fem sex.", "- Fem sex."))[5] == (SECTION, [5, 6], [5, 6])
    # heading C one level down: the sections up to it pair, C and what follows is the rest of the page
    assert _units(english, same.replace("## C", "### C")) == [*((BLOCK, [i], [i]) for i in range(7)),
                                                              (PAGE, [7, 8], [7, 8])]
    # heading B missing: levels cannot tell B from C, so only the introduction pairs
    assert _units(english, same.replace("## B\n\n", "")) == [(BLOCK, [0], [0]), (PAGE, list(range(1, 9)),
                                                                                    list(range(1, 8)))]
    # no heading at all in the translation: the whole page is one unit
    assert _units(english, same.replace("## ", "")) == [(PAGE, list(range(9)), list(range(9)))]


def test_pairing_falls_back_when_a_pair_is_far_longer_than_the_section_predicts():
    """A translator who moved a sentence from one paragraph to the next keeps the count, not the lengths."""
    long_en = " ".join(["word"] * 12) + "."
    english = f"## A\n\n{long_en}\n\n{long_en}\n"
    moved = f"## A\n\nOrd ord.\n\n{' '.join(['ord'] * 22)}.\n"
    assert _units(english, moved) == [(SECTION, [0, 1, 2], [0, 1, 2])]
    even = f"## A\n\n{' '.join(['ord'] * 10)}.\n\n{' '.join(['ord'] * 14)}.\n"
    assert [level for level, _, _ in _units(english, even)] == [BLOCK] * 3


def test_a_multi_word_rendering_allows_one_inserted_word_within_a_block():
    stems = StemCache("en")
    form = stems.stems(("продвижение", "интересов"), "ru")
    text = PageText.of(parse_outline("Работа по продвижению своих интересов.\n\nПродвижение интересов.\n\n"
                                     "Продвижение наших общих интересов.\n\nПродвижение\n\nинтересов.\n").blocks,
                       "ru", stems)
    # not with two inserted words, not across two paragraphs
    assert [text.holds(form, range(index, index + 1)) for index in range(5)] == [True, True, False, False, False]
    assert text.holds_anywhere(form)
    assert not text.holds_anywhere(stems.stems(("интересов", "продвижение"), "ru"))  # in that order


def test_a_long_stem_may_end_differently():
    """Swedish Snowball leaves "seminariet" and "seminarium" unequal; the first eight letters agree."""
    stems = StemCache("en")
    form = stems.stems(("seminarium",), "sv")
    text = PageText.of(parse_outline("Seminariet vänder sig utåt.\n\nSeminarier hölls.\n\nSemestern.\n").blocks,
                       "sv", stems)
    assert [text.holds(form, range(index, index + 1)) for index in range(3)] == [True, True, False]
