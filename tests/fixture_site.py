"""A small copy of the site for one hostile or mistaken input: the real config, scripts, templates
and data, but only a home page per language, so one build takes about a second, not the whole site's."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HOME = {
    "docs": "---\ntitle: Fixture home\n---\n\nA page of the fixture site.\n",
    "docs_sv": "---\ntitle: Startsida\n---\n\nEn sida i testwebbplatsen.\n",
    "docs_ru": "---\ntitle: Главная\n---\n\nСтраница тестового сайта.\n",
}


@dataclass
class FixtureBuild:
    site: Path
    log: str
    returncode: int


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


def build_fixture(root: Path, site: Path | None = None, env: dict | None = None,
                  timeout: float = 120) -> FixtureBuild:
    site = site or root / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=root, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "RED_SKIP_PDF": "1", "SITE_URL": "http://127.0.0.1:8113/red-knowledge/", **(env or {})},
    )
    return FixtureBuild(site, result.stdout + result.stderr, result.returncode)
