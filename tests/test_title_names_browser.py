"""A page title with `&`, `<` or quotes reaches the reader as written wherever the theme prints it: the
footer's previous/next links (visible text and accessible name), the nav, the header and the browser's
title bar.

The theme gets titles escaped once (redsite.page_security.protect_page); Material's footer escapes
`page.next_page.title` again in the links' aria-label, which Chromium then read as "A &amp; B".
"""

from __future__ import annotations

import html

import pytest

from fixture_site import add_to_nav, build_fixture, make_fixture_site, write

# One title from front matter (plain text), one from the first heading (HTML with entities).
FRONT_MATTER_TITLE = 'Arena & forum: "building" for 5 < 10 partners, &amp; in HTML'
HEADING_TITLE = "Seminars & workshops <for> 'partners'"
PAGES = {
    "arena.md": "---\ntitle: '" + FRONT_MATTER_TITLE.replace("'", "''") + "'\n---\n\nText.\n",
    "seminars.md": "# Seminars &amp; workshops &lt;for&gt; 'partners'\n\nText.\n",
}
# The same in the other languages: their pages and footers come through the i18n plugin's own navigation.
TRANSLATED_TITLES = {"sv": ("Arena & forum för 5 < 10 partner", "Seminarier & workshoppar <för> 'partner'"),
                     "ru": ("Арена & форум для 5 < 10 партнёров", "Семинары & практикумы <для> 'партнёров'")}


@pytest.fixture(scope="module")
def site(tmp_path_factory, site_address):
    root = make_fixture_site(tmp_path_factory.mktemp("titles") / "repo")
    for name, text in PAGES.items():
        write(root, f"docs/{name}", text)
    for lang, (front_matter, heading) in TRANSLATED_TITLES.items():
        write(root, f"docs_{lang}/arena.md", "---\ntitle: '" + front_matter.replace("'", "''") + "'\n---\n\nText.\n")
        write(root, f"docs_{lang}/seminars.md", "# " + html.escape(heading, quote=False) + "\n\nText.\n")
    add_to_nav(root, PAGES)  # Home, arena, seminars: a footer on each
    build = build_fixture(root, site_url=site_address)
    assert build.returncode == 0, build.log[-4000:]
    return build


def _footer_links(browser, url: str) -> dict[str, tuple[str, str]]:
    """{'prev'|'next': (accessible name, visible title)} of the page's footer links, as Chromium has them."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    links = {}
    for direction in ("prev", "next"):
        link = page.locator(f"a.md-footer__link--{direction}")
        if link.count():
            name = link.evaluate("element => element.getAttribute('aria-label')")
            # the accessible name as Chromium computes it, not just the attribute
            assert page.get_by_role("link", name=name, exact=True).count() == 1, name
            links[direction] = (name, link.locator(".md-ellipsis").inner_text().strip())
    context.close()
    return links


@pytest.mark.parametrize(("path", "expected"), [
    ("", {"next": FRONT_MATTER_TITLE}),
    ("arena/", {"prev": "Home", "next": HEADING_TITLE}),
    ("seminars/", {"prev": FRONT_MATTER_TITLE}),
])
def test_footer_links_are_named_by_the_title_as_written(site, site_server, browser, path, expected):
    with site_server.serving(site.site) as root:
        links = _footer_links(browser, root + path)
    direction_words = {"prev": "Previous", "next": "Next"}
    assert links == {direction: (f"{direction_words[direction]}: {title}", title)
                     for direction, title in expected.items()}


@pytest.mark.parametrize(("path", "title"), [("arena/", FRONT_MATTER_TITLE), ("seminars/", HEADING_TITLE)])
def test_the_title_bar_and_the_nav_show_the_title_as_written(site, site_server, browser, path, title):
    with site_server.serving(site.site) as root:
        context = browser.new_context()
        page = context.new_page()
        page.goto(root + path)
        assert page.title() == f"{title} - RED knowledge site"
        assert page.locator("#red-title").inner_text() == title
        assert page.locator("[data-md-component=header-topic]").inner_text().strip() == title
        assert page.get_by_role("link", name=title, exact=True).count() >= 1  # the nav entry
        context.close()


@pytest.mark.parametrize("lang", TRANSLATED_TITLES)
def test_footer_links_in_the_other_languages_are_named_by_the_neighbours_title_as_written(site, site_server, browser,
                                                                                         lang):
    front_matter, heading = TRANSLATED_TITLES[lang]
    with site_server.serving(site.site) as root:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{root}{lang}/arena/")
        for direction, title in (("prev", None), ("next", heading)):
            link = page.locator(f"a.md-footer__link--{direction}")
            words = link.locator(".md-footer__direction").inner_text().strip()
            name = link.get_attribute("aria-label")
            shown = link.locator(".md-ellipsis").inner_text().strip()
            assert name == f"{words}: {shown}" and page.get_by_role("link", name=name, exact=True).count() == 1
            assert title is None or shown == title
        page.goto(f"{root}{lang}/seminars/")
        link = page.locator("a.md-footer__link--prev")
        assert link.get_attribute("aria-label").endswith(f": {front_matter}")
        context.close()
