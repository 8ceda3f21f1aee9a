"""The reader with a keyboard, a screen reader or a phone wired into the MkDocs events.
The corrections themselves are pure functions in redsite.reader_html."""

from __future__ import annotations

from redsite import page_security, reader_html
from redsite.typography import TypesetMemo, rules_for, typeset_html


def configure(config, lang: str) -> None:
    """Material's and Markdown's interface strings in `lang` (heading anchors, the colour toggle)."""
    reader_html.configure_language(config, lang)


def title_heading(page, lang: str) -> str:
    """The page's h1, the skip link's target; a home page is titled by its front matter, not 'Home'."""
    title = reader_html.home_title(page, lang) or page_security.plain_title(page)  # a heading's title is HTML
    return reader_html.title_heading(page, title)


def finish_page(output: str, lang: str, memo: TypesetMemo | None = None) -> str:
    """The page as the reader gets it: no head hreflang links (Material fetched a sitemap.xml next to each),
    named menu toggles, then typography (each part in its own `lang`; the PDFs use it).
    `memo`: what pages share, typeset once (typography.TypesetMemo)."""
    return typeset_html(reader_html.finish_page(output, lang), rules_for(lang), rules_for, memo)


def finish_404(output: str, template_name: str, lang: str) -> str:
    """The 404 page as every other page. on_post_page does not see it: MkDocs renders 404.html as a
    template, not as a page."""
    return finish_page(output, lang) if template_name == "404.html" else output
