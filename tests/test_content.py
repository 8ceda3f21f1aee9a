"""The seeds' substance reaches a reader of every language (asserted on the built pages)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from redsite.data_files import INITIATIVES, load_data
from redsite.model import REPO_ROOT, load_model
from redsite.pages import list_pages, read_page
from redsite.render import t
from test_site_i18n import output_path, read

MODEL = load_model()


def text_of(built_site, rel: str, lang: str) -> str:
    html = read(built_site.site, output_path(rel, lang))
    article = html[html.index("<article"):html.index("</article>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article)).replace("\u00a0", " ")


# Facts of seeds 000/001 that the About page must carry in every language, written language-neutrally
# (Russian writes the seed's "Measure 3:2" as "мера 3.2").
ABOUT_FACTS = ["790 336", "3:2|3.2", "2006", "2007", "ERDF|ERUF|ЕФРР", "Tacis|Тасис",
               "Region Blekinge|Регион Блекинге", "(a)", "(b)", "(c)", "(d)"]
# Projects of Region Blekinge's strategy (seed 002), names kept in Latin spelling.
STRATEGY_PROJECTS = ["Baltic Master II", "East West TC II", "TransBaltic", "MOMENT", "SoNorA", "Yc³"]


@pytest.mark.parametrize("lang", MODEL.codes)
def test_about_page_carries_the_project_facts(built_site, lang):
    text = text_of(built_site, "about.md", lang)
    for fact in ABOUT_FACTS:
        assert any(option in text for option in fact.split("|")), (lang, fact)


@pytest.mark.parametrize("lang", MODEL.codes)
def test_strategy_page_names_every_project(built_site, lang):
    text = text_of(built_site, "context/blekinge-strategy.md", lang)
    for project in STRATEGY_PROJECTS:
        assert project in text, (lang, project)


@pytest.mark.parametrize("lang", MODEL.codes)
def test_initiatives_page_renders_every_initiative_of_seed_003(built_site, lang):
    text = text_of(built_site, "context/baltic-initiatives.md", lang)
    names = [item["name"] for group in load_data(INITIATIVES)["groups"] for item in group["initiatives"]]
    assert len(names) >= 14
    for name in names:
        assert name in text, (lang, name)


def test_at_least_twelve_methods_and_three_examples_of_each_write_up():
    pages = [read_page(page) for page in list_pages(MODEL.default_language.code)]
    types = [page.meta.get("type") for page in pages]
    assert types.count("method") >= 12
    assert types.count("study-visit") >= 3 and types.count("workshop") >= 3


def test_every_illustrative_page_says_so_visibly_in_every_language(built_site):
    examples = [page.rel for page in list_pages(MODEL.default_language.code) if read_page(page).meta.get("example")]
    assert len(examples) >= 6
    for rel in examples:
        for lang in MODEL.codes:
            assert t("example_notice", lang) in read(built_site.site, output_path(rel, lang)), (rel, lang)


def test_sources_are_cited_on_every_method_page(built_site):
    for page in list_pages(MODEL.default_language.code):
        meta = read_page(page).meta
        if meta.get("type") != "method":
            continue
        for lang in MODEL.codes:
            html = read(built_site.site, output_path(page.rel, lang))
            assert f">{t('sources_title', lang)}</h2>" in html, (page.rel, lang)
            for source in meta["sources"]:
                assert MODEL.source_title(source, lang) in html, (page.rel, lang, source)
            # readers see each source's title, never the seed's internal file name
            assert not any(entry["file"] in html for entry in MODEL.sources.values()), (page.rel, lang)


# Which seed a method's origin stands for (content_model.yml, vocabulary `origins`).
SOURCES_OF_ORIGIN = {"red": {"red-description", "red-about"}, "lead-partner": {"blekinge-strategy"},
                     "baltic-practice": {"baltmet-annex"}}


def test_every_method_names_its_origin_and_only_reds_own_methods_name_a_work_package():
    assert set(SOURCES_OF_ORIGIN) == set(MODEL.vocabularies["origins"])
    methods = [read_page(page) for page in list_pages(MODEL.default_language.code)
               if read_page(page).meta.get("type") == "method"]
    origins = {page.meta["origin"] for page in methods}
    assert origins == set(SOURCES_OF_ORIGIN)
    for page in methods:
        origin, sources = page.meta["origin"], set(page.meta["sources"])
        # the first source is the method's own; a non-RED page may cite another seed for context
        assert page.meta["sources"][0] in SOURCES_OF_ORIGIN[origin], page.path
        if origin == "red":
            assert sources <= SOURCES_OF_ORIGIN["red"], page.path
        else:
            assert page.meta["work_package"] == [], page.path
            assert not sources & SOURCES_OF_ORIGIN["red"], page.path


# Real places, bodies and years that an example page must not mention: an example invents its
# organisations, places and dates, so no sentence on it can be quoted as a record of a real body.
REAL_NAMES = re.compile(r"Blekinge|Блекинге|Kaliningrad|Калининград|South Sweden|Sydsverige|Sverige|Ryssland"
                        r"|Sweden|Russia|Швеци|Росси|\bBTH\b|\b(?:19|20)\d\d\b")


def test_example_pages_name_no_real_organisation_place_or_year_in_any_language():
    examples = [page for page in list_pages(MODEL.default_language.code) if read_page(page).meta.get("example")]
    assert len(examples) >= 6
    for page in examples:
        assert not REAL_NAMES.search(page.rel.title()), page.rel  # nor does its address
        for lang in MODEL.codes:
            path = Path(REPO_ROOT, MODEL.language(lang).tree, page.rel)
            text = path.read_text(encoding="utf-8")
            # the front matter's bookkeeping (review date, hash) is not shown as content
            shown = re.sub(r"(?m)^(last_reviewed|source_hash): .*$", "", text)
            found = REAL_NAMES.findall(shown)
            assert not found, (path, found)


# The seeds name Region Blekinge as RED's lead partner (2006–2007), not as the publisher or author
# of this site, and RED's partners do not write it today.
PUBLISHER_CLAIMS = re.compile(r"publishes this site|written by the partners of RED|publicerar den här webbplatsen"
                              r"|skrivs av partnerna i RED|публикует этот сайт|пишут партнёры проекта RED")


@pytest.mark.parametrize("lang", MODEL.codes)
def test_no_page_names_a_publisher_or_author_the_sources_do_not_support(built_site, lang):
    author = re.search(r'<meta name="author" content="([^"]*)"', read(built_site.site, output_path("index.md", lang)))
    for claimed_by in (author.group(1) if author else "", t("pdf_author", lang)):
        assert not re.search(r"Blekinge|Блекинге", claimed_by), (lang, claimed_by)
    for page in list_pages(MODEL.default_language.code):
        text = text_of(built_site, page.rel, lang)
        assert not PUBLISHER_CLAIMS.search(text), (lang, page.rel)


# Claims the seeds do not support, removed from the English; they must not come back.
UNSUPPORTED_CLAIMS = [
    r"publishes this site", r"written by the partners of RED",              # who publishes / writes the site
    r"serves RED's first ambition", r"closely linked to one of RED's three ambitions",  # work package ↔ ambition
    r"This was RED's ambition \(c\) and the focus of work package \(d\)", r"connects to work package \(c\)",
    r"many small working sessions",
    r"Regional Council", r"regional councils",                              # Regionfullmäktige ≠ regionförbund
    r"financed the Russian side", r"organised around four",
    r"identified six focus areas for future, more intensive cooperation:",  # the seed lists five
]


def test_removed_claims_stay_removed_from_the_english_site(built_site):
    for page in list_pages(MODEL.default_language.code):
        text = text_of(built_site, page.rel, MODEL.default_language.code)
        for claim in UNSUPPORTED_CLAIMS:
            assert not re.search(claim, text), (page.rel, claim)


@pytest.mark.parametrize("lang, five", [("en", "lists five"), ("sv", "bara fem"), ("ru", "только пять")])
def test_baltmet_inno_says_the_source_lists_five_of_its_six_focus_areas(lang, five):
    inno = next(item for group in load_data(INITIATIVES)["groups"] for item in group["initiatives"]
                if item["name"] == "BaltMet Inno")
    description = " ".join(inno["description"][lang].split())
    listed = description[description.index(five):].split(":", 1)[1].split(".", 1)[0]
    assert len(listed.split(";")) == 5, listed
