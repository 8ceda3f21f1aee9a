"""Editable guides: a DOCX and an ODT of every method page in every language, made by pandoc.

Modules: `files` (file names, download buttons), `document` (the built article as pandoc's input, the
metadata pandoc leaves empty), `engine` (pandoc and its reference documents), `publish` (the step as a
whole, through redsite.downloads.pipeline). The names below are the package's public interface.
"""

from redsite.downloads.office.document import facts_as_table, pandoc_input, set_metadata, use_note
from redsite.downloads.office.engine import REFERENCE_DOCS, Job, convert, pandoc_path
from redsite.downloads.office.files import FOLDER, KINDS, MEDIA_TYPES, download_buttons, filename, site_path
from redsite.downloads.office.publish import cache_key, plan_jobs, publish

__all__ = [
    "FOLDER", "KINDS", "MEDIA_TYPES", "REFERENCE_DOCS", "Job", "cache_key", "convert", "download_buttons",
    "facts_as_table", "filename", "pandoc_input", "pandoc_path", "plan_jobs", "publish", "set_metadata", "site_path",
    "use_note",
]
