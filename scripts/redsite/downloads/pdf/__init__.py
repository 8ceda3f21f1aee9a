"""Printable guides: a PDF per method page and a handbook of all methods, per language.

The PDFs are made from the HTML the build has already written: the page's
<article> (title, notices, facts box, body, sources), so the text exists once.
Small pure functions turn that HTML into a print document (cover, contents,
chapters); `publish()` renders only what changed, with WeasyPrint, in parallel,
and keeps every PDF in a cache keyed by the hash of everything that shapes it.

WeasyPrint is imported only inside the render functions: a build that skips
PDFs (RED_SKIP_PDF=1, `make serve`) never loads it.

Modules: `plan` (what the build asks for, file names, download buttons), `document` (HTML to print
document), `volumes` (one handbook, or volumes above `handbook_limit` methods), `inputs` (a warm build
makes no document), `styles` (print CSS and fonts), `engine` (WeasyPrint), `publish` (the step as a whole).
The names below are the package's public interface (the hooks and the tests use them).
"""

from redsite.downloads.pdf.document import extract_article, guide_document, handbook_document, inner_html, retarget
from redsite.downloads.pdf.plan import (
    GUIDE_TYPE,
    PDF_FOLDER,
    CatalogPage,
    GuidePage,
    PdfPlan,
    Settings,
    format_size,
    guide_filename,
    handbook_filename,
    handbook_limit,
    offer_downloads,
    offers_handbook,
    settings_from_env,
)
from redsite.downloads.pdf.publish import PdfReport, prune_cache, publish
from redsite.downloads.pdf.styles import cache_key, print_font_css
from redsite.downloads.pdf.volumes import Volume, plan_volumes

__all__ = [
    "GUIDE_TYPE", "PDF_FOLDER", "CatalogPage", "GuidePage", "PdfPlan", "PdfReport", "Settings", "Volume", "cache_key",
    "extract_article", "format_size", "guide_document", "guide_filename", "handbook_document", "handbook_filename",
    "handbook_limit", "inner_html", "offer_downloads", "offers_handbook", "plan_volumes", "print_font_css",
    "prune_cache", "publish", "retarget", "settings_from_env",
]
