"""What a print document is made from, hashed without making it: a warm build builds no document.

The PDF cache is keyed by the finished print document (styles.cache_key), which is exact but
costs parsing every built article and typesetting every guide and handbook: about 20 ms per PDF,
70 s of CPU at 1,000 methods per language, on a build where nothing changed. So each document
also gets an input fingerprint: the code that makes documents (every file of `redsite`, and the
versions of the libraries it uses), the print styles, WeasyPrint's version, and per chapter its
page's facts (GuidePage), the article's text as built and the bytes of its images. A small file
per fingerprint remembers which cached PDF those inputs made. When it and that PDF exist, the
document is not made again; otherwise it is made and keyed as before.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from redsite import site_files
from redsite.downloads.articles import image_path
from redsite.downloads.pipeline import cache_path

CODE = Path(__file__).resolve().parents[2]  # scripts/redsite: documents depend on templates, strings, the model
LIBRARIES = ("tinyhtml5", "babel", "jinja2", "markupsafe")
INPUTS_FOLDER = "inputs"  # in the PDF cache folder
IMAGE_SOURCE = re.compile(r"<img\b[^>]*?\ssrc=\"([^\"]*)\"", re.IGNORECASE)


@cache
def code_fingerprint() -> str:
    """Hash of the code that makes print documents; taken once per process, as the code is loaded once."""
    digest = hashlib.sha256()
    for path in sorted(CODE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(CODE).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={version(library)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{library}=none\0".encode())
    return digest.hexdigest()


def _images(site_dir: Path, page_url: str, article: str) -> list[bytes]:
    """The hashes of the article's local images; NotASiteFile for one outside the site (redsite.site_files)."""
    found = []
    for match in IMAGE_SOURCE.finditer(article):
        path = image_path(page_url, html.unescape(match.group(1)))
        if path is not None:
            present = site_files.site_file(site_dir, path)
            found.append(hashlib.sha256(site_files.read_site_file(site_dir, present)).digest() if present
                         else b"missing")
    return found


def chapter_digest(site_dir: Path, page, article: str) -> bytes:
    """Hash of one chapter's inputs: its page's facts (a GuidePage), its article as built, its images.
    Raises NotASiteFile, naming the built page, for an image from outside the site."""
    digest = hashlib.sha256(repr(page).encode("utf-8") + b"\0" + article.encode("utf-8") + b"\0")
    try:
        images = _images(site_dir, page.url, article)
    except site_files.NotASiteFile as problem:
        raise problem.on_page(page.dest) from None
    for image in images:
        digest.update(image)
    return digest.digest()


def fingerprint(chapters: list[bytes], context: str, styles_fingerprint: str, engine_version: str) -> str:
    """Hash of a document's inputs: its chapters' digests; `context`, what else it shows (the kind of
    document, a handbook's catalog address and volume name)."""
    digest = hashlib.sha256()
    for part in (code_fingerprint(), styles_fingerprint, engine_version, context):
        digest.update(part.encode("utf-8") + b"\0")
    for chapter in chapters:
        digest.update(chapter)
    return digest.hexdigest()


def _record(cache_dir: Path, inputs: str) -> Path:
    return cache_dir / INPUTS_FOLDER / inputs[:2] / inputs


def known_key(cache_dir: Path, inputs: str) -> str | None:
    """The cache key of the PDF these inputs made, if it is still in the cache."""
    record = _record(cache_dir, inputs)
    try:
        key = record.read_text(encoding="ascii").strip()
    except OSError:
        return None
    if not re.fullmatch(r"[0-9a-f]{64}", key) or not cache_path(cache_dir, key, ".pdf").is_file():
        return None
    os.utime(record)  # used: prune_cache keeps it
    return key


def remember(cache_dir: Path, inputs: str, key: str) -> None:
    record = _record(cache_dir, inputs)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(key, encoding="ascii")
