"""A method's adaptation worksheet (DOCX and ODT): what a reader fills in to use the method in their own
organisation with their own partner, made from the method page's own sections.

The content model's `worksheet` block (content_model.yml, the method type) names the sections:
- `steps`: the items of that section's lists (top level, with their markup and links) become a checklist, a
  table row per step with a box to tick, who is responsible and by when;
- `questions`: each section becomes a question (ui_strings `worksheet_question_<section>`); its list items
  are the points the reader answers for their side and their partner's, and a blank row follows for their
  own point;
- before them, tables to fill in: the organisation, the partner, their coordinators, the period, the next
  review, who decides, and the goals with how to tell they are reached and by when;
- the background comes last, kept apart from what the reader fills in: everything else the page says (its
  origin, facts box, introduction, boxes, each section's text without the lists above, its sources), under
  headings one level down, with the address of the full guide.

A method without a steps list (the section is optional in the model, or holds only prose) gets a checklist of
blank rows and a sentence saying the description lists no steps; a question whose section has no list gets
blank rows the same way. The worksheet is made from the built article, like the guide, so the text exists
once; the answer cells are empty paragraphs in the reference documents' RedAnswer style (room to write).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from redsite.downloads.articles import classes as _classes
from redsite.downloads.articles import inner_html, parse_html
from redsite.downloads.articles import local_name as _local
from redsite.downloads.office import article as article_module
from redsite.downloads.office import style
from redsite.downloads.plan import GUIDE_TYPE, GuidePage
from redsite.model import ContentModel
from redsite.render import fragment, t

BLANK_STEPS = 5  # rows of a checklist with no steps from the page
BLANK_POINTS = 3  # rows of a question with no points from the page
PARTY_FIELDS = ("our_organisation", "our_coordinator", "partner", "partner_coordinator", "period", "next_review",
                "decides")
GOAL_ROWS = 3
SOURCES = "red-sources"  # the sources box's class: part of the background, under its own heading


@dataclass
class Section:
    """A level-2 section of the built article: its heading's text and its blocks (elements)."""

    heading: object | None  # the <h2> element; None for the introduction before the first one
    blocks: list = field(default_factory=list)
    key: str = ""  # the content model's section name, '' for a heading it does not know

    @property
    def title(self) -> str:
        return " ".join("".join(self.heading.itertext()).split()) if self.heading is not None else ""


def _tag(element) -> str:
    return _local(element.tag) if isinstance(element.tag, str) else ""


def content_root(article):
    """The element whose children are the page's blocks: the one that holds the title (or the article)."""
    for element in article.iter():
        if any(_tag(child) in ("h1", "h2") for child in element):
            return element
    return article


def split_sections(article, lang: str, model: ContentModel, type_name: str = GUIDE_TYPE) -> list[Section]:
    """The introduction, then one Section per level-2 heading (the sources box is one too), in page order."""
    titles = {model.section_title(name, lang): name for name in model.content_types[type_name].sections}
    sections = [Section(None)]
    for block in list(content_root(article)):
        if _tag(block) == "h2":
            title = " ".join("".join(block.itertext()).split())
            sections.append(Section(block, key=titles.get(title, "")))
        elif SOURCES in _classes(block):
            heading = next((child for child in block if _tag(child) == "h2"), None)
            if heading is not None:
                block.remove(heading)
            sections.append(Section(heading, [block], key="sources"))
        elif _tag(block) != "h1":
            sections[-1].blocks.append(block)
    return sections


def list_items(section: Section) -> list[Markup]:
    """The top-level items of the section's lists, as HTML; the lists are taken out of the section."""
    items = []
    for block in [block for block in section.blocks if _tag(block) in ("ol", "ul")]:
        items += [Markup(inner_html(item).strip()) for item in block if _tag(item) == "li"]
        section.blocks.remove(block)
    return items


def _demoted(blocks: list) -> str:
    """The blocks as HTML, every heading one level down (h2 -> h3, ...), as the background's parts."""
    for block in blocks:
        for element in block.iter() if isinstance(block.tag, str) else ():
            tag = _tag(element)
            if len(tag) == 2 and tag[0] == "h" and tag[1] in "23456":
                element.tag = f"h{int(tag[1]) + 1}"
    holder = parse_html("<div></div>").find(".//div")
    for block in blocks:
        block.tail = (block.tail or "").strip() or None
        holder.append(block)
    return inner_html(holder)


@dataclass(frozen=True)
class Question:
    key: str
    title: str
    question: str
    points: list[Markup]


def pandoc_input(page: GuidePage, article, site_dir: Path, model: ContentModel) -> tuple[str, list[bytes]]:
    """The HTML pandoc reads for a method's worksheet, and the bytes of the images it embeds."""
    lang = page.lang
    plan = model.content_types[GUIDE_TYPE].worksheet
    images = article_module.prepare(article, page, site_dir)
    article_module.take_title(article)
    sections = split_sections(article, lang, model)
    by_key = {section.key: section for section in sections if section.key}
    steps_section = by_key.get(plan.get("steps", ""))
    steps = list_items(steps_section) if steps_section else []
    questions = []
    for key in plan.get("questions", ()):
        found = by_key.get(key)
        questions.append(Question(key, model.section_title(key, lang), t(f"worksheet_question_{key}", lang),
                                  list_items(found) if found else []))
    background = []
    for section in sections:
        if section.heading is None:
            background.append(_demoted(section.blocks))
        elif section.blocks:
            background.append(_demoted([section.heading, *section.blocks]))
    title = t("worksheet_title", lang).format(title=page.title)
    html = fragment(
        "document_worksheet.html", lang=lang, title=title, lead=t("worksheet_lead", lang), style=style,
        labels={key: t(f"worksheet_{key}", lang) for key in LABELS}, steps=steps, blank_steps=range(BLANK_STEPS),
        party_fields=[t(f"worksheet_field_{name}", lang) for name in PARTY_FIELDS], goal_rows=range(GOAL_ROWS),
        questions=questions, blank_points=range(BLANK_POINTS), background=Markup("".join(background)),
        background_lead=t("worksheet_background_lead", lang), address=page.web_address,
        address_label=t("pdf_web_address", lang),
        colophon=Markup(article_module.colophon(page, model, "doc_use_note_worksheet")))
    return html, images


def document_title(page: GuidePage) -> str:
    return t("worksheet_title", page.lang).format(title=page.title)


LABELS = ("parties_title", "goals_title", "goal", "goal_sign", "goal_when", "steps_title", "steps_lead", "step_done",
          "step", "responsible", "deadline", "no_steps", "questions_title", "point", "ours", "partners",
          "no_points", "background_title")
