"""Untrusted content on its way out: escaped titles, local media only, a Content-Security-Policy
on every page, byte-identical builds. The policy itself is in redsite.page_security; this module wires it
into the MkDocs events. The source trees are checked before the build by redsite.source_policy
(called from plugin.content.check_content, so every content problem is listed at once)."""

from __future__ import annotations

import logging
from pathlib import Path

from redsite import page_security, sanitize, site_files
from redsite.page_info import source_path
from redsite.plugin.build_state import BuildState

log = logging.getLogger("mkdocs.plugins.red")


def startup(command: str, state: BuildState) -> None:
    # `mkdocs serve` injects an inline live-reload script that the policy would block
    state.serving = command == "serve"


def protect_page(raw_html: str, page, lang: str, article: str = "") -> None:
    """After the article is assembled: remote media, reserved ids and attributes and links to files outside the
    site are errors; nav, <title>, breadcrumbs and the meta description get escaped plain text from here on."""
    for problem in page_security.remote_media(raw_html, page.markdown or "", page.file.src_uri, lang) + \
            sanitize.reserved_attribute_problems(raw_html, page.markdown or "", page.file.src_uri, lang):
        log.error(problem.render())
    if site_files.refused_references(article, page.file.dest_uri):  # rare: only then is the source read again
        for problem in site_files.built_page_problems(article, page.file.dest_uri, _file_text(page),
                                                      source_path(page.file.src_uri), lang):
            log.error(problem.render())
    page_security.protect_page(page, page_security.plain_title(page))


def _file_text(page) -> str:
    """The page's whole source file, front matter included, so that line numbers are the file's."""
    try:
        return page.file.content_string
    except (OSError, UnicodeError, AssertionError):
        return page.markdown or ""


def with_csp(output: str, content: str | None, config, where: str, state: BuildState) -> str:
    """The Content-Security-Policy <meta>; an inline script it refuses fails the (strict) build."""
    if state.serving:
        return output
    output, refused = page_security.add_csp(output, content, tuple(config.theme.dirs))
    for reason in refused:
        log.error(f"{where}: {reason} (not allowed by the Content-Security-Policy)")
    return output


def page_with_csp(output: str, page, config, state: BuildState) -> str:
    return with_csp(output, page.content, config, page.file.src_uri, state)


def not_found_with_csp(output: str, template_name: str, config, state: BuildState) -> str:
    return with_csp(output, None, config, template_name, state) if template_name == "404.html" else output


def finish(site: Path, config, state: BuildState) -> None:
    """Once every language is built: sitemap.xml.gz stamped reproducibly (its gzip header carried the build
    time), and no HTML file without the policy."""
    page_security.rewrite_sitemap_gz(site, page_security.source_date_epoch(Path(config.config_file_path).parent))
    if state.serving:
        return
    for page_file in sorted(site.rglob("*.html")):
        if not page_security.file_has_csp(page_file):
            log.error(f"{page_file.relative_to(site)}: no Content-Security-Policy")
