"""Hostile and mistaken input, typography class: a passage marked with a language the site does not have, and
a run of spaces before a dash in Russian text. Typography must never raise, and never take time that grows
faster than the text."""

from __future__ import annotations

import pytest

from fixture_site import build_fixture, make_fixture_site, write
from redsite.typography import EM_DASH, NARROW_NBSP, NBSP, rules_for, typeset_html, typeset_text


def typeset(html: str, lang: str) -> str:
    return typeset_html(html, rules_for(lang), rules_for)


@pytest.mark.parametrize("page_lang", ["en", "sv", "ru"])
@pytest.mark.parametrize("marked", ["de", "fi", "DE-at", "x-klingon", "zh-Hant-TW", "-"])
def test_a_passage_in_a_language_without_rules_is_left_as_written(page_lang, marked):
    """A German phrase marked as WCAG asks (<span lang="de">): its quotes, numbers, dashes and dates stay."""
    passage = '"Standort" 12345 — 2007-04'
    html = (f'<p>Text <span lang="{marked}">{passage}</span> after</p>'
            f'<table><tr><td lang="{marked}">2007-04</td></tr></table>')
    out = typeset(html, page_lang)
    assert f'<span lang="{marked}">{passage}</span>' in out
    assert f'<td lang="{marked}">2007-04</td>' in out


def test_a_site_language_with_a_region_keeps_that_languages_rules():
    assert typeset('<p lang="ru-RU">"да" 12345 — x</p>', "en") == (
        f'<p lang="ru-RU">«да» 12{NARROW_NBSP}345{NBSP}— x</p>')
    assert typeset('<p lang="SV-se">"ja" 12345</p>', "ru") == f'<p lang="SV-se">”ja” 12{NBSP}345</p>'


def test_a_cell_in_its_own_language_is_dated_in_that_language():
    assert typeset('<table><tr><td lang="en">2007-04</td></tr></table>', "sv") == (
        '<table><tr><td lang="en">April 2007</td></tr></table>')


def test_a_long_run_of_spaces_before_a_russian_dash():
    """The red-team's 240,000 spaces: one no-break space before the dash, the rest of the text unchanged.
    (Typesetting this took minutes while the dash pattern rescanned the run from every space in it.)"""
    text = "Текст" + " " * 240_000 + "— конец." + " " * 240_000 + "и ещё."
    assert typeset_text(text, rules_for("ru")) == f"Текст{NBSP}{EM_DASH} конец." + " " * 240_000 + "и ещё."


def test_a_russian_year_keeps_its_narrow_space_in_text_without_a_dash():
    """The dash patterns run only on text with a dash; the year abbreviation's rule runs on every Russian text."""
    assert typeset_text("обновлено 29 ноября 2026 г.", rules_for("ru")) == f"обновлено 29 ноября 2026{NARROW_NBSP}г."
    assert typeset_text("в 2006 – 2007 гг.", rules_for("ru")) == f"в 2006{NBSP}{EM_DASH} 2007{NARROW_NBSP}гг."


@pytest.fixture(scope="module")
def marked_languages_site(tmp_path_factory, site_address):
    root = make_fixture_site(tmp_path_factory.mktemp("languages") / "repo")
    write(root, "docs/about.md", "---\ntitle: About\n---\n\nThe partners used the German word "
                                 '<span lang="de">"Standortmarketing"</span> for it.\n')
    write(root, "docs_sv/about.md", '---\ntitle: Om\n---\n\nHyvää päivää, "ystävä" 12345.\n{: lang="fi" }\n\n'
                                    'Vi sa "hej" 12345.\n')
    return build_fixture(root, site_url=site_address)


def test_the_build_leaves_marked_passages_as_written(marked_languages_site):
    build = marked_languages_site
    assert build.returncode == 0 and "Traceback" not in build.log, build.log[-3000:]
    english = (build.site / "about" / "index.html").read_text(encoding="utf-8")
    assert '<span lang="de">"Standortmarketing"</span>' in english
    swedish = (build.site / "sv" / "about" / "index.html").read_text(encoding="utf-8")
    assert '<p lang="fi">Hyvää päivää, "ystävä" 12345.</p>' in swedish
    assert f"<p>Vi sa ”hej” 12{NBSP}345.</p>" in swedish  # the Swedish around it keeps its rules
