"""An Atom feed per language of the methods, study visits and workshops, written with feedgen.

Every entry carries the page's title, summary and address, the date the page
first entered the repository (published) and the date the page itself shows as
"last updated" (redsite.page_info.last_updated, from the same git history). The
feed holds no build time: two builds of the same commit give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

from redsite import licensing, page_info
from redsite.model import REPO_ROOT, ContentModel, load_model
from redsite.pages import typed_pages
from redsite.render import t

FEED_TYPES = ("method", "study-visit", "workshop")
FEED_FILE = "feed.xml"
MEDIA_TYPE = "application/atom+xml"
ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def feed_path(lang: str, default: str) -> str:
    """Site-relative path of a language's feed: feed.xml, sv/feed.xml, ru/feed.xml."""
    return FEED_FILE if lang == default else f"{lang}/{FEED_FILE}"


def first_commit_dates(root: Path = REPO_ROOT, model: ContentModel | None = None) -> dict[str, dt.date]:
    """Date of the first commit of every page: when it was published. Empty without git history."""
    model = model or load_model()
    command = ["git", "-c", "core.quotePath=false", "log", "--reverse", "--format=%x00%cs", "--name-only",
               "--no-renames", "--", *(lang.tree for lang in model.languages)]
    try:
        result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    # Oldest commit first: parse_git_log keeps the first date it sees for each path.
    return page_info.parse_git_log(result.stdout) if result.returncode == 0 else {}


@dataclass(frozen=True)
class Entry:
    title: str
    summary: str
    url: str  # absolute
    content_type: str
    published: dt.date
    updated: dt.date


def page_url(rel: str) -> str:
    """'methods/forum-building.md' -> 'methods/forum-building/' (the site uses directory URLs)."""
    path = PurePosixPath(rel)
    return f"{path.with_suffix('').as_posix()}/" if path.stem != "index" else f"{path.parent.as_posix()}/"


def entries(lang: str, site_dir: Path, site_url: str, committed: dict[str, dt.date],
            first_commits: dict[str, dt.date], model: ContentModel, root: Path = REPO_ROOT) -> list[Entry]:
    """The feed's entries: the language's own pages of the feed types that the build wrote, newest first."""
    default = model.default_language.code
    prefix = "" if lang == default else f"{lang}/"
    found = []
    for content_type in FEED_TYPES:
        for page_file, parsed in typed_pages(content_type, lang, root, model):
            url = prefix + page_url(page_file.rel)
            if not (site_dir / url / "index.html").is_file():
                continue
            repo_path = page_file.repo_path(root)
            updated = page_info.last_updated(repo_path, parsed.meta, committed)
            if updated is None:
                continue
            published = min(first_commits.get(repo_path, updated), updated)
            found.append(Entry(str(parsed.meta.get("title", "")), str(parsed.meta.get("summary", "")),
                               urljoin(site_url, url), content_type, published, updated))
    return sorted(found, key=lambda entry: (-entry.updated.toordinal(), entry.url))


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def atom(lang: str, found: list[Entry], site_url: str, model: ContentModel) -> bytes:
    """The Atom document of one language."""
    from feedgen.feed import FeedGenerator

    default = model.default_language.code
    language = model.language(lang)
    home = urljoin(site_url, "" if lang == default else f"{lang}/")
    self_url = urljoin(site_url, feed_path(lang, default))
    feed = FeedGenerator()
    feed.id(self_url)
    feed.title(f"{language.site_name}: {t('feed_title', lang)}")
    feed.subtitle(t("feed_subtitle", lang))
    feed.author({"name": language.site_name})
    feed.link(href=self_url, rel="self", type=MEDIA_TYPE)
    feed.link(href=home, rel="alternate", type="text/html", hreflang=lang)
    feed.language(lang)
    feed.rights(licensing.rights(lang, t("pdf_author", lang), model))  # the entries' text: the site's licence
    feed.link(href=licensing.content_licence(model).url, rel="license")  # RFC 4946
    feed.generator("python-feedgen")  # without a version: the feed changes only when the content does
    newest = max((entry.updated for entry in found), default=dt.date(2006, 1, 1))
    feed.updated(_moment(newest))
    for item in reversed(found):  # feedgen prepends each new entry: add the oldest first
        entry = feed.add_entry()
        entry.id(item.url)
        entry.title(item.title)
        entry.summary(item.summary)
        entry.link(href=item.url)  # rel, type and hreflang: see _complete_entry_links
        entry.category(term=item.content_type, label=t(f"feed_kind_{item.content_type}", lang))
        entry.published(_moment(item.published))
        entry.updated(_moment(item.updated))
    return _complete_entry_links(feed.atom_str(pretty=True), lang)


def _complete_entry_links(document: bytes, lang: str) -> bytes:
    """Give every entry its xml:lang and its link's rel, type and hreflang.

    feedgen 1.0.0 (the current release) builds entry links but drops every attribute
    besides href (entry.py reuses the name `link` for the new element). Readers then
    still take the link as the entry's web page (rel defaults to alternate), but
    lose its language: set them on the document feedgen wrote.
    """
    from lxml import etree

    root = etree.fromstring(document)
    for entry in root.iterfind(f"{{{ATOM_NS}}}entry"):
        entry.set(XML_LANG, lang)
        for link in entry.iterfind(f"{{{ATOM_NS}}}link"):
            link.set("rel", "alternate")
            link.set("type", "text/html")
            link.set("hreflang", lang)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def publish(site_dir: Path, site_url: str, committed: dict[str, dt.date], model: ContentModel | None = None,
            first_commits: dict[str, dt.date] | None = None, root: Path = REPO_ROOT) -> list[str]:
    """Write every language's feed into the built site; returns a log line per feed."""
    model = model or load_model()
    first_commits = first_commit_dates(root, model) if first_commits is None else first_commits
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    lines = []
    for language in model.languages:
        found = entries(language.code, site_dir, site_url, committed, first_commits, model, root)
        target = site_dir / feed_path(language.code, model.default_language.code)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(atom(language.code, found, site_url, model))
        lines.append(f"Atom feed {target.relative_to(site_dir).as_posix()}: {len(found)} entries")
    return lines
