"""Typography applied by the build (redsite.typography): the rules on HTML fragments, then the real
built site (every page's text, never its code or attributes) and a Russian PDF guide."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.dates import format_date, format_skeleton

from redsite.model import load_model
from redsite.pages import list_pages, read_page
from redsite.render import t
from redsite.typography import NARROW_NBSP, NBSP, TypesetMemo, rules_for, typeset_html

MODEL = load_model()


def typeset(html: str, lang: str) -> str:
    return typeset_html(html, rules_for(lang), rules_for)


def test_russian_dashes_thousands_and_quotes():
    html = '<p>Бюджет — 790 336 евро, а не 10000; он сказал "это <em>"наш" бюджет</em>" – и всё.</p>'
    assert typeset(html, "ru") == (
        f"<p>Бюджет{NBSP}— 790{NARROW_NBSP}336 евро, а не 10{NARROW_NBSP}000; он сказал «это <em>„наш“ бюджет</em>»"
        f"{NBSP}— и всё.</p>")


def test_swedish_thousands_and_quotes():
    html = '<p>Budgeten var 790 336 euro och 12500 kronor, en "god" start – 2006–2007.</p>'
    assert typeset(html, "sv") == (f"<p>Budgeten var 790{NBSP}336 euro och 12{NBSP}500 kronor, en ”god” start – "
                                   "2006–2007.</p>")


def test_code_attributes_urls_and_years_are_left_alone():
    html = ('<p><a href="https://example.org/a-12345" title="a — &quot;b&quot;">RED — 2007</a> '
            '<code>x — "y" 12345</code> <kbd>"Enter"</kbd></p><pre><code>a — "b"\n790 336</code></pre>'
            '<script>var a = "b — c";</script>')
    out = typeset(html, "ru")
    assert out == html.replace("RED — 2007", f"RED{NBSP}— 2007")


def test_a_passage_in_another_language_keeps_its_own_rules():
    html = '<p>Мы — "партнёры"</p><div lang="en"><p>We — "partners" <span>of</span> 12345</p></div><p>Да — "нет"</p>'
    assert typeset(html, "ru") == (f'<p>Мы{NBSP}— «партнёры»</p><div lang="en"><p>We — "partners" <span>of</span> 12345'
                                   f'</p></div><p>Да{NBSP}— «нет»</p>')


@pytest.mark.parametrize("lang", ["en", "sv", "ru"])
def test_typesetting_twice_changes_nothing_more(lang):
    html = ('<p>A — "b" 790 336 – c</p><table><tr><td>2007-04</td><td>2007-09-25/2007-09-27</td></tr></table>'
            '<dl><dt>x</dt><dd>2026-11-20</dd></dl>')
    once = typeset(html, lang)
    assert once != html
    assert typeset(once, lang) == once


@pytest.mark.parametrize("lang", ["en", "sv", "ru"])
def test_dates_in_cells_and_facts_are_written_by_babel(lang):
    locale, pattern = t("typography_locale", lang), t("last_updated_date_format", lang)
    html = ('<table><tr><td>2007-04</td><td> 2007-09-25 </td><td>20XX-05-22</td></tr></table>'
            '<dl><dt>x</dt><dd>2026-11-20</dd></dl><p>2007-04</p>')
    out = typeset(html, lang)
    month = format_skeleton("yMMMM", dt.date(2007, 4, 1), locale=locale)
    day = format_date(dt.date(2007, 9, 25), pattern, locale=locale)
    reviewed = format_date(dt.date(2026, 11, 20), pattern, locale=locale)
    assert f"<td>{month}</td><td> {day} </td><td>20XX-05-22</td>" in out  # an invented date stays as written
    assert f"<dd>{reviewed}</dd>" in out
    assert out.endswith("<p>2007-04</p>")  # only whole cells and facts: prose keeps its wording
    assert {"en": "April 2007", "sv": "april 2007", "ru": f"апрель 2007{NARROW_NBSP}г."}[lang] == month


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "25–27 September 2007"),
    ("sv", "25–27 september 2007"),
    ("ru", f"25–27 сентября 2007{NARROW_NBSP}г."),
])
def test_a_range_of_days_is_one_localized_interval(lang, expected):
    assert typeset("<dl><dd>2007-09-25/2007-09-27</dd></dl>", lang) == f"<dl><dd>{expected}</dd></dl>"


def test_a_range_across_months_and_years():
    assert typeset("<td>2007-04/2007-06</td>", "sv") == "<td>april–juni 2007</td>"
    thin = "\u2009"  # CLDR's spacing around the dash of a long range
    assert typeset("<td>2006-11-30/2007-01-15</td>", "en") == f"<td>30 November 2006{thin}–{thin}15 January 2007</td>"


# --- The built site ---------------------------------------------------------------------------

def built(site: Path, lang: str, rel: str) -> str:
    prefix = "" if lang == MODEL.default_language.code else f"{lang}/"
    path = rel[:-3] + "/index.html" if not rel.endswith("index.md") else rel[:-3] + ".html"
    return (site / prefix / path).read_text(encoding="utf-8")


def article(html: str) -> str:
    return html[html.index('<article class="md-content__inner'):html.index("</article>")]


def test_russian_pages_have_no_break_spaces_before_dashes_and_in_thousands(built_site):
    html = article(built(built_site.site, "ru", "methods/bilateral-meetings.md"))
    assert f"{NBSP}—" in html and " —" not in html
    assert f"790{NARROW_NBSP}336 евро" in html
    swedish = article(built(built_site.site, "sv", "methods/bilateral-meetings.md"))
    assert f"790{NBSP}336" in swedish


def test_no_russian_article_keeps_a_plain_space_before_an_em_dash_or_a_straight_quote(built_site):
    for page in list_pages("ru"):
        html = article(built(built_site.site, "ru", page.rel))
        text = re.sub(r"<(pre|code|kbd|script|style)\b.*?</\1>|<[^>]+>", "", html, flags=re.S)
        assert " —" not in text and '"' not in text and "&quot;" not in text, page.rel


def test_code_keeps_its_straight_quotes(built_site):
    html = built(built_site.site, "ru", "contribute.md")
    assert '<span class="s2">"Harbour Dialogue Pilot"</span>' in html


@pytest.mark.parametrize("lang", ["en", "sv", "ru"])
def test_the_facts_box_date_reads_as_babels_output(built_site, lang):
    rel = "methods/bilateral-meetings.md"
    reviewed = read_page(next(p for p in list_pages(lang) if p.rel == rel)).meta["last_reviewed"]
    expected = format_date(reviewed, t("last_updated_date_format", lang), locale=t("typography_locale", lang))
    html = built(built_site.site, lang, rel)
    facts = html[html.index('<section class="red-facts"'):]
    assert re.search(rf"<dt>{re.escape(t('last_reviewed', lang))}</dt>\s*<dd>{re.escape(expected)}</dd>", facts)
    assert reviewed.isoformat() not in facts[:facts.index("</section>")]


def test_the_russian_pdf_guide_has_the_same_typography(built_site):
    from redsite.downloads import pdf
    from test_pdf import pdf_text
    text = pdf_text(built_site.site / "ru" / pdf.PDF_FOLDER / pdf.guide_filename("bilateral-meetings", "ru"))
    assert re.search(r"790[\u202f\u00a0 ]336 евро", text)
    assert "«" in text and '"' not in text
    reviewed = read_page(next(p for p in list_pages("ru") if p.rel == "methods/bilateral-meetings.md")).meta
    assert reviewed["last_reviewed"].isoformat() not in text


# --------------------------------------------------------------------------- the memo

def undone(html: str) -> str:
    """`html` with its typography roughly undone, so that every rule has something to do again."""
    for typeset_mark, plain in (("\u00a0", " "), ("\u202f", " "), ("«", '"'), ("»", '"'), ("”", '"'),
                                ("„", "&quot;"), ("“", "&#34;")):
        html = html.replace(typeset_mark, plain)
    return html


def test_the_memo_typesets_every_built_page_as_typesetting_it_whole_does(built_site):
    """One memo across the site, as in the build, so that stretches are reused: every page of every language
    (and each with its typography undone, in each language's rules) comes out as without the memo."""
    pages = sorted(built_site.site.rglob("*.html"))
    assert len(pages) > 100
    memo = TypesetMemo()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for text in (html, undone(html)):
            for lang in ("en", "sv", "ru"):
                assert typeset_html(text, rules_for(lang), rules_for, memo) == typeset(text, lang), (page, lang)


STRETCHES = [
    # a quotation open across a menu entry and a block
    '<li>"one <div>two" three</div></li><li>"four</li><div>five"</div>',
    # an element in another language, code and a script across stretches
    '<div lang="en"><li>We — "we"</li><div>12345 — "x"</div></div><li>Мы — "мы"</li>',
    '<pre><div>a — "b"</div><li>12345</li></pre><li>a — "b"</li><code><nav>"c"</nav></code>"d"',
    '<script>if (a < b) { x = "<div>" }</script><li>a — "b"</li>',
    # what the stretch pattern finds inside an attribute value or a comment left open
    '<a title="<li x>">"a"</a><li>"b"</li>',
    '<!-- <div> "a" <li>"b"</li>',
    '<p>"a <!-- x --> b"</p><div>"c"</div><!-- <li> --> "d"',
    # date cells next to a stretch, and a '<' that starts no tag
    '<table><tr><td>2007-04</td><td><div>2007-05</div></td></tr></table><dl><dd>2007-09-25</dd></dl><li>x</li>',
    'a < b <li>"c" > d</li>',
    # the same stretch in another state: inside a quotation, another language, code
    '<li>"x</li><li>"y" 12345</li><li>"</li><li>"y" 12345</li>',
    '<div lang="en"><li>"y" 12345</li></div><li>"y" 12345</li>',
    '<code><li>"y" 12345</li></code><li>"y" 12345</li>',
]


@pytest.mark.parametrize("lang", ["en", "sv", "ru"])
@pytest.mark.parametrize("html", STRETCHES)
def test_the_memo_keeps_state_across_stretches(html, lang):
    memo = TypesetMemo()
    first = typeset_html(html, rules_for(lang), rules_for, memo)
    again = typeset_html("<li>x</li>" + html, rules_for(lang), rules_for, memo)  # reuses the stretches above
    assert first == typeset(html, lang)
    assert again == typeset("<li>x</li>" + html, lang)


def test_the_memo_reuses_what_pages_share_and_stays_bounded():
    header = "".join(f'<li><a href="/m/{n}/">Метод — "{n}" 12345</a></li>' for n in range(50))
    memo = TypesetMemo(limit=20_000)
    typeset_html(header + "<div>Первая страница</div>", rules_for("ru"), rules_for, memo)
    held = memo._held
    typeset_html(header + "<div>Вторая страница</div>", rules_for("ru"), rules_for, memo)
    assert memo._held - held < 100  # only the second page's own stretch is new
    for n in range(100):
        typeset_html(f"<div>Страница {n} — " + "x" * 1000 + "</div>", rules_for("ru"), rules_for, memo)
    assert memo._held <= 20_000
