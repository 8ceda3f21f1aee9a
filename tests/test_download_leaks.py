"""Whole builds with every download on (PDF guides and handbooks, DOCX, ODT, offline zips), in all three
languages: the downloads hold only what the build wrote, and a page that reaches for a file outside the
site stops the build with file, line and fix, never a traceback and never a download with that file.

A fixture site with one method page per language builds in a few seconds. The resolver and each
output's own door are tested on small inputs in test_site_files.py.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, PngImagePlugin

from fixture_site import add_to_nav, build_fixture, make_fixture_site, write
from redsite.downloads import offline
from redsite.model import load_model
from redsite.site_files import site_file
from redsite.translations.report import build_report
from test_hostile import make_tree

MODEL = load_model()
DEFAULT = MODEL.default_language.code
LANGS = list(MODEL.codes)
TITLES = {"en": "Fixture method", "sv": "Testmetod", "ru": "Тестовый метод"}
CANARY = "canary-7f3a9c-RED_FAKE_SECRET"
# What must never be in an output: /etc/passwd, the build's environment, a git configuration, the outside image.
LEAKS = (b"root:x:0:", CANARY.encode(), b"repositoryformatversion", b"outside-image-marker")


def png(colour: tuple[int, int, int], size: tuple[int, int], text: str = "") -> bytes:
    buffer = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    if text:
        info.add_text("comment", text)  # a tEXt chunk: the bytes show up wherever the file is copied
    Image.new("RGB", size, colour).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


MAP = png((200, 30, 30), (8, 8))
OUTSIDE = png((0, 0, 255), (11, 11), "outside-image-marker")  # a valid image of the build machine


def method_page(lang: str, extra: str = "") -> str:
    head = (f"---\ntype: method\ntitle: {TITLES[lang]}\nsummary: A short summary.\nwork_package: [a]\n"
            "themes: [networking]\nregions: [blekinge]\nlast_reviewed: 2026-01-15\nsources: [red-description]\n"
            "example: false\norigin: red\n---\n\nIntro.\n\n![map](map.png)\n")
    sections = "".join(f"\n## {MODEL.section_title(section, lang)}\n\nText.\n"
                       for section in MODEL.type_named("method").sections)
    return head + extra + sections


def download_site(root: Path, extra: dict[str, str] | None = None) -> Path:
    """The fixture site with a method page (and its image) in every language, listed in the nav, so that
    each language's zip, guides and handbook take it in."""
    make_fixture_site(root)
    for lang in LANGS:
        tree = MODEL.language(lang).tree
        write(root, f"{tree}/methods/fixture.md", method_page(lang, (extra or {}).get(lang, "")))
        write(root, f"{tree}/methods/map.png", MAP)
    add_to_nav(root, ["methods/fixture.md"])
    write(root, "outside.png", OUTSIDE)  # beside the site: like the checkout's .git/config, never published
    return root


def full_build(root: Path, site_url: str):
    return build_fixture(root, site_url=site_url, env={"RED_SKIP_PDF": "", "RED_FAKE_SECRET": CANARY,
                                    "RED_PDF_CACHE": str(root / ".cache" / "pdf")})


def leaked(site: Path) -> list[str]:
    """Every output file (and zip, DOCX, ODT member) that holds bytes from outside the site."""
    found = []
    for path in [path for path in site.rglob("*") if path.is_file()]:
        data = path.read_bytes()
        found += [f"{path}: {leak!r}" for leak in LEAKS if leak in data]
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    member = archive.read(name)
                    found += [f"{path}!{name}: {leak!r}" for leak in LEAKS if leak in member]
    return found


# --- A build with nothing wrong: only the site's own files --------------------------------------


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory, site_address):
    build = full_build(download_site(tmp_path_factory.mktemp("downloads") / "repo"), site_address)
    assert build.returncode == 0, build.log[-3000:]
    return build


@pytest.mark.parametrize("lang", LANGS)
def test_each_zip_holds_only_files_of_the_built_site(clean_build, lang):
    site = clean_build.site
    prefix = "" if lang == DEFAULT else f"{lang}/"
    with zipfile.ZipFile(site / offline.site_path(lang, DEFAULT)) as archive:
        names = [name.split("/", 1)[1] for name in archive.namelist()]
        top = {name.split("/", 1)[0] for name in archive.namelist()}
    assert top == {f"red-knowledge-{lang}"}
    forwarding = "index.html"  # beside the site's folder: it forwards to the language's home page
    in_site = [name.removeprefix(f"{offline.SITE_FOLDER}/") for name in names if name != forwarding]
    assert forwarding in names and len(in_site) == len(names) - 1
    assert all(name.startswith(f"{offline.SITE_FOLDER}/") for name in names if name != forwarding)
    assert {f"{prefix}methods/fixture/index.html", f"{prefix}methods/map.png"} <= set(in_site)
    made_for_the_copy = {"assets/stylesheets/offline.css"}
    strays = [name for name in in_site if name not in made_for_the_copy and site_file(site, name) != name]
    assert strays == []


def pdf_images(path: Path) -> list[tuple[int, int, tuple]]:
    """Every image object the PDF holds (pages may share one), as its size and first pixel."""
    with pikepdf.open(path) as document:
        images = {image.objgen: image for page in document.pages for image in page.get_images().values()}
        found = []
        for image in images.values():
            picture = pikepdf.PdfImage(image).as_pil_image().convert("RGB")
            found.append((*picture.size, picture.getpixel((0, 0))))
    return found


def test_every_pdf_embeds_only_the_pages_own_image(clean_build):
    pdfs = sorted(clean_build.site.rglob("*.pdf"))
    assert len(pdfs) == 2 * len(LANGS)  # a guide and a handbook per language
    for path in pdfs:
        assert pdf_images(path) == [(8, 8, (200, 30, 30))], path


@pytest.mark.parametrize("lang", LANGS)
def test_each_docx_and_odt_embeds_only_the_pages_own_image(clean_build, lang):
    prefix = "" if lang == DEFAULT else f"{lang}/"
    for kind, folder in (("docx", "word/media/"), ("odt", "Pictures/")):
        path = clean_build.site / f"{prefix}documents/red-fixture-{lang}.{kind}"
        with zipfile.ZipFile(path) as document:
            media = [document.read(name) for name in document.namelist() if name.startswith(folder)]
        assert media == [MAP], path


def test_nothing_from_outside_the_site_is_in_any_output(clean_build):
    assert leaked(clean_build.site) == []


# --- Pages that reach outside: refused with file and line ---------------------------------------

# (route, the Markdown line): one per line of each language's method page.
ROUTES = [
    ("absolute-passwd", '<a href="/etc/passwd">partners</a>'),
    ("environ-image", '<img src="/proc/self/environ" alt="map">'),
    ("git-config-via-cwd", '<a href="/proc/self/cwd/.git/config">settings</a>'),
    ("proc-mem", '<a href="/proc/self/mem">memory</a>'),
    ("proc-exe-and-library",
     '<a href="/proc/self/exe">x</a> <a href="/usr/lib/x86_64-linux-gnu/libicudata.so.72">y</a>'),
    ("climbing-image",
     '<img src="../../../../../../../../../../usr/share/icons/hicolor/48x48/apps/chromium.png" alt="x">'),
    ("climbing-to-the-checkout", '<img src="../../../../outside.png" alt="x">'),
    ("url-encoded-dots", '<img src="%2e%2e/%2e%2e/%2e%2e/%2e%2e/outside.png" alt="x">'),
    ("backslashes", '<a href="..\\..\\..\\..\\..\\etc\\passwd">x</a>'),
    ("entity-slashes", '<img src="&#47;etc&#47;passwd" alt="x">'),
    ("file-url", '<a href="file:///etc/passwd">x</a>'),
    ("markdown-link", "[partners](/etc/passwd)"),
    ("markdown-image", "![map](../../../../../../outside.png)"),
    ("forged-offline-marker", "Size: <!-- red-offline-size de offline/red-knowledge-en-offline.zip -->"),
    ("forged-marker-oracle", "Size: <!-- red-offline-size en ../../../../../../../etc/passwd.zip -->"),
    ("forged-pdf-marker", "<!-- red-pdf-size en ../../outside.png -->"),
]


def routes_text() -> str:
    return "".join(f"\n{line}\n" for _, line in ROUTES)


@pytest.fixture(scope="module")
def refused_build(tmp_path_factory, site_address):
    root = download_site(tmp_path_factory.mktemp("refused") / "repo", {lang: routes_text() for lang in LANGS})
    return full_build(root, site_address)


def test_the_refused_build_stops_without_traceback_or_download(refused_build):
    assert refused_build.returncode != 0
    assert "Traceback" not in refused_build.log and "Error" in refused_build.log
    assert not [path for path in refused_build.site.rglob("*") if path.suffix in (".zip", ".pdf", ".docx", ".odt")]
    assert leaked(refused_build.site) == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("route", ROUTES, ids=[route for route, _ in ROUTES])
def test_each_route_is_named_with_file_and_line(refused_build, lang, route):
    line = method_page(lang, routes_text()).splitlines().index(route[1]) + 1
    location = f"{MODEL.language(lang).tree}/methods/fixture.md:{line}: "
    entries = refused_build.log.split(location)[1:]
    assert entries, f"{location} not in the log:\n{refused_build.log[-3000:]}"
    expected = ("a comment that imitates one of the build's own markers" if "marker" in route[0]
                else "link or image outside the site")
    assert any(entry.startswith(expected) and "how to fix:" in entry.split("\n")[1] for entry in entries)


# --- What the line check cannot see: the built page is checked again --------------------------

SPLIT_TAGS = '<a\nhref="/proc/self/environ">environment</a>\n\n<img alt="x"\n  src="../../../../outside.png">\n'


@pytest.mark.parametrize("lang", LANGS)
def test_a_tag_across_lines_is_refused_from_the_built_page(tmp_path, lang, site_address):
    """One language at a time: a strict build stops after the first language with an error."""
    build = full_build(download_site(tmp_path / "repo", {lang: "\n" + SPLIT_TAGS}), site_address)
    assert build.returncode != 0
    assert "Traceback" not in build.log
    page = f"{MODEL.language(lang).tree}/methods/fixture.md"
    text = method_page(lang, "\n" + SPLIT_TAGS).splitlines()
    environ_line = text.index('href="/proc/self/environ">environment</a>') + 1
    image_line = text.index('  src="../../../../outside.png">') + 1
    assert f"{page}:{environ_line}: link or image outside the site: '/proc/self/environ' is an absolute path" \
           in build.log
    assert f"{page}:{image_line}: link or image outside the site: '../../../../outside.png' climbs out" in build.log
    assert not [path for path in build.site.rglob("*") if path.suffix in (".zip", ".pdf", ".docx", ".odt")]
    assert leaked(build.site) == []


# --- The validator (make check) reports the same, before any build -------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_validator_reports_each_route_with_file_and_line(tmp_path, lang):
    root = make_tree(tmp_path / "repo")
    page = f"{MODEL.language(lang).tree}/about.md"
    text = "---\ntitle: About\n---\n" + routes_text()
    write(root, page, text)
    rendered = [problem.render() for problem in build_report(root).problems]
    for _, route in ROUTES:
        line = text.splitlines().index(route) + 1
        assert any(entry.startswith(f"{page}:{line}: ") and "how to fix:" in entry for entry in rendered), \
            (route, rendered)
