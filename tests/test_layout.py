"""The README's layout tables match the tree, and the code stays in small modules."""

from __future__ import annotations

import re

from conftest import REPO

SCRIPTS = REPO / "scripts"
PACKAGE = SCRIPTS / "redsite"
MAX_MODULE_LINES = 400


def layout_section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return readme[readme.index("## Layout"):readme.index("\n## ", readme.index("## Layout") + 1)]


def named_paths() -> set[str]:
    found = re.findall(r"`((?:docs|data|overrides|tests|scripts|mkdocs)[^`]*)`", layout_section())
    return {path.rstrip("/") for path in found if "/" in path or "." in path}  # not `docs_dir`, a setting


def test_every_path_the_layout_names_exists():
    missing = [path for path in named_paths() if not (REPO / path).exists()]
    assert not missing


def test_every_script_module_and_package_is_in_the_layout():
    named = named_paths()
    entries = [*SCRIPTS.glob("*.py"), *PACKAGE.iterdir()]
    unlisted = [entry.relative_to(REPO).as_posix() for entry in entries
                if entry.name not in ("__init__.py", "__pycache__")
                and entry.relative_to(REPO).as_posix() not in named]
    assert not unlisted


def test_redsite_is_a_package_imported_without_path_juggling():
    """`make` installs the project (editable): the build, the commands, the benchmarks and the tests import
    the one `redsite`, with no sys.path line, no pytest pythonpath and no ruff exception for it."""
    assert (PACKAGE / "__init__.py").is_file()
    for script in SCRIPTS.rglob("*.py"):
        text = script.read_text(encoding="utf-8")
        assert "noqa: E402" not in text and "sys.path" not in text, script
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "pythonpath" not in pyproject and "per-file-ignores" not in pyproject
    assert 'red = "redsite.plugin:RedSitePlugin"' in pyproject


def test_no_module_is_over_about_400_lines():
    long = {path.relative_to(REPO).as_posix(): lines for path in SCRIPTS.rglob("*.py")
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long


def test_field_types_are_parsed_only_by_the_model():
    """No module slices content-model type strings such as 'list[enum:themes]'."""
    for path in SCRIPTS.rglob("*.py"):
        if path.name == "model.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""["']list\[|["']enum:|\.type\.startswith|\.type\[""", text), path
