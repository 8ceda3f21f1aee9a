"""The suite's layers (tests/layers.py): each test in exactly one, derived from its fixtures; what the
Makefile and pyproject.toml say about them; and the session's servers, each on a port of its own."""

from __future__ import annotations

import re
import tomllib
import urllib.error
import urllib.request
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

import layers
from conftest import REPO
from ghpages_server import SiteServer


class Item(SimpleNamespace):
    """Enough of a pytest item for layers.layer_of: its node id, fixtures and markers."""

    def iter_markers(self):
        return iter(self.markers)


def item(*fixtures: str, marks: tuple[str, ...] = ()) -> Item:
    return Item(nodeid="tests/test_x.py::test_x", fixturenames=["request", "tmp_path", *fixtures],
                markers=[SimpleNamespace(name=name) for name in marks])


@pytest.mark.parametrize(("fixtures", "layer"), [
    ((), "unit"),
    (("monkeypatch",), "unit"),
    (("site_address",), "build"),
    (("repo_copy",), "build"),
    (("built_site", "site_address"), "site"),
    (("built_site", "browser"), "browser"),
    (("site_server", "site_address"), "browser"),
    (("served_site", "built_site"), "browser"),
    (("every_page_audit",), "browser"),
])
def test_a_test_is_in_the_highest_layer_of_its_fixtures(fixtures, layer):
    assert layers.layer_of(item(*fixtures)) == layer


def test_a_marker_may_put_a_test_higher_than_its_fixtures_never_lower_and_only_once():
    assert layers.layer_of(item(marks=("browser",))) == "browser"
    with pytest.raises(layers.LayerError, match="marked unit, but it uses the fixture 'built_site'.* site layer"):
        layers.layer_of(item("built_site", marks=("unit",)))
    with pytest.raises(layers.LayerError, match="marked as build and unit; a test is in one layer"):
        layers.layer_of(item(marks=("unit", "build")))


def test_a_build_or_a_browser_in_a_lower_layer_fails_the_test_saying_what_to_do(monkeypatch):
    monkeypatch.setitem(layers._current, "test", "tests/test_x.py::test_x")
    monkeypatch.setitem(layers._current, "layer", "unit")
    with pytest.raises(layers.LayerError, match=r"test_x runs a build, but it is in the unit layer .*site_address"):
        layers.require("build", "runs a build")
    monkeypatch.setitem(layers._current, "layer", "site")
    layers.require("build", "runs a build")
    with pytest.raises(layers.LayerError, match="mark it @pytest.mark.browser"):
        layers.require("browser", "starts Chromium")
    monkeypatch.setitem(layers._current, "layer", None)  # outside a test (site_audit.py by hand): no check
    layers.require("browser", "starts Chromium")


def test_every_collected_test_carries_exactly_one_layer(request):
    for collected in request.session.items:
        assert len([mark for mark in collected.iter_markers() if mark.name in layers.LAYERS]) == 1, collected


def test_the_layers_are_registered_markers_and_make_targets_named_in_the_readme():
    options = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "--strict-markers" in options["addopts"]
    assert [line.split(":")[0] for line in options["markers"]] == list(layers.LAYERS)
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = re.search(r"^(test-unit [^:]*):.*\n\t(.*)$", makefile, re.MULTILINE)
    assert targets.group(1).split() == [f"test-{layer}" for layer in layers.LAYERS]
    assert targets.group(2) == "$(PY) -m pytest -m $(@:test-%=%)"
    assert re.search(r"^test:.*\n(\t.*\n)*?\t\$\(PY\) -m pytest\n", makefile, re.MULTILINE)  # every layer
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for layer in layers.LAYERS:
        assert f"`make test-{layer}`" in readme, layer


def test_each_session_server_holds_a_port_of_its_own_and_serves_the_site_it_is_given(tmp_path):
    for name, text in (("one", "first"), ("two", "second")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(text, encoding="utf-8")
        (tmp_path / name / "404.html").write_text("missing", encoding="utf-8")
    first, second = SiteServer().start(), SiteServer().start()
    try:
        assert urlsplit(first.url).port != urlsplit(second.url).port
        assert first.url.endswith("/red-knowledge/") and urlsplit(first.url).port > 0
        with pytest.raises(urllib.error.HTTPError, match="503"):  # no site yet
            urllib.request.urlopen(first.url, timeout=10)
        with first.serving(tmp_path / "one") as url, second.serving(tmp_path / "two"):
            assert urllib.request.urlopen(url, timeout=10).read() == b"first"
            with first.serving(tmp_path / "two"):
                assert urllib.request.urlopen(url, timeout=10).read() == b"second"
            assert urllib.request.urlopen(url, timeout=10).read() == b"first"  # the outer site again
            assert urllib.request.urlopen(second.url, timeout=10).read() == b"second"
    finally:
        first.close()
        second.close()
