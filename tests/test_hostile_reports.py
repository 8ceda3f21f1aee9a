"""Hostile and mistaken input, the validator's and the build's reports: what a contributor wrote (a front-matter
key, a file name) is printed as text. In the Markdown report (the pull-request job summary) it makes no link,
image, mention or HTML; on a terminal or a log no escape sequence; and a file name that is not UTF-8 neither
crashes a strict UTF-8 output nor hides."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from fixture_site import REPO, add_files, build_fixture, make_fixture_site, make_tree
from redsite.problems import Problem, printable
from redsite.translations.formats import _code, _md

CLI = REPO / "scripts" / "check_translations.py"
ESCAPES = "x\x1b[2K\r\x1b[32mEvery translation is complete and current.\x1b[0m"
METHOD = (REPO / "docs_sv" / "methods" / "forum-building.md").read_text(encoding="utf-8")


def validator(root, *arguments: str, encoding: str = "utf-8") -> subprocess.CompletedProcess:
    """The validator's command line with a strict stdout (PYTHONIOENCODING without an error handler)."""
    return subprocess.run([sys.executable, str(CLI), "--root", str(root), *arguments], capture_output=True,
                          timeout=120, env={**os.environ, "PYTHONIOENCODING": encoding})


def test_V02_the_markdown_report_shows_a_contributors_markup_as_text(tmp_path):
    root = make_tree(tmp_path / "repo")
    key = "[Approve this PR](https://evil.example/approve) ![x](https://evil.example/t.png) @red-knowledge/maintainers"
    add_files(root, {"docs/methods/forum-building.md": (REPO / "docs/methods/forum-building.md").read_text(
        encoding="utf-8"), "docs_sv/methods/forum-building.md": METHOD.replace(
        "example: false\n", f'example: false\n"{key} <img src=x> www.evil.example": 1\n')})
    result = validator(root, "--format", "markdown")
    report = result.stdout.decode("utf-8")
    assert result.returncode == 1 and "Traceback" not in result.stderr.decode(), result.stderr
    assert "unknown field" in report and "](https:" not in report and "<img" not in report
    html = github_markdown(report)
    assert "<a " not in html and "<img" not in html, html  # unescaped, GitHub made links of both addresses
    assert "[Approve this PR](https:\u200b//evil.example/approve)" in html  # shown as the text it is
    assert "@\u200bred-knowledge/maintainers" in html  # no mention: '@' and the name are apart
    assert "&lt;img src=x&gt;" in html and "w\u200bww.evil.example" in html
    assert "<a " in github_markdown("https://evil.example www.evil.example")  # what the escapes prevent


def github_markdown(text: str) -> str:
    """`text` rendered as GitHub Flavored Markdown (pandoc's reader of it: tables, autolinks, raw HTML)."""
    import pypandoc

    return pypandoc.convert_text(text, "html", format="gfm", extra_args=["--wrap=none"])


@pytest.mark.parametrize("text", ["`code` *strong* _em_ [l](u) ![i](s) <b>&amp;</b> # h | t ~~s~~", "@team",
                                  "http://x.example", "line\nbreak", "\\[escaped\\]"])
def test_the_markdown_escape_leaves_the_text_as_written(text):
    html = github_markdown(_md(text)).strip()
    shown = html.removeprefix("<p>").removesuffix("</p>").replace("\u200b", "")
    assert shown.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") == printable(text)


def test_a_code_span_holds_any_backticks():
    for text in ("a`b", "``x``", "`", "ok"):
        assert github_markdown(_code(text)).strip() == f"<p><code>{text}</code></p>"


def make_names(root) -> None:
    """A method under a name with escape sequences (red-team V03) and one that is not UTF-8 (U05)."""
    english = (REPO / "docs/methods/forum-building.md").read_bytes()
    (root / "docs" / "methods").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "methods" / f"{ESCAPES}.md").write_bytes(english)
    with open(os.fsencode(root / "docs" / "methods") + b"/caf\xe9.md", "wb") as file:
        file.write(english)


@pytest.mark.parametrize("report", ["text", "json", "markdown", "github"])
def test_V03_U05_file_names_are_printed_safely(tmp_path, report):
    root = make_tree(tmp_path / "repo")
    make_names(root)
    result = validator(root, "--format", report)
    out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert result.returncode == 1 and "Traceback" not in err and "UnicodeEncodeError" not in err, err
    assert "\x1b" not in out and "\r" not in out
    if report == "json":  # JSON escapes control characters itself; the byte that is not UTF-8 comes as \udce9
        paths = {problem["path"] for problem in json.loads(out)["problems"]}
        assert f"docs/methods/{ESCAPES}.md" in paths and "docs/methods/caf\udce9.md" in paths
    else:
        assert printable(ESCAPES) in out and "caf\\xe9.md" in out
        assert "Every translation is complete and current." not in out.replace(printable(ESCAPES), "")


def test_V03_U05_the_build_log_prints_file_names_safely(tmp_path, site_address):
    root = make_fixture_site(tmp_path / "repo")
    make_names(root)
    build = build_fixture(root, site_url=site_address)
    assert build.returncode != 0 and "Traceback" not in build.log
    assert "\x1b[2K" not in build.log and f"docs/methods/{printable(ESCAPES)}.md: file name" in build.log
    assert "docs/methods/caf\\xe9.md: file name 'caf\\xe9.md' is not a lower-case ASCII slug" in build.log


def test_printable_escapes_what_a_terminal_would_act_on():
    problem = Problem("source", "en", "docs/a\x1b[31m.md", 3, "name\u202eeman", "fix\x07")
    assert problem.render() == "docs/a\\x1b[31m.md:3: name\\u202eeman\n    how to fix: fix\\x07"
    assert printable("Ordinary text: å, ё, –, « ».") == "Ordinary text: å, ё, –, « »."
