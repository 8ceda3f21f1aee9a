"""The glossary's downloads (redsite.glossary_export): TBX (ISO 30042:2019, TBX-Basic), TBX 2008 and CSV,
read back with tools made for them (translate-toolkit, lxml, the csv module), identical in two builds,
linked with their format and size from the glossary page in every language, and safe with hostile values."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from lxml import etree
from translate.storage import tbx as toolkit_tbx

from conftest import REPO
from redsite import glossary_export
from redsite.data_checks import check_data_files
from redsite.data_files import GLOSSARY, load_data
from redsite.downloads import offline
from redsite.model import load_model
from redsite.render import format_size, t

MODEL = load_model()
NS = {"tbx": glossary_export.TBX_NAMESPACE}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NAMES = ("red-glossary.tbx", "red-glossary-tbx2008.tbx", "red-glossary.csv")
# The TBX core structure schema (TBXcoreStructV03.rng, published by LTAC in TBX_Core_RNG): its licence
# is not stated, so it is not copied into this repository. Point RED_TBX_RNG at a copy, or put one in
# the shared folder next to the repository.
SCHEMA_PLACES = [os.environ.get("RED_TBX_RNG", ""), str(REPO.parent / "shared" / "tbx" / "TBXcoreStructV03.rng")]

HOSTILE = {"terms": [
    {"en": "<b>bold</b> & \"quoted\" 'single'", "sv": "a < b && c > d", "ru": "«кавычки» & <теги>",
     "definition": {"en": "Line one\nline two\n", "sv": "Rad ett\r\nrad två", "ru": "Строка\tс табуляцией"}},
    {"en": "=HYPERLINK(\"http://example.org\",\"click\")", "sv": "+46 455 30 50 00", "ru": "-1",
     "variants": {"sv": ["@SUM(A1:A2)", "=1+1"], "ru": ["\tTAB", "обычный вариант"]}},
    {"en": "long", "sv": "lång", "ru": "длинный", "definition": {"en": "x" * 100_000, "sv": "å" * 50_000,
                                                                 "ru": "я" * 50_000}},
    {"en": "long", "sv": "lång igen", "ru": "снова"},  # the same English twice: the ids stay unique
]}


def _schema() -> etree.RelaxNG | None:
    found = next((Path(place) for place in SCHEMA_PLACES if place and Path(place).is_file()), None)
    return etree.RelaxNG(etree.parse(str(found))) if found else None


def expected(data: dict) -> list[dict]:
    """What every download must hold: per term and language, the rendering, its variants and definition."""
    return [{code: (term[code], tuple((term.get("variants") or {}).get(code, ())),
                    (term.get("definition") or {}).get(code)) for code in MODEL.codes} for term in data["terms"]]


def read_tbx(data: bytes) -> list[dict]:
    """The 2019 file through lxml: conceptEntry > langSec > termSec, as the standard nests them."""
    root = etree.fromstring(data)
    found = []
    for concept in root.iterfind(".//tbx:conceptEntry", NS):
        entry = {}
        for language in concept.iterfind("tbx:langSec", NS):
            sections = language.findall("tbx:termSec", NS)
            statuses = [section.findtext("tbx:termNote[@type='administrativeStatus']", namespaces=NS)
                        for section in sections]
            assert statuses == [glossary_export.PREFERRED] + [glossary_export.ADMITTED] * (len(sections) - 1)
            entry[language.get(XML_LANG)] = (
                sections[0].findtext("tbx:term", namespaces=NS),
                tuple(section.findtext("tbx:term", namespaces=NS) for section in sections[1:]),
                language.findtext("tbx:descrip[@type='definition']", namespaces=NS))
        found.append(entry)
    return found


def read_tbx_2008(data: bytes) -> list[dict]:
    """The 2008 file through translate-toolkit's TBX reader (the one Weblate uses)."""
    store = toolkit_tbx.tbxfile.parsestring(data)
    found = []
    for unit in store.units:
        entry = {}
        for code in MODEL.codes:
            terms = unit.get_target_terms(code)
            assert [term.administrative_status for term in terms] == \
                [glossary_export.PREFERRED] + [glossary_export.ADMITTED] * (len(terms) - 1)
            definitions = [note.text for note in terms[0].notes if note.origin == "definition"]
            entry[code] = (terms[0].text, tuple(term.text for term in terms[1:]),
                           definitions[0] if definitions else None)
        found.append(entry)
    return found


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf"), "the CSV starts with the UTF-8 byte-order mark"
    assert data.split(b"\n", 1)[0].endswith(b"\r"), "records end in CRLF"
    csv.field_size_limit(1_000_000)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, found = rows[0], []
    for row in rows[1:]:
        assert len(row) == len(header)
        cells = dict(zip(header, row, strict=True))
        found.append({code: (cells[code], tuple(value for name, value in cells.items()
                                                 if name.startswith(f"{code} variant ") and value),
                             cells[f"{code} definition"] or None) for code in MODEL.codes})
    return found


def spreadsheet_view(entries: list[dict]) -> list[dict]:
    """`expected` as the CSV must show it: a value that starts like a formula behind an apostrophe."""
    safe = glossary_export.spreadsheet_safe
    return [{code: (safe(term), tuple(map(safe, variants)), safe(definition) if definition else None)
             for code, (term, variants, definition) in entry.items()} for entry in entries]


@pytest.fixture(scope="module")
def builds(real_site_built_twice):
    """The real site built twice (without PDFs: they take no part here)."""
    return real_site_built_twice


def test_two_builds_publish_identical_files_made_from_the_glossary(builds):
    first, second = (build.site / glossary_export.FOLDER for build in builds)
    made = {download.name: download.data for download in glossary_export.downloads(load_data(GLOSSARY), MODEL)}
    assert sorted(path.name for path in first.iterdir()) == sorted(NAMES)
    for name in NAMES:
        assert (first / name).read_bytes() == (second / name).read_bytes() == made[name], name
    assert "Glossary downloads: terminology/red-glossary.tbx" in builds[0].log


def test_every_term_and_language_round_trips_through_each_reader(builds):
    folder = builds[0].site / glossary_export.FOLDER
    glossary = expected(load_data(GLOSSARY))
    assert len(glossary) > 40
    assert read_tbx((folder / "red-glossary.tbx").read_bytes()) == glossary
    assert read_tbx_2008((folder / "red-glossary-tbx2008.tbx").read_bytes()) == glossary
    assert read_csv((folder / "red-glossary.csv").read_bytes()) == spreadsheet_view(glossary)
    variants = [entry["sv"][1] for entry in glossary if entry["sv"][1]]
    assert ("goda exempel", "goda exemplen") in variants  # admitted terms, not only the preferred ones


STATUSES = {"admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts", "preferredTerm-admn-sts"}


def _dialect_problems(root) -> list[str]:
    """The constraints of the TBX-Basic dialect (DCA style) that apply to what the export writes, as LTAC's
    Schematron for it states them (it needs XSLT 2, which lxml lacks)."""
    allowed = {"descrip": {"subjectField", "context", "definition"},
               "termNote": {"administrativeStatus", "partOfSpeech", "geographicalUsage", "grammaticalGender",
                            "termLocation", "termType"}}
    problems = []
    if (root.get("type"), root.get("style")) != ("TBX-Basic", "dca"):
        problems.append("the root must declare type='TBX-Basic' style='dca'")
    for element in root.iter():
        name = etree.QName(element)
        if name.namespace != glossary_export.TBX_NAMESPACE:
            problems.append(f"{name}: not in the TBX namespace")
        if name.localname in allowed and element.get("type") not in allowed[name.localname]:
            problems.append(f"{name.localname} type {element.get('type')!r}")
        if name.localname == "termNote" and etree.QName(element.getparent()).localname != "termSec":
            problems.append("termNote outside termSec")
        if name.localname == "termNote" and element.get("type") == "administrativeStatus" and \
                element.text not in STATUSES:
            problems.append(f"administrativeStatus {element.text!r}")
        if name.localname == "descrip" and element.get("type") == "definition" and \
                etree.QName(element.getparent()).localname not in {"conceptEntry", "langSec"}:
            problems.append("definition below langSec")
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    if len(ids) != len(set(ids)):
        problems.append("ids repeat")
    return problems


def test_the_tbx_is_tbx_basic_of_iso_30042_2019(builds):
    data = (builds[0].site / glossary_export.FOLDER / "red-glossary.tbx").read_bytes()
    root = etree.fromstring(data)
    assert etree.QName(root) == etree.QName("urn:iso:std:iso:30042:ed-2", "tbx")
    assert root.get(XML_LANG) == "en"
    assert _dialect_problems(root) == []
    assert [language.get(XML_LANG) for language in root.find(".//tbx:conceptEntry", NS)] == list(MODEL.codes)


def test_the_tbx_validates_against_ltacs_core_structure_schema(builds):
    schema = _schema()
    if schema is None:
        pytest.skip("LTAC's TBXcoreStructV03.rng is not at hand: set RED_TBX_RNG to a copy")
    data = (builds[0].site / glossary_export.FOLDER / "red-glossary.tbx").read_bytes()
    assert schema.validate(etree.fromstring(data)), schema.error_log
    broken = etree.fromstring(data)
    broken.find(".//tbx:langSec", NS).append(etree.Element(f"{{{glossary_export.TBX_NAMESPACE}}}descrip",
                                                           type="definition"))  # after the termSec: not allowed
    assert not schema.validate(broken)


def test_the_dialect_check_finds_what_the_tbx_basic_dialect_forbids():
    root = etree.fromstring(glossary_export.tbx(glossary_export.entries(HOSTILE, MODEL), MODEL))
    root.find(".//tbx:termNote", NS).text = "preferred"
    root.find(".//tbx:langSec", NS).insert(0, etree.Element(f"{{{glossary_export.TBX_NAMESPACE}}}descrip",
                                                            type="note"))
    root.set("style", "dct")
    assert _dialect_problems(root) == ["the root must declare type='TBX-Basic' style='dca'",
                                       "descrip type 'note'", "administrativeStatus 'preferred'"]


@pytest.mark.parametrize("lang", ["en", "sv", "ru"])
def test_the_glossary_page_links_every_download_with_format_and_size(builds, lang):
    site = builds[0].site
    prefix = "" if lang == MODEL.default_language.code else f"{lang}/"
    page = site / prefix / "glossary" / "index.html"
    html = page.read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)" type="([^"]+)" download>([^<]+)</a>', html)
    found = {}
    for href, media_type, text in links:
        target = (page.parent / href).resolve()
        assert target.is_file(), href
        found[target.name] = (media_type, text)
    for download in glossary_export.downloads(load_data(GLOSSARY), MODEL):
        media_type, text = found[download.name]
        size = len((site / download.site_path).read_bytes())
        assert media_type == download.media_type
        assert text == f"{t(download.label_key, lang)} ({download.kind}, {format_size(size, lang)})"
    assert t("glossary_downloads", lang) in html


@pytest.mark.parametrize("lang", ["en", "sv", "ru"])
def test_each_offline_copy_takes_the_downloads_along(builds, lang):
    package = offline.collect(builds[0].site, lang, MODEL)
    assert {f"{glossary_export.FOLDER}/{name}" for name in NAMES} <= package.files


def test_hostile_values_come_back_unchanged_and_never_run_as_formulas():
    found = glossary_export.entries(HOSTILE, MODEL)
    assert [entry.key for entry in found] == ["term-bold--quoted-single", "term-hyperlinkhttpexampleorgclick",
                                              "term-long", "term-long-2"]
    files = {download.name: download.data for download in glossary_export.downloads(HOSTILE, MODEL)}
    glossary = expected(HOSTILE)
    assert read_tbx(files["red-glossary.tbx"]) == glossary
    assert read_tbx_2008(files["red-glossary-tbx2008.tbx"]) == glossary
    table = read_csv(files["red-glossary.csv"])
    assert table == spreadsheet_view(glossary)
    formulas = table[1]
    assert formulas["en"][0] == "'=HYPERLINK(\"http://example.org\",\"click\")"
    assert (formulas["sv"][0], formulas["ru"][0]) == ("'+46 455 30 50 00", "'-1")
    assert formulas["sv"][1] == ("'@SUM(A1:A2)", "'=1+1") and formulas["ru"][1] == ("'\tTAB", "обычный вариант")
    assert table[0]["en"][0] == "<b>bold</b> & \"quoted\" 'single'"  # only a formula's start is touched
    assert b"<b>" not in files["red-glossary.tbx"] and b"&lt;b&gt;bold" in files["red-glossary.tbx"]
    schema = _schema()
    if schema is not None:
        assert schema.validate(etree.fromstring(files["red-glossary.tbx"])), schema.error_log
    assert _dialect_problems(etree.fromstring(files["red-glossary.tbx"])) == []


@pytest.mark.parametrize("escape, code", [("\\a", "0007"), ("\\x1b", "001B"), ("\\ufffe", "FFFE")])
def test_a_control_character_in_the_glossary_is_reported_with_its_line(tmp_path, escape, code):
    """XML cannot carry it, so the content check stops the build before the export would fail."""
    (tmp_path / "data").mkdir()
    text = (REPO / "data" / GLOSSARY).read_text(encoding="utf-8")
    assert "    sv: huvudpartner\n" in text
    (tmp_path / "data" / GLOSSARY).write_text(text.replace("    sv: huvudpartner\n",
                                                           f'    sv: "huvud{escape}partner"\n'), encoding="utf-8")
    shutil.copy(REPO / "data" / "baltic_initiatives.yml", tmp_path / "data")
    problems = [problem for problem in check_data_files(tmp_path, MODEL) if "control character" in problem.message]
    assert [(p.path, p.line) for p in problems] == [(f"data/{GLOSSARY}", text.splitlines().index("    sv: huvudpartner")
                                                     + 1)]
    assert f"U+{code}" in problems[0].message
    assert "delete it" in problems[0].hint


def test_the_real_glossary_has_no_character_the_export_cannot_carry():
    assert [problem for problem in check_data_files(REPO, MODEL) if problem.path == f"data/{GLOSSARY}"] == []
    assert yaml.safe_load((REPO / "data" / GLOSSARY).read_text(encoding="utf-8")) == load_data(GLOSSARY)
