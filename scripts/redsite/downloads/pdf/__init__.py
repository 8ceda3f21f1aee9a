"""Printable guides: a PDF per method page and a handbook of all methods, per language.

The PDFs are made from the article the build has already written (redsite.downloads.articles): title,
notices, facts box, body, sources, so the text exists once. Small pure functions turn it into a print
document (cover, contents, chapters); `publish()` hands the jobs to the download pipeline
(redsite.downloads.pipeline), which renders only what its content-hash cache lacks, with WeasyPrint,
in parallel.

WeasyPrint is imported only inside the render functions: a build that skips
PDFs (RED_SKIP_PDF=1, `make serve`) never loads it.

Modules: `files` (settings, file names, download buttons), `document` (article to print document),
`volumes` (one handbook, or volumes above `handbook_limit` methods), `inputs` (a warm build makes no
document), `styles` (print CSS and fonts), `engine` (WeasyPrint), `pdfua` (what PDF/UA asks beyond
WeasyPrint), `publish` (the step as a whole). The names below are the package's public interface.
"""

from redsite.downloads.pdf.document import guide_document, handbook_document
from redsite.downloads.pdf.files import PDF_FOLDER, Settings, guide_filename, handbook_filename, offer_downloads
from redsite.downloads.pdf.publish import prune_pdf_cache, publish
from redsite.downloads.pdf.styles import cache_key, print_font_css
from redsite.downloads.pdf.volumes import Volume, plan_volumes

__all__ = [
    "PDF_FOLDER", "Settings", "Volume", "cache_key", "guide_document", "guide_filename", "handbook_document",
    "handbook_filename", "offer_downloads", "plan_volumes", "print_font_css", "prune_pdf_cache", "publish",
]
