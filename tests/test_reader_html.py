"""redsite.reader_html: the page corrections for keyboard and screen-reader use, as pure functions."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from mkdocs.structure.toc import AnchorLink, TableOfContents

from redsite import reader_html
from redsite.render import t


def test_hreflang_links_leave_the_head_other_alternates_stay():
    html = ('<head>\n      <link rel="alternate" href="../" hreflang="en">\n'
            '<link rel="alternate" hreflang="sv" href="https://x/sv/">\n'
            '<link rel="alternate" type="application/rss+xml" title="Feed" href="feed.xml">\n</head>')
    assert reader_html.strip_alternate_links(html) == (
        '<head>\n<link rel="alternate" type="application/rss+xml" title="Feed" href="feed.xml">\n</head>')


def test_a_menu_section_toggle_gets_a_name_in_the_readers_language():
    html = ('<a href="./" class="md-nav__link md-nav__link--active">\n  <span class="md-ellipsis">\n    Metoder\n'
            '  </span>\n</a>\n<label class="md-nav__link md-nav__link--active" for="__nav_3" id="__nav_3_label"'
            ' tabindex="0">\n  <span class="md-nav__icon md-icon"></span>\n</label>')
    named = reader_html.name_section_toggles(html, "sv")
    expected = t("nav_section_toggle", "sv").format(title="Metoder")
    assert f'tabindex="0" aria-label="{expected}">' in named
    assert named.replace(f' aria-label="{expected}"', "") == html


def test_the_title_heading_leads_the_table_of_contents():
    section = AnchorLink("Problem", "problem", 2)
    page = SimpleNamespace(toc=TableOfContents([section]))
    assert reader_html.title_heading(page, "A & B") == '<h1 id="red-title">A &amp; B</h1>'
    first = list(page.toc)[0]
    assert (first.url, first.level, first.children) == ("#red-title", 1, [section])


def test_a_home_page_is_titled_by_its_front_matter():
    def page(uri, meta):
        return SimpleNamespace(file=SimpleNamespace(src_uri=uri), meta=meta)
    assert reader_html.home_title(page("sv/index.md", {"title": "Kunskapsbank om RED"}), "sv") == "Kunskapsbank om RED"
    assert reader_html.home_title(page("index.md", {}), "en") is None
    assert reader_html.home_title(page("sv/methods/index.md", {"title": "Metoder"}), "sv") is None


def test_interface_strings_of_material_and_markdown_follow_the_language():
    config = SimpleNamespace(mdx_configs={"toc": {"permalink": True}}, theme={"palette": [
        {"media": "(prefers-color-scheme)", "toggle": {"name": "x"}},
        {"media": "(prefers-color-scheme: light)", "toggle": {"name": "x"}},
        {"media": "(prefers-color-scheme: dark)", "toggle": {"name": "x"}}]})
    reader_html.configure_language(config, "ru")
    assert config.mdx_configs["toc"] == {"permalink": True, "permalink_title": t("permalink_title", "ru")}
    assert [option["toggle"]["name"] for option in config.theme["palette"]] == [
        t("palette_to_light", "ru"), t("palette_to_dark", "ru"), t("palette_to_system", "ru")]


def test_the_lead_is_the_first_paragraph_when_the_body_starts_with_one():
    assert reader_html.split_lead("<p>One.</p>\n<p>Two.</p>") == ("<p>One.</p>", "\n<p>Two.</p>")
    assert reader_html.split_lead("\n<p>A<br>b <img src=x alt=y> <em>c</em></p><h2>H</h2>") == (
        "\n<p>A<br>b <img src=x alt=y> <em>c</em></p>", "<h2>H</h2>")
    # CRLF and a line separator inside the text: the parser counts lines by "\n" only
    assert reader_html.split_lead("\r\n<p>a\u2028b\r\nc</p>rest") == ("\r\n<p>a\u2028b\r\nc</p>", "rest")


def test_an_attribute_that_looks_like_an_end_tag_does_not_end_the_lead():
    body = '<p title="</p><script>x</script>">Lead.</p><p>Next.</p>'
    assert reader_html.split_lead(body) == ('<p title="</p><script>x</script>">Lead.</p>', "<p>Next.</p>")


@pytest.mark.parametrize("body", [
    "<h2>Heading</h2><p>Text.</p>",  # a heading first
    "<div class=\"admonition note\"><p>Note.</p></div><p>Text.</p>",  # a notice first
    "<!-- red:catalog method --><p>Text.</p>",  # a build directive first
    "Loose text <p>Text.</p>",  # text outside any paragraph
    "<p>Never closed",  # no end to find
    "<hr><p>Text.</p>",
    "",
])
def test_a_body_that_does_not_start_with_a_paragraph_keeps_its_order(body):
    assert reader_html.split_lead(body) == ("", body)
