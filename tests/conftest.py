"""Shared fixtures: the real site built once per session, and throw-away copies of the repo."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from redsite.sample_site import copy_repo

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The test site is built for the address the browser tests serve it from, as production is
# built for its own host: absolute URLs (hreflang, 404 links) then stay on this machine.
LOCAL_PORT = free_port()
LOCAL_SITE_URL = f"http://127.0.0.1:{LOCAL_PORT}/red-knowledge/"


@dataclass
class Build:
    site: Path
    log: str
    returncode: int
    site_url: str = LOCAL_SITE_URL


def run_build(repo: Path, site: Path, env: dict | None = None) -> Build:
    result = subprocess.run(
        # RED_BUILD_MODULE=properdocs: `make test-properdocs` runs the HTML tests on a ProperDocs build
        [sys.executable, "-m", os.environ.get("RED_BUILD_MODULE", "mkdocs"), "build", "--strict",
         "--site-dir", str(site)],
        cwd=repo, capture_output=True, text=True,
        env={**os.environ, "SITE_URL": LOCAL_SITE_URL, **(env or {})},
    )
    return Build(site, result.stdout + result.stderr, result.returncode)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Build:
    """The real repository's site, built once for every test that reads HTML."""
    build = run_build(REPO, tmp_path_factory.mktemp("site"))
    assert build.returncode == 0, build.log
    return build


@pytest.fixture
def repo_copy(tmp_path) -> Path:
    """A disposable copy of the repository's site sources, to break on purpose."""
    return copy_repo(tmp_path / "repo")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by playwright: one per test module (no browser is ever downloaded)."""
    from playwright.sync_api import sync_playwright

    from site_audit import CHROMIUM, CHROMIUM_ARGS

    assert Path(CHROMIUM).exists(), "Chromium is missing: apt-get install chromium (see system-packages.txt)"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
