"""The seeds' substance reaches a reader of every language (asserted on the built pages)."""

from __future__ import annotations

import re

import pytest

from redsite.data_files import INITIATIVES, load_data
from redsite.model import load_model
from redsite.pages import list_pages, read_page
from redsite.render import t
from test_site_i18n import output_path, read

MODEL = load_model()


def text_of(built_site, rel: str, lang: str) -> str:
    html = read(built_site.site, output_path(rel, lang))
    article = html[html.index("<article"):html.index("</article>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article)).replace("\u00a0", " ")


# Facts of seeds 000/001 that the About page must carry in every language, written language-neutrally.
ABOUT_FACTS = ["790 336", "3:2", "2006", "2007", "ERDF|ERUF|ЕФРР", "Tacis|Тасис",
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
