"""A handbook above `plugins.red.pdf.handbook_limit` methods comes in volumes: one per method origin,
an origin above the limit in numbered parts. Unit tests of the split, then a real build of a small site
(five methods, limit 2) whose PDFs, catalog links and rebuilds are checked."""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from conftest import REPO
from fixture_site import build_fixture, make_fixture_site, write
from redsite.downloads import pdf
from redsite.downloads import plan as download_plan
from redsite.downloads.pdf.volumes import section_name
from redsite.model import load_model
from redsite.origin import VOCABULARY
from redsite.pages import typed_pages
from redsite.plugin.config import build_settings, checked, plugin_settings_in
from redsite.render import format_size, t, ui_strings
from test_pdf import download_links, pdf_text

MODEL = load_model()
LIMIT = 2
# title -> origin. RED's own methods (3) exceed the limit: two parts; the other origins fit in one volume each.
METHODS = {"Alpha method": "red", "Bravo method": "red", "Charlie method": "red",
           "Delta method": "lead-partner", "Echo method": "baltic-practice"}


def slug(title: str) -> str:
    return title.lower().replace(" ", "-")


def guide(title: str, origin: str) -> download_plan.GuidePage:
    return download_plan.GuidePage(lang="en", slug=slug(title), title=title, summary="", url=f"methods/{slug(title)}/",
                                   dest=f"methods/{slug(title)}/index.html", web_address="", last_reviewed="2026-11-22",
                                   fallback=False, origin_key=origin)


def plan_of(methods: dict[str, str]) -> download_plan.DownloadPlan:
    plan = download_plan.DownloadPlan()
    for title, origin in methods.items():
        plan.guides[("en", slug(title))] = guide(title, origin)
    return plan


# --- The split ---------------------------------------------------------------------------------

@pytest.mark.parametrize("limit", [None, 5, 50])
def test_at_or_below_the_limit_the_handbook_stays_one_pdf(limit):
    [volume] = pdf.plan_volumes(plan_of(METHODS), limit)["en"]
    assert not volume.split and volume.filename == pdf.handbook_filename("en") and volume.label() == ""
    assert len(volume.keys) == len(METHODS)


def test_above_the_limit_one_volume_per_origin_in_parts_of_near_equal_size():
    methods = {f"Method {number:03}": ("red", "lead-partner", "baltic-practice")[number % 3] for number in range(107)}
    volumes = pdf.plan_volumes(plan_of(methods), 10)["en"]
    assert [volume.section for volume in volumes] == ["red"] * 4 + ["lead-partner"] * 4 + ["baltic-practice"] * 4
    for volume in volumes:
        assert 8 <= len(volume.keys) <= 10 and volume.parts == 4
        titles = [slug for _, slug in volume.keys]
        assert titles == sorted(titles)  # the contents' alphabetical order, run by run
    assert sorted(key for volume in volumes for key in volume.keys) == sorted(plan_of(methods).guides)
    assert [volume.filename for volume in volumes[:4]] == [f"red-handbook-red-{part}-en.pdf" for part in (1, 2, 3, 4)]


@pytest.mark.parametrize("lang, expected", [
    ("en", "RED's own methods, part 2 of 3"),
    ("sv", "RED:s egna metoder, del 2 av 3"),
    ("ru", "Собственные методы проекта RED, часть 2 из 3"),
])
def test_a_volume_is_named_by_its_origin_and_part(lang, expected):
    assert pdf.Volume(lang, (), "red", 2, 3).label() == expected


def test_a_volume_of_reds_own_methods_has_a_plural_name():
    """The label "RED's own method" is singular; a volume holds many methods."""
    for lang in MODEL.codes:
        assert section_name("red", lang) == t("pdf_handbook_section_red", lang)
        assert section_name("red", lang) != MODEL.label(VOCABULARY, "red", lang)


@pytest.mark.parametrize("origin, lang, expected", [
    ("lead-partner", "ru", "Практика ведущего партнёра RED после проекта"),
    ("baltic-practice", "ru", "Родственная практика в регионе Балтийского моря"),
    ("lead-partner", "sv", "Senare arbetssätt hos RED:s huvudpartner"),
])
def test_the_other_volumes_are_named_by_the_content_models_label(origin, lang, expected):
    """A label such as "Later practice ..." reads the same for one method or many: the volume takes the label the page,
    the catalog and the search filter show, from the one source (the content model)."""
    assert section_name(origin, lang) == MODEL.label(VOCABULARY, origin, lang) == expected


def test_a_plural_volume_name_is_not_a_copy_of_the_label():
    """A copy would go stale when the label is reworded; a plural name must differ from the label."""
    for origin in MODEL.vocabularies[VOCABULARY]:
        key = f"pdf_handbook_section_{origin}"
        if key in ui_strings():
            assert any(t(key, lang) != MODEL.label(VOCABULARY, origin, lang) for lang in MODEL.codes), key


@pytest.mark.parametrize("value", ["many", 0, -3, True, 2.5])
def test_a_wrong_limit_in_mkdocs_yml_is_a_clear_error(value):
    _, failed, _ = checked({"pdf": {"handbook_limit": value}})
    assert re.search(r"plugins\.red\.pdf\.handbook_limit: .* is not a whole number of methods", str(failed[0][1]))


def test_the_limit_comes_from_mkdocs_yml_and_the_environment_may_override_it(tmp_path, monkeypatch):
    def limit(raw):
        config, failed, _ = checked(raw)
        assert not failed, failed
        return build_settings(config, tmp_path).pdf.handbook_limit

    assert limit({"pdf": {"handbook_limit": 50}}) == 50
    assert limit({}) is None
    monkeypatch.setenv("RED_PDF_HANDBOOK_LIMIT", "7")
    assert limit(plugin_settings_in(REPO / "mkdocs.yml")) == 7
    monkeypatch.setenv("RED_PDF_HANDBOOK_LIMIT", "x")
    _, failed, _ = checked(plugin_settings_in(REPO / "mkdocs.yml"))
    assert "plugins.red.pdf.handbook_limit: 'x' is not a whole number" in str(failed[0][1])


# --- A real build at a limit of 2 ---------------------------------------------------------------

def method_page(title: str, origin: str, links: str = "") -> str:
    sections = "".join(f"## {MODEL.section_title(section, 'en')}\n\nWhat {title} says about {section}.\n\n"
                       for section in MODEL.content_types[download_plan.GUIDE_TYPE].sections)
    return (f"---\ntype: method\ntitle: {title}\nsummary: A fixture method to test handbook volumes.\n"
            f"work_package: {'[a]' if origin == 'red' else '[]'}\nthemes: [networking]\nregions: [blekinge]\n"
            f"last_reviewed: 2026-11-22\nsources: [red-description]\nexample: false\norigin: {origin}\n---\n\n"
            f"The first paragraph of {title}. {links}\n\n{sections}")


@pytest.fixture(scope="module")
def volume_site(tmp_path_factory, site_address):
    """The fixture site with five methods, built with PDFs three times: cold, warm, after editing one page."""
    root = make_fixture_site(tmp_path_factory.mktemp("volumes") / "repo")
    write(root, "docs/methods/index.md", "---\ntitle: Methods\n---\n\nThe methods.\n\n<!-- red:catalog method -->\n")
    for title, origin in METHODS.items():
        # Alpha links to Bravo (in its volume) and to Delta (in another volume).
        links = "See [Bravo](bravo-method.md) and [Delta](delta-method.md)." if title == "Alpha method" else ""
        write(root, f"docs/methods/{slug(title)}.md", method_page(title, origin, links))
    env = {"RED_SKIP_PDF": "0", "RED_SKIP_OUTPUTS": "1", "RED_PDF_CACHE": str(root / "pdf-cache"),
           "RED_PDF_HANDBOOK_LIMIT": str(LIMIT)}
    builds = {"cold": build_fixture(root, root / "site-cold", env, site_url=site_address, timeout=900)}
    builds["warm"] = build_fixture(root, root / "site-warm", env, site_url=site_address, timeout=900)
    page = root / "docs" / "methods" / "charlie-method.md"
    page.write_text(page.read_text(encoding="utf-8").replace("The first paragraph", "The edited first paragraph"),
                    encoding="utf-8")
    builds["edited"] = build_fixture(root, root / "site-edited", env, site_url=site_address, timeout=900)
    for name, build in builds.items():
        assert build.returncode == 0, f"{name} build failed:\n{build.log[-3000:]}"
    return builds


def prefix(lang: str) -> str:
    return "" if lang == MODEL.default_language.code else f"{lang}/"


EXPECTED_VOLUMES = [  # (file name part, label arguments, chapter titles): alphabetical within an origin
    ("red-1", ("red", 1, 2), ["Alpha method", "Bravo method"]),
    ("red-2", ("red", 2, 2), ["Charlie method"]),
    ("lead-partner", ("lead-partner", 1, 1), ["Delta method"]),
    ("baltic-practice", ("baltic-practice", 1, 1), ["Echo method"]),
]


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", MODEL.codes)
def test_each_volume_is_a_handbook_of_its_methods_with_cover_contents_and_bookmarks(volume_site, lang):
    folder = volume_site["cold"].site / prefix(lang) / pdf.PDF_FOLDER
    handbooks = sorted(path.name for path in folder.glob("red-handbook-*.pdf"))
    assert handbooks == sorted(pdf.handbook_filename(lang, name) for name, _, _ in EXPECTED_VOLUMES)
    for name, (origin, part, parts), titles in EXPECTED_VOLUMES:
        path = folder / pdf.handbook_filename(lang, name)
        reader = PdfReader(path)
        label = pdf.Volume(lang, (), origin, part, parts).label()
        assert reader.metadata.title == t("pdf_volume_document_title", lang).format(
            handbook=t("pdf_handbook_title", lang), volume=label)
        assert [entry.title for entry in reader.outline if isinstance(entry, Destination)] == titles
        cover = words(reader.pages[0].extract_text())
        assert words(label) in cover and t("pdf_kind_handbook", lang).upper() in cover
        assert t("pdf_contents", lang) in words(reader.pages[1].extract_text())
        text = words(pdf_text(path))
        for title in METHODS:
            assert (f"The first paragraph of {title}." in text) == (title in titles), (name, title)


def test_a_link_to_a_method_in_another_volume_leads_to_its_web_page(volume_site):
    reader = PdfReader(volume_site["cold"].site / pdf.PDF_FOLDER / pdf.handbook_filename("en", "red-1"))
    uris = {annotation.get_object()["/A"].get("/URI") for page in reader.pages
            for annotation in page.get("/Annots") or [] if "/A" in annotation.get_object()}
    assert f"{volume_site['cold'].site_url}methods/delta-method/" in uris  # in the lead-partner volume: the web
    assert not any(uri and "bravo-method" in uri for uri in uris)  # in this volume: its chapter


@pytest.mark.parametrize("lang", MODEL.codes)
def test_the_methods_catalog_lists_the_volumes_with_their_sizes(volume_site, lang):
    site = volume_site["cold"].site
    page = f"{prefix(lang)}methods/index.html"
    html = (site / page).read_text(encoding="utf-8")
    assert t("pdf_download_handbook_volumes", lang) in html and "red-pdf-handbook" not in html
    links = download_links(html, ".pdf")
    assert len(links) == len(EXPECTED_VOLUMES)
    for (href, label), (name, (origin, part, parts), _) in zip(links, EXPECTED_VOLUMES, strict=True):
        target = site / unquote(urlsplit(urljoin(page, href)).path)
        assert target.name == pdf.handbook_filename(lang, name) and target.is_file()
        size = format_size(target.stat().st_size, lang)
        assert words(label) == words(f"{pdf.Volume(lang, (), origin, part, parts).label()} (PDF, {size})")


def test_a_warm_build_renders_no_pdf(volume_site):
    cold, warm = volume_site["cold"].log, volume_site["warm"].log
    planned = len(METHODS) + 3 * len(EXPECTED_VOLUMES)  # English guides; volumes in every language
    assert f"PDF guides: {planned} PDF(s), 0 from the cache, {planned} rendered" in cold, cold[-2000:]
    assert f"PDF guides: {planned} PDF(s), {planned} from the cache, 0 rendered" in warm, warm[-2000:]


def test_editing_one_page_renders_only_its_guide_and_the_volumes_that_hold_it(volume_site):
    log = volume_site["edited"].log
    [rendered] = re.findall(r"PDF\(s\) rendered: (.*)", log)
    # The English page stands in for the missing translations, so it is a chapter of every language's volume.
    assert sorted(rendered.split(", ")) == sorted(
        ["pdf/red-charlie-method-en.pdf"] + [f"{prefix(lang)}pdf/{pdf.handbook_filename(lang, 'red-2')}"
                                             for lang in MODEL.codes])
    edited = volume_site["edited"].site / pdf.PDF_FOLDER / pdf.handbook_filename("en", "red-2")
    assert "The edited first paragraph of Charlie method." in words(pdf_text(edited))


def test_the_real_site_keeps_one_handbook_per_language():
    """mkdocs.yml's limit is above the real number of methods: nothing changes at the real size
    (test_pdf.py checks the real build's one handbook per language)."""
    config, _, _ = checked(plugin_settings_in(REPO / "mkdocs.yml"))
    limit = build_settings(config, REPO).pdf.handbook_limit
    assert limit and all(len(typed_pages(download_plan.GUIDE_TYPE, lang)) <= limit for lang in MODEL.codes)


def test_red_pdf_only_limits_the_pdfs_to_some_pages_for_benchmarks(tmp_path):
    config, errors, _ = checked({"pdf": {"only": "alpha-method, echo-method", "skip": 1}})  # as !ENV gives them
    settings = build_settings(config, tmp_path).pdf
    assert not errors and settings.skip and settings.only == {"alpha-method", "echo-method"}
    assert pdf.publish(plan_of(METHODS), tmp_path, settings).planned == 2 + 1  # two guides and their handbook
    every_page = pdf.Settings(skip=True, workers=1, cache_dir=tmp_path)
    assert pdf.publish(plan_of(METHODS), tmp_path, every_page).planned == len(METHODS) + 1


@pytest.mark.parametrize("lang", MODEL.codes)
def test_the_volume_list_has_no_axe_violations_on_a_phone(volume_site, site_server, browser, lang):
    """The real site never shows the volume list (one handbook per language), so the every-page audit
    does not see it: the catalog with volumes is checked here, in Chromium, behind the Pages-like server."""
    from browser_fixtures import axe_violations

    with site_server.serving(volume_site["cold"].site) as url:
        context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
        page = context.new_page()
        response = page.goto(f"{url}{prefix(lang)}methods/")
        assert response is not None and response.status == 200
        links = page.locator(".red-download a[href$='.pdf']")
        assert links.count() == len(EXPECTED_VOLUMES) and links.first.is_visible()
        violations = axe_violations(page)
        context.close()
    assert violations == []
