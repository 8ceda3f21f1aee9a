"""The timeline (<!-- red:timeline -->): an SVG drawn at build time from data/timeline.yml, and a table.

The picture is vertical: one row per event, in date order, so that it reads on a
320 px screen without shrinking the text to nothing. It draws with `currentColor`
only, so it follows the light and the dark scheme like the text around it. The
table below it gives the same events with their full dates and sources: it is the
text alternative, and the picture's accessible name says so.

Dates are written as the seeds give them (a year, a month, a period) and formatted
for the reader's language with Babel. Events the source gives without a year are
listed apart, never placed on the axis.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.dates import format_skeleton

from redsite.model import REPO_ROOT, ContentModel, load_model
from redsite.render import fragment, t

TIMELINE = "timeline.yml"
INITIATIVES = "baltic_initiatives.yml"
DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:/(\d{4}))?$")

# Drawing, in SVG user units (the picture scales to the column; 1 unit = 1 px at 360 px wide).
WIDTH = 360
DATE_RIGHT = 94  # dates are right-aligned against the axis
AXIS_X = 106
LABEL_X = 120
FONT_SIZE = 14
DATE_FONT_SIZE = 13
LINE_HEIGHT = 18
ROW_GAP = 14
TOP = 16
LABEL_CHARS = 27  # characters per label line: at most about 230 units of Noto Sans at 14 units


class TimelineError(Exception):
    """data/timeline.yml is wrong: the message names the line and says how to fix it."""


@dataclass(frozen=True)
class Event:
    label: str
    source: str  # the source's title in the reader's language
    name: str = ""  # an initiative's name (English, as the source gives it); `label` is then its status
    year: int | None = None  # None: the source gives no year
    month: int | None = None
    end_year: int | None = None  # a period: year–end_year

    @property
    def sort_key(self) -> tuple:
        return (self.year is None, self.year or 0, self.month or 0, self.end_year or 0)


def _line_numbers(text: str) -> list[int]:
    """The line on which each event starts (for error messages)."""
    node = yaml.compose(text)
    for key, value in node.value if node is not None else ():
        if key.value == "events":
            return [item.start_mark.line + 1 for item in value.value]
    return []


def load_events(lang: str, root: Path = REPO_ROOT, model: ContentModel | None = None) -> list[Event]:
    model = model or load_model()
    path = root / "data" / TIMELINE
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
        lines = _line_numbers(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise TimelineError(f"data/{TIMELINE}:{line}: not valid YAML: {error}\n    how to fix: compare the "
                            "line with the entries around it (indentation, quotes, colons)") from None
    initiatives = {item["name"]: item for group in yaml.safe_load(
        (root / "data" / INITIATIVES).read_text(encoding="utf-8"))["groups"] for item in group["initiatives"]}
    events = (data or {}).get("events") if isinstance(data, dict) else None
    if not isinstance(events, list):
        raise TimelineError(f"data/{TIMELINE}:1: the file must hold a list 'events:'\n    how to fix: start "
                            "the file with 'events:' and give one '- date: ...' entry per event")
    found = []
    for number, entry in enumerate(events):
        line = lines[number] if number < len(lines) else 1
        found.append(_event(entry, lang, model, initiatives, f"data/{TIMELINE}:{line}"))
    return sorted(found, key=lambda event: event.sort_key)


def _event(entry, lang: str, model: ContentModel, initiatives: dict, where: str) -> Event:
    if not isinstance(entry, dict):
        raise TimelineError(f"{where}: an event must be a mapping\n    how to fix: write '- date: 2007-12' "
                            "followed by 'source:' and 'label:' or 'initiative:'")
    source = entry.get("source")
    if source not in model.sources:
        raise TimelineError(f"{where}: unknown source {source!r}\n    how to fix: use one of "
                            f"{', '.join(sorted(model.sources))} (scripts/redsite/content_model.yml)")
    if entry.get("initiative"):
        item = initiatives.get(entry["initiative"])
        if item is None:
            raise TimelineError(f"{where}: no initiative named {entry['initiative']!r} in data/{INITIATIVES}\n"
                                "    how to fix: copy the name exactly as it stands there")
        name, label = item["name"], item["status"][lang]
    else:
        labels = entry.get("label")
        if not isinstance(labels, dict) or not all(str(labels.get(code) or "").strip() for code in model.codes):
            raise TimelineError(f"{where}: the event needs a label in every language ({', '.join(model.codes)})\n"
                                "    how to fix: add 'label:' with one line per language, or 'initiative:'")
        name, label = "", str(labels[lang]).strip()
    source_title = model.source_title(source, lang)
    if entry.get("no_year"):
        return Event(label, source_title, name)
    match = DATE.match(str(entry.get("date", "")))
    month = int(match.group(2)) if match and match.group(2) else None
    if not match or (month is not None and not 1 <= month <= 12):
        raise TimelineError(f"{where}: date {entry.get('date')!r} is not YYYY, YYYY-MM or YYYY/YYYY\n"
                            "    how to fix: give the date at the precision the source gives it, or "
                            "'no_year: true' for a step the source dates without a year")
    end = int(match.group(3)) if match.group(3) else None
    return Event(label, source_title, name, int(match.group(1)), month, end)


# --- Dates in the reader's language -------------------------------------------------------------

def date_text(event: Event, lang: str, long: bool = False) -> str:
    """'dec. 2007' (sv, short), 'декабрь 2007 г.' (ru, long), '2006–2007'; the no-year note when undated."""
    if event.year is None:
        return t("timeline_no_year", lang)
    if event.end_year:
        return f"{event.year}–{event.end_year}"
    if event.month:
        skeleton = "yMMMM" if long else "yMMM"
        return format_skeleton(skeleton, dt.date(event.year, event.month, 1), locale=lang)
    return str(event.year)


# --- The picture and the table ---------------------------------------------------------------------

def _wrap(event: Event) -> list[tuple[str, bool]]:
    """The label's lines, each with whether it is the (bold) initiative name."""
    name = [(line, True) for line in textwrap.wrap(event.name, LABEL_CHARS)] if event.name else []
    return name + [(line, False) for line in textwrap.wrap(event.label, LABEL_CHARS, break_long_words=True) or [""]]


def _lines(lines: list[tuple[str, bool]], baseline: float, x: int = LABEL_X) -> list[dict]:
    """The <tspan>s of one label; bold lines are initiative names (in English) or the no-year note."""
    return [{"x": x, "y": f"{baseline + index * LINE_HEIGHT:.0f}", "text": line, "bold": bold,
             "lang": "en" if bold and x == LABEL_X else ""} for index, (line, bold) in enumerate(lines)]


def picture(events: list[Event], lang: str) -> dict:
    """Where everything goes in the SVG (the template timeline.html draws it): dated events on the axis,
    then the undated ones below a note. Every colour is currentColor."""
    rows: list[dict] = []
    y = TOP
    centres = []
    for event in (event for event in events if event.year is not None):
        lines = _wrap(event)
        baseline = y + FONT_SIZE
        centre = baseline - FONT_SIZE * 0.35
        centres.append(centre)
        height = len(lines) * LINE_HEIGHT
        # A period is a bar along the axis for the rows it spans; a date is a dot.
        mark = ({"shape": "bar", "y": f"{y:.0f}", "height": f"{height:.0f}"} if event.end_year
                else {"shape": "dot", "y": f"{centre:.1f}"})
        rows.append({"mark": mark, "date": date_text(event, lang), "baseline": f"{baseline:.0f}",
                     "lines": _lines(lines, baseline)})
        y += height + ROW_GAP
    undated = [event for event in events if event.year is None]
    if undated:
        y += 4
        note_lines = textwrap.wrap(t("timeline_no_year", lang), LABEL_CHARS + 14)
        rows.append({"mark": None, "date": "", "lines": _lines([(line, True) for line in note_lines],
                                                                 y + FONT_SIZE, x=0)})
        y += len(note_lines) * LINE_HEIGHT + 6
        for event in undated:
            lines = _wrap(event)
            baseline = y + FONT_SIZE
            rows.append({"mark": {"shape": "ring", "y": f"{baseline - FONT_SIZE * 0.35:.1f}"}, "date": "",
                         "lines": _lines(lines, baseline)})
            y += len(lines) * LINE_HEIGHT + ROW_GAP
    axis = {"y1": f"{centres[0]:.1f}", "y2": f"{centres[-1]:.1f}"} if centres else None
    return {"width": WIDTH, "height": f"{y + 4:.0f}", "axis_x": AXIS_X, "date_right": DATE_RIGHT,
            "font_size": FONT_SIZE, "date_font_size": DATE_FONT_SIZE, "axis": axis, "rows": rows}


def render(lang: str, root: Path = REPO_ROOT, model: ContentModel | None = None) -> str:
    """The directive's HTML: the picture, then the same events as a table (its text alternative)."""
    events = load_events(lang, root, model)
    table = [{"date": date_text(event, lang, long=True), "name": event.name, "label": event.label,
              "source": event.source} for event in events]
    return fragment("timeline.html", picture=picture(events, lang), events=table, id_prefix="red-timeline",
                    title=t("timeline_title", lang), description=t("timeline_description", lang),
                    headings=[t(key, lang) for key in ("timeline_date", "timeline_event", "timeline_source")])


def directive(lang: str, model: ContentModel | None = None, root: Path = REPO_ROOT) -> str:
    """render() for the build: a mistake in the data stops it with the file, the line and the fix."""
    from mkdocs.exceptions import PluginError

    try:
        return render(lang, root, model)
    except TimelineError as error:
        raise PluginError(str(error)) from None
