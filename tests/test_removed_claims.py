"""Claims the seeds do not support were removed from the site; they stay removed in every language.

One table, REMOVED: each claim with the wording it had (or would have) in English, Swedish and Russian, as
regular expressions over the text a reader sees on every built page (the article, typography applied, spaces
normalised). A language whose pages never needed the wording says why instead of giving a pattern.
"""

from __future__ import annotations

import re

import pytest

from redsite.model import load_model
from redsite.pages import list_pages
from test_content import text_of

MODEL = load_model()


def _no_form(reason: str) -> dict:
    return {"reason": reason}


# claim -> {language: pattern}; a language without a pattern holds {"reason": why}.
REMOVED = {
    "the lead partner publishes the site": {
        "en": r"publishes this site", "sv": r"publicerar den här webbplatsen", "ru": r"публикует этот сайт"},
    "RED's partners write the site": {
        "en": r"written by the partners of RED", "sv": r"skrivs av partnerna i RED",
        "ru": r"пишут партнёры проекта RED"},
    "data compilation serves ambition (a)": {  # the documents list ambitions and work packages without linking them
        "en": r"serves RED's first ambition", "sv": r"hör till RED:s första ambition",
        "ru": r"служит первой задаче RED"},
    "work package (c) closely linked to an ambition": {
        "en": r"closely linked to one of RED's three ambitions",
        "sv": r"hängde nära ihop med en av RED:s tre ambitioner", "ru": r"тесно связан с одной из трёх задач RED"},
    "matchmaking: ambition (c) is work package (d)": {
        "en": r"This was RED's ambition \(c\) and the focus of work package \(d\)",
        "sv": r"Det var RED:s ambition \(c\) och inriktningen för arbetspaket \(d\)",
        "ru": r"Это была задача \(c\) проекта RED и направленность рабочего пакета \(d\)"},
    "JOSEFIN's method connects to work package (c)": {
        "en": r"connects to work package \(c\)", "sv": r"anknyter metoden till arbetspaket \(c\)",
        "ru": r"перекликается с рабочим пакетом \(c\)"},
    "many small working sessions": {  # the seed says "small workshops", not how many
        "en": r"many small working sessions", "sv": r"många små arbetsmöten",
        "ru": r"множеству небольших рабочих семинаров"},
    "Regionfullmäktige and regionförbund as 'regional council'": {
        "en": r"Regional Council|regional councils", "ru": r"региональн\w+ совет",
        "sv": _no_form("the Swedish pages use the source's own words, regionfullmäktige and regionförbund")},
    "Tacis financed the Russian side": {  # seed 001 names Tacis among the funds, not what it paid for
        "en": r"financed the Russian side",
        "sv": r"finansierade den ryska sidan|ryska sidan av samarbetsprojekten finansierades",
        "ru": r"финансировалось участие российской стороны"},
    "the project was organised around four meetings": {  # the seed: four meetings, with work in between
        "en": r"organised around four", "sv": r"upplagt kring fyra", "ru": r"строился вокруг четырёх"},
    "BaltMet Inno: the source names six focus areas but lists five": {  # seed 003's list reads as six
        "en": r"but it lists five", "sv": r"bara fem räknas upp", "ru": r"перечислены только пять"},
    "data compilation: work package (b) placed the regions in a global perspective": {  # that is ambition (a)
        "en": r"perspective\. This was the focus of RED's work package \(b\)",
        "sv": r"Det var inriktningen för arbetspaket \(b\) i RED",
        "ru": r"Этому был посвящён рабочий пакет \(b\) проекта RED\."},
    "South Sweden is not a single statistical unit": {  # Eurostat's SE22 'Sydsverige' is one; the seeds define none
        "en": r"South Sweden is not a single statistical unit", "sv": r"Sydsverige är ingen statistisk enhet",
        "ru": r"не является единой статистической единицей"},
    "bilateral meetings of the whole partnership": {  # the seeds do not say who attended
        "en": r"meeting point for the whole partnership|whole Swedish–Kaliningrad partnership",
        "sv": r"mötesplats för hela partnerskapet|hela det svensk-kaliningradska partnerskapet",
        "ru": r"регулярных встречах всего партнёрства|всех шведских и калининградских партнёров"},
    "the other methods feed into the bilateral meetings": {
        "en": r"feed into these meetings", "sv": r"ger underlag till mötena", "ru": r"сводятся воедино именно здесь"},
    "study visits were for building mutual understanding": {  # ambition (b), which the seeds tie to no method
        "en": r"central methods for building mutual understanding",
        "sv": r"i RED för att bygga en gemensam förståelse", "ru": r"помогавших выработать общее понимание"},
    "the Kaliningrad page adds nothing from other sources, then adds 2022": {
        "en": r"It adds no information from other sources", "sv": r"Sidan tillför inga uppgifter från andra källor",
        "ru": r"\. Сведений из других источников здесь нет"},
    "Baltic Sea Challenge: other Finnish cities take part": {  # seed 003: they "have expressed interest"
        "en": r"other cities in Finland take part", "sv": r"andra finländska städer deltar",
        "ru": r"участвуют и другие города Финляндии"},
}


def test_every_claim_has_a_form_or_a_reason_in_every_language():
    for claim, forms in REMOVED.items():
        assert set(forms) == set(MODEL.codes), claim
        for lang, form in forms.items():
            if isinstance(form, str):
                assert re.compile(form).pattern, (claim, lang)
            else:
                assert form.get("reason"), (claim, lang)


@pytest.fixture(scope="module")
def page_texts(built_site) -> dict[str, dict[str, str]]:
    """The text of every built page, by language and page."""
    return {lang: {page.rel: text_of(built_site, page.rel, lang) for page in list_pages(MODEL.default_language.code)}
            for lang in MODEL.codes}


@pytest.mark.parametrize("lang", MODEL.codes)
def test_removed_claims_stay_removed_in_every_language(page_texts, lang):
    texts = page_texts[lang]
    assert len(texts) >= 30 and all(texts.values())
    found = [(claim, rel) for claim, forms in REMOVED.items() if isinstance(forms[lang], str)
             for rel, text in texts.items() if re.search(forms[lang], text)]
    assert found == []
