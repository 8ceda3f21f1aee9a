"""The suite's layers: every test is in exactly one, derived from the fixtures it uses.

- unit: no build, no browser (the functions, the validator, hostile input on small trees);
- build: builds of throw-away sites (a fixture site or a copy of the repository, `site_address`);
- site: the real site, built once per session (`built_site`);
- browser: Debian's Chromium and the Pages-like server (`browser`, `site_server`).

A test is in the highest layer among the fixtures it needs (directly or through other fixtures). A test
may carry one layer marker of its own, to be put higher than its fixtures say, never lower; anything
else stops the collection with a message that says what to change. At run time, a build or a Chromium
started by a test of a lower layer fails that test (`require`), so a new test cannot slip through in a
layer that does not build.

At the end of the session the time per layer is printed: the sum of its tests' durations (setup, call,
teardown), and the session's own time with the load average, since a shared machine stretches both.
"""

from __future__ import annotations

import os
import time

import pytest

LAYERS = ("unit", "build", "site", "browser")
# The fixtures that put a test into a layer; everything else is derived through them.
FIXTURE_LAYERS = {
    "site_address": "build",  # the address builds are made for: only a test that builds needs it
    "repo_copy": "build",
    "built_site": "site",
    "site_server": "browser",
    "served_site": "browser",
    "every_page_audit": "browser",
    "browser": "browser",
}
DESCRIPTIONS: dict[str, str] = {}  # layer -> what it holds: the markers registered in pyproject.toml

_current: dict[str, str | None] = {"test": None, "layer": None}


class LayerError(Exception):
    pass


def derived_layer(item) -> tuple[str, str | None]:
    """The highest layer among the fixtures `item` needs, and the fixture that puts it there."""
    layer, reason = "unit", None
    for name in getattr(item, "fixturenames", ()):
        found = FIXTURE_LAYERS.get(name)
        if found and LAYERS.index(found) > LAYERS.index(layer):
            layer, reason = found, name
    return layer, reason


def layer_of(item) -> str:
    """The test's one layer; LayerError with what to change where it has none."""
    marked = [mark.name for mark in item.iter_markers() if mark.name in LAYERS]
    derived, reason = derived_layer(item)
    if len(set(marked)) > 1:
        raise LayerError(f"{item.nodeid}: marked as {' and '.join(sorted(set(marked)))}; a test is in one layer: "
                         "keep one marker (or none, to take the layer of its fixtures)")
    if marked and LAYERS.index(marked[0]) < LAYERS.index(derived):
        raise LayerError(f"{item.nodeid}: marked {marked[0]}, but it uses the fixture '{reason}', which is of "
                         f"the {derived} layer: remove the marker or the fixture")
    return marked[0] if marked else derived


def require(layer: str, what: str) -> None:
    """Called where a build runs or Chromium starts: the test under way must be of `layer` or higher."""
    current = _current["layer"]
    if current is not None and LAYERS.index(current) < LAYERS.index(layer):
        raise LayerError(
            f"{_current['test']} {what}, but it is in the {current} layer ({DESCRIPTIONS[current]}); "
            f"give it the fixture that says so ({', '.join(n for n, of in FIXTURE_LAYERS.items() if of == layer)}) "
            f"or mark it @pytest.mark.{layer}")


class LayerTimes:
    """The tests' durations (setup, call and teardown) summed per layer."""

    def __init__(self):
        self.tests = dict.fromkeys(LAYERS, 0)
        self.seconds = dict.fromkeys(LAYERS, 0.0)
        self.started = time.monotonic()

    def lines(self) -> list[str]:
        lines = [f"{layer:<8} {self.tests[layer]:>5} tests {self.seconds[layer]:>8.1f} s" for layer in LAYERS]
        lines.append(f"{'all':<8} {sum(self.tests.values()):>5} tests {sum(self.seconds.values()):>8.1f} s"
                     f"   (the session: {time.monotonic() - self.started:.1f} s; load average now "
                     f"{' '.join(f'{value:.2f}' for value in os.getloadavg())})")
        return lines


_times = LayerTimes()


# --- pytest hooks, imported by conftest.py --------------------------------------------------------------

def pytest_configure(config):
    registered = dict(line.split(":", 1) for line in config.getini("markers"))
    missing = [layer for layer in LAYERS if layer not in registered]
    if missing:
        raise pytest.UsageError(f"the layer markers {missing} are not registered: list them under "
                                "[tool.pytest.ini_options] markers in pyproject.toml")
    DESCRIPTIONS.update({layer: registered[layer].strip() for layer in LAYERS})


_LAYER = pytest.StashKey[str]()


def assign_layers(items) -> None:
    """Mark every item with its layer (conftest.py calls it before `-m` selects by the markers)."""
    errors = []
    for item in items:
        try:
            layer = layer_of(item)
        except LayerError as error:
            errors.append(str(error))
            continue
        if not any(mark.name == layer for mark in item.iter_markers()):  # a test marked by hand keeps its one mark
            item.add_marker(getattr(pytest.mark, layer))
        item.stash[_LAYER] = layer
    if errors:
        raise pytest.UsageError("tests without one layer (tests/layers.py):\n" + "\n".join(errors))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _current.update(test=item.nodeid, layer=item.stash.get(_LAYER, None))
    try:
        return (yield)
    finally:
        _current.update(test=None, layer=None)


def pytest_runtest_logreport(report):
    layer = next((name for name in LAYERS if name in report.keywords), None)
    if layer:
        _times.seconds[layer] += report.duration
        if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
            _times.tests[layer] += 1


def pytest_terminal_summary(terminalreporter):
    if sum(_times.tests.values()):
        terminalreporter.section("time per layer")
        for line in _times.lines():
            terminalreporter.write_line(line)
