"""The catalog filter as the build writes it: regions within regions (content model `part_of`), counts that
name what they count in each language's plural, the project's work packages behind "More filters".
In a browser (address, reload, Back, shared link): tests/test_catalog_state_browser.py."""

from __future__ import annotations

import dataclasses
import re

import pytest

from redsite import render, search_index
from redsite.frontmatter import PageSource
from redsite.model import MODEL_FILE, load_model

MODEL = load_model()


def page(regions, **meta) -> PageSource:
    return PageSource(path="x.md", meta={"type": "method", "title": "T", "summary": "S", "work_package": [],
                                          "themes": ["networking"], "regions": regions, "origin": "red", **meta})


def test_blekinge_lies_in_south_sweden_and_a_filter_by_either_finds_both():
    assert MODEL.parents == {"regions": {"blekinge": "south-sweden"}}
    assert MODEL.related_keys("regions", ["blekinge"]) == ["south-sweden", "blekinge"]
    assert MODEL.related_keys("regions", ["south-sweden"]) == ["south-sweden", "blekinge"]
    assert MODEL.related_keys("regions", ["kaliningrad", "eu"]) == ["kaliningrad", "eu"]
    assert MODEL.vocabularies["regions"]["blekinge"] == {"en": "Blekinge", "sv": "Blekinge", "ru": "Блекинге"}


def test_parts_of_one_region_do_not_find_each_other():
    regions = {**MODEL.vocabularies["regions"], "skane": {"en": "Skåne", "sv": "Skåne", "ru": "Сконе"}}
    model = dataclasses.replace(MODEL, vocabularies={**MODEL.vocabularies, "regions": regions},
                                parents={"regions": {"blekinge": "south-sweden", "skane": "south-sweden"}})
    assert model.related_keys("regions", ["skane"]) == ["south-sweden", "skane"]
    assert model.related_keys("regions", ["south-sweden"]) == ["south-sweden", "blekinge", "skane"]


@pytest.mark.parametrize("part_of", ["nowhere", "blekinge"])
def test_a_region_part_of_an_unknown_region_or_itself_is_refused(tmp_path, part_of):
    text = MODEL_FILE.read_text(encoding="utf-8").replace("part_of: south-sweden", f"part_of: {part_of}")
    (tmp_path / "model.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=f"regions.blekinge: part_of '{part_of}' is not another key of regions"):
        load_model(tmp_path / "model.yml")


def test_catalog_items_carry_what_a_filter_finds_and_show_their_own_regions():
    html = render.catalog([("a/", page(["south-sweden"])), ("b/", page(["blekinge"])), ("c/", page(["kaliningrad"]))],
                          "sv", MODEL, key="method")
    assert re.findall(r'data-regions="([^"]*)"', html) == ["south-sweden blekinge"] * 2 + ["kaliningrad"]
    tags = re.findall(r'<ul class="red-catalog__tags">(.*?)</ul>', html)
    assert "Blekinge" not in tags[0] and "Sydsverige" not in tags[1]  # the cards name the page's own regions
    options = re.findall(r'<option value="([^"]+)">', html[html.index('data-red-filter-field="regions"'):])
    assert options[:3] == ["south-sweden", "blekinge", "kaliningrad"]


def test_search_filters_treat_a_region_within_another_alike():
    filters = search_index.page_filters(page(["blekinge"]).meta, "ru", MODEL)
    regions = [value for name, value in filters if name == "Регионы"]
    assert regions == ["Южная Швеция", "Блекинге"]


@pytest.mark.parametrize(("lang", "total", "counted"), [
    ("en", 17, "Showing {shown} of {total} methods"), ("en", 1, "Showing {shown} of {total} method"),
    ("sv", 17, "Visar {shown} av {total} metoder"), ("sv", 1, "Visar {shown} av {total} metod"),
    ("ru", 17, "Показано {shown} из {total} методов"), ("ru", 21, "Показано {shown} из {total} метода"),
    ("ru", 1, "Показано {shown} из {total} метода"), ("ru", 11, "Показано {shown} из {total} методов"),
    ("ru", 3, "Показано {shown} из {total} методов"),
])
def test_the_count_names_what_it_counts_in_the_languages_plural(lang, total, counted):
    assert render.count_template("method", total, lang) == counted


def test_every_content_type_has_its_count_and_no_match_message_in_every_language():
    for type_name in MODEL.content_types:
        for lang in MODEL.codes:
            for total in (1, 3):
                counted = render.count_template(type_name, total, lang)
                assert counted != render.t("filter_count", lang) and "{shown}" in counted and "{total}" in counted
            assert render.none_template(type_name, lang) != render.t("filter_none", lang)
    assert render.count_template("pages", 3, "sv") == render.t("filter_count", "sv")  # a catalog of mixed pages


def test_the_work_package_filter_is_behind_more_filters_with_a_plain_label():
    html = render.catalog([("a/", page(["kaliningrad"], work_package=["a"]))], "en", MODEL, key="method")
    more = html[html.index("<details"):html.index("</details>")]
    assert "<summary>More filters</summary>" in more
    assert '<label for="red-filter-method-work-package">RED work package</label>' in more
    assert more.count("<select") == 1 and html.count("<select") == 4  # theme, region, origin; work package


def test_the_readme_describes_the_catalog_filter_as_built():
    from conftest import REPO

    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "?themes=cross-border-cooperation&regions=blekinge" in readme
    assert {"cross-border-cooperation"} <= set(MODEL.vocabularies["themes"]) and MODEL.parents["regions"]
    assert f'labelled "{render.t("filter_work_package", "en")}"' in readme
    assert '"More filters"' in readme and render.t("filter_more", "en") == "More filters"
    assert render.count_template("method", 17, "en").format(shown=6, total=17) in readme
    assert render.MORE_FILTERS == ("work_package",)
