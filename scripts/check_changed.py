"""The translation validator, limited to what a change touches (pull requests, pre-commit).

    python scripts/check_changed.py docs/methods/x.md docs_sv/methods/x.md
    python scripts/check_changed.py --base origin/main --github      # in a pull request's workflow

Runs `scripts/check_translations.py --format github`, keeps the findings on the
given files (or the files changed since --base) and on the other language
versions of the same pages, and reports pending, missing and stale translations
as warnings, everything else as errors. Exit status 1 when an error remains,
2 when the validator itself could not run. See redsite/changes.py.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from redsite.changes import parse_annotations, related_paths, triage  # noqa: E402
from redsite.model import REPO_ROOT  # noqa: E402

VALIDATOR = Path(__file__).resolve().with_name("check_translations.py")


def changed_since(base: str, root: Path) -> list[str]:
    result = subprocess.run(["git", "-c", "core.quotePath=false", "diff", "--name-only", f"{base}...HEAD"],
                            cwd=root, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"error: cannot list the files changed since {base}: {result.stderr.strip()}\n"
                         "    how to fix: fetch the base branch first (git fetch origin main), "
                         "or name the files instead of --base")
    return result.stdout.splitlines()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validator findings on the files of a change.")
    parser.add_argument("files", nargs="*", help="changed files, relative to the repository root")
    parser.add_argument("--base", help="take the files changed between this git ref and HEAD")
    parser.add_argument("--github", action="store_true", help="print GitHub workflow annotations")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="repository root")
    arguments = parser.parse_args(argv)
    changed = list(arguments.files) + (changed_since(arguments.base, arguments.root) if arguments.base else [])
    validator = subprocess.run([sys.executable, str(VALIDATOR), "--format", "github", "--root", str(arguments.root)],
                               capture_output=True, text=True, check=False)
    if validator.returncode not in (0, 1):
        sys.stderr.write(validator.stdout + validator.stderr)
        return 2
    findings = triage(parse_annotations(validator.stdout), related_paths(changed))
    for finding in findings:
        print(finding.github() if arguments.github else finding.text())
    errors = sum(finding.level == "error" for finding in findings)
    warnings = sum(finding.level == "warning" for finding in findings)
    print(f"{errors} error(s), {warnings} warning(s) in the changed pages"
          + ("" if arguments.github else " (pending, missing and stale translations are warnings)"), file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
