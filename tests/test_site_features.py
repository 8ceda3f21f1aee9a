"""On every page: 'Edit this page' opens the right file, a localized last-updated date; catalog filters."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from html.parser import HTMLParser

import pytest

from conftest import REPO
from redsite import page_info, render
from redsite.frontmatter import parse_page
from redsite.model import load_model
from redsite.render import t

MODEL = load_model()
DEFAULT = MODEL.default_language.code
PAGE = "methods/forum-building"

# Independent oracles: what a reader of each language expects to see.
MONTHS = {
    "en": [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ],
    "sv": [
        "januari", "februari", "mars", "april", "maj", "juni",
        "juli", "augusti", "september", "oktober", "november", "december",
    ],
    "ru": [
        "января", "февраля", "марта", "апреля", "мая", "июня",
        "июля", "августа", "сентября", "октября", "ноября", "декабря",
    ],
}
DATE_FORMS = {"en": "{day} {month} {year}", "sv": "{day} {month} {year}",
              "ru": "{day} {month} {year}\u202fг."}  # a narrow no-break space before «г.», as CLDR writes it
FILTER_LABELS = {  # the project's own work packages come last, behind "More filters"
    "en": ["Theme", "Region", "RED work package"],
    "sv": ["Tema", "Region", "Arbetspaket i RED"],
    "ru": ["Тема", "Регион", "Рабочий пакет проекта RED"],
}
FILTER_ALL = {
    "en": ["All themes", "All regions", "All work packages"],
    "sv": ["Alla teman", "Alla regioner", "Alla arbetspaket"],
    "ru": ["Все темы", "Все регионы", "Все рабочие пакеты"],
}


class Element:
    def __init__(self, tag: str, attrs: dict) -> None:
        self.tag, self.attrs, self.text = tag, attrs, ""


class Collector(HTMLParser):
    """Every element with its attributes and its own text."""

    VOID = {"meta", "link", "img", "input", "br", "hr", "source"}

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {key: value or "" for key, value in attrs})
        self.elements.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        for element in self.open:
            element.text += data


def parse(html: str) -> list[Element]:
    collector = Collector()
    collector.feed(html)
    return collector.elements


def built_page(site, lang: str, path: str) -> str:
    prefix = "" if lang == DEFAULT else f"{lang}/"
    target = site / prefix / path / "index.html" if not path.endswith(".html") else site / prefix / path
    return target.read_text(encoding="utf-8")


# --- "Edit this page" -------------------------------------------------------------------

@pytest.mark.parametrize("lang", MODEL.codes)
def test_edit_link_opens_the_source_file_of_the_pages_language(built_site, lang):
    html = built_page(built_site.site, lang, PAGE)
    edit_links = [e.attrs["href"] for e in parse(html) if e.tag == "a" and e.attrs.get("rel") == "edit"]
    tree = MODEL.language(lang).tree
    assert len(edit_links) == 1, edit_links
    assert re.fullmatch(rf"https://[^ ]+/edit/main/{tree}/{PAGE}\.md", edit_links[0]), edit_links[0]
    assert (REPO / tree / f"{PAGE}.md").is_file()


def test_swedish_edit_link_is_docs_sv_not_the_symlinked_docs_sv_folder(built_site):
    html = built_page(built_site.site, "sv", PAGE)
    assert "/edit/main/docs_sv/methods/forum-building.md" in html
    assert "/docs/sv/" not in html and "/edit/main/sv/" not in html


def test_source_path_maps_what_mkdocs_sees_to_the_file_a_contributor_edits():
    assert page_info.source_path("sv/methods/x.md", MODEL) == "docs_sv/methods/x.md"
    assert page_info.source_path("ru/index.md", MODEL) == "docs_ru/index.md"
    assert page_info.source_path("methods/x.md", MODEL) == "docs/methods/x.md"  # also an English fallback
    assert page_info.source_path("sv.md", MODEL) == "docs/sv.md"


def test_edit_url_joins_repository_branch_root_and_path():
    expected = "https://github.com/org/repo/edit/main/docs_sv/a.md"
    assert page_info.edit_url("https://github.com/org/repo", "edit/main/", "docs_sv/a.md") == expected
    assert page_info.edit_url("https://github.com/org/repo/", "/edit/main", "docs_sv/a.md") == expected
    assert page_info.edit_url("https://x.org/r", "https://git.example/r/edit/main/", "docs/a.md") == \
        "https://git.example/r/edit/main/docs/a.md"
    assert page_info.edit_url(None, "edit/main/", "docs/a.md") is None


def test_no_page_asks_github_for_repository_facts(built_site):
    # Material's repository widget (data-md-component="source") would call api.github.com from every browser.
    for lang in MODEL.codes:
        assert 'data-md-component="source"' not in built_page(built_site.site, lang, PAGE)


# --- last updated ------------------------------------------------------------------------

def expected_date(lang: str) -> dt.date:
    """The last commit of the page's own file, else the last_reviewed of its front matter."""
    path = f"{MODEL.language(lang).tree}/{PAGE}.md"
    # a merge is not a change of its own (the build reads the commits' file lists, which merges have not)
    logged = subprocess.run(["git", "log", "-1", "--no-merges", "--format=%cs", "--", path], cwd=REPO,
                            capture_output=True, text=True, check=False).stdout.strip()
    if logged:
        return dt.date.fromisoformat(logged)
    return parse_page(path, (REPO / path).read_text(encoding="utf-8"), lang).meta["last_reviewed"]


def localized(date: dt.date, lang: str) -> str:
    return DATE_FORMS[lang].format(day=date.day, month=MONTHS[lang][date.month - 1], year=date.year)


@pytest.mark.parametrize("lang", MODEL.codes)
def test_last_updated_date_is_localized_and_comes_from_the_pages_own_file(built_site, lang):
    html = built_page(built_site.site, lang, PAGE)
    match = re.search(r'<p class="red-last-updated"><small>([^<]+) <time datetime="([\d-]+)">([^<]+)</time>', html)
    assert match, "no last-updated line"
    label, iso, text = match.groups()
    date = expected_date(lang)
    assert (label, iso, text) == (t("last_updated", lang), date.isoformat(), localized(date, lang))


def test_localized_dates_in_every_language():
    date = dt.date(2026, 11, 22)
    shown = {lang: page_info.localized_date(date, lang, t("last_updated_date_format", lang)) for lang in MODEL.codes}
    assert shown == {"en": "22 November 2026", "sv": "22 november 2026", "ru": "22 ноября 2026\u202fг."}


def test_git_log_is_parsed_newest_commit_first():
    output = "\x002026-11-22\n\ndocs/a.md\ndocs_sv/a.md\n\x002025-01-05\n\ndocs/a.md\ndocs/b.md\n"
    assert page_info.parse_git_log(output) == {
        "docs/a.md": dt.date(2026, 11, 22), "docs_sv/a.md": dt.date(2026, 11, 22), "docs/b.md": dt.date(2025, 1, 5)}


def test_last_updated_prefers_the_commit_date_over_last_reviewed():
    committed = {"docs_sv/a.md": dt.date(2026, 3, 1)}
    meta = {"last_reviewed": dt.date(2025, 1, 1)}
    assert page_info.last_updated("docs_sv/a.md", meta, committed) == dt.date(2026, 3, 1)
    assert page_info.last_updated("docs_ru/a.md", meta, committed) == dt.date(2025, 1, 1)
    assert page_info.last_updated("docs_ru/a.md", {}, committed) is None


def test_git_dates_reads_a_real_repository(tmp_path):
    for language in MODEL.languages:
        (tmp_path / language.tree).mkdir()
    (tmp_path / "docs" / "a.md").write_text("A\n", encoding="utf-8")
    (tmp_path / "docs_sv" / "a.md").write_text("A\n", encoding="utf-8")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_COMMITTER_DATE": "2024-02-29T12:00:00+00:00",
           "GIT_AUTHOR_DATE": "2024-02-29T12:00:00+00:00", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for command in (["init", "-q"], ["add", "docs/a.md"], ["commit", "-q", "-m", "a"]):
        subprocess.run(["git", *command], cwd=tmp_path, env=env, check=True, capture_output=True)
    assert page_info.git_dates(tmp_path, MODEL) == {"docs/a.md": dt.date(2024, 2, 29)}  # docs_sv/a.md: not committed
    assert page_info.git_dates(tmp_path / "docs", MODEL) == {}  # no trees there: nothing, and no error


# --- catalog filters ---------------------------------------------------------------------

CATALOGS = [f"{content_type.folder}/index.html" for content_type in MODEL.content_types.values()]


@pytest.mark.parametrize("lang", MODEL.codes)
@pytest.mark.parametrize("catalog_page", CATALOGS)
def test_catalog_filter_is_labelled_in_the_pages_language(built_site, lang, catalog_page):
    html = built_page(built_site.site, lang, catalog_page)
    elements = parse(html)
    forms = [e for e in elements if e.tag == "form" and "data-red-filter" in e.attrs]
    assert len(forms) == 1
    form = forms[0]
    assert "hidden" in form.attrs  # revealed by the script: without JavaScript the full list shows
    lists = [e for e in elements if e.tag == "ul" and "data-red-catalog" in e.attrs]
    assert [e.attrs.get("id") for e in lists] == [form.attrs["data-red-filter"]]
    start = elements.index(form)
    in_form = elements[start:elements.index(lists[0])]
    legend = next(e for e in in_form if e.tag == "legend")
    assert legend.text == t("filter_legend", lang)
    labels = [e for e in in_form if e.tag == "label"]
    selects = {e.attrs["id"]: e for e in in_form if e.tag == "select"}
    origin = catalog_page.startswith(MODEL.content_types["method"].folder + "/")  # methods: also by origin
    items = [e for e in elements if e.tag == "li" and "red-catalog__item" in e.attrs.get("class", "")]
    assert items
    # a field no listed page has a value for (the examples' empty work_package) offers no filter; the
    # project's own work packages come last, behind "More filters"
    fields = [(field, label, all_label) for field, label, all_label
              in zip(("themes", "regions", "work-package"), FILTER_LABELS[lang], FILTER_ALL[lang], strict=True)
              if any(item.attrs.get(f"data-{field}") for item in items)]
    if origin:
        fields.insert(2, ("origin", t("filter_origin", lang), t("filter_all_origin", lang)))
    assert [label.text for label in labels] == [label for _, label, _ in fields]
    assert [label.attrs["for"] for label in labels] == list(selects)
    more = [e for e in in_form if e.tag == "details"]
    if fields[-1][0] == "work-package":
        assert "data-red-filter-more" in more[0].attrs
        assert next(e for e in in_form[in_form.index(more[0]):] if e.tag == "summary").text == t("filter_more", lang)
        assert [e.attrs["data-red-filter-field"] for e in in_form[in_form.index(more[0]):] if e.tag == "select"] \
            == ["work-package"]
    else:
        assert not more
    assert form.attrs.get("autocomplete") == "off"  # the address keeps the choice, not the browser's form memory
    options_of: dict[str, list[Element]] = {}
    for element in in_form:
        if element.tag == "select":
            options_of[element.attrs["id"]] = current = []
        elif element.tag == "option":
            current.append(element)
    vocabulary_of = {"work-package": "work_packages", "themes": "themes", "regions": "regions", "origin": "origins"}
    all_labels = [all_label for _, _, all_label in fields]
    for index, (select_id, select) in enumerate(selects.items()):
        field = select.attrs["data-red-filter-field"]
        options = options_of[select_id]
        assert options[0].attrs["value"] == "" and options[0].text == all_labels[index]
        used = {value for item in items for value in item.attrs.get(f"data-{field}", "").split()}
        assert {o.attrs["value"] for o in options[1:]} == used
        for option in options[1:]:
            assert option.text == MODEL.label(vocabulary_of[field], option.attrs["value"], lang)
    status = [e for e in in_form if e.attrs.get("role") == "status"]
    assert len(status) == 1 and status[0].attrs.get("aria-live") == "polite"
    type_name = next(name for name, ct in MODEL.content_types.items() if catalog_page.startswith(ct.folder + "/"))
    assert render.count_template(type_name, len(items), lang) == form.attrs["data-count-template"]
    assert render.none_template(type_name, lang) == form.attrs["data-none-template"]
    scripts = [e.attrs["src"] for e in elements if e.tag == "script" and "catalog-filter" in e.attrs.get("src", "")]
    assert len(scripts) == 1 and not scripts[0].startswith(("http:", "https:", "//"))
    assert (built_site.site / "assets" / "javascripts" / "catalog-filter.js").is_file()


def test_every_pages_additions_stay_inside_its_article_as_a_browser_parses_it(built_site):
    """A stray tag in a page's content makes a browser close the <article> early, and what follows (the
    outputs box, the last-updated line) then lands in the layout grid. Parse like a browser (HTML5)."""
    import tinyhtml5

    namespace = "{http://www.w3.org/1999/xhtml}"
    outside = []
    pages = sorted(built_site.site.rglob("*.html"))
    for path in pages:
        root = tinyhtml5.parse(path.read_text(encoding="utf-8"))
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in root.iter():
            classes = (element.get("class") or "").split()
            if not {"red-last-updated", "red-outputs"} & set(classes):
                continue
            ancestor = parents.get(element)
            while ancestor is not None and ancestor.tag != f"{namespace}article":
                ancestor = parents.get(ancestor)
            if ancestor is None:
                outside.append(f"{path.relative_to(built_site.site)}: .{classes[0]}")
    assert len(pages) > 100 and outside == []
