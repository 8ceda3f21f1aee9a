"""Check that every page is translated, current and built like its English original.

    python scripts/check_translations.py [--format text|json|markdown|github] [--lang sv|ru]
    python scripts/check_translations.py --stamp docs_sv/methods/x.md [more files or folders]

Exit status: 0 when no error was found, warnings aside (pending, missing and outdated translations: the
site shows them with a notice, and they do not hold up a pull request), or every file was stamped; 1 when
an error was found (or a file could not be stamped); 2 on a usage error.
The checks are in scripts/redsite/translations/; `make check` and `make stamp FILE=...` call this
(through scripts/check_translations.py; `make` installs it as `red-check-translations` too).

Stamping sets `source_hash` in the translation's front matter to the hash of the English page as it
is now, and changes nothing else in the file. The hash ignores cosmetic edits of the English
(re-wrapped lines, blank lines, trailing spaces, line endings, YAML quoting or key order, the
per-language `last_reviewed`); any other change makes the translation outdated again. A page
still marked `pending: true` is not stamped: delete that line when the translation is finished.
For a stale translation, the text and markdown reports show the diff of the English since the
stamped version, found in git history.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from redsite.model import REPO_ROOT, load_model
from redsite.pages import PageFile, read_page
from redsite.translations import formats
from redsite.translations.freshness import stamped_hash
from redsite.translations.report import build_report

FORMATS = ("text", "json", "markdown", "github")


def parse_arguments(argv: list[str] | None):
    model = load_model()
    parser = argparse.ArgumentParser(
        description="Report missing, outdated, incomplete or differently built translations.",
        epilog="After updating a translation, stamp it as current: --stamp docs_sv/methods/x.md "
               "(or: make stamp FILE=docs_sv/methods/x.md).")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text for people (default), json, markdown for a pull-request comment, "
                             "github for workflow annotations")
    parser.add_argument("--lang", choices=[language.code for language in model.translations],
                        help="check only this language")
    parser.add_argument("--stamp", nargs="+", metavar="FILE",
                        help="record that these translations (files, or folders of them) match the current "
                             "English page, by setting source_hash in their front matter")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="repository root (default: this repository)")
    arguments = parser.parse_args(argv)
    if not (arguments.root / model.default_language.tree).is_dir():
        parser.error(f"{arguments.root} has no {model.default_language.tree}/ folder")
    return arguments


def stamp(arguments) -> int:
    from redsite.translations.stamp import stamp_paths  # here: a check does not need it (start-up time)

    outcomes = stamp_paths(arguments.stamp, arguments.root.resolve())
    for outcome in outcomes:
        print(f"{outcome.path}: {outcome.status} – {outcome.message}")
    refused = [outcome for outcome in outcomes if outcome.status == "refused"]
    if refused:
        print(f"{len(refused)} file(s) not stamped.", file=sys.stderr)
    return 1 if refused or not outcomes else 0


def check(arguments) -> int:
    root = arguments.root.resolve()
    report = build_report(root, languages=[arguments.lang] if arguments.lang else None)
    if arguments.format == "json":
        output = formats.as_json(report)
    elif arguments.format == "github":
        output = formats.as_github(report)
    else:
        changes = _english_changes(report, root)
        formatter = formats.as_markdown if arguments.format == "markdown" else formats.as_text
        output = formatter(report, changes)
    sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return 0 if report.passes else 1


def _english_changes(report, root: Path) -> dict:
    """git diffs of the English behind each stale translation that records a source_hash."""
    model = load_model()
    wanted = {}
    for problem in report.problems:
        if problem.kind != "stale":
            continue
        rel = model.split_page_path(problem.path)[1]
        recorded = stamped_hash(read_page(PageFile(problem.lang, rel, root / problem.path), root))
        if recorded:  # an unstamped translation's message already says that its version is unknown
            wanted[problem.path] = (model.page_path(rel, model.default_language.code), recorded)
    if not wanted:
        return {}
    from redsite.source_history import english_changes_of  # here: only a report with stale pages needs git

    changes = english_changes_of(root, wanted.values())  # a few git processes for all of them
    return {path: changes[pair] for path, pair in wanted.items()}


def main(argv: list[str] | None = None) -> int:
    # a file name that is not UTF-8 is printed as its escaped bytes, not a UnicodeEncodeError on a strict terminal
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    arguments = parse_arguments(argv)
    return stamp(arguments) if arguments.stamp else check(arguments)


if __name__ == "__main__":
    sys.exit(main())
