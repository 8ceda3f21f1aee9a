"""Shared fixtures: the Pages-like servers (each port bound once for the session), the real site built
once per session for its server's address, throw-away copies of the repo, Debian's Chromium; and the
layers every test is put into (tests/layers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from background_audit import BackgroundAudit
from fixture_site import REPO, Build, copy_repo, run_build  # noqa: F401  (REPO: for the test modules)
from ghpages_server import SiteServer
from layers import (  # noqa: F401  (pytest's hooks: the layers, and the time per layer at the end)
    assign_layers,
    pytest_configure,
    pytest_runtest_logreport,
    pytest_runtest_protocol,
    pytest_terminal_summary,
)


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by the layer markers
def pytest_collection_modifyitems(config, items):
    assign_layers(items)
    # The every-page audit runs in the background from the moment the real site is served; the tests that
    # take its findings come last, so that it has run beside all the others.
    items.sort(key=lambda item: "every_page_audit" in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session")
def _fixture_server():
    """The server of the sites tests build. Bound now, on a port the OS picks, and held until the session
    ends: sites are built for its address (absolute URLs, hreflang and 404 links, stay on this machine, as
    production's stay on its host), and no other process can take the port in between."""
    server = SiteServer()
    yield server
    server.close()


@pytest.fixture(scope="session")
def _real_site_server():
    """The real site's own server, bound like `_fixture_server`: it answers with the real site only, for the
    whole session, whichever fixture site the other one serves."""
    server = SiteServer()
    yield server
    server.close()


@pytest.fixture(scope="session")
def site_address(_fixture_server) -> str:
    """The address fixture sites and copies of the repository are built for, served from by `site_server`."""
    return _fixture_server.url


@pytest.fixture(scope="session")
def site_server(_fixture_server) -> SiteServer:
    """The GitHub-Pages-like server (tests/ghpages_server.py) of the fixture sites, answering with one
    at a time: `with site_server.serving(site) as url`."""
    return _fixture_server.start()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, _real_site_server) -> Build:
    """The real repository's site, with its PDFs, DOCX/ODT guides and offline copies, built once for every
    test that reads it."""
    result = run_build(REPO, tmp_path_factory.mktemp("site"), site_url=_real_site_server.url)
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def real_site_built_twice(tmp_path_factory, site_address) -> tuple[Build, Build]:
    """The real repository's site built twice without PDFs, DOCX/ODT or offline copies, for the tests that
    hold generated files byte-identical from one build to the next."""
    builds = tuple(run_build(REPO, tmp_path_factory.mktemp(f"rebuild{number}"), {"RED_SKIP_PDF": "1"},
                             site_url=site_address) for number in (1, 2))
    for build in builds:
        assert build.returncode == 0, build.log
    return builds


@pytest.fixture(scope="session")
def _background_audit(tmp_path_factory) -> BackgroundAudit:
    return BackgroundAudit(tmp_path_factory.mktemp("every-page-audit") / "findings.json")


@pytest.fixture(scope="session")
def served_site(built_site, _real_site_server, _background_audit, request) -> str:
    """The real site's address, answered by its Pages-like server. If the session is to audit every page,
    the audit starts now, in the background (tests/background_audit.py)."""
    with _real_site_server.start().serving(built_site.site) as url:
        assert url == built_site.site_url
        if any("every_page_audit" in item.fixturenames for item in request.session.items):
            _background_audit.start(built_site.site, url)
        yield url
        _background_audit.stop()  # only if its findings were never asked for


@pytest.fixture(scope="session")
def every_page_audit(built_site, served_site, _background_audit):
    """The every-page audit's findings (site_audit.Audit), once it has finished."""
    _background_audit.start(built_site.site, served_site)
    return _background_audit.result()


@pytest.fixture
def repo_copy(tmp_path) -> Path:
    """A disposable copy of the repository's site sources, to break on purpose."""
    return copy_repo(tmp_path / "repo")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by playwright: one for the session, each test in contexts of its own (no
    browser is ever downloaded)."""
    from playwright.sync_api import sync_playwright

    from site_audit import CHROMIUM, CHROMIUM_ARGS

    assert Path(CHROMIUM).exists(), "Chromium is missing: apt-get install chromium (see system-packages.txt)"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
