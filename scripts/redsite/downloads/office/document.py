"""Editable guides: a DOCX and an ODT of every method page in every language, made by pandoc.

Like the PDFs, they are made from the article the build has already written
(redsite.downloads.pdf.extract_article), so the text exists once; article.py makes that
HTML a word-processor document (the title first, the facts box and the boxes in the print
style's looks, the colophon last). pandoc then writes both formats with a reference document
(reference.docx / reference.odt, made by scripts/make_reference_docs.py) that carries the
print style: A4, page numbers, the running header, the boxes and tables (style.py);
finish.py does what pandoc leaves undone.

pandoc runs with --sandbox, so it reads no file and fetches no URL besides its
input: nothing from another host can enter a document. Every document is cached
by the hash of everything that shapes it, like the PDFs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import shutil
import subprocess
import time
import zipfile
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape  # of the XML metadata that pandoc leaves empty
from io import BytesIO
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from redsite import licensing
from redsite.downloads.office import finish, handbook, kinds
from redsite.downloads.office.article import pandoc_input  # noqa: F401  (the guide's input, for the tests)
from redsite.downloads.office.kinds import FOLDER, filename, site_path, worksheet_filename  # noqa: F401  (FOLDER: kept here)
from redsite.downloads.pdf.plan import (
    CACHE_MAX_AGE_DAYS,
    GUIDE_TYPE,
    CatalogPage,
    GuidePage,
    PdfPlan,
    offers_handbook,
)
from redsite.downloads.pdf.publish import fill_sizes
from redsite.downloads.pdf.volumes import plan_volumes
from redsite.model import ContentModel, load_model
from redsite.render import fragment, t

HERE = Path(__file__).parent
REFERENCE_DOCS = {"docx": HERE / "reference.docx", "odt": HERE / "reference.odt"}
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
CACHE_FORMAT = "red-editable-2"  # bump when the code that builds the documents changes meaning
SIZE_MARKER = re.compile(r"<!-- red-doc-size ([a-z]{2,3}) ([\w./-]+\.(?:docx|odt)) -->")
TIMEOUT_SECONDS = 120
log = logging.getLogger("mkdocs.hooks.red")


def pandoc_path() -> str:
    """The pandoc that pypandoc-binary ships (pinned in requirements.txt); Debian's as a fallback."""
    try:
        from pypandoc import get_pandoc_path

        return get_pandoc_path()
    except (ImportError, OSError):
        found = shutil.which("pandoc")
        if not found:
            raise PluginError("DOCX/ODT guides: pandoc was not found\n    how to fix: install the pinned "
                              "requirements (make .venv/.requirements-installed) or set RED_SKIP_PDF=1") from None
        return found


def pandoc_version(executable: str) -> str:
    result = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30, check=False)
    return result.stdout.splitlines()[0] if result.stdout else "pandoc"


# --- File names and download buttons ----------------------------------------------------------

def button(target: str, label: str, kind: str, lang: str, page_url: str) -> dict:
    """A download button's data (document_buttons.html): `target` is the file's site path."""
    return {"href": get_relative_url(target, page_url), "media_type": MEDIA_TYPES[kind], "label": label,
            "kind": kind.upper(), "size_marker": Markup(f"<!-- red-doc-size {lang} {target} -->")}


def download_buttons(page, lang: str, fallback: bool, default: str) -> str:
    """A method page's DOCX and ODT buttons: its guide's, then its worksheet's (or ''); sizes are filled in once
    the files exist.

    `page` is a MkDocs page. An English page standing in for a missing translation
    offers the English documents, labelled so, as its PDF button does.
    """
    if (page.meta or {}).get("type") != GUIDE_TYPE:
        return ""
    slug = PurePosixPath(page.file.src_uri).stem
    doc_lang = default if fallback else lang
    html = ""
    for variant, name, label_key in (("editable", filename, "doc_download_{}"),
                                     ("worksheet", worksheet_filename, "doc_download_worksheet_{}")):
        buttons = []
        for kind in REFERENCE_DOCS:
            label = t(label_key.format(kind), lang)
            if fallback:
                label = f"{label} – {t('doc_in_english', lang)}"
            buttons.append(button(site_path(doc_lang, name(slug, doc_lang, kind), default), label, kind, lang,
                                  page.url))
        html += fragment("document_buttons.html", buttons=buttons, hreflang=default if fallback else "",
                         variant=variant)
    return html


def handbook_marker(lang: str, raw_html: str) -> str:
    """On the methods catalog, after the PDF handbook's: where the editable handbook's buttons go (or '')."""
    return handbook.marker(lang) if offers_handbook(raw_html) else ""


# --- Metadata pandoc leaves empty -------------------------------------------------------------

DC = "http://purl.org/dc/elements/1.1/"


def _iso_day(day: str) -> str:
    return f"{day}T00:00:00Z" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day or "") else ""


def docx_core(xml: str, title: str, author: str, day: str) -> str:
    """docProps/core.xml with title and author (pandoc would also print them as a second title block)."""
    xml = xml.replace("<dc:title></dc:title>", f"<dc:title>{escape(title)}</dc:title>")
    xml = xml.replace("<dc:creator></dc:creator>", f"<dc:creator>{escape(author)}</dc:creator>")
    if _iso_day(day):
        xml = re.sub(r"(<dcterms:(?:created|modified) [^>]*>)[^<]*", rf"\g<1>{_iso_day(day)}", xml)
    return xml


def odt_meta(xml: str, title: str, author: str, day: str) -> str:
    """meta.xml with title and author (the same reason as docx_core)."""
    ElementTree.fromstring(xml)  # fail loudly if pandoc's output ever stops being XML
    values = {"dc:title": escape(title), "dc:creator": escape(author), "meta:initial-creator": escape(author)}
    for name, value in values.items():
        if re.search(rf"<{name}>[^<]*</{name}>", xml):
            xml = re.sub(rf"<{name}>[^<]*</{name}>", f"<{name}>{value}</{name}>", xml)
        else:
            xml = xml.replace("</office:meta>", f"<{name}>{value}</{name}></office:meta>")
    if _iso_day(day):
        xml = re.sub(r"(<(meta:creation-date|dc:date)>)[^<]*", rf"\g<1>{_iso_day(day)}", xml)
    return xml


METADATA_FILES = {"docx": ("docProps/core.xml", docx_core), "odt": ("meta.xml", odt_meta)}


def set_metadata(document: bytes, kind: str, title: str, author: str, day: str) -> bytes:
    """Rewrite one member of the zip container, keeping every entry's order, time and compression."""
    member, change = METADATA_FILES[kind]
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(document)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                data = change(data.decode("utf-8"), title, author, day).encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


# --- Conversion and cache ----------------------------------------------------------------------

@dataclass(frozen=True)
class Job:
    output: str  # site-relative path
    kind: str  # docx or odt
    html: str
    locale: str
    title: str
    author: str
    day: str  # last review, YYYY-MM-DD: the documents' date and SOURCE_DATE_EPOCH
    cache_file: Path
    rights: str = ""  # the licence statement: a custom property (DOCX) or a user-defined field (ODT)
    licence_url: str = ""
    what: str = "guide"  # guide, worksheet or handbook (kinds.py)


class ConvertError(Exception):
    pass


def _epoch(day: str) -> str:
    try:
        return str(int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC).timestamp()))
    except ValueError:
        return "0"


def convert(job: Job, executable: str) -> None:
    """Run pandoc on one document and store the result (with its metadata) in the cache."""
    # OOXML's core properties and ODF's office:meta have no field for rights: pandoc writes other metadata as
    # DOCX custom properties (docProps/custom.xml) and ODT user-defined fields (meta.xml), the places word
    # processors show under Properties > Custom.
    licence = [f"--metadata=rights:{job.rights}", f"--metadata=license:{job.licence_url}"] if job.rights else []
    command = [executable, "--sandbox", "--from=html", f"--to={job.kind}",
               f"--reference-doc={REFERENCE_DOCS[job.kind]}", f"--metadata=lang:{job.locale}", *licence, "--output=-"]
    try:
        result = subprocess.run(command, input=job.html.encode("utf-8"), capture_output=True,
                                timeout=TIMEOUT_SECONDS, check=False,
                                env={**os.environ, "SOURCE_DATE_EPOCH": _epoch(job.day)})
    except subprocess.TimeoutExpired:
        raise ConvertError(f"{job.output}: pandoc did not finish within {TIMEOUT_SECONDS} s") from None
    if result.returncode != 0 or not result.stdout:
        message = result.stderr.decode("utf-8", "replace").strip() or f"exit code {result.returncode}"
        raise ConvertError(f"{job.output}: pandoc could not convert it: {message}")
    document = set_metadata(result.stdout, job.kind, job.title, job.author, job.day)
    document = finish.finish(document, job.kind, job.title, job.author)
    job.cache_file.parent.mkdir(parents=True, exist_ok=True)
    partial = job.cache_file.with_name(f"{job.cache_file.name}.{os.getpid()}.part")
    partial.write_bytes(document)
    os.replace(partial, job.cache_file)


def cache_key(job_parts: Iterable[str], engine: str, images: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for part in (CACHE_FORMAT, engine, finish.fingerprint(), *job_parts):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    for kind in sorted(REFERENCE_DOCS):
        digest.update(hashlib.sha256(REFERENCE_DOCS[kind].read_bytes()).digest())
    for image in images:
        digest.update(hashlib.sha256(image).digest())
    return digest.hexdigest()


def plan_jobs(guides: Mapping[tuple[str, str], GuidePage], site_dir: Path, cache_dir: Path, engine: str,
              model: ContentModel, volumes: Mapping | None = None,
              catalogs: Mapping[str, CatalogPage] | None = None) -> list[Job]:
    """A job per format of every guide, worksheet and handbook (kinds.plan_documents), keyed by what shapes it."""
    jobs = []
    for planned in kinds.plan_documents(guides, site_dir, model, volumes, catalogs, tuple(REFERENCE_DOCS)):
        language = model.language(planned.lang)
        rights = licensing.rights(planned.lang, t("pdf_author", planned.lang), model)
        licence_url = licensing.content_licence(model).url
        for kind, output in planned.names.items():
            parts = (kind, planned.html, language.document_locale, planned.title, language.site_name, planned.day,
                     rights, licence_url)
            key = cache_key(parts, engine, planned.images)
            jobs.append(Job(output, kind, planned.html, language.document_locale or planned.lang, planned.title,
                            language.site_name, planned.day, cache_dir / key[:2] / f"{key}.{kind}", rights,
                            licence_url, planned.what))
    return jobs


@dataclass
class Report:
    planned: int = 0
    from_cache: int = 0
    converted: int = 0
    seconds: float = 0.0
    skipped: bool = False
    files: dict[str, int] = field(default_factory=dict)  # kind -> count
    documents: dict[str, int] = field(default_factory=dict)  # guide, worksheet, handbook -> files

    def messages(self) -> list[tuple[int, str]]:
        if self.skipped:
            return [(logging.INFO, "DOCX/ODT guides skipped (RED_SKIP_PDF=1 or RED_SKIP_OUTPUTS=1): their "
                                   "download buttons lead nowhere in this build. Run 'make build' for them.")]
        made = ", ".join(f"{count} {what}" for what, count in self.documents.items())
        return [(logging.INFO, f"DOCX/ODT guides: {self.planned} document(s) ({made}), {self.from_cache} from the "
                               f"cache, {self.converted} converted by pandoc; the DOCX/ODT step took "
                               f"{self.seconds:.1f} s")]


def publish(guides: Mapping[tuple[str, str], GuidePage], link_pages: Iterable[str], site_dir: Path,
            *, skip: bool, cache_dir: Path, workers: int, model: ContentModel | None = None,
            catalogs: Mapping[str, CatalogPage] | None = None, handbook_limit: int | None = None) -> Report:
    """Put every DOCX and ODT into the site (from the cache or fresh from pandoc) and fill in the sizes.

    With the methods catalogs, the handbooks too, in the PDF handbook's volumes (`handbook_limit`), and their
    buttons on the catalogs (also when skipped: the links are the same)."""
    model = model or load_model()
    volumes = plan_volumes(PdfPlan(dict(guides), dict(catalogs)), handbook_limit, model) if catalogs else {}
    handbook.fill_catalog(site_dir, catalogs or {}, volumes, model.default_language.code, model,
                          lambda target, label, kind, lang, page_url: button(
                              site_path(lang, target, model.default_language.code), label, kind, lang, page_url))
    if skip:
        return Report(skipped=True)
    started = time.perf_counter()
    executable = pandoc_path()
    jobs = plan_jobs(guides, site_dir, cache_dir, pandoc_version(executable), model, volumes, catalogs)
    missing = [job for job in jobs if not job.cache_file.is_file()]
    try:
        # pandoc is a separate process: threads are enough to keep both cores busy.
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            list(pool.map(lambda job: convert(job, executable), missing))
    except ConvertError as error:
        raise PluginError(f"DOCX/ODT guides: {error}\n    how to fix: check the page's HTML; set RED_SKIP_PDF=1 "
                          "to build the site without downloadable documents meanwhile") from None
    report = Report(planned=len(jobs), from_cache=len(jobs) - len(missing), converted=len(missing))
    for job in jobs:
        target = site_dir / job.output
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(job.cache_file, target)
        os.utime(job.cache_file)
        report.files[job.kind] = report.files.get(job.kind, 0) + 1
        report.documents[job.what] = report.documents.get(job.what, 0) + 1
    fill_sizes(site_dir, link_pages, {job.output for job in jobs}, model.codes, SIZE_MARKER)
    prune_cache(cache_dir, keep=10 * max(1, len(jobs)))
    report.seconds = time.perf_counter() - started
    return report


def prune_cache(cache_dir: Path, keep: int, max_age_days: int = CACHE_MAX_AGE_DAYS) -> None:
    entries = sorted((entry.stat().st_mtime, entry) for kind in REFERENCE_DOCS
                     for entry in cache_dir.glob(f"??/*.{kind}"))
    limit = time.time() - max_age_days * 86400
    for position, (used, entry) in enumerate(entries):
        if used < limit or position < len(entries) - keep:
            entry.unlink(missing_ok=True)
