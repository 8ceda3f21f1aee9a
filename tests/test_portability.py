"""The build's dependencies: MkDocs stays 1.x, and one list of Debian packages serves CI, deployment
and the README."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_mkdocs_is_pinned_below_2():
    """MkDocs 2.0 pre-releases drop plugins; the exact 1.x pin keeps them out."""
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", (REPO / "requirements.txt").read_text(), re.MULTILINE))
    assert pins["mkdocs"].split(".")[0] == "1"
    assert version("mkdocs").split(".")[0] == "1"
    properdocs = (REPO / "requirements-properdocs.txt").read_text()
    assert re.search(r"^properdocs==1\.6\.\d+$", properdocs, re.MULTILINE)


def listed_packages() -> list[str]:
    """system-packages.txt, each line by the name apt installs (the first of its alternatives)."""
    return [line.split("|")[0].strip() for line in (REPO / "system-packages.txt").read_text().splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def test_one_list_of_system_packages_everywhere():
    assert {"libharfbuzz-subset0", "libpango-1.0-0", "chromium", "make"} <= set(listed_packages())
    for user in (".ci/run", ".github/workflows/deploy.yml"):
        assert "bash scripts/check_system_packages.sh --install" in (REPO / user).read_text(), user
    assert ".ci/run" in (REPO / ".github/workflows/pull-request.yml").read_text()
    assert "system-packages.txt" in (REPO / "README.md").read_text()
    check = (REPO / "scripts/check_system_packages.sh").read_text()
    assert "system-packages.txt" in check and 'apt-get install -y -qq --no-install-recommends "${missing[@]}"' in check


def test_workflows_keep_no_token_in_the_checkout():
    for workflow in ("deploy.yml", "pull-request.yml"):
        text = (REPO / ".github/workflows" / workflow).read_text()
        assert text.count("actions/checkout@") == text.count("persist-credentials: false"), workflow


def test_the_libraries_weasyprint_loads_come_from_the_package_list_without_chromium():
    """A strict build must not depend on a library that only Chromium happens to pull in: every shared
    library WeasyPrint opens belongs to a package in the dependency closure of the list minus chromium."""
    import shutil
    import subprocess

    import pytest

    if not shutil.which("apt-cache") or not shutil.which("dpkg"):
        pytest.skip("not a Debian machine")
    listed = [package for package in listed_packages() if package != "chromium"]
    depends = subprocess.run(
        ["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
         "--no-breaks", "--no-replaces", "--no-enhances", *listed], capture_output=True, text=True, check=True)
    closure = {line.strip() for line in depends.stdout.splitlines() if not line.startswith(" ")}
    for library in ("libgobject-2.0.so.0", "libpango-1.0.so.0", "libpangoft2-1.0.so.0", "libharfbuzz.so.0",
                    "libharfbuzz-subset.so.0", "libfontconfig.so.1"):
        owner = subprocess.run(["dpkg", "-S", f"*/{library}"], capture_output=True, text=True)
        assert owner.returncode == 0, f"{library} is not installed: apt-get install the packages in system-packages.txt"
        package = owner.stdout.split(":", 1)[0]
        assert package in closure, f"{library} comes from {package}, which system-packages.txt does not bring in"
