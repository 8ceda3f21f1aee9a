"""What a method's adaptation worksheet gives a reader to adapt: steps that any two partners can follow, and
points to answer under every question (content_model.yml, the method type's `worksheet` block).

The steps are read from every method page's Markdown in every language, and checked for the real places and
names an example page may not use (redsite.example_pages.names_in): those belong to the case the page describes,
kept apart as the worksheet's background. The points are read back from the real site's worksheets (DOCX,
`built_site`), as the reader gets them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from redsite import example_pages
from redsite.data_files import GLOSSARY, load_data
from redsite.downloads.articles import inner_html, parse_html
from redsite.downloads.office import files, worksheet
from redsite.model import load_model
from redsite.outline import parse_outline
from redsite.pages import read_page, typed_pages
from redsite.render import t

MODEL = load_model()
DEFAULT = MODEL.default_language.code
PLAN = MODEL.content_types["method"].worksheet
MIN_STEPS = 5  # the shortest list of steps today has five
MIN_POINTS = 2  # per question: a single point gives the reader little to weigh
MIN_CONDITIONS = 3  # the transferability question: the conditions a reader checks before adapting the method


def generic_wordings() -> set[str]:
    """Every wording, in every language, of the glossary terms and regions the steps may name (`generic_names`,
    `generic_regions`)."""
    allowed = set(PLAN.get("generic_names") or [])
    regions = MODEL.vocabularies["regions"]
    wordings = {label for key in PLAN.get("generic_regions") or [] for label in regions[key].values()}
    for term in load_data(GLOSSARY)["terms"]:
        if term.get(DEFAULT) in allowed:
            variants = term.get("variants") or {}
            for lang in MODEL.codes:
                wordings |= {term[lang], *(variants.get(lang) or [])}
    return wordings


def case_names(text: str, lang: str) -> list[str]:
    generic = generic_wordings()
    return [name.text for name in example_pages.names_in(text, lang, MODEL) if name.text not in generic]


def own_methods(lang: str) -> list:
    """The method pages written in `lang` (a page without a translation is the English one, checked there)."""
    return [page for page, _ in typed_pages("method", lang) if page.lang == lang]


def blocks_of(page, key: str) -> list[tuple[int, str]]:
    """(line, text) of each block (paragraph, list item) in the page's section `key`."""
    source = read_page(page)
    outline = parse_outline(source.body, source.body_line)
    title = MODEL.section_title(key, page.lang)
    level_two = [heading for heading in outline.headings if heading.level == 2]
    start = next((heading.line for heading in level_two if heading.text == title), None)
    assert start is not None, f"{page.rel} ({page.lang}) has no '{title}' section"
    end = min([heading.line for heading in level_two if heading.line > start], default=float("inf"))
    return [(block.line, " ".join(block.words)) for block in outline.blocks if start < block.line < end]


# --- The steps name no real place, body or project ----------------------------------------------------------

@pytest.mark.parametrize("lang, text, names", [
    ("en", "Fix the rhythm in advance. RED's plan named four bilateral meetings over two years.", ["RED"]),
    ("en", "Meet in turn in South Sweden and the Kaliningrad Region.", ["South Sweden", "Kaliningrad Region"]),
    ("sv", "Koppla till ett mål som Region Blekinge redan har satt.", ["Region Blekinge"]),
    ("ru", "Встречайтесь по очереди в Калининградской области.", ["Калининградская область"]),
    ("en", "Agree on the number of meetings; about two a year leaves time for work in between.", []),
    ("en", "Appoint an EU contact person in every municipality.", []),  # a generic name (generic_names)
    ("sv", "Utse en EU-kontaktperson i varje kommun.", []),
    ("sv", "Matchningen följer EU:s restriktiva åtgärder.", []),  # a generic region (generic_regions)
    ("en", "Use the red pen to mark the agreed actions.", []),  # an acronym counts in capitals only
])
def test_a_step_that_names_the_case_is_found_and_a_generic_one_is_not(lang, text, names):
    assert sorted(case_names(text, lang)) == sorted(names)


@pytest.mark.parametrize("lang", MODEL.codes)
def test_every_methods_steps_are_generic_and_long_enough(lang):
    pages = own_methods(lang)
    assert len(pages) == len(own_methods(DEFAULT))  # every method is written in every language
    named = []
    for page in pages:
        steps = blocks_of(page, PLAN["steps"])
        assert len(steps) >= MIN_STEPS, f"{page.rel} ({lang}): {len(steps)} steps"
        named += [f"{page.lang}/{page.rel}:{line}: {found}" for line, text in steps
                  if (found := case_names(text, lang))]
    assert not named, "steps that name the case (move the fact to the section that describes it):\n" + "\n".join(
        named)


@pytest.mark.parametrize("lang", MODEL.codes)
def test_every_methods_conditions_are_a_list_that_names_no_case(lang):
    """The transferability section's list items are the conditions the worksheet asks about; the case (RED, the
    region, the year the cooperation stopped) stays in its prose, which the worksheet keeps as background."""
    named = []
    for page in own_methods(lang):
        source = read_page(page)
        lines = source.body.splitlines()
        items = [(line, text) for line, text in blocks_of(page, "transferability")
                 if lines[line - source.body_line].lstrip().startswith(("- ", "* "))]
        assert len(items) >= MIN_CONDITIONS, f"{page.rel} ({lang}): {len(items)} conditions"
        named += [f"{page.lang}/{page.rel}:{line}: {found}" for line, text in items
                  if (found := case_names(text, lang))]
    assert not named, "conditions that name the case:\n" + "\n".join(named)


# --- The background keeps a pointer where a list was taken out ---------------------------------------------

def conditions_section(html: str) -> worksheet.Section:
    article = parse_html(f'<article><h1>Title</h1><h2>Transferability</h2>{html}</article>').find(".//article")
    [_, section] = worksheet.split_sections(article, "en", MODEL)
    assert section.key == "transferability"
    return section


def test_a_list_after_an_introducing_sentence_leaves_a_pointer_in_the_background():
    section = conditions_section("<p>Check whether:</p><ul><li>a <em>border</em> is near;</li><li>x &lt; y.</li></ul>"
                                 "<p>RED's case.</p>")
    moved = t("worksheet_moved_points", "en")
    assert worksheet.list_items(section, moved) == ["a <em>border</em> is near;", "x &lt; y."]
    assert [inner_html(block) for block in section.blocks] == ["Check whether:", f"<em>{moved}</em>", "RED's case."]


@pytest.mark.parametrize("moved", ["", "<b>hostile</b> & text"])
def test_a_section_that_is_only_a_list_leaves_nothing_and_the_pointer_is_text(moved):
    assert worksheet.list_items(conditions_section("<ol><li>one</li></ol>"), moved) == ["one"]
    section = conditions_section("<p>Intro:</p><ol><li>one</li></ol>")
    worksheet.list_items(section, moved)
    shown = [inner_html(block) for block in section.blocks]
    assert shown == (["Intro:"] if not moved else ["Intro:", "<em>&lt;b&gt;hostile&lt;/b&gt; &amp; text</em>"])


# --- Every question of every worksheet has points to answer -------------------------------------------------

def body_blocks(document) -> list:
    """The document's paragraphs and tables, in order."""
    blocks = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            blocks.append(Paragraph(element, document))
        elif element.tag == qn("w:tbl"):
            blocks.append(Table(element, document))
    return blocks


def cell_text(cell) -> str:
    return " ".join(cell.text.split())


def worksheet_parts(path: Path, lang: str) -> tuple[list[str], dict[str, list[str]], str]:
    """The checklist's steps, the points under each question (by its heading) and the text of the document's
    paragraphs."""
    blocks = body_blocks(Document(str(path)))
    checklist, asked = t("worksheet_steps_title", lang), t("worksheet_questions_title", lang)
    steps, points, part, question = [], {}, None, None
    for block in blocks:
        if isinstance(block, Paragraph):
            style = block.style.name if block.style is not None else ""
            if style == "Heading 2":
                part, question = block.text.strip(), None
            elif style == "Heading 3" and part == asked:
                question = block.text.strip()
            continue
        rows = [[cell_text(cell) for cell in row.cells] for row in block.rows][1:]  # below the header row
        if part == checklist:
            steps = [row[1] for row in rows if row[1]]  # done, step, responsible, deadline
        elif part == asked and question is not None:
            points[question] = [row[0] for row in rows if row[0]]  # point, ours, the partner's
            question = None
    text = "\n".join(block.text for block in blocks if isinstance(block, Paragraph))
    return steps, points, text


@pytest.mark.parametrize("lang", MODEL.codes)
def test_every_worksheet_has_its_steps_and_points_under_every_question(built_site, lang):
    folder = built_site.site / ("" if lang == DEFAULT else lang) / files.FOLDER
    questions = [MODEL.section_title(key, lang) for key in PLAN["questions"]]
    conditions = MODEL.section_title("transferability", lang)
    no_points = t("worksheet_no_points", lang)
    pages = own_methods(lang)
    for page in pages:
        path = folder / files.worksheet_filename(Path(page.rel).stem, lang, "docx")
        steps, points, text = worksheet_parts(path, lang)
        where = f"{path.name}"
        assert len(steps) >= MIN_STEPS, where
        assert list(points) == questions, where  # every question of the plan, in its order
        assert all(len(found) >= MIN_POINTS for found in points.values()), (where, points)
        assert len(points[conditions]) >= MIN_CONDITIONS, (where, points[conditions])
        assert no_points not in text, where
        assert not any(case_names(step, lang) for step in steps), (where, steps)
