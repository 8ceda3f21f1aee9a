"""Which PDFs a change re-renders: the PDF cache is keyed by the content of each document, one handbook
or one handbook volume (redsite.pdf.volumes) being a document like a guide."""

from __future__ import annotations

import dataclasses
import importlib
import shutil

from conftest import REPO
from redsite import pdf
from redsite.pdf.publish import plan_jobs
from redsite.pdf.styles import load_styles
from test_pdf import BUILT_PAGE, PAGE, pdf_text

publish_module = importlib.import_module("redsite.pdf.publish")  # the package exports a function of that name

SLUGS = ("forum-building", "seminars", "study-visits")
ORIGINS = {"forum-building": "red", "seminars": "red", "study-visits": "lead-partner"}


def _site_with_guides(site, text_of):
    """Method pages in Swedish and English (as built), and the plan the build would make of them."""
    shutil.copytree(REPO / "docs" / "assets" / "fonts", site / "assets" / "fonts", dirs_exist_ok=True)
    shutil.copytree(REPO / "docs" / "assets" / "stylesheets", site / "assets" / "stylesheets", dirs_exist_ok=True)
    plan = pdf.PdfPlan()
    for lang in ("en", "sv"):
        for slug in SLUGS:
            prefix = "" if lang == "en" else f"{lang}/"
            page = dataclasses.replace(PAGE, lang=lang, slug=slug, url=f"{prefix}methods/{slug}/",
                                       dest=f"{prefix}methods/{slug}/index.html", title=f"{slug} {lang}",
                                       origin_key=ORIGINS[slug])
            (site / page.dest).parent.mkdir(parents=True, exist_ok=True)
            (site / page.dest).write_text(text_of(lang, slug), encoding="utf-8")
            plan.guides[(lang, slug)] = page
    return plan


def _keys(site, plan, cache, limit: int | None = None) -> dict[str, str]:
    styles = load_styles(site, cache)
    volumes = pdf.plan_volumes(plan, limit)
    return {job.output: job.cache_file.name for job in plan_jobs(plan, site, styles, cache, "test-engine",
                                                                 volumes=volumes)}


def _edited(lang, slug):
    changed = lang == "sv" and slug == "seminars"
    return BUILT_PAGE.replace("Första stycket", "Ändrat första stycke") if changed else BUILT_PAGE


def test_changing_one_page_changes_only_its_guide_and_its_languages_handbook(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    before = _keys(site, _site_with_guides(site, lambda lang, slug: BUILT_PAGE), cache)
    assert len(set(before.values())) == len(before) == 2 * len(SLUGS) + 2  # a guide per page, a handbook per language
    assert _keys(site, _site_with_guides(site, lambda lang, slug: BUILT_PAGE), cache) == before  # warm: nothing new
    after = _keys(site, _site_with_guides(site, _edited), cache)
    assert {output for output in before if before[output] != after[output]} == {
        "sv/pdf/red-seminars-sv.pdf", "sv/pdf/red-handbook-sv.pdf"}


def test_in_a_handbook_split_into_volumes_only_the_volume_holding_the_page_changes(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    before = _keys(site, _site_with_guides(site, lambda lang, slug: BUILT_PAGE), cache, limit=1)
    volumes = {output for output in before if "handbook" in output}
    assert volumes == {f"{prefix}pdf/red-handbook-{name}-{lang}.pdf" for lang, prefix in (("en", ""), ("sv", "sv/"))
                       for name in ("red-1", "red-2", "lead-partner")}
    after = _keys(site, _site_with_guides(site, _edited), cache, limit=1)
    assert {output for output in before if before[output] != after[output]} == {
        "sv/pdf/red-seminars-sv.pdf", "sv/pdf/red-handbook-red-2-sv.pdf"}  # "seminars sv" sorts after "forum…"


def test_publish_renders_nothing_when_nothing_changed_and_only_the_edited_pages_pdfs_after_an_edit(
        tmp_path, monkeypatch):
    """Counts the documents handed to WeasyPrint, not cache keys: a warm publish renders none."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    rendered: list[list[str]] = []
    real_render_all = publish_module.render_all

    def counting_render_all(jobs, workers):
        rendered.append(sorted(job.output for job in jobs))
        return real_render_all(jobs, workers)

    monkeypatch.setattr(publish_module, "render_all", counting_render_all)
    settings = pdf.Settings(skip=False, workers=1, cache_dir=cache, handbook_limit=1)
    first = pdf.publish(_site_with_guides(site, lambda lang, slug: BUILT_PAGE), site, settings)
    assert len(rendered[0]) == first.rendered == first.planned == 2 * len(SLUGS) + 2 * 3  # guides, 3 volumes/lang
    second = pdf.publish(_site_with_guides(site, lambda lang, slug: BUILT_PAGE), site, settings)
    assert rendered[1] == [] and second.rendered == 0 and second.from_cache == second.planned
    third = pdf.publish(_site_with_guides(site, _edited), site, settings)
    assert rendered[2] == ["sv/pdf/red-handbook-red-2-sv.pdf", "sv/pdf/red-seminars-sv.pdf"] == sorted(third.rendered_files)
    assert "Ändrat första stycke" in " ".join(pdf_text(site / "sv/pdf/red-handbook-red-2-sv.pdf").split())
