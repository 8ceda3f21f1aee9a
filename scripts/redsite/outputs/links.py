"""What the page template needs to point readers to the outputs: the feed link, the home page's box.

Returned as template context (see overrides/main.html): the hooks add it with one call.
"""

from __future__ import annotations

from html import escape
from pathlib import PurePosixPath

from mkdocs.utils import get_relative_url

from redsite.model import ContentModel, load_model
from redsite.outputs import feeds
from redsite.render import t


def is_home(src_uri: str, lang: str) -> bool:
    return PurePosixPath(src_uri).as_posix() in ("index.md", f"{lang}/index.md")


def page_context(page_url: str, src_uri: str, lang: str, model: ContentModel | None = None) -> dict:
    """red_feed (href relative to the page, title) for <link rel="alternate">; red_home_outputs on the home page."""
    model = model or load_model()
    default = model.default_language.code
    href = get_relative_url(feeds.feed_path(lang, default), page_url)
    title = f"{model.language(lang).site_name}: {t('feed_title', lang)}"
    context = {"red_feed": {"href": href, "title": title, "type": feeds.MEDIA_TYPE}}
    if is_home(src_uri, lang):
        context["red_home_outputs"] = home_outputs(href, title, lang)
    return context


def home_outputs(feed_href: str, feed_title: str, lang: str) -> str:
    """The home page's box: the feed (and, once built, the offline copy)."""
    items = [f'<li><a href="{escape(feed_href)}" type="{feeds.MEDIA_TYPE}" title="{escape(feed_title)}">'
             f'{escape(t("feed_link", lang))}</a></li>']
    return (f'<section class="red-outputs" aria-labelledby="red-outputs-title">'
            f'<h2 id="red-outputs-title">{escape(t("home_outputs_title", lang))}</h2>'
            f'<ul>{"".join(items)}</ul></section>')
