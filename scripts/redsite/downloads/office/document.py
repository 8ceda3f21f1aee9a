"""Editable guides: a DOCX and an ODT of every method page in every language, made by pandoc.

Like the PDFs, they are made from the article the build has already written
(redsite.downloads.pdf.extract_article), so the text exists once. A few small changes make
that HTML a word-processor document: the facts box becomes a table, a note on
the first page says the guide may be adapted, how to cite the original and where
it is online, images are
embedded (local ones) or replaced by their description (remote ones), and web
links become absolute. pandoc then writes both formats with a reference document
(reference.docx / reference.odt, made by scripts/make_reference_docs.py) that
carries the print style.

pandoc runs with --sandbox, so it reads no file and fetches no URL besides its
input: nothing from another host can enter a document. Every document is cached
by the hash of everything that shapes it, like the PDFs.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import logging
import mimetypes
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

from redsite import licensing, site_files
from redsite.downloads.pdf.document import (
    _classes,
    _drop_children,
    _local,
    extract_article,
    inner_html,
    parse_html,
    retarget,
)
from redsite.downloads.pdf.plan import CACHE_MAX_AGE_DAYS, GUIDE_TYPE, GuidePage
from redsite.downloads.pdf.publish import fill_sizes
from redsite.model import ContentModel, load_model
from redsite.render import fragment, t

HERE = Path(__file__).parent
REFERENCE_DOCS = {"docx": HERE / "reference.docx", "odt": HERE / "reference.odt"}
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
FOLDER = "documents"  # sv/documents/red-forum-building-sv.odt, next to sv/pdf/
CACHE_FORMAT = "red-editable-1"  # bump when the code that builds the documents changes meaning
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


def filename(slug: str, lang: str, kind: str) -> str:
    return f"red-{slug}-{lang}.{kind}"


def site_path(lang: str, name: str, default: str) -> str:
    prefix = "" if lang == default else f"{lang}/"
    return f"{prefix}{FOLDER}/{name}"


def download_buttons(page, lang: str, fallback: bool, default: str) -> str:
    """DOCX and ODT buttons for a MkDocs method page (or ''); sizes are filled in once the files exist. An English
    page standing in for a missing translation offers the English documents, labelled so, as its PDF button does."""
    if (page.meta or {}).get("type") != GUIDE_TYPE:
        return ""
    slug = PurePosixPath(page.file.src_uri).stem
    doc_lang = default if fallback else lang
    buttons = []
    for kind in REFERENCE_DOCS:
        target = site_path(doc_lang, filename(slug, doc_lang, kind), default)
        label = t(f"doc_download_{kind}", lang)
        if fallback:
            label = f"{label} – {t('doc_in_english', lang)}"
        buttons.append({"href": get_relative_url(target, page.url), "media_type": MEDIA_TYPES[kind], "label": label,
                        "kind": kind.upper(), "size_marker": Markup(f"<!-- red-doc-size {lang} {target} -->")})
    return fragment("document_buttons.html", buttons=buttons, hreflang=default if fallback else "")


# --- From the built article to pandoc's input -------------------------------------------------

def _children_of_class(element, name: str):
    return [child for child in element.iter() if name in _classes(child)]


def facts_as_table(article, lang: str) -> None:
    """The facts box (a <dl> on the web) becomes a two-column table, which word processors keep."""
    for section in _children_of_class(article, "red-facts"):
        rows = []
        term = None
        for item in section.iter():
            tag = _local(item.tag) if isinstance(item.tag, str) else ""
            if tag == "dt":
                term = item
            elif tag == "dd" and term is not None:
                rows.append((Markup(inner_html(term)), [Markup(inner_html(item))]))
                term = None
        table = parse_html(fragment("definition_table.html", classes="red-facts", rows=rows,
                                    caption=section.get("aria-label") or t("facts_title", lang)))
        replacement = next(table.iter("table"))
        replacement.tail = section.tail
        parent = next(element for element in article.iter() if section in list(element))
        parent[list(parent).index(section)] = replacement


def _is_hidden(element) -> bool:
    return isinstance(element.tag, str) and element.get("hidden") is not None


def drop_hidden(article) -> None:
    """Elements marked `hidden` are for machines, not readers: the search filters (a page's type,
    themes and regions for Pagefind) would otherwise end the document as one run-together line.
    Browsers and WeasyPrint never show them; pandoc keeps every text it is given."""
    _drop_children(article, _is_hidden)


def embed_images(article, site_dir: Path) -> list[bytes]:
    """Local images become data: URLs (pandoc's sandbox reads no files); remote and missing ones become
    their text. `src` is a path from the site root (retarget); only files of the built site are read
    (redsite.site_files), anything else raises NotASiteFile.

    Returns the bytes of the embedded images, for the cache key.
    """
    embedded: list[bytes] = []
    for image in [element for element in article.iter() if isinstance(element.tag, str)
                  and _local(element.tag) == "img"]:
        src = (image.get("src") or "").strip()
        if src.startswith("data:"):
            continue
        path = site_files.locate("index.html", src).path if src else None
        local = site_files.site_file(site_dir, path) if path is not None else None
        if local is not None:
            data = site_files.read_site_file(site_dir, local)
            media = mimetypes.guess_type(local)[0] or "application/octet-stream"
            image.set("src", f"data:{media};base64,{base64.b64encode(data).decode('ascii')}")
            embedded.append(data)
        else:
            image.tag = "span"  # a remote or missing image: keep what it shows in words
            alt = image.get("alt") or ""
            image.attrib.clear()
            image.text = alt
    return embedded


def use_note(page: GuidePage, model: ContentModel) -> str:
    """The first page's note: the guide may be adapted; how to cite the original; where it is online."""
    site = model.language(page.lang).site_name
    address = page.web_address or ""
    return fragment("document_use_note.html", title=t("doc_use_title", page.lang), note=t("doc_use_note", page.lang),
                    citation=t("doc_cite_as", page.lang).format(title=page.title, site=site, address=address).strip(),
                    address_label=t("pdf_web_address", page.lang), address=address,
                    licence=licensing.statement_html(page.lang, model))


def pandoc_input(page: GuidePage, article, site_dir: Path, model: ContentModel) -> tuple[str, list[bytes]]:
    """The HTML pandoc reads: the title, the note on its use, then the article (facts as a table, nothing hidden)."""
    drop_hidden(article)
    retarget(article, page)
    facts_as_table(article, page.lang)
    images = embed_images(article, site_dir)
    body = inner_html(article)
    heading = re.match(r"\s*<h1[^>]*>.*?</h1>", body, flags=re.S)
    head, rest = (body[:heading.end()], body[heading.end():]) if heading else ("", body)
    html = fragment("document_pandoc.html", lang=page.lang, title_heading=Markup(head),
                    note=Markup(use_note(page, model)), body=Markup(rest))
    return html, images


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
    job.cache_file.parent.mkdir(parents=True, exist_ok=True)
    partial = job.cache_file.with_name(f"{job.cache_file.name}.{os.getpid()}.part")
    partial.write_bytes(document)
    os.replace(partial, job.cache_file)


def cache_key(job_parts: Iterable[str], engine: str, images: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for part in (CACHE_FORMAT, engine, *job_parts):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    for kind in sorted(REFERENCE_DOCS):
        digest.update(hashlib.sha256(REFERENCE_DOCS[kind].read_bytes()).digest())
    for image in images:
        digest.update(hashlib.sha256(image).digest())
    return digest.hexdigest()


def plan_jobs(guides: Mapping[tuple[str, str], GuidePage], site_dir: Path, cache_dir: Path, engine: str,
              model: ContentModel) -> list[Job]:
    default = model.default_language.code
    jobs = []
    for (lang, slug), page in sorted(guides.items()):
        if page.fallback:
            continue  # its buttons offer the default language's documents
        try:
            article = extract_article((site_dir / page.dest).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise PluginError(f"DOCX/ODT guides: cannot read the built page {page.dest}: {error}") from None
        try:
            html, images = pandoc_input(page, article, site_dir, model)
        except site_files.NotASiteFile as error:
            where = error if error.page else error.on_page(page.dest)
            raise PluginError(f"DOCX/ODT guides: an image outside the built site: {where}\n    how to fix: "
                              f"{site_files.FIX}") from None
        language = model.language(lang)
        rights, licence_url = licensing.rights(lang, t("pdf_author", lang), model), licensing.content_licence(model).url
        for kind in REFERENCE_DOCS:
            parts = (kind, html, language.document_locale, page.title, language.site_name, page.last_reviewed,
                     rights, licence_url)
            key = cache_key(parts, engine, images)
            jobs.append(Job(site_path(lang, filename(slug, lang, kind), default), kind, html,
                            language.document_locale or lang, page.title, language.site_name,
                            page.last_reviewed, cache_dir / key[:2] / f"{key}.{kind}", rights, licence_url))
    return jobs


@dataclass
class Report:
    planned: int = 0
    from_cache: int = 0
    converted: int = 0
    seconds: float = 0.0
    skipped: bool = False
    files: dict[str, int] = field(default_factory=dict)  # kind -> count

    def messages(self) -> list[tuple[int, str]]:
        if self.skipped:
            return [(logging.INFO, "DOCX/ODT guides skipped (RED_SKIP_PDF=1 or RED_SKIP_OUTPUTS=1): their "
                                   "download buttons lead nowhere in this build. Run 'make build' for them.")]
        return [(logging.INFO, f"DOCX/ODT guides: {self.planned} document(s), {self.from_cache} from the cache, "
                               f"{self.converted} converted by pandoc; the DOCX/ODT step took {self.seconds:.1f} s")]


def publish(guides: Mapping[tuple[str, str], GuidePage], link_pages: Iterable[str], site_dir: Path,
            *, skip: bool, cache_dir: Path, workers: int, model: ContentModel | None = None) -> Report:
    """Put every DOCX and ODT into the site (from the cache or fresh from pandoc) and fill in the sizes."""
    model = model or load_model()
    if skip:
        return Report(skipped=True)
    started = time.perf_counter()
    executable = pandoc_path()
    jobs = plan_jobs(guides, site_dir, cache_dir, pandoc_version(executable), model)
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
