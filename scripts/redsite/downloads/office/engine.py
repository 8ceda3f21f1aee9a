"""pandoc, which writes the DOCX and ODT documents with the reference documents beside this file (made by
scripts/make_reference_docs.py), which carry the print style: A4, page numbers, the running header, the boxes
and tables (style.py); finish.py then does what pandoc leaves undone.

pandoc runs with --sandbox, so it reads no file and fetches no URL besides its
input: nothing from another host can enter a document.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from redsite.downloads.office import finish
from redsite.downloads.pipeline import store

HERE = Path(__file__).parent
REFERENCE_DOCS = {"docx": HERE / "reference.docx", "odt": HERE / "reference.odt"}
TIMEOUT_SECONDS = 120


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
    what: str = "guide"  # guide, worksheet or handbook


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
    store(job.cache_file, finish.finish_document(result.stdout, job.kind, job.title, job.author, job.day))
