"""The pull request's content checks, in minutes: what matters for a change to pages and data.

    .venv/bin/python scripts/check_content.py --base origin/main        (make check-content BASE=origin/main)
    .venv/bin/python scripts/check_content.py --base origin/main --scope   (prints content-only=true|false)

Steps, each with its time (wall and CPU), all run even when one fails:

1. the validator on the changed pages and their other language versions (scripts/check_changed.py): pending,
   missing and outdated translations are warnings, every other finding an error;
2. the strict build of the whole site, downloads and offline copies included (`mkdocs build --strict`),
   into --site (default: site/), for the address the audit serves it at;
3. the hostile-input policy: the unit tests of tests/test_hostile*.py;
4. the browser audit (tests/site_audit.py: axe-core in light, dark and phone modes, sideways scrolling, failed
   requests, console errors, requests to other hosts, the skip link) of the changed pages in every language
   and of the generated pages that change with them (catalogs, glossary, translation status).

The full suite (`make test`) is for changes to code; the pull-request workflow runs this instead when a change
touches only the language trees (docs/assets/ aside) and data/ (redsite.preview.is_content). Exit status 0
when every step passed, 1 when one failed, 2 when the change could not be listed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BASE_PATH = "/red-knowledge/"  # where tests/site_audit.py serves the site, as GitHub Pages does
STATEMENT = "docs/accessibility.md"  # best-practice findings must be explained there (as in the full suite)


# The PDF and DOCX/ODT caches (.cache/) key each guide by its inputs, the page's web address among them: a build
# for the same address as the last one renders only the guides that changed (minutes less on a cold machine).
PREFERRED_PORT = 8431


def free_port(preferred: int = PREFERRED_PORT) -> int:
    """`preferred` if it is free now, else a port the OS picks; the build is made for it and the audit's server
    binds it right after."""
    for wanted in (preferred, 0):
        with socket.socket() as probe:
            # as the audit's http.server does: the port of the last run's server may still be in TIME_WAIT
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", wanted))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise OSError("no free port on 127.0.0.1")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Steps:
    def __init__(self) -> None:
        self.results: list[tuple[str, bool, float, float]] = []

    def run(self, name: str, command: list[str], env: dict | None = None, judge=None) -> bool:
        print(f"\n== {name}", flush=True)
        started, cpu = time.monotonic(), children_cpu()
        result = subprocess.run(command, cwd=REPO, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                                check=False)
        passed = result.returncode == 0 and (judge() if judge else True)
        self.results.append((name, passed, time.monotonic() - started, children_cpu() - cpu))
        return passed

    def summary(self) -> str:
        lines = ["", "== Content checks", f"{'step':<34} {'result':<7} {'wall':>8} {'CPU':>8}"]
        for name, passed, wall, cpu in self.results:
            lines.append(f"{name:<34} {'passed' if passed else 'FAILED':<7} {wall:>7.1f}s {cpu:>7.1f}s")
        wall = sum(result[2] for result in self.results)
        cpu = sum(result[3] for result in self.results)
        load = " ".join(f"{value:.2f}" for value in os.getloadavg())
        lines.append(f"{'all':<34} {'passed' if self.passed else 'FAILED':<7} {wall:>7.1f}s {cpu:>7.1f}s"
                     f"   (load average now {load})")
        return "\n".join(lines)

    @property
    def passed(self) -> bool:
        return all(result[1] for result in self.results)


def audit_failures(findings: dict, statement: str) -> list[str]:
    """What the full suite's every-page audit (tests/test_every_page_browser.py) refuses, in these findings."""
    failures = [f"{mode}: WCAG violations on {page}: {sorted({item['id'] for item in found})}"
                for mode, pages in findings["violations"].items() for page, found in pages.items() if found]
    rules = {item["id"] for pages in findings["best_practice"].values() for found in pages.values()
             for item in found}
    failures += [f"best-practice finding '{rule}' is not explained in {STATEMENT}" for rule in sorted(rules)
                 if not re.search(rf"`{re.escape(rule)}`", statement)]
    for key, what in (("overflow", "scrolls sideways"), ("failed_requests", "has failed same-origin requests"),
                      ("console_errors", "has console errors"), ("skip_link", "has a skip link that misses the title")):
        failures += [f"{page} {what}: {detail}" for page, detail in findings[key].items()]
    if set(findings["hosts"]) - {"127.0.0.1"}:
        failures.append(f"requests left the machine: {sorted(set(findings['hosts']) - {'127.0.0.1'})}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="origin/main", help="the git ref the change is compared with")
    parser.add_argument("--site", type=Path, default=REPO / "site", help="where the build goes (default: site/)")
    parser.add_argument("--scope", action="store_true",
                        help="only say whether the change is content only (content-only=true|false)")
    arguments = parser.parse_args(argv)

    from redsite.model import load_model
    from redsite.preview import PreviewError, changed_files, preview
    from redsite.translations.report import build_report

    model = load_model()
    try:
        files = changed_files(REPO, arguments.base)
        if arguments.scope:
            found = preview(REPO, arguments.base, build_report(REPO, model), model, files)
            print(f"content-only={'true' if found.content_only else 'false'}")
            for changed in found.outside_content[:10]:
                print(f"  not content: {changed.path}", file=sys.stderr)
            if len(found.outside_content) > 10:
                print(f"  ... and {len(found.outside_content) - 10} more", file=sys.stderr)
            return 0
    except PreviewError as error:
        print(error.render(), file=sys.stderr)
        return 2
    steps = Steps()
    python = sys.executable
    paths = [changed.path for changed in files] + [changed.old_path for changed in files if changed.old_path]
    steps.run("validator on the changed pages", [python, "scripts/check_changed.py", *paths])
    port = free_port()
    site = arguments.site.resolve()
    built = steps.run("strict build (downloads too)", [python, "-m", "mkdocs", "build", "--strict", "--site-dir",
                                                       str(site)],
                      {"SITE_URL": f"http://127.0.0.1:{port}{BASE_PATH}"})
    hostile = sorted(str(path.relative_to(REPO)) for path in (REPO / "tests").glob("test_hostile*.py"))
    steps.run("hostile-input policy (unit tests)", [python, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                                    "-m", "unit", *hostile])
    found = preview(REPO, arguments.base, build_report(REPO, model), model, files)
    pages = [path for path in found.site_paths() if (site / path / "index.html").is_file() or path == ""]
    if built and pages:
        with tempfile.TemporaryDirectory() as folder:
            output = Path(folder) / "audit.json"
            statement = (REPO / STATEMENT).read_text(encoding="utf-8")

            def judge() -> bool:
                failures = audit_failures(json.loads(output.read_text(encoding="utf-8")), statement)
                print("\n".join(failures) if failures else f"{len(pages)} page(s): no finding", flush=True)
                return not failures

            steps.run(f"browser audit of {len(pages)} page(s)",
                      [python, "tests/site_audit.py", str(site), "--port", str(port), "--json", str(output),
                       "--only", *pages], judge=judge)
    elif not pages:
        print("\n== browser audit: no page of the site changes", flush=True)
    if not found.content_only and found.files:
        print(f"\nThis change also touches {len(found.outside_content)} file(s) outside the content (e.g. "
              f"{found.outside_content[0].path}): the pull request runs the full suite (make test) for it.")
    print(steps.summary())
    return 0 if steps.passed else 1


if __name__ == "__main__":
    sys.exit(main())
