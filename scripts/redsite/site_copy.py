"""A copy of the repository's site sources: the tests' throw-away copy to break on purpose
(tests/conftest.py's `repo_copy`), and the copy the benchmarks grow to N pages (scripts/benchmark_scale.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from redsite.model import REPO_ROOT

COPIED = ["docs", "docs_sv", "docs_ru", "data", "overrides", "scripts", "mkdocs.yml", "pyproject.toml"]


def copy_repo(target: Path, source: Path = REPO_ROOT) -> Path:
    """Copy the site's sources (COPIED) from `source` into `target`; symlinks stay symlinks."""
    for name in COPIED:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", ".cache"))
        elif path.exists():
            shutil.copy2(path, target / name)
    return target
