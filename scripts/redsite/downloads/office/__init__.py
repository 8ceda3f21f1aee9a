"""Editable documents: for every method page and language a DOCX and an ODT guide and adaptation worksheet, and
an editable handbook per language (or per volume of a split PDF handbook), made by pandoc.

Modules: `files` (file names, download buttons), `article` (a built article as a guide's pandoc input),
`worksheet` (the adaptation worksheet), `handbook` (the editable handbook and its buttons on the catalog),
`style` (the looks taken from print.css), `reference_docx` and `reference_odt` (the reference documents'
styles, page and running header), `engine` (pandoc), `finish` (what pandoc leaves undone), `publish` (the
step as a whole, through redsite.downloads.pipeline). The names below are the package's public interface.
"""

from redsite.downloads.office.article import facts_as_table, pandoc_input
from redsite.downloads.office.engine import REFERENCE_DOCS, Job, convert, pandoc_path
from redsite.downloads.office.files import (
    FOLDER,
    KINDS,
    MEDIA_TYPES,
    download_buttons,
    filename,
    handbook_filename,
    handbook_marker,
    handbook_stem,
    site_path,
    worksheet_filename,
)
from redsite.downloads.office.finish import finish_document
from redsite.downloads.office.publish import cache_key, plan_jobs, publish

__all__ = [
    "FOLDER", "KINDS", "MEDIA_TYPES", "REFERENCE_DOCS", "Job", "cache_key", "convert", "download_buttons",
    "facts_as_table", "filename", "finish_document", "handbook_filename", "handbook_marker", "handbook_stem",
    "pandoc_input", "pandoc_path", "plan_jobs", "publish", "site_path", "worksheet_filename",
]
