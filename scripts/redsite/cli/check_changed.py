"""The translation validator, limited to what a change touches (pull requests, pre-commit).

    python scripts/check_changed.py docs/methods/x.md docs_sv/methods/x.md
    python scripts/check_changed.py --base origin/main --github      # in a pull request's workflow

Runs the validator in this process (`build_report`, as `scripts/check_translations.py` does),
keeps the findings on the given files (or the files changed since --base) and on the other
language versions of the same pages, and reports pending, missing and stale translations
as warnings, everything else as errors; printed with the validator's own GitHub formatter.
Exit status 1 when an error remains, 2 when the validator could not run. See redsite/changes.py;
`make` installs this command as `red-check-changed` too.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from redsite.changes import related_paths, triage
from redsite.model import REPO_ROOT, load_model
from redsite.translations.formats import github_annotations
from redsite.translations.report import build_report


def changed_since(base: str, root: Path) -> list[str]:
    result = subprocess.run(["git", "-c", "core.quotePath=false", "diff", "--name-only", f"{base}...HEAD"],
                            cwd=root, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"error: cannot list the files changed since {base}: {result.stderr.strip()}\n"
                         "    how to fix: fetch the base branch first (git fetch origin main), "
                         "or name the files instead of --base")
    return result.stdout.splitlines()


def main(argv: list[str] | None = None) -> int:
    # a file name that is not UTF-8 is printed as its escaped bytes, not a UnicodeEncodeError on a strict terminal
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    parser = argparse.ArgumentParser(description="Validator findings on the files of a change.")
    parser.add_argument("files", nargs="*", help="changed files, relative to the repository root")
    parser.add_argument("--base", help="take the files changed between this git ref and HEAD")
    parser.add_argument("--github", action="store_true", help="print GitHub workflow annotations")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="repository root")
    arguments = parser.parse_args(argv)
    changed = list(arguments.files) + (changed_since(arguments.base, arguments.root) if arguments.base else [])
    root = arguments.root.resolve()
    english_tree = load_model().default_language.tree
    if not (root / english_tree).is_dir():
        print(f"error: {root} has no {english_tree}/ folder\n"
              "    how to fix: run from the repository's top folder, or pass it with --root", file=sys.stderr)
        return 2
    findings = triage(github_annotations(build_report(root)), related_paths(changed))
    for finding in findings:
        print(finding.github() if arguments.github else finding.text())
    errors = sum(finding.level == "error" for finding in findings)
    warnings = sum(finding.level == "warning" for finding in findings)
    print(f"{errors} error(s), {warnings} warning(s) in the changed pages"
          + ("" if arguments.github else " (pending, missing and stale translations are warnings)"), file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
