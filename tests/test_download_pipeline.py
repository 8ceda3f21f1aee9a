"""The one pipeline of the downloads (redsite.downloads.pipeline) and the one pass that fills in their sizes
(redsite.downloads.sizes), on small inputs; the formats' own tests run it on real documents."""

from __future__ import annotations

import logging
import os
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from redsite.downloads import offline, pipeline, sizes
from redsite.downloads.pdf.files import download_button
from redsite.downloads.sizes import Download, handbook_marker, size_marker
from redsite.model import load_model
from redsite.render import t
from test_site_files import small_site

MODEL = load_model()
DEFAULT = MODEL.default_language.code
EVERY_LANGUAGE = frozenset(MODEL.codes)


@dataclass(frozen=True)
class Job:
    output: str
    cache_file: Path
    data: bytes


def jobs_of(cache: Path, files: dict[str, bytes]) -> list[Job]:
    return [Job(output, pipeline.cache_path(cache, pipeline.content_key([output], [data]), ".bin"), data)
            for output, data in files.items()]


def publish(site: Path, jobs: list[Job]) -> tuple[pipeline.Report, list[str]]:
    made: list[str] = []

    def make(missing: list[Job]) -> None:
        for job in missing:
            made.append(job.output)
            pipeline.store(job.cache_file, job.data)

    report = pipeline.Report("Test files", "file(s)", "test", verb="made")
    pipeline.publish_jobs(jobs, site, make, report, "pdf", lambda job: EVERY_LANGUAGE)
    return report, made


def test_a_warm_run_makes_nothing_and_an_edit_only_its_own_file(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    files = {"pdf/a.pdf": b"A" * 1500, "sv/pdf/b.pdf": b"B" * 20}
    first, made = publish(site, jobs_of(cache, files))
    assert sorted(made) == sorted(files) and (first.planned, first.from_cache, first.made) == (2, 0, 2)
    assert {download.path: download.size for download in first.downloads} == {"pdf/a.pdf": 1500, "sv/pdf/b.pdf": 20}
    assert (site / "sv/pdf/b.pdf").read_bytes() == files["sv/pdf/b.pdf"]
    second, made = publish(site, jobs_of(cache, files))
    assert made == [] and (second.from_cache, second.made) == (2, 0)
    files["pdf/a.pdf"] = b"changed"
    third, made = publish(site, jobs_of(cache, files))
    assert made == ["pdf/a.pdf"] == third.made_files and (site / "pdf/a.pdf").read_bytes() == b"changed"
    assert not list(cache.rglob("*.part"))


def test_every_format_reports_in_the_same_shape():
    report = pipeline.Report("PDF guides", "PDF(s)", "PDF", verb="rendered", means=" with 2 processes", planned=3,
                             from_cache=1, made=2, seconds=1.26, cpu_seconds=0.5, made_files=["b.pdf", "a.pdf"],
                             warnings=["a.pdf: WeasyPrint: odd"])
    assert report.messages() == [
        (logging.INFO, "PDF guides: 3 PDF(s), 1 from the cache, 2 rendered with 2 processes; the PDF step took "
                       "1.3 s (0.5 s CPU)"),
        (logging.INFO, "PDF(s) rendered: a.pdf, b.pdf"),
        (logging.WARNING, "a.pdf: WeasyPrint: odd")]
    skipped = pipeline.Report("Offline copies", "zip(s)", "offline", skipped="Offline copies skipped.")
    assert skipped.messages() == [(logging.INFO, "Offline copies skipped.")]


def test_the_cache_forgets_the_oldest_of_a_group_and_their_companions(tmp_path):
    now = time.time()
    for number, suffix in enumerate([".docx", ".odt", ".docx", ".zip"]):
        entry = tmp_path / "ab" / f"{number}{suffix}"
        entry.parent.mkdir(exist_ok=True)
        entry.write_bytes(b"x")
        os.utime(entry, (now, now - 100 + number))
    (tmp_path / "ab" / "0.warnings.json").write_text("[]")
    pipeline.prune_cache(tmp_path, keep=2, patterns=["??/*.docx", "??/*.odt"], companions=[".warnings.json"])
    assert sorted(path.name for path in (tmp_path / "ab").iterdir()) == ["1.odt", "2.docx", "3.zip"]


def test_one_pass_fills_every_format_of_a_page_and_its_handbook_links(tmp_path, monkeypatch):
    page = tmp_path / "sv" / "methods" / "index.html"
    page.parent.mkdir(parents=True)
    handbook = download_button("../pdf/red-handbook-sv.pdf", "Handbok", "sv", "sv/pdf/red-handbook-sv.pdf")
    page.write_text(f"<p>{handbook_marker('sv')}</p>{size_marker('doc', 'sv', 'sv/documents/x.odt')}"
                    f"{size_marker('offline', 'sv', offline.site_path('sv', DEFAULT))}", encoding="utf-8")
    written = [Download("sv/pdf/red-handbook-sv.pdf", "pdf", 1_234_567, EVERY_LANGUAGE),
               Download("sv/documents/x.odt", "doc", 999, EVERY_LANGUAGE),
               Download(offline.site_path("sv", DEFAULT), "offline", 2_500_000, frozenset({"sv"}))]
    writes = []
    real_write = Path.write_text
    monkeypatch.setattr(Path, "write_text", lambda self, *args, **kwargs: (writes.append(self),
                                                                           real_write(self, *args, **kwargs))[1])
    changed = sizes.fill_pages(tmp_path, ["sv/methods/index.html"], written,
                               {"sv/methods/index.html": {handbook_marker("sv"): handbook}})
    monkeypatch.undo()
    html = page.read_text(encoding="utf-8")
    assert changed == 1 and writes == [page]  # one write for every format
    assert f"Handbok (PDF, 1,2\u00a0{t('pdf_unit_mb', 'sv')})" in html and "red-pdf-handbook" not in html
    assert f", 1\u00a0{t('pdf_unit_kb', 'sv')}, 2,5\u00a0{t('pdf_unit_mb', 'sv')}" in html


def test_a_marker_is_filled_only_by_a_file_of_its_kind_offered_in_its_language():
    zip_path = offline.site_path("sv", DEFAULT)
    written = {zip_path: Download(zip_path, "offline", 5000, frozenset({"sv"})),
               "pdf/a.pdf": Download("pdf/a.pdf", "pdf", 5000, EVERY_LANGUAGE)}
    kept = [f"<!-- red-offline-size ru {zip_path} -->",  # the Swedish zip on a Russian page
            f"<!-- red-pdf-size sv {zip_path} -->",  # a zip where a PDF's size goes
            "<!-- red-doc-size sv pdf/a.pdf -->",
            "<!-- red-pdf-size sv pdf/b.pdf -->",  # not written by this build
            "<!-- red-pdf-size de pdf/a.pdf -->"]  # not a language of the site
    for marker in kept:
        assert sizes.fill(marker, written) == marker
    assert sizes.fill(f"<!-- red-offline-size sv {zip_path} -->", written) == ", 5\u00a0kB"


def test_the_offline_zips_come_from_the_cache_when_nothing_changed(tmp_path):
    site, cache = small_site(tmp_path / "site"), tmp_path / "cache"
    address = "https://example.org/red-knowledge/"
    first = offline.publish(site, address, skip=False, model=MODEL, cache_dir=cache)
    zips = {download.path: (site / download.path).read_bytes() for download in first.downloads}
    assert (first.made, first.from_cache, len(zips)) == (len(MODEL.codes), 0, len(MODEL.codes))
    second = offline.publish(site, address, skip=False, model=MODEL, cache_dir=cache)
    assert (second.made, second.from_cache) == (0, len(MODEL.codes))
    assert {path: (site / path).read_bytes() for path in zips} == zips
    about = site / "sv" / "about" / "index.html"
    about.write_text(about.read_text(encoding="utf-8").replace("Home", "Hem"), encoding="utf-8")
    third = offline.publish(site, address, skip=False, model=MODEL, cache_dir=cache)
    assert third.made_files == [offline.site_path("sv", DEFAULT)]


def test_the_offline_copy_takes_each_page_as_the_last_pass_leaves_it(tmp_path):
    site, cache = small_site(tmp_path / "site"), tmp_path / "cache"
    seen = []

    def as_published(path: str, html: str) -> str:
        seen.append(path)
        return html.replace("About", "About (finished)")

    report = offline.publish(site, "https://example.org/red-knowledge/", skip=False, model=MODEL, cache_dir=cache,
                             page_filter=as_published)
    assert sorted(seen) == sorted(set(seen)) and "index.html" in seen  # each page read once
    with zipfile.ZipFile(site / report.downloads[0].path) as archive:
        home = archive.read(f"red-knowledge-{DEFAULT}/index.html").decode("utf-8")
    assert "About (finished)" in home
