"""The glossary (data/glossary.yml) as files for translators' tools, built with the site.

- `red-glossary.tbx`: TBX, ISO 30042:2019, TBX-Basic dialect in DCA style. One conceptEntry per
  term, one langSec per language with the glossary's definition in that language, the rendering as
  the preferred term and each accepted variant as an admitted term (termSec).
- `red-glossary-tbx2008.tbx`: the same in the first edition's form (ISO 30042:2008, martif,
  termEntry/langSet/tig), for tools that read only that one: translate-toolkit, and Weblate
  through it, read no other.
- `red-glossary.csv`: one row per term; a column per language for the rendering, one per variant
  and one per definition. UTF-8 with a byte-order mark: Excel opens a CSV file without one in the
  reader's legacy code page (Windows-1252 in Sweden, Windows-1251 in Russia), which garbles "ö"
  or all of the Cyrillic; LibreOffice Calc and Python's "utf-8-sig" read the mark and drop it.
  Comma-separated, lines ending in CRLF, as RFC 4180 has it. A value that a spreadsheet would run
  as a formula (one starting with =, +, -, @, a tab or a carriage return) gets a leading
  apostrophe, as OWASP advises against CSV injection: it is shown, never evaluated.

Every function but `publish` is pure: the same glossary gives the same bytes, so two builds publish
identical files. The build's content check has already stopped on a glossary that lacks a language or
holds a character XML cannot (data_files), so the entries here are complete.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pymdownx.slugs import slugify

from redsite.data_files import GLOSSARY, load_data
from redsite.model import ContentModel, load_model

FOLDER = "terminology"  # in the built site, shared by every language's glossary page
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED, ADMITTED = "preferredTerm-admn-sts", "admittedTerm-admn-sts"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SOURCE_NOTE = ("The glossary of the {site}: the terms agreed for its pages in {languages}. Generated from "
               "data/glossary.yml; the rendering of each term is its preferred term, accepted variants are admitted "
               "terms.")
_slug = slugify(case="lower")


@dataclass(frozen=True)
class Entry:
    """One term of the glossary, in every language."""

    key: str  # unique, an XML ID: the English term's slug
    terms: dict[str, str]
    variants: dict[str, tuple[str, ...]]
    definitions: dict[str, str]


@dataclass(frozen=True)
class Download:
    name: str  # file name in FOLDER
    kind: str  # shown after the link's label: "TBX", "CSV"
    media_type: str
    label_key: str  # ui_strings key of the link's label
    data: bytes

    @property
    def site_path(self) -> str:
        return f"{FOLDER}/{self.name}"


def entries(data: dict, model: ContentModel) -> list[Entry]:
    """The glossary's terms in file order; an entry the content check rejects is left out."""
    found: list[Entry] = []
    keys: set[str] = set()
    for term in data.get("terms") or []:
        if not isinstance(term, dict) or not all(isinstance(term.get(code), str) for code in model.codes):
            continue
        variants = term.get("variants") if isinstance(term.get("variants"), dict) else {}
        definitions = term.get("definition") if isinstance(term.get("definition"), dict) else {}
        base = "term-" + (_slug(term[model.default_language.code], "-") or "x")
        key, number = base, 1
        while key in keys:
            number += 1
            key = f"{base}-{number}"
        keys.add(key)
        found.append(Entry(
            key, {code: term[code] for code in model.codes},
            {code: tuple(v for v in variants.get(code) or () if isinstance(v, str)) for code in model.codes},
            {code: definitions[code] for code in model.codes if isinstance(definitions.get(code), str)}))
    return found


def _source_note(model: ContentModel) -> str:
    from babel import Locale

    english = Locale.parse(model.default_language.code).languages  # the note is in the default language
    names = [english.get(code, code) for code in model.codes]
    return SOURCE_NOTE.format(site=model.language(model.default_language.code).site_name,
                              languages=", ".join(names[:-1]) + " and " + names[-1])


@dataclass(frozen=True)
class TbxEdition:
    """The element names that differ between the editions of TBX-Basic; everything else is written alike."""

    root: str
    root_attributes: dict
    header: str
    concept: str
    language: str
    term_group: str
    namespace: str | None = None
    doctype: str | None = None


TBX_2019 = TbxEdition("tbx", {"type": "TBX-Basic", "style": "dca"}, "tbxHeader", "conceptEntry", "langSec", "termSec",
                      namespace=TBX_NAMESPACE)
TBX_2008 = TbxEdition("martif", {"type": "TBX-Basic"}, "martifHeader", "termEntry", "langSet", "tig",
                      doctype='<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">')


def tbx(found: list[Entry], model: ContentModel, edition: TbxEdition = TBX_2019) -> bytes:
    """TBX-Basic: ISO 30042:2019 (DCA style), or with TBX_2008 the 2008 edition (martif), for tools that read
    only that one."""
    def name(tag: str) -> str:
        return f"{{{edition.namespace}}}{tag}" if edition.namespace else tag

    def element(parent, tag: str, text: str | None = None, **attributes) -> etree._Element:
        child = etree.SubElement(parent, name(tag), attributes)
        child.text = text
        return child

    default = model.default_language.code
    root = etree.Element(name(edition.root), {**edition.root_attributes, XML_LANG: default},
                         nsmap={None: edition.namespace} if edition.namespace else None)
    description = element(element(root, edition.header), "fileDesc")
    element(element(description, "titleStmt"), "title", f"{model.language(default).site_name}: glossary")
    element(element(description, "sourceDesc"), "p", _source_note(model))
    body = element(element(root, "text"), "body")
    for entry in found:
        concept = element(body, edition.concept, id=entry.key)
        for code in model.codes:
            language = element(concept, edition.language, **{XML_LANG: code})
            if code in entry.definitions:
                element(language, "descrip", entry.definitions[code], type="definition")
            for term, status in ((entry.terms[code], PREFERRED), *((v, ADMITTED) for v in entry.variants[code])):
                group = element(language, edition.term_group)
                element(group, "term", term)
                element(group, "termNote", status, type="administrativeStatus")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=edition.doctype)


def tbx_2008(found: list[Entry], model: ContentModel) -> bytes:
    return tbx(found, model, TBX_2008)


def spreadsheet_safe(value: str) -> str:
    """The value as a spreadsheet shows it without running it: a leading apostrophe before a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_table(found: list[Entry], model: ContentModel) -> bytes:
    """One row per term: renderings, variants (a column each), definitions; UTF-8 with BOM, CRLF."""
    codes = model.codes
    widths = {code: max((len(entry.variants[code]) for entry in found), default=0) for code in codes}
    header = [*codes, *(f"{code} variant {number}" for code in codes for number in range(1, widths[code] + 1)),
              *(f"{code} definition" for code in codes)]
    output = io.StringIO(newline="")
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(header)
    for entry in found:
        row = [entry.terms[code] for code in codes]
        for code in codes:
            row += [*entry.variants[code], *[""] * (widths[code] - len(entry.variants[code]))]
        row += [entry.definitions.get(code, "") for code in codes]
        writer.writerow([spreadsheet_safe(value) for value in row])
    return output.getvalue().encode("utf-8-sig")


_MADE: dict[int, tuple[dict, tuple[Download, ...]]] = {}  # id(glossary data) -> (the data, kept alive; its files)


def downloads(data: dict, model: ContentModel | None = None) -> tuple[Download, ...]:
    """The glossary's files, made once per parsed glossary (data_files parses each version once)."""
    model = model or load_model()
    made = _MADE.get(id(data))
    if made is None or made[0] is not data:
        found = entries(data, model)
        files = (Download("red-glossary.tbx", "TBX", "application/x-tbx", "glossary_download_tbx", tbx(found, model)),
                 Download("red-glossary-tbx2008.tbx", "TBX 2008", "application/x-tbx", "glossary_download_tbx2008",
                          tbx_2008(found, model)),
                 Download("red-glossary.csv", "CSV", "text/csv", "glossary_download_csv", csv_table(found, model)))
        _MADE.clear()  # one glossary at a time
        _MADE[id(data)] = made = (data, files)
    return made[1]


def publish(site_dir: Path, model: ContentModel | None = None) -> str:
    """Write the glossary's files into the built site; returns the log line."""
    written = []
    for download in downloads(load_data(GLOSSARY), model):
        target = site_dir / download.site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(download.data)
        written.append(f"{download.site_path} ({len(download.data)} bytes)")
    return "Glossary downloads: " + ", ".join(written)
