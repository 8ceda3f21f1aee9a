"""Sites the tests build: the one place a build runs (`run_build`), and a small fixture site
(`make_fixture_site`): the real config, scripts, templates and data, but only a home page per language,
so one build takes about a second, not the whole site's.

Every build goes through `run_build` (today a `mkdocs build` subprocess), so that running builds another
way (in-process, say) is a change here only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from layers import require
from redsite.model import REPO_ROOT as REPO
from redsite.site_copy import copy_repo  # noqa: F401  (the tests' copy of the repository)

HOME = {
    "docs": "---\ntitle: Fixture home\n---\n\nA page of the fixture site.\n",
    "docs_sv": "---\ntitle: Startsida\n---\n\nEn sida i testwebbplatsen.\n",
    "docs_ru": "---\ntitle: Главная\n---\n\nСтраница тестового сайта.\n",
}


@dataclass
class Build:
    site: Path
    log: str
    returncode: int
    site_url: str


def run_build(root: Path, site: Path, env: dict | None = None, *, site_url: str, strict: bool = True,
              dirty: bool = False, timeout: float = 900) -> Build:
    """Build the site of `root` into `site` for the address `site_url`, as `mkdocs build` (or ProperDocs, with
    RED_BUILD_MODULE=properdocs: `make test-properdocs`) does; the log is stdout and stderr together."""
    require("build", "runs a build")
    command = [sys.executable, "-m", os.environ.get("RED_BUILD_MODULE", "mkdocs"), "build",
               "--strict" if strict else "--no-strict", "--site-dir", str(site)] + (["--dirty"] if dirty else [])
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=timeout,
                            env={**os.environ, "SITE_URL": site_url, **(env or {})})
    return Build(site, result.stdout + result.stderr, result.returncode, site_url)


def make_fixture_site(target: Path) -> Path:
    """Write the fixture site into `target` and return it; add the case's files afterwards."""
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__")
    for name in ("scripts", "overrides", "data"):
        shutil.copytree(REPO / name, target / name, ignore=ignore)
    shutil.copytree(REPO / "docs" / "assets", target / "docs" / "assets")
    for tree, text in HOME.items():
        (target / tree).mkdir(exist_ok=True)
        (target / tree / "index.md").write_text(text, encoding="utf-8")
    for code in ("sv", "ru"):
        os.symlink(f"../docs_{code}", target / "docs" / code)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("\nnav:")] + "\nnav:\n  - Home: index.md\n"
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def write(root: Path, rel: str, content: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def add_to_nav(root: Path, rels) -> None:
    """List these pages (paths inside docs/) after Home in the fixture's nav, so that their titles also
    reach the nav, the breadcrumbs and the footer links."""
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("".join(f"  - {rel}\n" for rel in rels))


def build_fixture(root: Path, site: Path | None = None, env: dict | None = None, *, site_url: str,
                  timeout: float = 120) -> Build:
    """A fixture site's build: without PDFs, DOCX/ODT or offline copies unless `env` asks for them."""
    return run_build(root, site or root / "site", {"RED_SKIP_PDF": "1", **(env or {})}, site_url=site_url,
                     timeout=timeout)


# --------------------------------------------------------------------------- hostile cases

TYPED_HEAD = """---
type: method
title: {title}
summary: A short summary.
work_package: [a]
themes: [networking]
regions: [blekinge]
last_reviewed: 2026-01-15
sources: [red-description]
example: false
origin: red
---
"""
SECTIONS = "\n".join(f"\n## {name}\n\nText." for name in (
    "Problem addressed", "Stakeholders", "Resources needed", "Evidence of success", "Difficulties",
    "Transferability"))


def make_tree(root: Path) -> Path:
    """Just the trees and data the validator reads (no scripts or theme): for the millisecond cases."""
    for tree, text in HOME.items():
        write(root, f"{tree}/index.md", text)
    for code in ("sv", "ru"):
        os.symlink(f"../docs_{code}", root / "docs" / code)
    shutil.copytree(REPO / "data", root / "data")
    return root


def add_files(root: Path, files: dict) -> None:
    """Write `files` ({path: text, bytes, or ("symlink", target)}) into the tree at `root`."""
    for rel, content in files.items():
        if isinstance(content, tuple):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(content[1], root / rel)
        else:
            write(root, rel, content)


def location(path: str, line: int | None) -> str:
    return f"{path}:{line}" if line else path


def validator_hits(root: Path, path: str, line: int | None, message: str) -> tuple[list[str], list[str]]:
    """The validator's problems on the tree at `root` that name `path:line:` and hold `message`, and all of
    them (for the failure message)."""
    from redsite.translations.report import build_report

    rendered = [problem.render() for problem in build_report(root).problems]
    return [text for text in rendered if text.startswith(location(path, line) + ":") and message in text], rendered


def build_refuses(build: Build, path: str, line: int | None, message: str) -> None:
    """The build stopped, without a traceback, naming `path:line:` and `message`."""
    assert build.returncode != 0
    assert "Traceback" not in build.log
    assert f"{location(path, line)}: " in build.log and message in build.log, build.log[-4000:]


def refused_together(root: Path, cases: list[tuple], site_url: str) -> Build:
    """Every case (id, files, ...) written into the fixture site at `root` at once, then built: one build for
    many cases, each of which must stop it with its own message."""
    for _, files, *_ in cases:
        add_files(root, files)
    return build_fixture(root, site_url=site_url, timeout=300)
