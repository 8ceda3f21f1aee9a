"""Hostile and mistaken input, Markdown class: what a page's Markdown may ask of the build (directives, code
block languages), ids and attributes that belong to the theme, the build or the search, media that a
browser would fetch from another host, and inline styles the Content-Security-Policy cannot allow. Each
mistake is refused by the validator and the build with file, line and fix; what is legal builds to HTML
that raises no CSP violation in Chromium."""

from __future__ import annotations

import pytest

from fixture_site import (
    add_files,
    add_to_nav,
    build_fixture,
    build_refuses,
    make_fixture_site,
    make_tree,
    refused_together,
    validator_hits,
    write,
)
from redsite.page_security import ALLOWED_STYLE_ATTRIBUTES, inline_scripts_and_styles
from redsite.sanitize import sanitize_html

PAGE = "---\ntitle: {title}\n---\n\nText of the page.\n\n"

# (case id, files, expected file, expected line, expected message)
CASES = [
    ("M02-config-div", {"docs/config.md": PAGE.format(title="C") + '<div id="__config" hidden>{"base": '
                        '"https://evil.example/", "features": ["navigation.instant"]}</div>\n'},
     "docs/config.md", 7, "the id '__config' belongs to the theme or the build"),
    ("M05-title-id", {"docs/ids.md": PAGE.format(title="I") + "## Partners {#red-title}\n\nText.\n\n"
                      "## More {#__drawer}\n\n<span id=\"__search\">s</span> <span id='__palette_0'>p</span>\n"},
     "docs/ids.md", 7, "the id 'red-title' belongs to the theme or the build"),
    ("M05-drawer-id", {}, "docs/ids.md", 11, "the id '__drawer' belongs to the theme or the build"),
    ("M05-search-id", {}, "docs/ids.md", 13, "the id '__search' belongs to the theme or the build"),
    ("M05-palette-id", {}, "docs/ids.md", 13, "the id '__palette_0' belongs to the theme or the build"),
    ("M05-heading-slug", {"docs_sv/slug.md": PAGE.format(title="S") + "## Red title\n\nText.\n"},
     "docs_sv/slug.md", 7, "the id 'red-title' belongs to the theme or the build"),
    ("M05-catalog-id", {"docs_ru/catalog.md": PAGE.format(title="K") + "Список {: #red-catalog-method }\n"},
     "docs_ru/catalog.md", 7, "the id 'red-catalog-method' belongs to the theme or the build"),
    ("M05-tag-over-lines", {"docs/lines.md": PAGE.format(title="L") + '<div class="x"\n  id="__toc">t</div>\n'},
     "docs/lines.md", 7, "the id '__toc' belongs to the theme or the build"),
    ("M16-fence-id", {"docs/fence.md": PAGE.format(title="F") + '```{.sh #__config onclick="alert(1)" '
                      'data-pagefind-meta="url:https://evil.example/" title="<img src=x onerror=alert(2)>"}\n'
                      'echo 1\n```\n'},
     "docs/fence.md", 7, "the id '__config' belongs to the theme or the build"),
    ("M16-fence-pagefind", {}, "docs/fence.md", 7, "the attribute 'data-pagefind-meta' belongs to the search"),
    ("PF01-meta-by-attribute-list", {"docs/meta.md": PAGE.format(title="M") + 'Zanzibarquux partners.\n'
                                     '{: data-pagefind-meta="url:https://evil.example/login" }\n\n'
                                     '<span data-pagefind-meta="title:Official RED partner login" hidden></span>\n'
                                     '<span data-pagefind-weight="10">zanzibarquux</span>\n'},
     "docs/meta.md", 8, "the attribute 'data-pagefind-meta' belongs to the search"),
    ("PF01-meta-by-html", {}, "docs/meta.md", 10, "the attribute 'data-pagefind-meta' belongs to the search"),
    ("PF01-weight", {}, "docs/meta.md", 11, "the attribute 'data-pagefind-weight' belongs to the search"),
    ("PF02-filter", {"docs_sv/filter.md": PAGE.format(title="F") + '<span data-pagefind-filter="Type:Urgent '
                     'security notice" hidden></span><span data-pagefind-filter="Fake filter:Click here" hidden>'
                     '</span>\n'},
     "docs_sv/filter.md", 7, "the attribute 'data-pagefind-filter' belongs to the search"),
    ("theme-component", {"docs_ru/component.md": PAGE.format(title="C") + 'Текст\n{: data-md-component="search" }\n'},
     "docs_ru/component.md", 8, "the attribute 'data-md-component' belongs to the search, the theme or the build"),
    ("P02-document-style", {"docs_sv/styled-title.md": PAGE.format(title="S") + '<p data-custom-style="Title">'
                            'Officiell titel</p>\n'},
     "docs_sv/styled-title.md", 7, "the attribute 'data-custom-style' belongs to the search, the theme or the build"),
    ("M11-backslash-host", {"docs/media.md": PAGE.format(title="M") + '<img src="/\\evil.example/p.gif" alt="">\n\n'
                            '<img src="/&#9;/evil.example/q.gif" alt="">\n\n![x](/\\evil.example/r.gif)\n\n'
                            '<img srcset="a.png 1x, /\\\\evil.example/s.gif 2x" alt="">\n'},
     "docs/media.md", 7, "image or media from another site: /\\evil.example/p.gif"),
    ("M11-tab-entity", {}, "docs/media.md", 9, "image or media from another site: /&#9;/evil.example/q.gif"),
    ("M11-markdown-image", {}, "docs/media.md", 11, "image or media from another site: /\\evil.example/r.gif"),
    ("M11-srcset", {}, "docs/media.md", 13, "image or media from another site: /\\\\evil.example/s.gif"),
    ("M13-unknown-type", {"docs/entries.md": PAGE.format(title="E") + "## Entries\n\n<!-- red:catalog nonsense -->\n"},
     "docs/entries.md", 9, "unknown directive '<!-- red:catalog nonsense -->'"),
    ("M14-misspelt", {"docs_sv/misspelt.md": PAGE.format(title="T") + "<!-- red:timelines -->\n"},
     "docs_sv/misspelt.md", 7, "unknown directive '<!-- red:timelines -->'"),
    ("catalog-without-type", {"docs_ru/bare.md": PAGE.format(title="B") + "<!-- red:catalog -->\n"},
     "docs_ru/bare.md", 7, "unknown directive '<!-- red:catalog -->'"),
    ("glossary-with-argument", {"docs/argued.md": PAGE.format(title="A") + "<!-- red:glossary all -->\n"},
     "docs/argued.md", 7, "write one of: <!-- red:catalog method -->; <!-- red:catalog study-visit -->"),
    ("M15-systemd-fence", {"docs/lexer.md": PAGE.format(title="L") + "```systemd\n" + " " * 99 + "!x\n```\n"},
     "docs/lexer.md", 7, "unknown code block language 'systemd'"),
    ("M15-the-red-teams-line", {"docs_ru/lexer.md": PAGE.format(title="L") + "```systemd\n" + " " * 5000 + "!x\n```\n"},
     "docs_ru/lexer.md", 8, "the character ' ' is repeated 5,000 times in a row; the limit is 100"),
    ("fence-class-language", {"docs_sv/lexer.md": PAGE.format(title="L") + "~~~{.xpp}\nx\n~~~\n"},
     "docs_sv/lexer.md", 7, "unknown code block language 'xpp'"),
]
IDS = [case[0] for case in CASES]
FILES = {}
for _, files, *_ in CASES:
    FILES.update(files)


@pytest.mark.parametrize(("case", "files", "path", "line", "message"), CASES, ids=IDS)
def test_the_validator_refuses(tmp_path, case, files, path, line, message):
    root = make_tree(tmp_path / "repo")
    add_files(root, {path: FILES[path]})
    hits, rendered = validator_hits(root, path, line, message)
    assert hits, f"expected '{path}:{line}: ...{message}...' among:\n" + "\n".join(rendered)
    assert all("how to fix:" in text for text in hits)


@pytest.fixture(scope="module")
def refused_build(tmp_path_factory, site_address):
    return refused_together(make_fixture_site(tmp_path_factory.mktemp("markup") / "repo"), CASES, site_address)


@pytest.mark.parametrize(("case", "files", "path", "line", "message"), CASES, ids=IDS)
def test_the_build_refuses(refused_build, case, files, path, line, message):
    build_refuses(refused_build, path, line, message)


# --- What is legal builds, and builds right ------------------------------------------------------------------

LEGAL = {
    "styled": PAGE.format(title="Styled") + (
        '<table><tr><td style="text-align:left;background:url(https://evil.example/x);position:fixed;top:0">c</td>'
        '<td style="TEXT-ALIGN: Center">d</td><td style="text-align: right !important">e</td></tr></table>\n\n'
        '<span style="position:fixed;inset:0;background:red">overlay</span> <font color=red size=7>big</font>\n\n'
        "| Left | Centre | Right |\n|:-----|:----:|------:|\n| a | b | c |\n"),
    "quoted": PAGE.format(title="Quoted") + (
        "Write `<!-- red:nonsense -->` or `{#__config}` or `data-pagefind-meta` in code: it stays text.\n\n"
        "```\n<!-- red:timelines -->\n<div id=\"__config\"></div>\n```\n\n## Partners {#our-partners}\n\n"
        '<span data-note="kept" id="own-id">own</span>\n'),
}


@pytest.fixture(scope="module")
def legal_site(tmp_path_factory, site_address):
    root = make_fixture_site(tmp_path_factory.mktemp("legal-markup") / "repo")
    for name, text in LEGAL.items():
        write(root, f"docs/{name}.md", text)
    add_to_nav(root, [f"{name}.md" for name in LEGAL])
    build = build_fixture(root, site_url=site_address)
    assert build.returncode == 0 and "Traceback" not in build.log, build.log[-4000:]
    return build


def test_kept_styles_are_the_hashed_spellings(legal_site):
    """M12: nh3 kept 'text-align:left', which no hash of the policy matched; now every kept style is one of the
    allowed spellings, and each is allowed by the page's policy."""
    html = (legal_site.site / "styled" / "index.html").read_text(encoding="utf-8")
    _, styles, _ = inline_scripts_and_styles(html)
    assert styles == {"text-align: left;", "text-align: center;", "text-align: right;"}
    assert styles <= set(ALLOWED_STYLE_ATTRIBUTES)
    assert "background" not in html.split("<article", 1)[1] and "position:fixed" not in html
    assert '<td style="text-align: right;">e</td>' not in html  # '!important' is not an allowed spelling: dropped
    assert "<td>d</td>" in html  # nh3 keeps no upper-case property: the attribute goes
    assert "<td>e</td>" in html and "<span>overlay</span>" in html


def test_code_is_text_and_own_ids_stay(legal_site):
    html = (legal_site.site / "quoted" / "index.html").read_text(encoding="utf-8")
    assert "&lt;!-- red:nonsense --&gt;" in html and 'id="our-partners"' in html
    assert '<span data-note="kept" id="own-id">own</span>' in html


def test_styled_page_raises_no_csp_violation_in_chromium(legal_site, site_server, browser):
    from test_hostile_browser import _visit

    with site_server.serving(legal_site.site) as url:
        seen = _visit(browser, f"{url}styled/")
    assert seen["violations"] == [], seen
    assert not [text for text in seen["console"] if "Content Security Policy" in text], seen["console"]


def test_the_sanitiser_drops_reserved_ids_and_attributes_too():
    """For a build that goes on after the error (`mkdocs serve`): no element gets them."""
    html = ('<div id="__config" data-pagefind-meta="url:x" data-md-component="search" data-note="n">a</div>'
            '<h2 id="red-title">t</h2><p id="mine">m</p>')
    assert sanitize_html(html) == '<div data-note="n">a</div><h2>t</h2><p id="mine">m</p>'


def test_every_known_directive_is_one_the_real_site_expands():
    """page_markup.DIRECTIVES lists what plugin.content.expand_directive expands: the real site uses each (and
    builds clean), so a name dropped from the build would fail here."""
    import re

    from fixture_site import REPO
    from redsite.page_markup import DIRECTIVES

    used = {match for path in (REPO / "docs").rglob("*.md") if not path.is_symlink()
            for match in re.findall(r"<!-- red:([a-z-]+)", path.read_text(encoding="utf-8"))}
    assert used == set(DIRECTIVES)
