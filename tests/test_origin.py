"""Where a method comes from (redsite.origin): the label on the page, the catalog and the PDF cover,
the catalog's origin filter, and the rule that only RED's own methods name a work package."""

from __future__ import annotations

import re
import shutil
from html import escape
from pathlib import Path

import pytest

from conftest import REPO
from fixture_site import run_build
from redsite.downloads import articles, pdf
from redsite.downloads import plan as download_plan
from redsite.frontmatter import parse_page, validate_page
from redsite.model import load_model
from redsite.origin import origin_label
from redsite.pages import list_pages, read_page
from redsite.render import t
from redsite.translations.report import build_report

MODEL = load_model()
FOREIGN = "docs/methods/twin-city-region.md"  # origin: baltic-practice
OWN = "docs/methods/business-matchmaking.md"  # origin: red, work_package: [d]


def with_work_package(text: str, value: str = "[c]") -> str:
    assert "\nwork_package: []\n" in text
    return text.replace("\nwork_package: []\n", f"\nwork_package: {value}\n", 1)


def test_a_method_of_another_origin_may_not_name_a_work_package():
    text = with_work_package((REPO / FOREIGN).read_text(encoding="utf-8"))
    problems = [p for p in validate_page(parse_page(FOREIGN, text), "en", MODEL, "method")
                if "work_package" in p.message]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.path == FOREIGN
    assert problem.line == text.splitlines().index("work_package: [c]") + 1
    assert "'origin: baltic-practice'" in problem.message and "not part of RED" in problem.message
    assert "work_package: []" in problem.hint


def test_reds_own_methods_keep_their_work_packages():
    page = parse_page(OWN, (REPO / OWN).read_text(encoding="utf-8"))
    assert page.meta["origin"] == "red" and page.meta["work_package"]
    assert validate_page(page, "en", MODEL, "method") == []


def test_the_validator_reports_it(tmp_path):
    for folder in ("data", *(language.tree for language in MODEL.languages)):
        shutil.copytree(REPO / folder, tmp_path / folder)
    swedish = "docs_sv/methods/twin-city-region.md"
    (tmp_path / swedish).write_text(with_work_package((REPO / swedish).read_text(encoding="utf-8"), "[a, b]"),
                                    encoding="utf-8")
    found = [(p.lang, p.path, p.line) for p in build_report(tmp_path).problems
             if p.kind == "front-matter" and "names RED's work packages" in p.message]
    assert found == [("sv", swedish, 5)]


def test_the_build_refuses_it_with_file_line_and_fix(repo_copy, site_address):
    path = repo_copy / FOREIGN
    text = with_work_package(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    build = run_build(repo_copy, repo_copy / "site", {"RED_SKIP_PDF": "1"}, site_url=site_address)
    assert build.returncode != 0
    line = text.splitlines().index("work_package: [c]") + 1
    assert f"{FOREIGN}:{line}: 'work_package: [c]' names RED's work packages" in build.log
    assert "how to fix: write 'work_package: []'" in build.log
    assert "Traceback" not in build.log


def test_every_method_in_the_content_names_its_origin_and_only_red_ones_a_work_package():
    for page in list_pages(MODEL.default_language.code):
        meta = read_page(page).meta
        if meta.get("type") == "method":
            assert meta.get("origin") in MODEL.vocabularies["origins"], page.rel
            assert not meta["work_package"] or meta["origin"] == "red", page.rel


def test_the_pdf_cover_names_the_origin():
    page = download_plan.GuidePage(lang="ru", slug="twin-city-region", title="Регион", summary="", url="ru/methods/x/",
                                   dest="ru/methods/x/index.html", web_address="", last_reviewed="2026-11-22",
                                   fallback=False, origin=origin_label({"origin": "baltic-practice"}, "ru"))
    article = articles.extract_article('<article class="md-content__inner md-typeset"><h1>Регион</h1></article>')
    document, _ = pdf.guide_document(page, article)
    cover = document[document.index('<section class="red-cover">'):document.index("</section>")]
    # the cover's facts are a table with row headers (PDF/UA: a definition list has no tagged structure)
    assert (f'<th scope="row">{t("field_origin", "ru")}</th><td>Родственная практика в регионе Балтийского моря</td>'
            in cover)


# --- The built site ---------------------------------------------------------------------------

def built(site: Path, lang: str, rel: str) -> str:
    prefix = "" if lang == MODEL.default_language.code else f"{lang}/"
    return (site / prefix / (rel[:-3] + ("/index.html" if not rel.endswith("index.md") else ".html"))).read_text(
        encoding="utf-8")


def methods() -> list[tuple[str, str]]:
    return [(page.rel, read_page(page).meta["origin"]) for page in list_pages(MODEL.default_language.code)
            if read_page(page).meta.get("type") == "method"]


@pytest.mark.parametrize("lang", MODEL.codes)
def test_each_method_page_shows_its_origin_under_the_title(built_site, lang):
    for rel, origin in methods():
        html = built(built_site.site, lang, rel)
        label = escape(MODEL.label("origins", origin, lang), quote=True).replace("&#x27;", "&#39;")
        expected = (f'<p class="red-origin" data-origin="{origin}"><span class="red-origin__field">'
                    f'{t("field_origin", lang)}:</span> {label}</p>')
        assert re.search(r"</h1>\s*" + re.escape(expected), html), (lang, rel)


@pytest.mark.parametrize("lang", MODEL.codes)
def test_the_facts_box_does_not_repeat_the_origin(built_site, lang):
    for rel, origin in methods():
        html = built(built_site.site, lang, rel)
        facts = re.search(r'<section class="red-facts"[^>]*>(.*?)</section>', html, re.S)
        assert facts, (lang, rel)
        label = escape(MODEL.label("origins", origin, lang), quote=True).replace("&#x27;", "&#39;")
        assert f"<dt>{t('field_origin', lang)}</dt>" not in facts.group(1) and label not in facts.group(1), (lang, rel)
        assert f"<dt>{t('field_themes', lang)}</dt>" in facts.group(1), (lang, rel)  # the box itself is still there
        article = html[html.index('id="red-title"'):html.index("</article>")]
        assert article.count(f"{t('field_origin', lang)}:</span> {label}<") == 1, (lang, rel)


@pytest.mark.parametrize("lang", MODEL.codes)
def test_each_catalog_entry_shows_its_origin_and_the_filter_offers_every_origin(built_site, lang):
    html = built(built_site.site, lang, "methods/index.md")
    entries = re.findall(r'<li class="red-catalog__item"[^>]*data-origin="([\w-]+)">', html)
    assert sorted(entries) == sorted(origin for _, origin in methods())
    for origin in set(entries):
        label = escape(MODEL.label("origins", origin, lang), quote=True).replace("&#x27;", "&#39;")
        assert (f'<p class="red-catalog__origin red-origin" data-origin="{origin}"><span class="red-origin__field">'
                f'{t("field_origin", lang)}:</span> {label}</p>') in html
    select = re.search(r'<select id="red-filter-method-origin" data-red-filter-field="origin">(.*?)</select>', html)
    assert select, lang
    values = re.findall(r'<option value="([\w-]*)">', select.group(1))
    assert values == ["", *(key for key in MODEL.vocabularies["origins"] if key in set(entries))]
    assert f'<label for="red-filter-method-origin">{t("filter_origin", lang)}</label>' in html

