"""Downloads: the PDF guide of each method page and the handbook on the methods catalog."""

from __future__ import annotations

import logging
from pathlib import Path

from redsite import pdf
from redsite.hooks.state import BuildState

log = logging.getLogger("mkdocs.hooks.red")


def offer_downloads(page, lang: str, raw_html: str, fallback: bool, state: BuildState) -> str:
    """Record the page for the PDF step; its download button, or ''."""
    return pdf.offer_downloads(state.pdf, page, lang, raw_html, fallback, state.default)


def publish(site_dir: Path, state: BuildState) -> None:
    """Render (or take from the cache) every planned PDF; called once, after every language is built."""
    for level, message in pdf.publish(state.pdf, site_dir, state.settings.pdf, state.model).messages():
        log.log(level, message)
