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

from babel.dates import format_skeleton

from redsite.data_files import INITIATIVES, TIMELINE, DataFile, check_initiatives, initiatives_by_name, read_data
from redsite.model import REPO_ROOT, ContentModel, load_model
from redsite.problems import Problem
from redsite.render import fragment, t

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
    source_key: str = ""  # the source's key in the content model: its section of the sources page

    @property
    def sort_key(self) -> tuple:
        return (self.year is None, self.year or 0, self.month or 0, self.end_year or 0)


FIELDS = ("date", "no_year", "source", "label", "initiative")


def load_events(lang: str, root: Path = REPO_ROOT, model: ContentModel | None = None) -> list[Event]:
    """The events in date order, in `lang`; raises TimelineError for the first mistake in the data (the build's
    content check and the validator have reported every one of them before: redsite.data_files)."""
    model = model or load_model()
    parsed, initiatives = read_data(TIMELINE, root), read_data(INITIATIVES, root)
    problems = [*parsed.problems, *initiatives.problems]
    if not problems:
        problems = check_initiatives(initiatives, model) or event_problems(
            parsed, set(initiatives_by_name(initiatives.data)), model)
    if problems:
        raise TimelineError(problems[0].render())
    by_name = initiatives_by_name(initiatives.data)
    return sorted((_event(entry, lang, model, by_name) for entry in parsed.data["events"]),
                  key=lambda event: event.sort_key)


def event_problems(parsed: DataFile, initiatives: set[str] | None, model: ContentModel) -> list[Problem]:
    """What is wrong with the events of data/timeline.yml, each at its event's line with how to fix it.
    `initiatives`: the names an event may refer to (None: not known, as the initiatives file has problems)."""
    events = parsed.data.get("events") if isinstance(parsed.data, dict) else None
    if not isinstance(events, list):
        return [Problem("data", "", parsed.path, 1, "the file must hold a list 'events:'",
                        "start the file with 'events:' and give one '- date: ...' entry per event")]
    problems = []
    for index, entry in enumerate(events):
        def report(message: str, hint: str, line: int = parsed.line("events", index)) -> None:
            problems.append(Problem("data", "", parsed.path, line, message, hint))

        _check_event(entry, report, initiatives, model)
    return problems


def _check_event(entry, report, initiatives: set[str] | None, model: ContentModel) -> None:
    if not isinstance(entry, dict):
        report("an event must be a mapping", "write '- date: 2007-12' followed by 'source:' and 'label:' or "
               "'initiative:'")
        return
    for name in entry:
        if name not in FIELDS:
            report(f"unknown field {name!r} in an event", f"use only: {', '.join(FIELDS)}")
    source = entry.get("source")
    if not isinstance(source, str) or source not in model.sources:
        report(f"unknown source {source!r}" if isinstance(source, str) or source is None else
               "'source' must be one source id, not a list or a mapping",
               f"use one of {', '.join(sorted(model.sources))} (scripts/redsite/content_model.yml)")
    initiative = entry.get("initiative")
    if initiative is not None:
        if not isinstance(initiative, str):
            report("'initiative' must be the name of one initiative, not a list or a mapping",
                   f"write one name as data/{INITIATIVES} gives it; give each initiative its own event")
        elif initiatives is not None and initiative not in initiatives:
            report(f"no initiative named {initiative!r} in data/{INITIATIVES}",
                   "copy the name exactly as it stands there")
    else:
        labels = entry.get("label")
        limit = model.max_length("str")
        if not isinstance(labels, dict) or not all(isinstance(labels.get(code), str) and labels[code].strip()
                                                   for code in model.codes):
            report(f"the event needs a label in every language ({', '.join(model.codes)})",
                   "add 'label:' with one line per language, or 'initiative:'")
        elif any(len(labels[code]) > limit for code in model.codes):
            report(f"a label has more than {limit} characters", "shorten it: the timeline shows a line or two")
    if "no_year" in entry:
        if entry["no_year"] is not True:
            report("'no_year' must be true, or left out", "write 'no_year: true' for a step the source dates "
                   "without a year")
        return
    _check_date(entry.get("date"), report, model)


def _check_date(value, report, model: ContentModel) -> None:
    match = DATE.match(str(value if value is not None else ""))
    month = int(match.group(2)) if match and match.group(2) else None
    if not match or (month is not None and not 1 <= month <= 12):
        report(f"date {value!r} is not YYYY, YYYY-MM or YYYY/YYYY",
               "give the date at the precision the source gives it, or 'no_year: true' for a step the source "
               "dates without a year")
        return
    first, last = (day.year for day in model.date_range())
    years = [int(year) for year in (match.group(1), match.group(3)) if year]
    if not all(first <= year <= last for year in years):
        report(f"date {value!r} lies outside the years {first}–{last}",
               "give the year the source gives (the site's dates lie between these years)")
    elif len(years) == 2 and years[1] < years[0]:
        report(f"the period {value!r} ends before it starts", "write the first year first: YYYY/YYYY")
    elif len(years) == 2 and years[1] == years[0]:
        report(f"the period {value!r} starts and ends in the same year", f"write the year alone: {years[0]}")


def _event(entry: dict, lang: str, model: ContentModel, initiatives: dict) -> Event:
    """An event of checked data (event_problems found nothing wrong with it)."""
    source = entry["source"]
    source_title = model.source_title(source, lang)
    if entry.get("initiative"):
        item = initiatives[entry["initiative"]]
        name, label = item["name"], item["status"][lang]
    else:
        name, label = "", entry["label"][lang].strip()
    if entry.get("no_year"):
        return Event(label, source_title, name, source_key=source)
    match = DATE.match(str(entry["date"]))
    month = int(match.group(2)) if match.group(2) else None
    end = int(match.group(3)) if match.group(3) else None
    return Event(label, source_title, name, int(match.group(1)), month, end, source_key=source)


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


def render(lang: str, root: Path = REPO_ROOT, model: ContentModel | None = None, sources_url: str | None = None) -> str:
    """The directive's HTML: the picture, then the same events as a table (its text alternative); with
    `sources_url`, each source links to its document's section of the sources page."""
    model = model or load_model()
    events = load_events(lang, root, model)
    table = [{"date": date_text(event, lang, long=True), "name": event.name, "label": event.label,
              "source": event.source, "source_url": f"{sources_url}#{event.source_key}"
              if sources_url and model.sources.get(event.source_key, {}).get("file") else ""} for event in events]
    return fragment("timeline.html", picture=picture(events, lang), events=table,
                    title=t("timeline_title", lang), description=t("timeline_description", lang),
                    headings=[t(key, lang) for key in ("timeline_date", "timeline_event", "timeline_source")])


def directive(lang: str, model: ContentModel | None = None, root: Path = REPO_ROOT,
              sources_url: str | None = None) -> str:
    """render() for the build: a mistake in the data stops it with the file, the line and the fix."""
    from mkdocs.exceptions import PluginError

    try:
        return render(lang, root, model, sources_url)
    except TimelineError as error:
        raise PluginError(str(error)) from None
