"""The installable MkDocs plugin `red`: its settings' schema, its entry point and commands, what `make`
installs and checks before it builds (README, "Two commands" and "Layout")."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from packaging.version import Version

from conftest import REPO
from fixture_site import build_fixture, make_fixture_site
from redsite.plugin.config import checked

CACHES_TABLE = re.compile(r"^\| (`[^|]+`) \|", re.MULTILINE)


def test_mkdocs_finds_the_plugin_and_the_commands_are_installed():
    (plugin,) = [point for point in entry_points(group="mkdocs.plugins") if point.name == "red"]
    assert plugin.value == "redsite.plugin:RedSitePlugin" and plugin.load().__name__ == "RedSitePlugin"
    scripts = {point.name: point.value for point in entry_points(group="console_scripts")}
    for command in ("red-check-translations", "red-new-page", "red-check-changed"):
        assert scripts[command].startswith("redsite.cli.")
        result = subprocess.run([Path(sys.executable).with_name(command), "--help"], capture_output=True, text=True)
        assert result.returncode == 0 and "usage:" in result.stdout, command


def test_the_installed_package_carries_its_data_files():
    import redsite

    package = Path(redsite.__file__).parent
    for data in ("content_model.yml", "ui_strings.yml", "templates/catalog.html", "downloads/pdf/print.css",
                 "downloads/office/reference.docx", "downloads/office/reference.odt"):
        assert (package / data).is_file(), data
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    for pattern in ('"*.yml"', '"templates/*.html"', '"downloads/pdf/print.css"', '"downloads/office/reference.docx"'):
        assert pattern in pyproject, pattern


@pytest.mark.parametrize("settings, path, nearest", [
    ({"pdf": {"wokers": 4}}, "plugins.red.pdf.wokers", "plugins.red.pdf.workers"),
    ({"outputs": {"skpi": True}}, "plugins.red.outputs.skpi", "plugins.red.outputs.skip"),
    ({"nav": {"section_limt": 9}}, "plugins.red.nav.section_limt", "plugins.red.nav.section_limit"),
    ({"serach": {}}, "plugins.red.serach", "plugins.red.search"),
])
def test_an_unknown_key_is_a_warning_that_names_its_path_and_the_nearest_key(settings, path, nearest):
    _, failed, warnings = checked(settings)
    assert not failed
    (message,) = [str(message) for _, message in warnings]
    assert f"unknown setting {path}; did you mean {nearest}?" in message


@pytest.mark.parametrize("settings, message", [
    ({"pdf": {"workers": "four"}}, "plugins.red.pdf.workers: 'four' is not a whole number of processes"),
    ({"pdf": {"skip": "maybe"}}, "plugins.red.pdf.skip: 'maybe' is not true or false"),
    ({"pdf": {"skip": 2}}, "plugins.red.pdf.skip: 2 is not true or false"),
    ({"pdf": {"cache_dir": 5}}, "plugins.red.pdf.cache_dir: Expected type"),
    ({"search": {"stall_seconds": 0}}, "plugins.red.search.stall_seconds: 0 is not a number of seconds"),
    ({"pdf": ["skip"]}, "plugins.red.pdf is ['skip']; it must hold settings"),
])
def test_a_value_of_the_wrong_kind_is_an_error_naming_its_path(settings, message):
    _, failed, _ = checked(settings)
    assert message in str(failed[0][1])


def test_the_defaults_need_no_settings_at_all(tmp_path):
    from redsite.plugin.config import build_settings

    config, failed, warnings = checked({})
    settings = build_settings(config, tmp_path)
    assert not failed and not warnings
    assert (settings.pdf.skip, settings.pdf.handbook_limit, settings.nav_section_limit) == (False, None, None)
    assert settings.pdf.workers >= 1 and settings.search_stall_seconds == 120


def test_a_typo_in_mkdocs_yml_fails_the_strict_build_and_names_the_key(tmp_path, site_address):
    root = make_fixture_site(tmp_path / "site-src")
    config = root / "mkdocs.yml"
    text, count = re.subn(r"^(        workers: .*)$", r"\1\n        wokers: 4", config.read_text(encoding="utf-8"),
                          flags=re.MULTILINE)
    assert count == 1
    config.write_text(text, encoding="utf-8")
    build = build_fixture(root, site_url=site_address)
    assert build.returncode != 0
    assert "unknown setting plugins.red.pdf.wokers; did you mean plugins.red.pdf.workers?" in build.log
    assert "Traceback" not in build.log and not (build.site / "index.html").exists()


def test_what_outlives_a_build_is_listed_in_one_place_and_exists():
    from redsite.plugin import caches

    named = [name.strip("`") for cell in CACHES_TABLE.findall(caches.__doc__) for name in cell.split(", ")]
    assert len(named) >= 20
    module = None
    for name in named:
        if name.startswith("`"):
            name = name.strip("`")
        if name.startswith("."):  # `.stemmer_for` after `term_matching.stem_cache`: the same module
            target = module
            attribute = name[1:]
        elif name.startswith("RedSitePlugin."):
            from redsite.plugin.events import RedSitePlugin

            assert hasattr(RedSitePlugin(), name.split(".")[1].split(" ")[0]), name
            continue
        else:
            module_name, attribute = name.rsplit(".", 1)
            target = module = _module(module_name)
        assert hasattr(target, attribute), name


def _module(name: str):
    for prefix in ("redsite.", "redsite.translations.", "redsite.plugin.", "redsite.downloads."):
        try:
            return import_module(prefix + name)
        except ModuleNotFoundError:
            continue
    raise AssertionError(f"no module {name}")


def test_the_validator_runs_without_the_plugin():
    """The validator's command line imports neither the plugin nor MkDocs' build machinery."""
    probe = ("import sys, runpy; sys.argv = ['check', '--help']\n"
             "try:\n    runpy.run_module('redsite.cli.check_translations', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.startswith(('redsite.plugin', 'mkdocs.commands'))))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


# --- What `make` installs and checks ------------------------------------------------------------

def test_make_installs_the_locked_requirements_with_hashes_then_the_project():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for lock in ("requirements.lock", "requirements-properdocs.lock"):
        assert re.search(rf"pip install .*--require-hashes -r {lock}", makefile), lock
        text = (REPO / lock).read_text(encoding="utf-8")
        pins = re.findall(r"^([A-Za-z0-9_.\[\]-]+)==(\S+) \\$", text, re.MULTILINE)
        assert len(pins) > 50 and text.count("--hash=sha256:") >= len(pins)
        assert ("mkdocs", "1.6.1") in pins
        assert Version(dict(pins)["lxml"]) >= Version("6.2.1")  # 6.2.0 carries security fixes
    assert makefile.count("--no-deps --no-build-isolation --editable .") == 2
    runtime = (REPO / "requirements.txt").read_text(encoding="utf-8")
    for tool in ("pytest", "ruff", "playwright", "pypdf", "pip-audit"):
        assert not re.search(rf"^{tool}==", runtime, re.MULTILINE | re.IGNORECASE), tool
        assert re.search(rf"^{tool}==", (REPO / "requirements-dev.txt").read_text(), re.MULTILINE), tool


def test_build_serve_and_test_check_the_system_packages_first():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for target in ("build", "serve", "test", "test-properdocs"):
        assert re.search(rf"^{target}: system-packages ", makefile, re.MULTILINE), target
    assert "scripts/check_system_packages.sh" in makefile


def test_a_missing_system_package_is_named_with_the_command_that_installs_it(tmp_path):
    if not shutil.which("dpkg-query"):
        pytest.skip("not a Debian machine")
    (tmp_path / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "check_system_packages.sh", tmp_path / "scripts")
    listed = (REPO / "system-packages.txt").read_text(encoding="utf-8")
    (tmp_path / "system-packages.txt").write_text(listed + "red-no-such-package\nred-nor-this-one\n", encoding="utf-8")
    result = subprocess.run(["bash", str(tmp_path / "scripts" / "check_system_packages.sh")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "lacks 2 Debian package(s)" in result.stderr and "red-no-such-package red-nor-this-one" in result.stderr
    assert re.search(r"apt-get install -y --no-install-recommends red-no-such-package red-nor-this-one$",
                     result.stderr.strip())
    (tmp_path / "system-packages.txt").write_text(listed, encoding="utf-8")
    complete = subprocess.run(["bash", str(tmp_path / "scripts" / "check_system_packages.sh")],
                              capture_output=True, text=True)
    assert complete.returncode == 0 and not complete.stderr


# --- The audit of the locked requirements ---------------------------------------------------------

def audit(tmp_path, report: dict, accepted: str = "", strict: bool = False) -> subprocess.CompletedProcess:
    (tmp_path / "report.json").write_text(json.dumps(report), encoding="utf-8")
    (tmp_path / "accepted.toml").write_text(accepted, encoding="utf-8")
    command = [sys.executable, str(REPO / "scripts" / "audit_requirements.py"), str(REPO / "requirements.lock"),
               "--report", str(tmp_path / "report.json"), "--exceptions", str(tmp_path / "accepted.toml")]
    return subprocess.run(command + (["--strict"] if strict else []), capture_output=True, text=True)


VULNERABLE = {"dependencies": [
    {"name": "lxml", "version": "6.1.3", "vulns": [
        {"id": "GHSA-aaaa-bbbb-cccc", "aliases": ["CVE-2026-0001"], "fix_versions": ["6.2.0"]}]},
    {"name": "mkdocs", "version": "1.6.1", "vulns": []}], "fixes": []}


def test_a_known_vulnerability_fails_the_audit_unless_accepted_with_a_reason_and_a_date(tmp_path):
    found = audit(tmp_path, VULNERABLE)
    assert found.returncode == 1
    assert "lxml 6.1.3: CVE-2026-0001 / GHSA-aaaa-bbbb-cccc (fixed in: 6.2.0)" in found.stderr
    assert "how to fix: raise the pin" in found.stderr
    accepted = ('[[accepted]]\nid = "CVE-2026-0001"\npackage = "lxml"\n'
                'reason = "Only parses HTML the build wrote."\ndate = 2026-01-31\n')
    assert audit(tmp_path, VULNERABLE, accepted).returncode == 0
    undated = accepted.replace("date = 2026-01-31\n", "")
    result = audit(tmp_path, VULNERABLE, undated)
    assert result.returncode == 1 and "lacks date" in result.stderr
    other_package = accepted.replace('package = "lxml"', 'package = "pypdf"')
    assert audit(tmp_path, VULNERABLE, other_package).returncode == 1


def test_packages_whose_advisory_data_was_out_of_reach_are_named_and_fail_the_strict_audit(tmp_path):
    unreachable = {"dependencies": [{"name": "lxml", "skip_reason": "Dependency not found on PyPI"}], "fixes": []}
    lenient = audit(tmp_path, unreachable)
    assert lenient.returncode == 0 and "NOT audited" in lenient.stderr and "lxml" in lenient.stderr
    strict = audit(tmp_path, unreachable, strict=True)
    assert strict.returncode == 2 and strict.stderr.startswith("error: pip-audit could not reach")


def test_the_real_exceptions_file_is_valid(tmp_path):
    (tmp_path / "clean.json").write_text('{"dependencies": [], "fixes": []}', encoding="utf-8")
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "audit_requirements.py"),
                             str(REPO / "requirements.lock"), "--report", str(tmp_path / "clean.json")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "0 accepted in audit-exceptions.toml" in result.stdout, result.stderr
