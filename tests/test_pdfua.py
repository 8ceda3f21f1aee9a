"""PDF/UA-1: the structure of the PDFs, read back with pikepdf.

WeasyPrint declares PDF/UA-1; redsite.downloads.pdf.pdfua closes the gaps it leaves (artifacts,
/Lang on parts in another language, definition lists as tables). These tests read the
real PDFs of the built site, and render small documents to check each fix on its own.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pikepdf
import pytest

from redsite.downloads import articles, pdf
from redsite.downloads import plan as download_plan
from redsite.downloads.pdf import pdfua
from redsite.downloads.pdf.engine import RenderJob, render
from redsite.downloads.pdf.styles import load_styles
from redsite.model import load_model

MODEL = load_model()
DEFAULT = MODEL.default_language.code


def struct_elements(document: pikepdf.Pdf):
    """Every structure element of the tree, depth first, with the /Lang it inherits."""
    stack = [(document.Root.StructTreeRoot.K, str(document.Root.Lang))]
    while stack:
        node, lang = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend((child, lang) for child in reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            own = str(node.Lang) if "/Lang" in node else lang
            yield node, own
            if "/K" in node:
                stack.append((node.K, own))


def text_of(node) -> list[int]:
    """MCIDs below a structure element (its marked content)."""
    found = []
    stack = [node.get("/K")]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Array):
            stack.extend(item)
        elif isinstance(item, int):
            found.append(item)
        elif isinstance(item, pikepdf.Dictionary) and "/S" in item:
            stack.append(item.get("/K"))
    return found


def marked_content(page) -> list[tuple[str, int | None]]:
    """(tag, MCID) of every BDC on the page."""
    found = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "BDC":
            properties = operands[1] if len(operands) > 1 else None
            has_mcid = isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties
            mcid = int(properties.MCID) if has_mcid else None
            found.append((str(operands[0]), mcid))
    return found


# --- Each fix on its own ---------------------------------------------------------------------------

def test_definition_lists_become_tables_with_row_headers():
    html = pdfua.definition_lists_as_tables(
        '<section class="red-facts"><dl><dt>Teman</dt><dd>Nätverk</dd><dd>Styrning</dd>'
        '<dt>Regioner</dt><dd>Sydsverige</dd></dl></section><dl class="red-cover__facts"><dt>Språk</dt>'
        '<dd><a href="https://example.org/">x</a></dd></dl>')
    assert "<dl" not in html and "<dt" not in html
    assert ('<table class="red-dl"><tbody><tr><th scope="row">Teman</th><td>Nätverk<br>Styrning</td></tr>'
            '<tr><th scope="row">Regioner</th><td>Sydsverige</td></tr></tbody></table>') in html
    assert '<table class="red-dl red-cover__facts">' in html and '<a href="https://example.org/">x</a>' in html


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory) -> Path:
    """A two-page document with a running header, a part in English and a Swedish note inside it."""
    from weasyprint import CSS, HTML

    target = tmp_path_factory.mktemp("pdfua") / "small.pdf"
    html = ('<html lang="sv"><head><title>Prov</title></head><body><h1>Rubrik</h1><p>Svensk text.</p>'
            '<div lang="en"><h2>English chapter</h2><p>English text.</p><p lang="sv">Svensk not.</p></div>'
            '<p style="break-before: page">Sida två.</p></body></html>')
    css = CSS(string='@page { @top-left { content: "Löpande rubrik"; } @bottom-right { content: counter(page); } }')
    with pdfua.language_tags():
        HTML(string=html).write_pdf(target, stylesheets=[css], pdf_variant="pdf/ua-1")
    changed = pdfua.mark_running_content_as_artifacts(target)
    assert changed >= 4  # header and page number on both pages
    return target


def test_running_headers_and_footers_are_artifacts_and_every_mcid_is_in_the_tree(small_pdf):
    with pikepdf.open(small_pdf) as document:
        in_tree = {mcid for node, _ in struct_elements(document) for mcid in text_of(node)}
        for page in document.pages:
            tags = marked_content(page)
            assert ("/Artifact", None) in tags
            assert all(mcid in in_tree for tag, mcid in tags if mcid is not None)
            assert sum(1 for tag, _ in tags if tag == "/Artifact") >= 2


def test_parts_in_another_language_carry_their_lang(small_pdf):
    with pikepdf.open(small_pdf) as document:
        assert str(document.Root.Lang) == "sv"
        languages = {}
        for node, lang in struct_elements(document):
            if str(node.S) in ("/H1", "/H2", "/P"):
                languages.setdefault(str(node.S), []).append(lang)
        assert languages["/H1"] == ["sv"] and languages["/H2"] == ["en"]
        assert languages["/P"] == ["sv", "en", "sv", "sv"]  # the Swedish note inside the English part


def test_without_the_fix_weasyprint_leaves_orphans(tmp_path):
    """The check above can fail: WeasyPrint's own output has running content outside the tree."""
    from weasyprint import CSS, HTML

    target = tmp_path / "raw.pdf"
    HTML(string='<html lang="sv"><body><p>x</p></body></html>').write_pdf(
        target, stylesheets=[CSS(string='@page { @top-left { content: "R"; } }')], pdf_variant="pdf/ua-1")
    with pikepdf.open(target) as document:
        in_tree = {mcid for node, _ in struct_elements(document) for mcid in text_of(node)}
        assert any(mcid not in in_tree for tag, mcid in marked_content(document.pages[0]) if mcid is not None)


# --- The built site's PDFs -----------------------------------------------------------------------------

def site_pdfs(site: Path) -> list[Path]:
    return sorted(site.rglob("*.pdf"))


def test_every_pdf_declares_pdf_ua_1_and_is_tagged_with_language_and_title(built_site):
    files = site_pdfs(built_site.site)
    assert len(files) >= 54
    for path in files:
        lang = path.stem.rsplit("-", 1)[1]
        with pikepdf.open(path) as document:
            root = document.Root
            assert str(root.Lang) == lang, path
            assert bool(root.MarkInfo.Marked), path
            assert bool(root.ViewerPreferences.DisplayDocTitle), path
            assert str(document.docinfo.Title).strip(), path
            assert "/StructTreeRoot" in root, path
            xmp = document.open_metadata()
            assert xmp.get("pdfuaid:part") == "1", path


@pytest.mark.parametrize("kind", ["guide", "handbook"])
def test_running_content_is_artifact_and_all_content_is_in_the_tree(built_site, kind):
    files = [path for path in site_pdfs(built_site.site) if ("handbook" in path.name) == (kind == "handbook")]
    for path in files[:6]:
        with pikepdf.open(path) as document:
            in_tree = {mcid for node, _ in struct_elements(document) for mcid in text_of(node)}
            artifacts = 0
            for page in document.pages:
                tags = marked_content(page)
                artifacts += sum(1 for tag, _ in tags if tag == "/Artifact")
                orphans = [mcid for tag, mcid in tags if mcid is not None and mcid not in in_tree]
                assert not orphans, (path, orphans)
            assert artifacts >= len(document.pages), path  # at least the page number of every page


def test_the_facts_box_is_a_table_with_row_headers(built_site):
    path = built_site.site / "pdf" / "red-forum-building-en.pdf"
    with pikepdf.open(path) as document:
        kinds = [str(node.S) for node, _ in struct_elements(document)]
    assert {"/H1", "/H2", "/L", "/LI", "/Link", "/Table", "/TH", "/TD"} <= set(kinds)  # as docs/accessibility.md says
    assert kinds.count("/Table") >= 2  # the cover facts and the facts box
    assert "/TH" in kinds and "/TD" in kinds
    assert "/LI" not in kinds[:kinds.index("/H1")]  # the cover has no loose list items any more


def test_an_english_chapter_in_a_swedish_handbook_is_tagged_english(built_site):
    """Built like the handbook step builds it, with one chapter standing in for a missing translation."""
    site = built_site.site
    cache = site.parent / "pdfua-cache"
    styles = load_styles(site, cache)
    english = (site / "methods" / "forum-building" / "index.html").read_text(encoding="utf-8")
    swedish = (site / "sv" / "methods" / "seminars" / "index.html").read_text(encoding="utf-8")
    english_page = download_plan.GuidePage("sv", "forum-building", "Forum building", "", "sv/methods/forum-building/",
                                           "sv/methods/forum-building/index.html", "", "2026-11-22", fallback=True)
    swedish_page = download_plan.GuidePage("sv", "seminars", "Seminarier", "", "sv/methods/seminars/",
                                           "sv/methods/seminars/index.html", "", "2026-11-22", fallback=False)
    chapters = [(english_page, copy.deepcopy(articles.extract_article(english))),
                (swedish_page, articles.extract_article(swedish))]
    html, _ = pdf.handbook_document("sv", None, chapters, MODEL)
    job = RenderJob("sv/pdf/test.pdf", html, site.resolve().as_uri() + "/", styles, cache / "handbook.pdf")
    render(job)
    with pikepdf.open(job.cache_file) as document:
        headings = [(str(node.S), lang) for node, lang in struct_elements(document) if str(node.S) == "/H1"]
    titles = re.findall(r"<h1[^>]*>", html)
    assert len(titles) >= 3  # contents, two chapters
    assert ("/H1", "en") in headings and ("/H1", "sv") in headings
