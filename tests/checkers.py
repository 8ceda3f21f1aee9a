"""The outside checkers the suite runs over the built site: axe-core (injected into Chromium) and the W3C
Nu HTML checker (vnu-jar, run on Java). Their versions are pinned once, in package.json and
package-lock.json (with integrity hashes) at the repository root; `npm ci` installs exactly those into
node_modules/, and `make test` runs it. This module is the one place that says where each checker is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
LOCK = REPO / "package-lock.json"
INSTALL = "run `make test` (or `npm ci` at the repository root), which installs the versions in package-lock.json"


class CheckerMissing(RuntimeError):
    """A checker is not installed, or not in the version package-lock.json pins."""


@dataclass(frozen=True)
class Checker:
    package: str  # the npm package
    file: str  # the file of it the suite uses, inside the package

    def pinned_version(self, lock: Path = LOCK) -> str:
        """The version package-lock.json pins."""
        packages = json.loads(lock.read_text(encoding="utf-8"))["packages"]
        return packages[f"node_modules/{self.package}"]["version"]

    def path(self, node_modules: Path = NODE_MODULES, lock: Path = LOCK) -> Path:
        """The checker's file, once it is certain to be the pinned version; CheckerMissing says what to run."""
        pinned = self.pinned_version(lock)
        where = node_modules / self.package
        found = where / self.file
        if not found.is_file():
            raise CheckerMissing(f"{self.package} {pinned} is not installed ({found.relative_to(node_modules.parent)}"
                                 f" is missing): {INSTALL}")
        installed = json.loads((where / "package.json").read_text(encoding="utf-8"))["version"]
        if installed != pinned:
            raise CheckerMissing(f"node_modules/{self.package} is {installed}, but package-lock.json pins {pinned}: "
                                 f"{INSTALL}")
        return found


AXE = Checker("axe-core", "axe.min.js")
NU = Checker("vnu-jar", "build/dist/vnu.jar")
