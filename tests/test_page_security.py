"""The Content-Security-Policy's scan of a built page (redsite.page_security): it finds the inline
scripts and style attributes a full HTML tokeniser finds, and it errs only on the closed side."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from redsite.page_security import csp_for, file_has_csp, has_csp, inline_scripts_and_styles, remote_media

THEME_DIRS: tuple[str, ...] = ()  # no template patterns: every inline script is refused, which is what we count


class FullTokeniser(HTMLParser):
    """Every start tag of the page through HTMLParser: the slow, complete reference."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: set[str] = set()
        self._body: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("style") is not None:
            self.styles.add(attributes["style"])
        if tag == "script" and "src" not in attributes and \
                (attributes.get("type") or "").strip().lower() not in {"application/json", "application/ld+json"}:
            self._body = []

    def handle_data(self, data):
        if self._body is not None:
            self._body.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._body is not None:
            self.scripts.append("".join(self._body))
            self._body = None


def test_every_built_page_scans_as_a_full_tokeniser_reads_it(built_site):
    pages = sorted(built_site.site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        text = page.read_text(encoding="utf-8")
        reference = FullTokeniser()
        reference.feed(text)
        reference.close()
        scripts, styles, unclosed = inline_scripts_and_styles(text)
        assert [body for _, body in scripts] == reference.scripts, page
        assert styles == reference.styles, page
        assert not unclosed, page


@pytest.mark.parametrize("fragment, reason", [
    ("<p>x</p><SCRIPT>alert(1)</SCRIPT>", "upper case"),
    ("<script\n>alert(1)</script\n>", "line breaks inside the tags"),
    ("<script type=module>alert(1)</script>", "a module"),
    ("<p>x</p><script>alert(1)", "never closed"),
    ("<!-- <script>alert(1)</script> -->", "inside a comment: a browser would not run it, the scan refuses anyway"),
    ('<a title="<script>alert(1)</script>">x</a>', "inside an attribute: refused anyway"),
    ("<script>document.write('<script>alert(1)</scr'+'ipt>')</script>", "a script that writes a script"),
])
def test_a_script_outside_the_templates_is_refused(fragment, reason):
    page = f"<html><head></head><body>{fragment}</body></html>"
    policy, refused = csp_for(page, None, THEME_DIRS)
    assert refused, reason
    assert "sha256" not in policy.split("style-src")[0], reason


@pytest.mark.parametrize("fragment", [
    '<script src="assets/x.js"></script>',
    '<script type="application/json">{"a": 1}</script>',
    "<p>a &lt;script&gt; written as text</p>",
])
def test_what_cannot_run_inline_is_not_refused(fragment):
    _, refused = csp_for(f"<html><head></head><body>{fragment}</body></html>", None, THEME_DIRS)
    assert refused == []


def test_only_the_allowed_style_attributes_are_hashed():
    page = ('<html><head></head><body><td style="text-align: center;">a</td>'
            '<td title="x" style="color: red">b</td></body></html>')
    policy, _ = csp_for(page, None, THEME_DIRS)
    style_src = policy.split("style-src ")[1].split(";")[0]
    assert style_src.count("sha256-") == 1 and "'unsafe-hashes'" in style_src


@pytest.mark.parametrize("text", [
    "Istanbul İzmir",  # str.lower() makes 'İ' two characters: offsets after it moved by one
    "ſ K ı",  # letters whose case folding reaches ASCII: not the word 'style'
])
def test_style_attributes_are_found_after_any_letters(text):
    page = f'<p>{text}</p><td STYLE="text-align: left;">{text}</td><td style = "text-align: right;">x</td>'
    reference = FullTokeniser()
    reference.feed(page)
    _, styles, _ = inline_scripts_and_styles(page)
    assert styles == reference.styles == {"text-align: left;", "text-align: right;"}


@pytest.mark.parametrize("fragment", [
    '<img src="https://tracker.example/p.gif" alt="x">',
    '<IMG alt="a > b" SRC="//tracker.example/p.gif">',
    "<img alt='it\"s' src=https://tracker.example/p.gif>",
    '<p title="x"><video poster="http://tracker.example/v.jpg"></video></p>',
    '<img srcset="a.png 1x, https://tracker.example/b.png 2x" src="a.png">',
    # an unbalanced quote: no tag ends by pattern, so the whole page is tokenised
    '<img src=https://tracker.example/a.png title=a"b><p>text</p><img src="https://tracker.example/c.png" alt=\'x>',
    '<img alt="a quote left open src=https://tracker.example/a.png><img src="https://tracker.example/b.png">',
])
def test_remote_media_are_found_as_a_full_tokeniser_finds_them(fragment):
    class Reference(HTMLParser):
        found: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag in ("img", "video"):
                for name, value in attrs:
                    urls = [part.split()[0] for part in value.split(",")] if name == "srcset" else [value]
                    self.found += [url for url in urls if name in ("src", "srcset", "poster") and "tracker" in url]

    reference = Reference()
    reference.found = []
    reference.feed(fragment)
    reference.close()
    problems = remote_media(fragment, fragment, "docs/x.md", "en")
    assert [problem.message.split(": ", 1)[1] for problem in problems] == list(dict.fromkeys(reference.found))
    assert problems or "left open" in fragment  # there a browser, too, reads one long alt text and no source


def test_a_file_is_checked_for_the_policy_as_its_whole_text_is(built_site, tmp_path):
    pages = sorted(built_site.site.rglob("*.html"))
    assert all(file_has_csp(page) for page in pages)
    policy = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
    cases = {
        "late-head": "<!doctype html>" + " " * 9000 + f"<head>\n    {policy}</head>",
        "head-at-the-edge": " " * 8100 + f"<head>   {policy}</head>",
        "head-cut": " " * 8190 + f"<head>{policy}</head>",
        "no-policy": f"<head><title>x</title>{policy}</head>",
        "short": f"<head>{policy}",
        "none": "<p>x</p>" * 2000,
    }
    for name, text in cases.items():
        path = tmp_path / f"{name}.html"
        path.write_text(text, encoding="utf-8")
        assert file_has_csp(path) == has_csp(text), name
