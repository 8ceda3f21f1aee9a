"""The outside checkers (tests/checkers.py): pinned once, installed by `make test`, and a clear message when
they are missing or not the pinned version."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from checkers import AXE, LOCK, NU, REPO, Checker, CheckerMissing

PINNED = {"axe-core": AXE, "vnu-jar": NU}


def test_each_checker_is_pinned_to_one_exact_version_with_an_integrity_hash():
    declared = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    assert declared["private"] is True and set(declared) & {"dependencies", "scripts"} == set()
    assert declared["devDependencies"] == {name: checker.pinned_version() for name, checker in PINNED.items()}
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", version) for version in declared["devDependencies"].values())
    locked = json.loads(LOCK.read_text(encoding="utf-8"))["packages"]
    assert set(locked) == {""} | {f"node_modules/{name}" for name in PINNED}  # nothing else comes along
    for name in PINNED:
        assert locked[f"node_modules/{name}"]["integrity"].startswith("sha512-"), name


def test_make_test_installs_them_with_npm_ci_and_runs_none_of_their_scripts():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    ready = re.search(r"^NODE_READY := (\S+)$", makefile, re.MULTILINE).group(1)
    assert re.search(r"^\$\(NODE_READY\): package\.json package-lock\.json .npmrc\n\tnpm ci\n\ttouch \$\(NODE_READY\)$",
                     makefile, re.MULTILINE)
    for target in ("test", "test-unit test-build test-site test-browser"):
        assert re.search(rf"^{target}: .*\$\(NODE_READY\)", makefile, re.MULTILINE), target
    assert ready.startswith("node_modules/") and "node_modules/" in (REPO / ".gitignore").read_text().splitlines()
    npmrc = (REPO / ".npmrc").read_text(encoding="utf-8")
    assert re.search(r"^ignore-scripts=true$", npmrc, re.MULTILINE)  # vnu-jar's would download a Java runtime


def test_the_system_packages_bring_node_npm_and_java():
    listed = {line.strip() for line in (REPO / "system-packages.txt").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")}
    assert {"nodejs", "npm", "default-jre-headless | java-runtime-headless"} <= listed


def test_a_missing_checker_says_to_run_make_test_or_npm_ci(tmp_path):
    lock = tmp_path / "package-lock.json"
    lock.write_text(json.dumps({"packages": {"node_modules/axe-core": {"version": "4.14.1"}}}), encoding="utf-8")
    checker = Checker("axe-core", "axe.min.js")
    with pytest.raises(CheckerMissing, match=r"axe-core 4\.14\.1 is not installed \(node_modules/axe-core/axe\.min\.js"
                                             r" is missing\): run `make test` \(or `npm ci`"):
        checker.path(tmp_path / "node_modules", lock)
    (tmp_path / "node_modules" / "axe-core").mkdir(parents=True)
    (tmp_path / "node_modules" / "axe-core" / "axe.min.js").write_text("/* axe */", encoding="utf-8")
    (tmp_path / "node_modules" / "axe-core" / "package.json").write_text('{"version": "4.12.1"}', encoding="utf-8")
    with pytest.raises(CheckerMissing, match=r"is 4\.12\.1, but package-lock\.json pins 4\.14\.1: run `make test`"):
        checker.path(tmp_path / "node_modules", lock)
    (tmp_path / "node_modules" / "axe-core" / "package.json").write_text('{"version": "4.14.1"}', encoding="utf-8")
    assert checker.path(tmp_path / "node_modules", lock) == tmp_path / "node_modules" / "axe-core" / "axe.min.js"


def test_the_installed_checkers_are_the_pinned_ones():
    """As `make test` leaves them (node_modules is installed before the tests run)."""
    for checker in PINNED.values():
        assert checker.path().is_file()


def run_package_check(tmp_path, listed: str) -> subprocess.CompletedProcess:
    (tmp_path / "scripts").mkdir(exist_ok=True)
    shutil.copy(REPO / "scripts" / "check_system_packages.sh", tmp_path / "scripts")
    (tmp_path / "system-packages.txt").write_text(listed, encoding="utf-8")
    return subprocess.run(["bash", str(tmp_path / "scripts" / "check_system_packages.sh")],
                          capture_output=True, text=True)


def a_name_only_provided() -> str | None:
    """A virtual package an installed package provides (as NodeSource's nodejs provides npm), not itself installed."""
    rows = subprocess.run(["dpkg-query", "-W", "-f=${db:Status-Abbrev}|${Package}|${Provides}\n"],
                          capture_output=True, text=True).stdout.splitlines()
    installed = [row.split("|") for row in rows if row.startswith("ii")]
    names = {package for _, package, _ in installed}
    provided = {re.sub(r" \(.*\)", "", name).strip() for *_, provides in installed for name in provides.split(",")}
    return min(provided - names - {""}, default=None)


def test_a_line_of_alternatives_or_a_provided_package_counts_as_installed(tmp_path):
    """Node.js from NodeSource brings npm, and any Java runtime runs the Nu checker: neither is reported missing."""
    if not shutil.which("dpkg-query"):
        pytest.skip("not a Debian machine")
    assert run_package_check(tmp_path, "# a comment\nred-no-such-package | bash\n").returncode == 0
    missing = run_package_check(tmp_path, "red-first | red-second\nbash\n  # indented comment\nred-other\n")
    assert missing.returncode == 1
    assert "lacks 2 Debian package(s) the site needs (system-packages.txt): red-first red-other" in missing.stderr
    assert missing.stderr.rstrip().endswith("apt-get install -y --no-install-recommends red-first red-other")
    virtual = a_name_only_provided()
    if virtual is None:
        pytest.skip("no installed package provides another name here")
    assert run_package_check(tmp_path, f"{virtual}\n").returncode == 0, virtual
