"""Which PDFs a change re-renders: the PDF cache is keyed by the content of each document."""

from __future__ import annotations

import dataclasses
import shutil

from conftest import REPO
from redsite import pdf
from redsite.pdf.publish import plan_jobs
from redsite.pdf.styles import load_styles
from test_pdf import BUILT_PAGE, PAGE

SLUGS = ("forum-building", "seminars", "study-visits")


def _site_with_guides(site, text_of):
    """Method pages in Swedish and English (as built), and the plan the build would make of them."""
    shutil.copytree(REPO / "docs" / "assets" / "fonts", site / "assets" / "fonts", dirs_exist_ok=True)
    shutil.copytree(REPO / "docs" / "assets" / "stylesheets", site / "assets" / "stylesheets", dirs_exist_ok=True)
    plan = pdf.PdfPlan()
    for lang in ("en", "sv"):
        for slug in SLUGS:
            prefix = "" if lang == "en" else f"{lang}/"
            page = dataclasses.replace(PAGE, lang=lang, slug=slug, url=f"{prefix}methods/{slug}/",
                                       dest=f"{prefix}methods/{slug}/index.html", title=f"{slug} {lang}")
            (site / page.dest).parent.mkdir(parents=True, exist_ok=True)
            (site / page.dest).write_text(text_of(lang, slug), encoding="utf-8")
            plan.guides[(lang, slug)] = page
    return plan


def _keys(site, plan, cache) -> dict[str, str]:
    styles = load_styles(site, cache)
    return {job.output: job.cache_file.name for job in plan_jobs(plan, site, styles, cache, "test-engine")}


def test_changing_one_page_changes_only_its_guide_and_its_languages_handbook(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    before = _keys(site, _site_with_guides(site, lambda lang, slug: BUILT_PAGE), cache)
    assert len(set(before.values())) == len(before) == 2 * len(SLUGS) + 2  # a guide per page, a handbook per language
    assert _keys(site, _site_with_guides(site, lambda lang, slug: BUILT_PAGE), cache) == before  # warm: nothing new

    def edited(lang, slug):
        changed = lang == "sv" and slug == "seminars"
        return BUILT_PAGE.replace("Första stycket", "Ändrat första stycke") if changed else BUILT_PAGE
    after = _keys(site, _site_with_guides(site, edited), cache)
    assert {output for output in before if before[output] != after[output]} == {
        "sv/pdf/red-seminars-sv.pdf", "sv/pdf/red-handbook-sv.pdf"}
