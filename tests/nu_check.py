"""The W3C Nu HTML checker (vnu.jar, pinned in package-lock.json: checkers.NU) over a whole built site,
in one Java process: every .html file below the site's folder, a few seconds for the whole site.

Used by tests/test_nu_html.py; runnable on its own to print the findings: `python tests/nu_check.py SITE_DIR`.
Errors of Material's own markup that the site keeps are listed, each with its reason, in
tests/data/nu_upstream_exceptions.yml; any other error is the site's to fix.
"""

from __future__ import annotations

import json
import re
import resource
import shutil
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from checkers import NU, CheckerMissing

EXCEPTIONS = Path(__file__).resolve().parent / "data" / "nu_upstream_exceptions.yml"
EXCEPTION_FIELDS = {"message", "markup", "owner", "reason", "reviewed"}
NOT_CHECKED = "File was not checked."  # said of each file that is not HTML: not a finding
# Java's quick compiler only (C1): the same findings for less than half the CPU time of a run this short. Its
# frames are larger: the HTML schema then overflows the default 1 MB stack (the checker asks for -Xss).
JAVA_OPTIONS = ["-Xss8m", "-XX:TieredStopAtLevel=1"]


@dataclass(frozen=True)
class Finding:
    page: str  # below the site's folder
    line: int
    kind: str  # "error" (an error, or a file the checker could not read), "warning" or "info"
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.kind}: {self.message}\n    {' '.join(self.extract.split())}"


@dataclass(frozen=True)
class UpstreamError:
    """An error of upstream markup that may stay: `message` and `markup` are regular expressions searched in
    the checker's message and in the markup it quotes."""

    message: str
    markup: str
    owner: str
    reason: str
    reviewed: str

    def covers(self, finding: Finding) -> bool:
        return bool(re.search(self.message, finding.message) and re.search(self.markup, finding.extract))


@dataclass
class NuReport:
    version: str
    checked: list[str]  # the pages it read, below the site's folder
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0
    cpu: float = 0.0  # CPU seconds of the Java process

    def of_kind(self, kind: str) -> list[Finding]:
        return [finding for finding in self.findings if finding.kind == kind]

    def summary(self, exceptions: list[UpstreamError] = ()) -> str:
        errors = self.of_kind("error")
        upstream = [error for error in errors if any(exception.covers(error) for exception in exceptions)]
        lines = [f"Nu HTML checker {self.version}: {len(self.checked)} pages in {self.seconds:.1f} s,"
                 f" CPU time {self.cpu:.1f} s",
                 f"errors: {len(errors) - len(upstream)}, and {len(upstream)} of upstream markup listed in"
                 f" {EXCEPTIONS.name}"]
        # Warnings fail nothing. Those of the Content-Security-Policy are the checker's view of files on disk: it
        # matches no file against 'self', and counts the JSON data blocks (Material's __config, the JSON-LD) as
        # scripts, which browsers never run; the browser audit records the policy's real violations (none).
        for kind in ("error", "warning", "info"):
            for message, count in message_counts(self.of_kind(kind)).most_common():
                lines.append(f"  {count:4} {kind}: {message}")
        return "\n".join(lines)


def message_counts(findings: list[Finding]) -> Counter:
    """The findings' messages, counted alike when they differ only in what they quote (a file name, a value)."""
    return Counter(re.sub(r"“[^”]*”", "“…”", finding.message) for finding in findings)


def java() -> str:
    found = shutil.which("java")
    if not found:
        raise CheckerMissing("java is missing (the Nu HTML checker runs on it): apt-get install default-jre-headless,"
                             " which system-packages.txt lists")
    return found


def check_site(site: Path) -> NuReport:
    """Every HTML file below `site`, in one run of the checker."""
    command = [java(), *JAVA_OPTIONS, "-jar", str(NU.path()), "--format", "json", "--stdout", "--skip-non-html",
               "--verbose", "--exit-zero-always", str(site)]
    started, cpu = time.monotonic(), _children_cpu()
    run = subprocess.run(command, capture_output=True, text=True, timeout=600)
    seconds, cpu = time.monotonic() - started, _children_cpu() - cpu
    if run.returncode != 0 or not run.stdout.startswith("{"):
        raise RuntimeError(f"the Nu HTML checker failed (exit {run.returncode}): {' '.join(command)}\n"
                           f"{run.stdout[-2000:]}{run.stderr[-2000:]}")
    found = json.loads(run.stdout)
    root = site.resolve()

    def below_site(location: str) -> str:
        path = Path(location.removeprefix("file:")).resolve()
        return str(path.relative_to(root)) if path.is_relative_to(root) else location

    checked = sorted(below_site(line.strip()) for line in run.stderr.splitlines() if line.strip().endswith(".html"))
    findings = [Finding(below_site(message.get("url", "")), message.get("lastLine", 0),
                        message.get("subType", "info") if message["type"] == "info" else "error",
                        message.get("message", ""), message.get("extract", ""))
                for message in found["messages"] if not message.get("message", "").startswith(NOT_CHECKED)]
    return NuReport(found["version"], checked, findings, seconds, cpu)


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def load_exceptions(path: Path = EXCEPTIONS) -> list[UpstreamError]:
    """The listed upstream errors; ValueError naming the entry when one lacks a field or has one too many."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    exceptions = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or set(entry) != EXCEPTION_FIELDS:
            keys = sorted(entry) if isinstance(entry, dict) else type(entry).__name__
            raise ValueError(f"{path.name}, entry {number}: has {keys}; each entry has exactly the fields "
                             f"{sorted(EXCEPTION_FIELDS)}")
        exceptions.append(UpstreamError(**{key: str(value) for key, value in entry.items()}))
    return exceptions


if __name__ == "__main__":
    import argparse
    import sys

    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    arguments = parser.parse_args()
    try:
        report = check_site(arguments.site)
    except CheckerMissing as missing:
        sys.exit(f"nu_check.py: {missing}")
    exceptions = load_exceptions()
    print(report.summary(exceptions))
    for error in report.of_kind("error"):
        if not any(exception.covers(error) for exception in exceptions):
            print(error)
