"""What the page template needs to point readers to the outputs: the feed link, the home page's box.

Returned as template context (see overrides/main.html): the hooks add it with one call.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from mkdocs.utils import get_relative_url

from redsite import feeds
from redsite.downloads import offline
from redsite.model import ContentModel, load_model
from redsite.render import fragment, t


def shows_outputs_box(src_uri: str, lang: str) -> bool:
    """The home page and the methods catalog (the download section) offer the feed and the offline copy."""
    return PurePosixPath(src_uri).as_posix() in (
        "index.md", f"{lang}/index.md", "methods/index.md", f"{lang}/methods/index.md")


def page_context(page_url: str, src_uri: str, lang: str, model: ContentModel | None = None) -> dict:
    """red_feed (href relative to the page, title) for <link rel="alternate">; red_outputs_box where it belongs."""
    model = model or load_model()
    default = model.default_language.code
    href = get_relative_url(feeds.feed_path(lang, default), page_url)
    title = f"{model.language(lang).site_name}: {t('feed_title', lang)}"
    context = {"red_feed": {"href": href, "title": title, "type": feeds.MEDIA_TYPE}}
    if shows_outputs_box(src_uri, lang):
        context["red_outputs_box"] = outputs_box(page_url, href, title, lang, default)
    return context


def outputs_box(page_url: str, feed_href: str, feed_title: str, lang: str, default: str) -> str:
    """The box with the feed and the offline copy (the zip's size is filled in once it exists)."""
    feed = {"href": feed_href, "type": feeds.MEDIA_TYPE, "title": feed_title, "label": t("feed_link", lang)}
    return fragment("outputs_box.html", title=t("home_outputs_title", lang), feed=feed,
                    offline=offline.download_item(page_url, lang, default))
