"""Which PDFs a change re-renders: the PDF cache is keyed by the content of each document, one handbook
or one handbook volume (redsite.downloads.pdf.volumes) being a document like a guide."""

from __future__ import annotations

import dataclasses
import importlib
import shutil

from PIL import Image

from conftest import REPO
from redsite.downloads import pdf
from redsite.downloads import plan as download_plan
from redsite.downloads.pdf import inputs
from redsite.downloads.pdf.publish import plan_jobs
from redsite.downloads.pdf.styles import load_styles
from test_pdf import BUILT_PAGE, PAGE, pdf_text

publish_module = importlib.import_module("redsite.downloads.pdf.publish")  # the package exports a function of that name

SLUGS = ("forum-building", "seminars", "study-visits")
ORIGINS = {"forum-building": "red", "seminars": "red", "study-visits": "lead-partner"}


def _site_with_guides(site, text_of):
    """Method pages in Swedish and English (as built), and the plan the build would make of them."""
    shutil.copytree(REPO / "docs" / "assets" / "fonts", site / "assets" / "fonts", dirs_exist_ok=True)
    shutil.copytree(REPO / "docs" / "assets" / "stylesheets", site / "assets" / "stylesheets", dirs_exist_ok=True)
    plan = download_plan.DownloadPlan()
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


class Counted:
    """What publish() hands to WeasyPrint and which print documents it makes, publish by publish."""

    def __init__(self, monkeypatch):
        self.rendered: list[list[str]] = []
        self.made: list[str] = []
        real_render_all = publish_module.render_all
        real_guide, real_handbook = publish_module.guide_document, publish_module.handbook_document

        def render_all(jobs, workers):
            self.rendered.append(sorted(job.output for job in jobs))
            return real_render_all(jobs, workers)

        def guide_document(page, *args, **kwargs):
            self.made.append(f"guide {page.lang} {page.slug}")
            return real_guide(page, *args, **kwargs)

        def handbook_document(lang, catalog, chapters, model=None, volume=""):
            self.made.append(f"handbook {lang} {volume}")
            return real_handbook(lang, catalog, chapters, model, volume)

        monkeypatch.setattr(publish_module, "render_all", render_all)
        monkeypatch.setattr(publish_module, "guide_document", guide_document)
        monkeypatch.setattr(publish_module, "handbook_document", handbook_document)

    def made_since(self, start: int) -> list[str]:
        return sorted(self.made[start:])


def test_a_warm_publish_makes_no_document_and_renders_nothing_and_an_edit_only_its_own(tmp_path, monkeypatch):
    """Counts the documents made and handed to WeasyPrint, not cache keys."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    counted = Counted(monkeypatch)
    settings = pdf.Settings(skip=False, workers=1, cache_dir=cache, handbook_limit=1)
    first = pdf.publish(_site_with_guides(site, lambda lang, slug: BUILT_PAGE), site, settings)
    assert len(counted.rendered[0]) == len(counted.made) == first.made == first.planned == 2 * len(SLUGS) + 2 * 3

    made = len(counted.made)
    second = pdf.publish(_site_with_guides(site, lambda lang, slug: BUILT_PAGE), site, settings)
    assert counted.rendered[1] == [] and counted.made_since(made) == []  # warm: no PDF work
    assert second.made == 0 and second.from_cache == second.planned
    assert (site / "sv/pdf/red-handbook-red-2-sv.pdf").is_file()

    made = len(counted.made)
    third = pdf.publish(_site_with_guides(site, _edited), site, settings)
    edited = ["sv/pdf/red-handbook-red-2-sv.pdf", "sv/pdf/red-seminars-sv.pdf"]
    assert counted.rendered[2] == edited == sorted(third.made_files)
    assert counted.made_since(made) == ["guide sv seminars", "handbook sv RED:s egna metoder, del 2 av 2"]
    assert "Ändrat första stycke" in " ".join(pdf_text(site / "sv/pdf/red-handbook-red-2-sv.pdf").split())


def test_an_image_changed_under_the_same_html_re_renders_the_pdfs_that_show_it(tmp_path, monkeypatch):
    site, cache = tmp_path / "site", tmp_path / "cache"
    counted = Counted(monkeypatch)
    settings = pdf.Settings(skip=False, workers=1, cache_dir=cache)
    image = site / "sv" / "assets" / "bild.png"  # BUILT_PAGE's image, as the Swedish pages see it; not the English
    image.parent.mkdir(parents=True)
    Image.new("RGB", (4, 4), "navy").save(image)
    plan = _site_with_guides(site, lambda lang, slug: BUILT_PAGE)
    pdf.publish(plan, site, settings)
    Image.new("RGB", (4, 4), "orange").save(image)
    pdf.publish(plan, site, settings)
    showing_it = [f"sv/pdf/red-{slug}-sv.pdf" for slug in SLUGS] + ["sv/pdf/red-handbook-sv.pdf"]
    assert counted.rendered[1] == sorted(showing_it)


def test_new_code_makes_the_documents_again_but_renders_only_what_changed(tmp_path, monkeypatch):
    """Inputs are remembered with the code that made them (every file of redsite): new code cannot reuse
    a stale PDF; a document that comes out the same is still taken from the cache."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    counted = Counted(monkeypatch)
    settings = pdf.Settings(skip=False, workers=1, cache_dir=cache)
    plan = _site_with_guides(site, lambda lang, slug: BUILT_PAGE)
    pdf.publish(plan, site, settings)
    made = len(counted.made)
    monkeypatch.setattr(inputs, "code_fingerprint", lambda: "other code")
    report = pdf.publish(plan, site, settings)
    assert len(counted.made) - made == report.planned and counted.rendered[1] == []
