"""A content section with more pages than `plugins.red.nav.section_limit` lists only its catalog page in the nav."""

from __future__ import annotations

import re

import pytest

from fixture_site import copy_repo, run_build
from redsite import site_nav
from redsite.model import load_model
from redsite.pages import typed_pages
from redsite.plugin.config import build_settings, checked, plugin_settings_in

MODEL = load_model()
DEFAULT = MODEL.default_language.code
METHODS = MODEL.content_types["method"].folder
REAL_METHODS = len(typed_pages("method", DEFAULT))
LIMIT = REAL_METHODS - 1  # the real methods section is just over it in the fixture below


def test_expand_lists_a_section_over_the_limit_by_its_index_page_only():
    nav = [{"Home": "index.md"}, {"Methods": [f"{METHODS}/index.md"]}]
    full = site_nav.expand(nav, DEFAULT, MODEL)
    assert len(full[1]["Methods"]) == REAL_METHODS + 1
    assert site_nav.expand(nav, DEFAULT, MODEL, section_limit=REAL_METHODS) == full
    assert site_nav.expand(nav, DEFAULT, MODEL, section_limit=LIMIT) == [
        {"Home": "index.md"}, {"Methods": [f"{METHODS}/index.md"]}]


def test_the_real_site_lists_every_method_in_the_nav():
    from conftest import REPO

    config, failed, _ = checked(plugin_settings_in(REPO / "mkdocs.yml"))
    limit = build_settings(config, REPO).nav_section_limit
    assert not failed and limit is not None and limit >= REAL_METHODS


@pytest.mark.parametrize("value", [-1, "many", True, 2.5])
def test_a_bad_section_limit_is_a_clear_configuration_error(value):
    _, failed, _ = checked({"nav": {"section_limit": value}})
    assert re.search(r"plugins\.red\.nav\.section_limit: .* is not a whole number of pages", str(failed[0][1]))


@pytest.fixture(scope="module")
def limited_build(tmp_path_factory, site_address):
    """The real site with a section limit just below its number of methods, built --strict."""
    repo = copy_repo(tmp_path_factory.mktemp("nav-limit"))
    config = repo / "mkdocs.yml"
    text, count = re.subn(r"section_limit: \d+", f"section_limit: {LIMIT}", config.read_text(encoding="utf-8"))
    assert count == 1
    config.write_text(text, encoding="utf-8")
    build = run_build(repo, repo / "site", {"RED_SKIP_PDF": "1"}, site_url=site_address)
    assert build.returncode == 0, build.log
    return build


def _primary_nav(html: str) -> str:
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
    return nav[:nav.index('<div class="md-content"')]


@pytest.mark.parametrize("lang", MODEL.codes)
def test_over_the_limit_the_nav_lists_the_catalog_and_the_catalog_reaches_every_page(limited_build, lang):
    assert not re.search(r"^WARNING\b", limited_build.log, re.MULTILINE), limited_build.log
    prefix = "" if lang == DEFAULT else f"{lang}/"
    catalog_dir = limited_build.site / prefix / METHODS
    catalog_page = (catalog_dir / "index.html").read_text(encoding="utf-8")
    slugs = [page.rel.removeprefix(f"{METHODS}/").removesuffix(".md") for page, _ in typed_pages("method", lang)]
    assert len(slugs) == REAL_METHODS
    catalog = catalog_page[catalog_page.index("data-red-catalog>"):]
    for slug in slugs:
        page = catalog_dir / slug / "index.html"
        assert f'href="{slug}/"' in catalog, slug  # reachable from the catalog ...
        html = page.read_text(encoding="utf-8")  # ... and built
        nav = _primary_nav(html)
        assert f'href="../{slug}/"' not in nav and 'href="./"' not in nav  # its sidebar lists no method page
        assert 'href="../"' in nav  # but the Methods section's catalog
    assert not any(f'href="{slug}/"' in _primary_nav(catalog_page) for slug in slugs)
