"""The pull request's job summary (scripts/preview_summary.py, `make preview-summary BASE=<ref>`) and what
counts as a content-only change (scripts/check_content.py --scope): on a git copy of the real content."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO
from fixture_site import copy_repo
from redsite.downloads import offline
from redsite.frontmatter import parse_page
from redsite.model import load_model
from redsite.preview import ChangedFile, artifact_paths, page_site_path, preview
from redsite.translations.report import build_report

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

MODEL = load_model()
DEFAULT = MODEL.default_language.code
SUMMARY = REPO / "scripts" / "preview_summary.py"
NEW_PAGE = REPO / "scripts" / "new_page.py"
HOSTILE_TITLE = "Example: Harbour <img src=x onerror=alert(1)> | visit @someone https://evil.example"


def git(root: Path, *arguments: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.org",
                           *arguments], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """The real content, committed: the base a change is compared with."""
    root = copy_repo(tmp_path / "repo")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


def summary(root: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SUMMARY), "--root", str(root), *arguments],
                          capture_output=True, text=True, check=False)


def rows(markdown: str, heading_contains: str) -> list[list[str]]:
    """The table rows under the first heading containing the text, as cells."""
    section = markdown.split(heading_contains, 1)[1].split("\n### ", 1)[0]
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
            for line in section.splitlines() if line.startswith("| ") and not line.startswith("| Language")
            and not line.startswith("| Page |")]


def title_of(root: Path, rel: str, lang: str) -> str:
    path = root / MODEL.page_path(rel, lang)
    return str(parse_page(path.name, path.read_text(encoding="utf-8"), lang).meta["title"])


def test_a_new_page_is_listed_in_every_language_with_its_state_findings_and_the_pages_that_change(repo):
    made = subprocess.run([sys.executable, str(NEW_PAGE), "study-visit", HOSTILE_TITLE, "--example",
                           "--slug", "example-harbour", "--root", str(repo)],
                          capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL)
    assert made.returncode == 0, made.stderr
    (repo / MODEL.page_path("study-visits/example-harbour.md", "ru")).unlink()  # Russian: left for later

    result = summary(repo, "--base", "HEAD")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    # one row per language: the file, what the change does, the state the validator gives it, where it is built
    found = rows(text, "study\\-visits/example\\-harbour\\.md)")
    assert [row[0] for row in found] == [language.name for language in MODEL.languages]
    by_language = {row[0]: row for row in found}
    report = build_report(repo, MODEL)
    for language in MODEL.languages:
        row = by_language[language.name]
        path = MODEL.page_path("study-visits/example-harbour.md", language.code)
        assert row[1] == path.replace("_", "\\_").replace("-", "\\-").replace(".", "\\.")
        assert row[-1] == page_site_path("study-visits/example-harbour.md", language.code, MODEL).replace(
            "-", "\\-").replace(".", "\\.")
        if language.code != DEFAULT:
            assert report.states[(language.code, "study-visits/example-harbour.md")] in row[4]
    english, swedish, russian = (by_language[language.name] for language in MODEL.languages)
    assert english[2] == "added" and swedish[2] == "added" and russian[2] == "not in this change"
    assert "pending" in swedish[4] and "missing" in russian[4]
    assert "warning pending" in swedish[5] and "warning missing" in russian[5]
    assert "error placeholder" in english[5]  # the template's TODO text, still in the English page
    # everything the contributor wrote is escaped: no markup, no table break, no mention or link
    assert "<img" not in text
    assert "&lt;img src\\=x onerror\\=alert\\(1\\)&gt;" in text
    assert "\\| visit" in text and "@someone" not in text and "https://evil" not in text
    # the generated pages: the study visits' catalog and the translation status, in every language
    generated = rows(text, "### Generated pages that change with them")
    for rel, why in (("study-visits/index.md", "its list of study visits"),
                     ("translation-status.md", "the title and the translation state of every page")):
        for language in MODEL.languages:
            assert [title_of(repo, rel, language.code), language.name, why,
                    page_site_path(rel, language.code, MODEL).replace("-", "\\-").replace(".", "\\.")] in [
                [cell.replace("\\", "") if index < 3 else cell for index, cell in enumerate(row)] for row in generated]
    assert "content only" in text


def test_a_removed_and_a_changed_page_keep_their_titles_and_say_what_happened(repo):
    rel = "study-visits/" + next(path.name for path in sorted((repo / "docs" / "study-visits").glob("*.md"))
                                 if path.name != "index.md")
    titles = {language.code: title_of(repo, rel, language.code) for language in MODEL.languages}
    for language in MODEL.languages:
        (repo / MODEL.page_path(rel, language.code)).unlink()
    changed = "about.md"
    english = repo / MODEL.page_path(changed, DEFAULT)
    english.write_text(english.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "change")

    found = preview(repo, "HEAD~1", build_report(repo, MODEL), MODEL)
    pages = {page.rel: page for page in found.pages}
    assert set(pages) == {rel, changed}
    for version in pages[rel].versions:
        assert (version.change, version.title, version.site_path) == ("removed", titles[version.lang], "")
    assert [version.change for version in pages[changed].versions] == ["changed", "", ""]
    assert [version.state for version in pages[changed].versions] == ["original", "stale", "stale"]
    assert found.content_only


@pytest.mark.parametrize("paths, content_only", [
    (["docs/methods/x.md", "docs_sv/methods/x.md", "data/glossary.yml"], True),
    (["docs/study-visits/x.png", "docs/study-visits/x.md"], True),
    (["docs/methods/x.md", "scripts/redsite/render.py"], False),
    (["docs/assets/stylesheets/extra.css"], False),  # the site's own assets are reviewed like code
    ([".github/workflows/pull-request.yml"], False),
    (["mkdocs.yml"], False),
    ([], False),  # nothing changed: no shortcut
])
def test_only_the_language_trees_and_data_make_a_content_only_change(paths, content_only):
    found = preview(REPO, "HEAD", build_report(REPO, MODEL), MODEL, [ChangedFile("added", path) for path in paths])
    assert found.content_only is content_only, paths


def test_a_base_that_does_not_exist_gets_a_clear_error(repo):
    result = summary(repo, "--base", "origin/no-such-branch")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "error: git merge-base" in result.stderr and "how to fix:" in result.stderr


def test_the_summary_names_where_each_page_is_in_the_offline_copies(built_site):
    found = artifact_paths(built_site.site, MODEL)
    for language in MODEL.languages:
        site_path = page_site_path("about.md", language.code, MODEL)
        inside = found[site_path]
        archive = built_site.site / offline.site_path(language.code, DEFAULT)
        with zipfile.ZipFile(archive) as opened:
            assert inside in opened.namelist(), (site_path, inside)
