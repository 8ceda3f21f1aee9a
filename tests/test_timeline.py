"""The timeline on the About page: built from data/timeline.yml, checked as data and in Chromium."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from fixture_site import run_build
from redsite import timeline
from redsite.model import load_model
from redsite.render import t

MODEL = load_model()
DEFAULT = MODEL.default_language.code
LANGS = list(MODEL.codes)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SEEDS = Path("/work/shared/seeds")


def test_dates_are_written_for_each_language():
    event = timeline.Event("x", "s", year=2007, month=12)
    assert timeline.date_text(event, "en") == "Dec 2007"
    assert timeline.date_text(event, "sv", long=True) == "december 2007"
    assert timeline.date_text(event, "ru", long=True) == "декабрь 2007\u202fг."  # CLDR's narrow no-break space
    assert timeline.date_text(timeline.Event("x", "s", year=2006, end_year=2007), "ru") == "2006–2007"
    assert timeline.date_text(timeline.Event("x", "s"), "sv") == t("timeline_no_year", "sv")


def test_the_events_are_the_seeds_dates_in_order():
    events = timeline.load_events("en")
    dated = [(event.year, event.month, event.end_year) for event in events if event.year]
    assert dated == sorted(dated, key=lambda date: (date[0], date[1] or 0, date[2] or 0))
    assert (2006, None, 2007) in dated and (2010, None, 2013) in dated  # RED; the strategy's period
    assert (2007, 12, None) in dated and (2008, 9, None) in dated  # seed 003's statuses
    assert events[-1].year is None  # the strategy's timetable gives no year: listed apart
    texts = {path.name[:3]: path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")} if SEEDS.is_dir() else {}
    if texts:  # every year shown occurs in a seed
        for year in {year for year, _, end in dated} | {end for _, _, end in dated if end}:
            assert any(str(year) in text for text in texts.values()), year


@pytest.mark.parametrize("content, message", [
    ("events:\n  - date: 2007-13\n    source: red-about\n    label: {en: a, sv: b, ru: c}\n",
     "data/timeline.yml:2: date '2007-13' is not YYYY, YYYY-MM or YYYY/YYYY"),
    ("events:\n  - date: 2007\n    source: nowhere\n    label: {en: a, sv: b, ru: c}\n",
     "data/timeline.yml:2: unknown source 'nowhere'"),
    ("events:\n  - date: 2007\n    source: red-about\n    label: {en: a, sv: b}\n",
     "data/timeline.yml:2: the event needs a label in every language"),
    ("events:\n  - date: 2007\n    source: baltmet-annex\n    initiative: Nothing\n",
     "data/timeline.yml:2: no initiative named 'Nothing'"),
    ("events:\n  - date: [2007\n", "data/timeline.yml:3: not valid YAML"),
])
def test_mistakes_in_the_data_name_the_line_and_the_fix(tmp_path, content, message):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "timeline.yml").write_text(content, encoding="utf-8")
    shutil.copy(REPO / "data" / "baltic_initiatives.yml", tmp_path / "data")
    with pytest.raises(timeline.TimelineError) as raised:
        timeline.render("en", root=tmp_path)
    assert str(raised.value).startswith(message)
    assert "how to fix:" in str(raised.value)


def test_a_broken_timeline_stops_the_build_with_a_clear_message(repo_copy, site_address):
    (repo_copy / "data" / "timeline.yml").write_text("events:\n  - date: soon\n    source: red-about\n"
                                                     "    label: {en: a, sv: b, ru: c}\n",
                                                     encoding="utf-8")
    build = run_build(repo_copy, repo_copy / "site", {"RED_SKIP_PDF": "1"}, site_url=site_address)
    assert build.returncode != 0
    assert "data/timeline.yml:2: date 'soon' is not YYYY, YYYY-MM or YYYY/YYYY" in build.log
    assert "Traceback" not in build.log


# --- In the browser -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(served_site):
    return served_site




LUMINANCE = """(color) => {
  const [r, g, b] = color.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_timeline_fits_320_px_reads_in_both_schemes_and_has_its_table(served, browser, lang, scheme):
    context = browser.new_context(viewport={"width": 320, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    prefix = "" if lang == DEFAULT else f"{lang}/"
    page.goto(f"{served}{prefix}about/")
    picture = page.locator("figure.red-timeline svg")
    assert picture.get_attribute("role") == "img"
    assert page.locator("#red-timeline-title").text_content() == t("timeline_title", lang)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320  # no sideways scrolling of the page
    for part in (picture, page.locator(".red-timeline__table")):  # the table scrolls inside its own box
        box = part.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, box
    # Nothing cut off: every piece of text lies inside the picture's own area.
    outside = page.evaluate("""() => {
        const svg = document.querySelector('figure.red-timeline svg');
        const view = svg.viewBox.baseVal;
        return [...svg.querySelectorAll('text')].map(text => text.getBBox())
            .filter(b => b.x < 0 || b.y < 0 || b.x + b.width > view.width || b.y + b.height > view.height).length;
    }""")
    assert outside == 0
    # The picture draws in the text colour, which has enough contrast with the page in this scheme.
    fill, text_colour, background = page.evaluate("""() => [
        getComputedStyle(document.querySelector('figure.red-timeline svg text')).fill,
        getComputedStyle(document.querySelector('.md-content')).color,
        getComputedStyle(document.body).backgroundColor]""")
    assert fill == text_colour
    lighter, darker = sorted((page.evaluate(LUMINANCE, fill), page.evaluate(LUMINANCE, background)), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 4.5, (fill, background)
    # The same events as a table.
    marks = page.locator("figure.red-timeline svg circle, figure.red-timeline svg rect").count()
    rows = page.locator(".red-timeline__table tbody tr").count()
    assert marks == rows == len(timeline.load_events(lang))
    first = page.locator(".red-timeline__table tbody tr").first.inner_text()
    assert re.search(r"2006–2007", first)
    context.close()
