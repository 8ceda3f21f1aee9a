"""Hostile and mistaken input, data class: every file of data/ (the timeline too) goes through the same
reading as pages (UTF-8, size, plain YAML without anchors, aliases or repeated keys, no control or invisible
characters) and its values are checked for their types, ranges and uniqueness. Each mistake is refused by
the validator and by the build with file, line and fix, never a traceback."""

from __future__ import annotations

import re

import pytest

from fixture_site import REPO, add_files, build_fixture, build_refuses, make_fixture_site, make_tree, validator_hits

TIMELINE = (REPO / "data" / "timeline.yml").read_text(encoding="utf-8")
GLOSSARY = (REPO / "data" / "glossary.yml").read_text(encoding="utf-8")
INITIATIVES = (REPO / "data" / "baltic_initiatives.yml").read_text(encoding="utf-8")


def line_of(text: str, marker: str, occurrence: int = 1) -> int:
    """The line on which `marker` occurs for the `occurrence`-th time in `text`."""
    position = -1
    for _ in range(occurrence):
        position = text.index(marker, position + 1)
    return text.count("\n", 0, position) + 1


def changed(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def scandria_twin() -> str:
    """The initiatives with Scandria's entry repeated under the name SoNorA (red-team case B02)."""
    entry = re.search(r"      - name: Scandria\n(?:        .*\n|\n)+?(?=      - name:)", INITIATIVES)
    twin = entry[0].replace("Scandria", "SoNorA", 1).replace('status: {en: "', 'status: {en: "DUPLICATE ', 1)
    return INITIATIVES[:entry.end()] + twin + INITIATIVES[entry.end():]


def first_undecodable_line(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return data[:error.start].count(b"\n") + 1
    raise AssertionError("the bytes are UTF-8")


T01 = changed(TIMELINE, "Region Blekinges internationella strategi", "Östersjöns strategi").encode("cp1252",
                                                                                                 "replace")
T02 = changed(TIMELINE, "  - date: 2010-12\n", "  - date: 0000-05\n")
T03 = changed(TIMELINE, "    initiative: Scandria\n", "    initiative: [Scandria, SoNorA]\n")
T04 = changed(TIMELINE, "  - date: 2010-12\n    source: blekinge-strategy\n",
              "  - date: 2010-12\n    source: {id: blekinge-strategy}\n")
REVERSED = changed(TIMELINE, "  - date: 2010/2013\n", "  - date: 2013/2010\n")
ONE_YEAR = changed(TIMELINE, "  - date: 2010/2013\n", "  - date: 2010/2010\n")
DUPLICATE_KEY = changed(TIMELINE, "  - date: 2010/2013\n    source: blekinge-strategy\n",
                        "  - date: 2010/2013\n    source: blekinge-strategy\n    source: red-about\n")
ALIAS = changed(TIMELINE, '    label:\n      en: "RED: cooperation', '    label: &lbl\n      en: "RED: cooperation') + (
    "  - date: 2007\n    source: red-about\n    label: *lbl\n")
MANY_EVENTS = TIMELINE + "".join(f"  - date: {1990 + number % 30}\n    source: red-about\n    label: "
                                 f"{{en: E{number}, sv: S{number}, ru: R{number}}}\n" for number in range(500))
HUGE = TIMELINE + '  - date: 2009\n    source: red-about\n    label:\n      en: "' + "Big " * 400_000 + '"\n'
LONG_LABEL = TIMELINE + '  - date: 2009\n    source: red-about\n    label: {en: "' + "Big " * 100 + '", sv: x, ru: x}\n'
ESCAPED = changed(TIMELINE, 'en: "RED: cooperation', 'en: "RED:\\e[2K cooperation')
TYPO = changed(TIMELINE, "  - date: 2010-12\n    source: blekinge-strategy\n",
               "  - date: 2010-12\n    sorce: blekinge-strategy\n")
G02 = changed(GLOSSARY, "  - en: South Sweden\n",
              "  - en: South Sweden\n    sv: Norra Sverige\n    ru: Северная Швеция\n  - en: South Sweden\n")
B02 = scandria_twin()
SPOOFED_NAME = changed(INITIATIVES, "      - name: Scandria\n", "      - name: Scan\u200bdria\n")

# (case id, data files, expected file, expected line, expected message)
CASES = [
    ("T01-windows-1252", {"data/timeline.yml": T01}, "data/timeline.yml", first_undecodable_line(T01),
     "the file is not UTF-8"),
    ("T02-year-zero", {"data/timeline.yml": T02}, "data/timeline.yml", line_of(T02, "0000-05"),
     "date '0000-05' lies outside the years 1990–"),
    ("T03-initiative-list", {"data/timeline.yml": T03}, "data/timeline.yml", line_of(T03, "[Scandria, SoNorA]") - 2,
     "'initiative' must be the name of one initiative, not a list or a mapping"),
    ("T04-source-mapping", {"data/timeline.yml": T04}, "data/timeline.yml", line_of(T04, "{id: blekinge") - 1,
     "'source' must be one source id, not a list or a mapping"),
    ("T06-reversed-period", {"data/timeline.yml": REVERSED}, "data/timeline.yml", line_of(REVERSED, "2013/2010"),
     "the period '2013/2010' ends before it starts"),
    ("one-year-period", {"data/timeline.yml": ONE_YEAR}, "data/timeline.yml", line_of(ONE_YEAR, "2010/2010"),
     "the period '2010/2010' starts and ends in the same year"),
    ("T06-duplicate-key", {"data/timeline.yml": DUPLICATE_KEY}, "data/timeline.yml",
     line_of(DUPLICATE_KEY, "source: red-about", 2), "the key 'source' appears twice"),
    ("T06-anchor-and-alias", {"data/timeline.yml": ALIAS}, "data/timeline.yml", line_of(ALIAS, "&lbl"),
     "YAML anchor '&lbl'"),
    ("too-many-values", {"data/timeline.yml": MANY_EVENTS}, "data/timeline.yml",
     line_of(MANY_EVENTS, "label: {en: E") + 3 * 420, "values (names, dates, texts); the limit is 3,000"),
    ("T06-over-the-size-limit", {"data/timeline.yml": HUGE}, "data/timeline.yml", None, "over the limit of 1.0 MB"),
    ("long-label", {"data/timeline.yml": LONG_LABEL}, "data/timeline.yml", line_of(LONG_LABEL, "- date: 2009"),
     "a label has more than 200 characters"),
    ("escape-in-a-label", {"data/timeline.yml": ESCAPED}, "data/timeline.yml", line_of(ESCAPED, "RED:\\e"),
     "the value holds the control character U+001B (ESCAPE)"),
    ("misspelt-field", {"data/timeline.yml": TYPO}, "data/timeline.yml", line_of(TYPO, "- date: 2010-12"),
     "unknown field 'sorce' in an event"),
    ("G02-term-twice", {"data/glossary.yml": G02}, "data/glossary.yml", line_of(G02, "- en: South Sweden", 2),
     f"the term 'South Sweden' is listed twice (first on line {line_of(G02, '- en: South Sweden')})"),
    ("B02-name-twice", {"data/baltic_initiatives.yml": B02}, "data/baltic_initiatives.yml",
     line_of(B02, "- name: SoNorA", 2),
     f"initiative 'SoNorA': the name is used twice (first on line {line_of(B02, '- name: SoNorA')})"),
    ("zero-width-in-a-name", {"data/baltic_initiatives.yml": SPOOFED_NAME}, "data/baltic_initiatives.yml",
     line_of(SPOOFED_NAME, "Scan\u200bdria"), "the value holds the invisible character U+200B (ZERO WIDTH SPACE)"),
]
IDS = [case[0] for case in CASES]


@pytest.mark.parametrize(("case", "files", "path", "line", "message"), CASES, ids=IDS)
def test_the_validator_refuses(tmp_path, case, files, path, line, message):
    root = make_tree(tmp_path / "repo")
    add_files(root, files)
    hits, rendered = validator_hits(root, path, line, message)
    assert hits, f"expected '{path}:{line}: ...{message}...' among:\n" + "\n".join(rendered)
    assert all("how to fix:" in text for text in hits)


@pytest.mark.parametrize(("case", "files", "path", "line", "message"), CASES, ids=IDS)
def test_the_build_refuses(tmp_path, site_address, case, files, path, line, message):
    """One build per case: each changes a data file the others need intact. The build stops at its content
    check, before any page is written, so each takes about a second."""
    root = make_fixture_site(tmp_path / "repo")
    add_files(root, files)
    build_refuses(build_fixture(root, site_url=site_address), path, line, message)


def test_the_real_data_files_pass():
    from redsite.data_checks import check_data_files

    assert check_data_files() == []


def test_the_status_page_lists_the_first_terminology_findings_and_counts_the_rest(tmp_path):
    """A glossary term on every line (a glossary of common words) makes a finding per passage and language: the
    validator lists each, the status page the first of them and how many more (it was 6 MB a language)."""
    from redsite.model import load_model
    from redsite.translations import formats
    from redsite.translations.report import build_report
    from test_terminology import make_site

    head = "---\ntitle: {title}\nsource_hash: \"{{hash}}\"\n---\n\n"
    english = "---\ntitle: Visits\n---\n\n" + "\n\n".join(f"Study visit {n}." for n in range(150)) + "\n"
    report = build_report(make_site(tmp_path, english=english, correct={
        "sv": head.format(title="Besök") + "\n\n".join(f"Studieresa {n}." for n in range(150)) + "\n",
        "ru": head.format(title="Визиты") + "\n\n".join(f"Учебная поездка {n}." for n in range(150)) + "\n"}))
    assert len(report.terminology) == 300
    html = formats.status_html(report, "sv", lambda rel: None, load_model())
    assert html.count('<tr data-kind="terminology">') == formats.TERMINOLOGY_ROWS == 200
    assert '<p data-kind="terminology-more">Avvikelser som inte visas här: 100. Valideringen (make check) listar ' \
           'alla.</p>' in html
