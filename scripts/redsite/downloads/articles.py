"""The built page's article, as every download takes it: found in the page, parsed, without the parts that
belong to the web, serialised back to HTML, its links and images made to work away from the site.

The PDF guides (redsite.downloads.pdf) and the DOCX/ODT guides (redsite.downloads.office) are made from the
article the build has already written, so the text exists once; these are the helpers they share."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import tinyhtml5

from redsite import site_files
from redsite.downloads.plan import GuidePage
from redsite.site_files import NotASiteFile

# Elements of the built page that belong to the web, not to a download.
SCREEN_ONLY_CLASSES = {"md-content__button", "headerlink", "red-download", "red-last-updated", "red-no-print"}
SCREEN_ONLY_TAGS = {"script", "style", "form", "button", "nav", "noscript", "template", "iframe"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
XML_PREFIXES = {"http://www.w3.org/1999/xlink": "xlink:", "http://www.w3.org/XML/1998/namespace": "xml:"}


def local_name(name: str) -> str:
    """An element's or attribute's name as HTML writes it ("xlink:href", not "{namespace}href")."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return XML_PREFIXES.get(namespace, "") + local
    return name


def classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def is_screen_only(element) -> bool:
    if not isinstance(element.tag, str):
        return True  # comments and processing instructions
    return local_name(element.tag) in SCREEN_ONLY_TAGS or bool(classes(element) & SCREEN_ONLY_CLASSES)


def drop_children(parent, unwanted) -> None:
    """Remove the children for which `unwanted(child)` holds, keeping the text that follows them."""
    for child in list(parent):
        if unwanted(child):
            index = list(parent).index(child)
            if child.tail:
                if index:
                    previous = parent[index - 1]
                    previous.tail = (previous.tail or "") + child.tail
                else:
                    parent.text = (parent.text or "") + child.tail
            parent.remove(child)
        else:
            drop_children(child, unwanted)


def parse_html(html: str):
    return tinyhtml5.parse(html, namespace_html_elements=False)


def article_text(page_html: str) -> str:
    """The stretch of the built page that holds its article (the whole page if there is none)."""
    # Parsing only the article's stretch of the page is ten times faster than the whole page
    # (navigation and all); the parser still sees every element inside it.
    start, end = page_html.find('<article class="md-content__inner'), page_html.rfind("</article>")
    return page_html[start:end + len("</article>")] if 0 <= start < end else page_html


def extract_article(page_html: str):
    """The page's article element (Material's .md-content__inner), without the web-only parts."""
    root = parse_html(article_text(page_html))
    article = next((element for element in root.iter("article") if "md-content__inner" in classes(element)), None)
    if article is None:
        raise ValueError("no <article class=\"md-content__inner\"> in the built page")
    drop_children(article, is_screen_only)
    return article


def inner_html(element) -> str:
    """The element's content as HTML (ElementTree itself only writes XML)."""
    parts = [escape(element.text or "", quote=False)]
    for child in element:
        _serialize(child, parts)
        parts.append(escape(child.tail or "", quote=False))
    return "".join(parts)


def _serialize(element, parts: list[str]) -> None:
    if not isinstance(element.tag, str):
        return
    tag = local_name(element.tag)
    attributes = "".join(f' {local_name(name)}="{escape(value)}"' for name, value in element.attrib.items())
    parts.append(f"<{tag}{attributes}>")
    if tag in VOID_TAGS:
        return
    text = element.text or ""
    if tag in ("pre", "textarea", "listing") and text.startswith("\n"):
        text = "\n" + text  # the parser drops one leading newline in these elements
    parts.append(escape(text, quote=False))
    for child in element:
        _serialize(child, parts)
        parts.append(escape(child.tail or "", quote=False))
    parts.append(f"</{tag}>")


def _split_fragment(url: str) -> tuple[str, str]:
    base, _, fragment = url.partition("#")
    return base, fragment


def retarget(article, page: GuidePage, chapters: Mapping[str, str] | None = None, id_prefix: str = "") -> list[str]:
    """Make links and images work away from the site; return the site-relative paths of local images.

    - links to other pages become absolute web addresses (a download travels without the site);
      in a handbook, links to a page that is a chapter of it point to that chapter instead;
    - in a handbook every id gets `id_prefix`, since all chapters share one document;
    - images are addressed from the site root, so that the document does not depend on where
      the site was built (the PDF render's base URL is the site directory).
    """
    chapters = chapters or {}
    images: list[str] = []
    for element in article.iter():
        if not isinstance(element.tag, str):
            continue
        if id_prefix and element.get("id"):
            element.set("id", id_prefix + element.get("id"))
        tag = local_name(element.tag)
        if tag == "a" and element.get("href") is not None:
            href = element.get("href").strip()
            if href.startswith("#"):
                element.set("href", "#" + id_prefix + href[1:] if len(href) > 1 else href)
                continue
            if urlsplit(href).scheme:
                continue
            if not page.web_address:
                del element.attrib["href"]
                continue
            absolute = urljoin(page.web_address, href)
            base, fragment = _split_fragment(absolute)
            if base in chapters:
                slug = chapters[base]
                element.set("href", f"#{slug}--{fragment}" if fragment else f"#{slug}")
            else:
                element.set("href", absolute)
        elif tag == "img" and element.get("src"):
            try:
                resolved = image_path(page.url, element.get("src"))
            except NotASiteFile as problem:
                raise problem.on_page(page.dest) from None
            if resolved is None:
                continue  # remote images are not fetched (see the URL fetcher); data: URLs stay inline
            element.set("src", resolved)
            images.append(resolved)
    return images


def image_path(page_url: str, src: str) -> str | None:
    """A local image's path from the site root, as the page at `page_url` refers to it with `src`; None for
    one that is not a file of the site (remote, data:). Raises NotASiteFile for one outside the site."""
    folder = page_url.strip("/")
    return site_files.locate(f"{folder}/index.html" if folder else "index.html", src).path


def built_page(site_dir: Path, dest: str) -> str:
    """The text of a page the build wrote (`dest`, from the site root), read through redsite.site_files;
    NotASiteFile when it is missing or no regular file of the site."""
    return site_files.read_site_file(site_dir, dest).decode("utf-8")
