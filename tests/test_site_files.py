"""One door for files (redsite.site_files) and the outputs that go through it, on small inputs.

Every route out of the site that a page could take: absolute paths, '../', /proc/self/..., symbolic
links inside the site that point out, URL-encoded and entity-encoded forms, backslashes, file: URLs,
special files. The resolver is tested on its own with temporary folders; then the offline packer,
the PDF step's URL fetcher and images, the DOCX/ODT images, the size markers, the sanitiser and the
source policy each meet the same routes. Whole builds are in test_download_leaks.py.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from fixture_site import REPO
from redsite import site_files
from redsite.downloads import articles, office, offline, pdf, sizes
from redsite.downloads import plan as download_plan
from redsite.downloads.pdf import inputs
from redsite.model import load_model
from redsite.sanitize import sanitize_html
from redsite.site_files import NotASiteFile, locate, read_site_file, site_file
from redsite.source_references import build_markers, built_file, outside_files

MODEL = load_model()
DEFAULT = MODEL.default_language.code
LANGS = list(MODEL.codes)

# References that name a file of the build machine, as a page's HTML could hold them (after the
# HTML parser: entities decoded). Each must be refused wherever a page sits in the site.
OUTSIDE = [
    "/etc/passwd",
    "/proc/self/environ",
    "/proc/self/cwd/.git/config",
    "/proc/self/mem",
    "/proc/self/exe",
    "/usr/lib/x86_64-linux-gnu/libicudata.so.72",
    "../../../../../../../../../../etc/passwd",
    "../../../../../../../../../../usr/share/icons/hicolor/48x48/apps/chromium.png",
    "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "%2Fetc%2Fpasswd",
    "..\\..\\..\\..\\..\\etc\\passwd",
    "\\etc\\passwd",
    "file:///etc/passwd",
    "FILE:/etc/passwd",
    "file://localhost/proc/self/environ",
    " \t/etc/passwd",
    "/e\ttc/pass\nwd",
    "\x01/etc/passwd",
    "C:\\Windows\\win.ini",
    "c:/Windows/win.ini",
    "./../../../../../../etc/passwd",
    "methods/../../../../../../etc/passwd",
    "%00/etc/passwd",
    "a%00b",
    "..%5c..%5c..%5cetc%5cpasswd",
    "/red-knowledge/../../etc/passwd",
    "/..//..//etc/passwd",
]
PAGES = ["index.html", "sv/index.html", "ru/methods/forum-building/index.html", "methods/index.html"]


# --- The resolver ----------------------------------------------------------------------------------


@pytest.mark.parametrize("reference", OUTSIDE)
@pytest.mark.parametrize("page", PAGES)
def test_references_outside_the_site_are_refused_wherever_the_page_is(page, reference):
    with pytest.raises(NotASiteFile) as refused:
        locate(page, reference, "/red-knowledge/")
    assert refused.value.reference == reference and refused.value.reason


@pytest.mark.parametrize(("page", "reference", "path", "suffix"), [
    ("sv/methods/x/index.html", "../../../assets/a.css", "assets/a.css", ""),
    ("sv/index.html", "methods/#top", "sv/methods", "#top"),
    ("index.html", "./", "", ""),
    ("ru/index.html", "..", "", ""),
    ("methods/x/index.html", "map%20small.png?v=1#a", "methods/x/map small.png", "?v=1#a"),
    ("methods/x/index.html", "..\\y\\", "methods/y", ""),  # backslashes read as browsers read them
    ("methods/x/index.html", "%2e%2e/y/", "methods/y", ""),
    ("sv/index.html", "/red-knowledge/sv/", "sv", ""),  # the theme's language links: below the site's address
    ("sv/index.html", "/red-knowledge/", "", ""),
])
def test_references_inside_the_site_name_a_site_path(page, reference, path, suffix):
    found = locate(page, reference, "/red-knowledge/")
    assert (found.path, found.suffix) == (path, suffix)


@pytest.mark.parametrize("reference", ["https://example.org/x.png", "mailto:a@example.org", "#top", "",
                                       "data:image/png;base64,AAAA", "//cdn.example/x.js", "tel:+46"])
def test_web_addresses_and_fragments_are_not_files(reference):
    assert locate("methods/x/index.html", reference).path is None


def test_absolute_paths_are_refused_when_the_site_has_no_address_path():
    with pytest.raises(NotASiteFile, match="absolute path"):
        locate("index.html", "/red-knowledge/sv/")  # content never links by absolute path
    assert locate("index.html", "/sv/", "/").path == "sv"  # a site at a host's root: its own path


def test_html_entities_are_decoded_before_the_check():
    with pytest.raises(NotASiteFile):
        site_files.locate_in_html("index.html", "&#47;etc&#47;passwd")
    assert site_files.locate_in_html("index.html", "a.html?x=1&amp;y=2").suffix == "?x=1&y=2"


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "site"
    (root / "methods" / "x").mkdir(parents=True)
    (root / "methods" / "x" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (root / "methods" / "x" / "map.png").write_bytes(b"\x89PNG map")
    (root / "empty").mkdir()
    (tmp_path / "secret.txt").write_text("canary-secret", encoding="utf-8")
    return root


def test_a_regular_file_and_a_folders_index_are_site_files(site):
    assert site_file(site, "methods/x/map.png") == "methods/x/map.png"
    assert site_file(site, "methods/x") == "methods/x/index.html"
    assert read_site_file(site, "methods/x/map.png") == b"\x89PNG map"
    assert site_file(site, "methods/x/missing.png") is None
    assert site_file(site, "empty") is None  # a folder without index.html
    assert site_file(site, "methods/x/map.png/deeper") is None


@pytest.mark.parametrize(("name", "target"), [
    ("link-to-passwd", "/etc/passwd"),
    ("link-to-environ", "/proc/self/environ"),
    ("link-to-secret", "../secret.txt"),
    ("etc", "/etc"),  # a symlinked folder: anything below it is outside too
    ("proc", "/proc/self"),
])
def test_symbolic_links_that_lead_out_of_the_site_are_refused(site, name, target):
    os.symlink(target, site / name)
    for path in (name, f"{name}/passwd", f"{name}/environ", f"{name}/cwd/.git/config"):
        with pytest.raises(NotASiteFile, match="symbolic link"):
            site_file(site, path)
        with pytest.raises(NotASiteFile):
            read_site_file(site, path)


def test_a_symbolic_link_inside_the_site_is_followed(site):
    os.symlink("methods/x/map.png", site / "alias.png")
    assert read_site_file(site, "alias.png") == b"\x89PNG map"


def test_special_files_are_refused(site):
    os.mkfifo(site / "pipe.png")  # reading it would hang the build
    with pytest.raises(NotASiteFile, match="not a regular file"):
        site_file(site, "pipe.png")
    os.symlink("/dev/zero", site / "zero.png")
    with pytest.raises(NotASiteFile):
        read_site_file(site, "zero.png")


def test_site_paths_that_are_not_clean_are_refused(site):
    for path in ("/etc/passwd", "../secret.txt", "methods/../../secret.txt", "a\x00b", "a\\b"):
        with pytest.raises(NotASiteFile):
            site_file(site, path)


def test_a_symbolic_link_loop_is_refused_not_a_traceback(site):
    os.symlink("loop-b", site / "loop-a")
    os.symlink("loop-a", site / "loop-b")
    with pytest.raises(NotASiteFile):
        read_site_file(site, "loop-a")


# --- The offline packer --------------------------------------------------------------------------


def small_site(root: Path, extra: dict[str, str] | None = None) -> Path:
    """A built site in miniature: a home page per language, linking a stylesheet, an image and a page."""
    for lang in LANGS:
        prefix = "" if lang == DEFAULT else f"{lang}/"
        up = "../" if prefix else ""
        page = (f'<html lang="{lang}"><head><link rel="stylesheet" href="{up}assets/site.css"></head><body>'
                f'<article class="md-content__inner md-typeset"><a href="about/">About</a>'
                f'<img src="{up}assets/map.png" alt="map">{(extra or {}).get(lang, "")}</article>'
                f'<ul><li class="red-offline-link"><a href="offline/x.zip">zip'
                f'<!-- red-offline-size {lang} {offline.site_path(lang, DEFAULT)} --></a></li></ul>'
                f'</body></html>')
        (root / prefix).mkdir(parents=True, exist_ok=True)
        (root / f"{prefix}index.html").write_text(page, encoding="utf-8")
        (root / f"{prefix}about").mkdir(exist_ok=True)
        (root / f"{prefix}about" / "index.html").write_text(f'<html lang="{lang}"><body><a href="../">Home</a>'
                                                             "</body></html>", encoding="utf-8")
    (root / "assets").mkdir(exist_ok=True)
    (root / "assets" / "map.png").write_bytes(b"\x89PNG map")
    (root / "assets" / "site.css").write_text('body { background: url("map.png"); }', encoding="utf-8")
    return root


def zip_members(site: Path, lang: str) -> list[str]:
    with zipfile.ZipFile(site / offline.site_path(lang, DEFAULT)) as archive:
        return archive.namelist()


def test_the_packer_takes_only_files_of_the_built_site(tmp_path):
    site = small_site(tmp_path / "site")
    offline.publish(site, "https://example.org/red-knowledge/", skip=False, model=MODEL,
                        cache_dir=tmp_path / "cache")
    generated = {"index.html", "assets/stylesheets/offline.css"}  # the forwarding page, the copy's own CSS
    for lang in LANGS:
        prefix = "" if lang == DEFAULT else f"{lang}/"
        names = [name.split("/", 1)[1] for name in zip_members(site, lang)]
        assert {f"{prefix}index.html", f"{prefix}about/index.html", "assets/map.png", "assets/site.css"} <= set(names)
        for name in names:
            assert name in generated or site_file(site, name) == name, name


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("reference", ["/etc/passwd", "/proc/self/environ", "/proc/self/cwd/.git/config",
                                       "/proc/self/mem", "/proc/self/exe", "../../../../../../etc/passwd",
                                       "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "..\\..\\..\\..\\etc\\passwd",
                                       "&#47;etc&#47;passwd", "file:///etc/passwd", "/red-knowledge/../etc/passwd"])
def test_the_packer_refuses_a_reference_outside_the_site_and_writes_no_zip(tmp_path, lang, reference):
    """The last line of defence: whatever the checks before it missed, the packer names the page and stops."""
    tag = f'<a href="{reference}">x</a>' if lang != "sv" else f'<img src="{reference}" alt="x">'
    site = small_site(tmp_path / "site", {lang: tag})
    with pytest.raises(PluginError) as refused:
        offline.publish(site, "https://example.org/red-knowledge/", skip=False, model=MODEL,
                        cache_dir=tmp_path / "cache")
    message = str(refused.value)
    prefix = "" if lang == DEFAULT else f"{lang}/"
    assert f"[{lang}] {prefix}index.html: " in message and "how to fix:" in message
    assert not list(site.rglob("*.zip")) and not list(site.rglob("*.part"))


@pytest.mark.parametrize("route", ["symlinked-folder", "symlinked-file", "fifo", "symlinked-css-font"])
def test_the_packer_refuses_files_that_lead_out_on_disk(tmp_path, route):
    site = small_site(tmp_path / "site", {"ru": '<img src="../assets/leak/passwd" alt="x">'
                                          if route == "symlinked-folder" else '<img src="../assets/leak.png" alt="x">'})
    if route == "symlinked-folder":
        os.symlink("/etc", site / "assets" / "leak")
    elif route == "symlinked-file":
        os.symlink("/proc/self/environ", site / "assets" / "leak.png")
    elif route == "fifo":
        os.mkfifo(site / "assets" / "leak.png")
    else:
        os.symlink("/etc/passwd", site / "assets" / "leak.woff2")
        (site / "assets" / "site.css").write_text('@font-face { src: url("leak.woff2"); }', encoding="utf-8")
    with pytest.raises(PluginError, match="Offline copies"):
        offline.publish(site, "https://example.org/red-knowledge/", skip=False, model=MODEL,
                        cache_dir=tmp_path / "cache")
    assert not list(site.rglob("*.zip"))


def test_the_packer_fills_in_only_the_markers_it_wrote(tmp_path):
    forged = {"en": "<!-- red-offline-size de offline/red-knowledge-en-offline.zip -->"
                    "<!-- red-offline-size en ../../../../../../etc/passwd.zip -->"
                    "<!-- red-offline-size en assets/other.zip -->"}
    site = small_site(tmp_path / "site", forged)
    (site / "assets" / "other.zip").write_bytes(b"x" * 5000)
    report = offline.publish(site, "https://example.org/red-knowledge/", skip=False, model=MODEL,
                             cache_dir=tmp_path / "cache")
    sizes.fill_pages(site, ["index.html"], report.downloads)  # the build's one pass over the pages
    html = (site / "index.html").read_text(encoding="utf-8")
    for marker in forged["en"].split("--><"):
        assert marker.strip("<>!- ") in html  # left as they were: no size, no crash
    assert "red-offline-size en offline/red-knowledge-en-offline.zip" not in html  # the genuine one is filled
    assert ", 5\u00a0kB" not in html


# --- Size markers elsewhere, and the sanitiser -----------------------------------------------------


def test_pdf_and_document_size_markers_are_filled_only_for_files_the_step_wrote(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<!-- red-pdf-size en pdf/red-x-en.pdf --> <!-- red-pdf-size de pdf/red-x-en.pdf --> "
                    "<!-- red-pdf-size en ../../../../etc/passwd.pdf --> <!-- red-doc-size en pdf/red-x-en.pdf -->",
                    encoding="utf-8")
    written = [sizes.Download("pdf/red-x-en.pdf", "pdf", 3004, frozenset(MODEL.codes))]
    assert sizes.fill_pages(tmp_path, ["page.html"], written) == 1
    assert page.read_text(encoding="utf-8") == (", 4\u00a0kB <!-- red-pdf-size de pdf/red-x-en.pdf --> "
                                                "<!-- red-pdf-size en ../../../../etc/passwd.pdf --> "
                                                "<!-- red-doc-size en pdf/red-x-en.pdf -->")  # a PDF, not a document
    page.write_text("<!-- red-doc-size ru documents/x.docx -->", encoding="utf-8")
    assert sizes.fill_pages(tmp_path, ["page.html"], []) == 0
    assert page.read_text(encoding="utf-8") == "<!-- red-doc-size ru documents/x.docx -->"


def test_sizes_reach_only_the_pages_the_build_gave_a_marker(tmp_path):
    """A page the plan does not list is not read, whatever it holds; a listed one that is a link out of the site
    is refused by the one door (redsite.site_files)."""
    marker = "<!-- red-pdf-size en pdf/red-x-en.pdf -->"
    (tmp_path / "listed.html").write_text(marker, encoding="utf-8")
    (tmp_path / "other.html").write_text(marker, encoding="utf-8")
    written = [sizes.Download("pdf/red-x-en.pdf", "pdf", 3004, frozenset(MODEL.codes))]
    sizes.fill_pages(tmp_path, ["listed.html"], written)
    assert (tmp_path / "listed.html").read_text(encoding="utf-8") == ", 4\u00a0kB"
    assert (tmp_path / "other.html").read_text(encoding="utf-8") == marker
    os.symlink("/etc/passwd", tmp_path / "leak.html")
    with pytest.raises(NotASiteFile):
        sizes.fill_pages(tmp_path, ["leak.html"], written)


@pytest.mark.parametrize("marker", [
    "<!-- red-offline-size de offline/red-knowledge-en-offline.zip -->",
    "<!-- red-pdf-size en ../../etc/passwd.pdf -->",
    "<!--red-doc-size sv documents/x.docx-->",
    "<!--\nRED-PDF-HANDBOOK ru\n-->",
])
def test_the_sanitiser_drops_comments_that_imitate_the_builds_markers(marker):
    cleaned = sanitize_html(f"<p>Size: {marker} <!-- red:glossary --></p>")
    assert cleaned == "<p>Size:  <!-- red:glossary --></p>"  # the directive stays


# --- The source policy -----------------------------------------------------------------------------


@pytest.mark.parametrize(("repo_path", "built"), [
    ("docs/index.md", "index.html"), ("docs/about.md", "about/index.html"),
    ("docs_sv/methods/x.md", "sv/methods/x/index.html"), ("docs_ru/methods/index.md", "ru/methods/index.html"),
])
def test_the_policy_knows_where_a_page_is_built(repo_path, built):
    assert built_file(repo_path, MODEL) == built


SOURCE_ROUTES = [
    '<a href="/etc/passwd">partners</a>',
    '<img src="/proc/self/environ" alt="map">',
    "<a href='/proc/self/cwd/.git/config'>settings</a>",
    "<A HREF=/proc/self/mem>memory</A>",
    '<img alt="x" src="../../../../../../../../../../usr/share/icons/hicolor/48x48/apps/chromium.png">',
    '<img src="%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd" alt="x">',
    '<a href="..\\..\\..\\..\\etc\\passwd">x</a>',
    '<a href="&#47;etc&#47;passwd">x</a>',
    '<a href="file:///etc/passwd">x</a>',
    "<file:///etc/passwd>",
    "[partners](/etc/passwd)",
    "![map](../../../../../../etc/passwd)",
    '<img srcset="ok.png 1x, /etc/passwd 2x" alt="x">',
]


@pytest.mark.parametrize("lang", LANGS)
def test_the_policy_refuses_each_route_with_its_line(lang):
    text = "# Title\n\n" + "\n\n".join(SOURCE_ROUTES) + "\n"
    repo_path = f"{MODEL.language(lang).tree}/about.md"
    problems = outside_files(text, repo_path, lang, MODEL)
    lines = {problem.line for problem in problems}
    assert lines == {3 + 2 * index for index in range(len(SOURCE_ROUTES))}
    assert all(problem.path == repo_path and "outside the site" in problem.message and problem.hint
               for problem in problems)


def test_the_policy_leaves_links_inside_the_site_and_code_alone():
    text = ('[a](../methods/x.md) <a href="../about/">b</a> ![c](map.png) <https://example.org/>\n\n'
            '`<a href="/etc/passwd">`\n\n```html\n<img src="/etc/passwd">\n```\n')
    assert outside_files(text, "docs/about.md", "en", MODEL) == []


def test_the_policy_refuses_comments_that_imitate_the_builds_markers():
    text = "# T\n\nSize: <!-- red-offline-size de offline/x.zip -->\n\n<!--\n  red-pdf-size en x.pdf -->\n"
    problems = build_markers(text, "docs_ru/about.md", "ru")
    assert [problem.line for problem in problems] == [3, 5]
    assert "imitates one of the build's own markers" in problems[0].message


# --- The PDF step ----------------------------------------------------------------------------------


def guide_page(lang: str = "sv") -> download_plan.GuidePage:
    return download_plan.GuidePage(lang, "x", "X", "", f"{lang}/methods/x/", f"{lang}/methods/x/index.html", "",
                                   "2026-01-01", fallback=False)


@pytest.mark.parametrize("src", ["../../../../../../etc/passwd", "/proc/self/environ", "file:///etc/passwd",
                                 "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd"])
def test_a_print_document_refuses_an_image_outside_the_site_naming_the_page(src):
    article = articles.extract_article(f'<article class="md-content__inner"><h1>X</h1><img src="{src}" alt="x">'
                                       "</article>")
    with pytest.raises(NotASiteFile) as refused:
        pdf.guide_document(guide_page(), article, MODEL)
    assert refused.value.page == "sv/methods/x/index.html"


def test_the_pdf_inputs_refuse_an_image_that_leads_out_on_disk(tmp_path):
    (tmp_path / "sv" / "methods" / "x").mkdir(parents=True)
    os.symlink("/etc/passwd", tmp_path / "sv" / "methods" / "x" / "map.png")
    with pytest.raises(NotASiteFile) as refused:
        inputs.chapter_digest(tmp_path, guide_page(), '<img src="map.png" alt="x">')
    assert refused.value.page == "sv/methods/x/index.html" and "symbolic link" in str(refused.value)


def test_the_pdf_fetcher_serves_site_files_and_nothing_else(tmp_path):
    import pikepdf
    from PIL import Image

    from redsite.downloads.pdf.engine import RenderJob, render
    from redsite.downloads.pdf.styles import load_styles

    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    for name in ("stylesheets", "fonts"):
        shutil.copytree(REPO / "docs" / "assets" / name, site / "assets" / name)  # the real fonts
    Image.new("RGB", (7, 5), (200, 30, 30)).save(site / "assets" / "ok.png")
    Image.new("RGB", (9, 9), (0, 0, 0)).save(tmp_path / "outside.png")
    os.symlink(tmp_path / "outside.png", site / "assets" / "link.png")
    os.mkfifo(site / "assets" / "pipe.png")
    images = ["assets/ok.png", "assets/link.png", "assets/pipe.png", f"{tmp_path.as_uri()}/outside.png",
              "../outside.png", "assets/%2e%2e/%2e%2e/outside.png", "http://127.0.0.1:9/x.png"]
    body = "".join(f'<img src="{src}" alt="x">' for src in images)
    job = RenderJob("pdf/test.pdf", f'<html lang="en"><body><p>Text</p>{body}</body></html>',
                    site.resolve().as_uri() + "/", load_styles(site, tmp_path / "cache"), tmp_path / "cache" / "t.pdf")
    warnings = render(job)
    with pikepdf.open(job.cache_file) as document:
        sizes = [(int(image.Width), int(image.Height)) for page in document.pages
                 for image in page.get_images().values()]
    assert sizes == [(7, 5)]  # only the site's own image
    assert all("Failed to load image" in warning and "NotASiteFile" in warning for warning in warnings), warnings
    for name in ("/assets/link.png'", "/assets/pipe.png'", "/outside.png'", "http://127.0.0.1:9/x.png'"):
        assert any(name in warning for warning in warnings), (name, warnings)


# --- The DOCX/ODT step -----------------------------------------------------------------------------


def test_document_images_come_only_from_the_site(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "map.png").write_bytes(b"\x89PNG map")
    os.symlink("/etc/passwd", tmp_path / "assets" / "leak.png")
    article = articles.extract_article('<article class="md-content__inner"><h1>X</h1>'
                                       '<img src="../../../assets/map.png" alt="map"></article>')
    html, images = office.pandoc_input(guide_page(), article, tmp_path, MODEL)
    assert images == [b"\x89PNG map"]
    for src in ("../../../assets/leak.png", "../../../../../../etc/passwd", "/etc/passwd"):
        article = articles.extract_article(f'<article class="md-content__inner"><h1>X</h1><img src="{src}" alt="x">'
                                           "</article>")
        with pytest.raises(NotASiteFile):
            office.pandoc_input(guide_page(), article, tmp_path, MODEL)


def test_the_print_styles_take_the_font_rules_only_from_the_built_site(tmp_path):
    """fonts.css is read through the one door too: a symbolic link out of the site stops the PDF step."""
    from redsite.downloads.pdf.styles import load_styles

    site = tmp_path / "site"
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (tmp_path / "outside.css").write_text('@font-face { src: url("../fonts/x.woff2"); }', encoding="utf-8")
    os.symlink(tmp_path / "outside.css", site / "assets" / "stylesheets" / "fonts.css")
    with pytest.raises(NotASiteFile, match="symbolic link"):
        load_styles(site, tmp_path / "cache")
